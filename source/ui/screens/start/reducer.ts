// The start screen as data: what the user is trying to fix (chosen from a list), then only the
// questions that goal needs, as a small form, and why something was refused. Pure, so every
// transition and every decision is tested directly.
import type { WizardSettings } from '../../../record/types.js';
import type { HelpItem } from '../../components/help-panel.js';
import type { FooterItem } from '../../keymap.js';
import type { WizardStart } from '../../controller.js';
import type { FieldId, SettingsFormAction, SettingsFormState } from '../settings/reducer.js';
import { initialSettingsForm, settingsFormReducer } from '../settings/reducer.js';

export type Goal = 'domain' | 'send' | 'read' | 'console' | 'lab';

export interface GoalSpec {
  goal: Goal;
  label: string;
  /** What it checks, in a few words. */
  detail: string;
}

export const GOALS: readonly GoalSpec[] = [
  { goal: 'domain', label: 'Mail for my domain does not arrive', detail: 'DNS, MX, port 25' },
  {
    goal: 'send',
    label: 'My mail client or device cannot send',
    detail: 'submission with AUTH',
  },
  { goal: 'read', label: 'I cannot read my mail', detail: 'POP3 or IMAP' },
  { goal: 'console', label: 'Type the commands myself', detail: 'the manual console' },
  { goal: 'lab', label: 'Practice lab', detail: 'no mail server needed' },
];

/** Says why a text cannot be used (a CR, LF or NUL in it, say), or undefined. */
export type TargetCheck = (value: string) => string | undefined;

export interface StartState {
  /** The highlighted row of the list on screen (the goals, or the lab's scenarios). */
  choice: number;
  /** Undefined while choosing. */
  goal?: Goal;
  form?: SettingsFormState;
  error?: string;
}

export type StartAction =
  | { type: 'choose'; goal: Goal }
  | { type: 'back' }
  /** ↑/↓ in the list on screen, of `count` rows. */
  | { type: 'highlight'; by: 1 | -1; count: number }
  | { type: 'form'; action: SettingsFormAction }
  | { type: 'refuse'; message: string; field?: FieldId };

const EMPTY: WizardSettings = { target: '', tls: 'auto', insecure: false, mechanism: 'auto' };

/** The questions each goal asks, in order. */
const QUESTIONS: Record<Goal, ReadonlyArray<{ id: FieldId; label?: string; hint?: string }>> = {
  domain: [{ id: 'target', label: 'Domain', hint: 'example.com, or an address at it' }],
  send: [
    { id: 'target', label: 'Server', hint: 'host or host:port (587 when no port)' },
    { id: 'authUser', label: 'User', hint: 'the login of the mail client' },
    { id: 'password', label: 'Password', hint: 'typed here, kept in memory only' },
    { id: 'to', label: 'Send a test to', hint: 'optional: an address to send a test message to' },
  ],
  read: [
    { id: 'mailboxProtocol', label: 'Protocol' },
    { id: 'mailboxHost', label: 'Server', hint: 'host[:port] (993/995: implicit TLS)' },
    { id: 'mailboxUser', label: 'User', hint: 'the mailbox login' },
    { id: 'password', label: 'Password', hint: 'typed here, kept in memory only' },
  ],
  console: [
    {
      id: 'target',
      label: 'Host:port',
      hint: 'any TCP service, e.g. mail.example.com:25; empty: the practice lab (or lab:587, lab:110, lab:143)',
    },
  ],
  lab: [],
};

export const initialStartState = (): StartState => ({ choice: 0 });

export const formForGoal = (goal: Goal): SettingsFormState | undefined => {
  const only = QUESTIONS[goal];
  if (only.length === 0) return undefined;
  const form = initialSettingsForm(EMPTY, { hasPassword: false, only });
  // Reading mail starts on IMAP, the protocol most clients use today.
  return goal === 'read' ? { ...form, values: { ...form.values, mailboxProtocol: 'imap' } } : form;
};

export const startReducer = (state: StartState, action: StartAction): StartState => {
  switch (action.type) {
    case 'choose': {
      const form = formForGoal(action.goal);
      return { choice: 0, goal: action.goal, ...(form ? { form } : {}) };
    }
    case 'back':
      // Back on the list, on the goal the user came from.
      return {
        choice: Math.max(
          0,
          GOALS.findIndex((g) => g.goal === state.goal),
        ),
      };
    case 'highlight': {
      if (action.count === 0) return state;
      const choice = Math.min(action.count - 1, Math.max(0, state.choice + action.by));
      return choice === state.choice ? state : { ...state, choice };
    }
    case 'form':
      if (!state.form) return state;
      return {
        choice: state.choice,
        goal: state.goal!,
        form: settingsFormReducer(state.form, action.action),
      };
    case 'refuse':
      return {
        ...state,
        ...(state.form
          ? {
              form: settingsFormReducer(state.form, {
                type: 'refuse',
                message: action.message,
                ...(action.field ? { field: action.field } : {}),
              }),
            }
          : { error: action.message }),
      };
  }
};

export type StartDecision =
  | { request: WizardStart }
  | { console: string }
  /** The console on the practice lab's server in the role of this standard port. */
  | { labConsole: number }
  | { refuse: string; field?: FieldId };

/** The lab's servers by the standard port of their role (lab/console-targets.ts has the same). */
const LAB_CONSOLE_ROLES: readonly number[] = [25, 587, 465, 110, 995, 143, 993];

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+)(?::(\d{1,5}))?$/;

/** What "start" asks for, from the answers to the goal's questions; or what is wrong and where. */
export const decideStart = (state: StartState, check: TargetCheck): StartDecision => {
  const values = state.form?.values;
  if (state.goal === 'lab') return { refuse: 'No practice lab here: run mailmedic --lab.' };
  if (!state.goal || !values) return { refuse: 'Choose what you are trying to fix first.' };
  for (const [id, value] of Object.entries(values)) {
    const unsafe = check(value);
    if (unsafe) return { refuse: `That ${unsafe}. Type it on one line.`, field: id as FieldId };
  }
  const target = values.target.trim();
  switch (state.goal) {
    case 'domain': {
      if (!target)
        return { refuse: 'Type the domain whose mail does not arrive.', field: 'target' };
      if (!HOST_PORT.test(target) && !ADDRESS.test(target))
        return { refuse: `"${target}" is not a domain or an address.`, field: 'target' };
      return { request: { input: target } };
    }
    case 'send': {
      if (!target) return { refuse: 'Type the server the client sends through.', field: 'target' };
      const hostPort = HOST_PORT.exec(target);
      if (!hostPort) return { refuse: `"${target}" is not host or host:port.`, field: 'target' };
      const user = values.authUser.trim();
      if (!user) return { refuse: 'Type the user the client logs in as.', field: 'authUser' };
      if (values.password === '')
        return { refuse: `Type the password for ${user}.`, field: 'password' };
      const to = values.to.trim();
      if (to && !ADDRESS.test(to)) return { refuse: `"${to}" is not an address.`, field: 'to' };
      const port = hostPort[2] ? Number(hostPort[2]) : 587;
      return {
        request: {
          input: `${hostPort[1]}:${port}`,
          settings: { authUser: user, to: to ? [to] : [], port },
          password: values.password,
        },
      };
    }
    case 'read': {
      const hostPort = HOST_PORT.exec(values.mailboxHost.trim());
      if (!hostPort)
        return { refuse: 'Type the mailbox server: host or host:port.', field: 'mailboxHost' };
      const user = values.mailboxUser.trim();
      if (!user) return { refuse: 'Type the user the mailbox logs in as.', field: 'mailboxUser' };
      if (values.password === '')
        return { refuse: `Type the password for ${user}.`, field: 'password' };
      const protocol = values.mailboxProtocol === 'pop3' ? 'pop3' : 'imap';
      const port = hostPort[2] ? Number(hostPort[2]) : protocol === 'imap' ? 993 : 995;
      return {
        request: {
          input: `${hostPort[1]}`,
          settings: {
            mailbox: {
              protocol,
              host: hostPort[1]!,
              port,
              tls: port === 993 || port === 995,
              user,
            },
            steps: [protocol],
          },
          password: values.password,
        },
      };
    }
    case 'console': {
      const lab = /^(?:lab(?::(\d+))?)?$/i.exec(target);
      if (lab) {
        const role = lab[1] ? Number(lab[1]) : 25;
        if (!LAB_CONSOLE_ROLES.includes(role))
          return {
            refuse: `The practice lab has servers in the roles of ports ${LAB_CONSOLE_ROLES.join(', ')}, not ${role}.`,
            field: 'target',
          };
        return { labConsole: role };
      }
      if (!HOST_PORT.test(target) || !/:\d+$/.test(target))
        return { refuse: 'Type host:port, e.g. mail.example.com:25.', field: 'target' };
      return { console: target };
    }
  }
};

/** The keys the help screen lists for this screen, besides the global ones. */
export const START_HELP: readonly HelpItem[] = [
  { actions: ['up', 'down'], description: 'Choose what you are trying to fix, or a question' },
  { actions: ['run'], description: 'Choose; type an answer; start' },
  { actions: ['previous', 'next'], keys: '←/→', description: 'Change a choice (protocol)' },
  { actions: ['cancel'], description: 'Stop typing; back to the choices' },
];

export const startFooter = (state: StartState): FooterItem[] => {
  if (!state.goal)
    return [
      { actions: ['up', 'down'], label: 'choose' },
      { actions: ['run'], label: 'go' },
    ];
  if (state.form?.editing)
    return [
      { actions: ['run'], label: 'done' },
      { actions: ['cancel'], label: 'stop typing' },
    ];
  return [
    { actions: ['up', 'down'], label: 'question' },
    {
      actions: ['run'],
      label: state.form && state.form.focus === state.form.fields.length ? 'start' : 'type',
    },
    { actions: ['cancel'], label: 'back' },
  ];
};
