// The settings form as data: one row per setting, the row with focus, the text being typed, and
// why something was refused. Text rows are typed like the start screen's target; choice rows
// cycle with ←/→. Pure: every transition and every refusal is tested directly.
import type { WizardSettings } from '../../../record/types.js';
import type { HelpItem } from '../../components/help-panel.js';
import type { FieldEdit, FooterItem } from '../../keymap.js';

export type FieldId =
  | 'target'
  | 'host'
  | 'port'
  | 'tls'
  | 'insecure'
  | 'caFile'
  | 'ehlo'
  | 'authUser'
  | 'mechanism'
  | 'password'
  | 'plaintextAuth'
  | 'from'
  | 'to'
  | 'mailboxProtocol'
  | 'mailboxHost'
  | 'mailboxUser'
  | 'resolver';

export interface FieldSpec {
  id: FieldId;
  label: string;
  /** Shown dim when the value is empty. */
  hint: string;
  /** Choice rows cycle through these; text rows have none. */
  choices?: readonly string[];
  masked?: boolean;
}

export const FIELDS: readonly FieldSpec[] = [
  { id: 'target', label: 'Target', hint: 'domain, address, host or host:port' },
  { id: 'host', label: 'SMTP host', hint: "from the domain's MX records" },
  { id: 'port', label: 'Port', hint: '25 for a domain, else from the target' },
  { id: 'tls', label: 'TLS', hint: '', choices: ['auto', 'starttls', 'implicit', 'none'] },
  { id: 'insecure', label: 'Unverified cert', hint: '', choices: ['refuse', 'accept'] },
  { id: 'caFile', label: 'CA file', hint: 'a PEM file of a private CA to trust' },
  { id: 'ehlo', label: 'EHLO name', hint: "this machine's name" },
  { id: 'authUser', label: 'Auth user', hint: 'none: no authentication' },
  {
    id: 'mechanism',
    label: 'Mechanism',
    hint: '',
    choices: ['auto', 'plain', 'login', 'cram-md5', 'xoauth2'],
  },
  { id: 'password', label: 'Password', hint: 'not set', masked: true },
  // Passwords over a connection without TLS: `ask` (the wizard's question, each run) or `send`
  // (as --plaintext-auth, which the row starts from). Either way sent in clear is an error finding.
  { id: 'plaintextAuth', label: 'Password w/o TLS', hint: '', choices: ['ask', 'send'] },
  { id: 'from', label: 'Envelope from', hint: 'the auth user, or mailmedic@EHLO name' },
  { id: 'to', label: 'Envelope to', hint: 'none: nothing is sent (commas between several)' },
  { id: 'mailboxProtocol', label: 'Mailbox', hint: '', choices: ['none', 'imap', 'pop3'] },
  { id: 'mailboxHost', label: 'Mailbox host', hint: 'host[:port] (993/995: implicit TLS)' },
  { id: 'mailboxUser', label: 'Mailbox user', hint: 'the auth user' },
  { id: 'resolver', label: 'Resolver', hint: "the system's own; or IP[:port]" },
];

export type FieldValues = Record<FieldId, string>;

export interface SettingsFormState {
  /** The rows this form shows (the start screen asks only what the user's goal needs). */
  fields: readonly FieldSpec[];
  values: FieldValues;
  /** The values the form opened with, to tell what changed. */
  initial: FieldValues;
  /** Index into fields; fields.length is the "use these settings" row. */
  focus: number;
  editing: boolean;
  cursor: number;
  /** A password was held when the form opened. */
  hadPassword: boolean;
  error?: string;
}

export type SettingsFormAction =
  | { type: 'move'; by: 1 | -1 }
  | { type: 'focusField'; id: FieldId }
  | { type: 'edit' }
  | { type: 'stopEditing' }
  | { type: 'cycle'; by: 1 | -1 }
  | {
      type: 'field';
      edit: Exclude<FieldEdit, { kind: 'submit' }>;
      check: (text: string) => string | undefined;
    }
  | { type: 'refuse'; message: string; field?: FieldId };

const fieldIndexIn = (fields: readonly FieldSpec[], id: FieldId): number =>
  fields.findIndex((f) => f.id === id);
/** The row after the fields: "use these settings". */
export const saveRow = (state: SettingsFormState): number => state.fields.length;

/** The form's rows from the settings the run has now (the password is never shown). */
export const valuesFromSettings = (settings: WizardSettings): FieldValues => ({
  target: settings.target,
  host: settings.host ?? '',
  port: settings.port !== undefined ? String(settings.port) : '',
  tls: settings.tls,
  insecure: settings.insecure ? 'accept' : 'refuse',
  plaintextAuth: settings.plaintextAuth ? 'send' : 'ask',
  caFile: settings.caFiles?.[0] ?? '',
  ehlo: settings.ehlo ?? '',
  authUser: settings.authUser ?? '',
  mechanism: settings.mechanism ?? 'auto',
  password: '',
  from: settings.from ?? '',
  to: (settings.to ?? []).join(', '),
  mailboxProtocol: settings.mailbox?.protocol ?? 'none',
  mailboxHost: settings.mailbox
    ? `${settings.mailbox.host}${settings.mailbox.port !== undefined ? `:${settings.mailbox.port}` : ''}`
    : '',
  mailboxUser: settings.mailbox?.user ?? '',
  resolver: settings.resolvers?.[0] ?? '',
});

export const initialSettingsForm = (
  settings: WizardSettings,
  options: {
    hasPassword: boolean;
    focus?: FieldId;
    /** Only these rows, with these labels and hints (the start screen's questions). */
    only?: ReadonlyArray<{ id: FieldId; label?: string; hint?: string }>;
  },
): SettingsFormState => {
  const values = valuesFromSettings(settings);
  const fields = options.only
    ? options.only.map((row) => {
        const spec = FIELDS.find((f) => f.id === row.id)!;
        return {
          ...spec,
          ...(row.label ? { label: row.label } : {}),
          ...(row.hint ? { hint: row.hint } : {}),
        };
      })
    : FIELDS;
  return {
    fields,
    values,
    initial: values,
    focus: options.focus ? Math.max(0, fieldIndexIn(fields, options.focus)) : 0,
    editing: false,
    cursor: 0,
    hadPassword: options.hasPassword,
  };
};

const withoutError = (state: SettingsFormState): SettingsFormState => {
  if (state.error === undefined) return state;
  const { error: _error, ...rest } = state;
  return rest;
};

export const focusedField = (state: SettingsFormState): FieldSpec | undefined =>
  state.fields[state.focus];

export const settingsFormReducer = (
  state: SettingsFormState,
  action: SettingsFormAction,
): SettingsFormState => {
  const field = focusedField(state);
  switch (action.type) {
    case 'move': {
      const focus = Math.min(saveRow(state), Math.max(0, state.focus + action.by));
      return focus === state.focus ? state : { ...withoutError(state), focus, editing: false };
    }
    case 'focusField':
      return {
        ...state,
        focus: Math.max(0, fieldIndexIn(state.fields, action.id)),
        editing: false,
      };
    case 'edit': {
      if (!field || field.choices) return state;
      const cursor = [...state.values[field.id]].length;
      return { ...withoutError(state), editing: true, cursor };
    }
    case 'stopEditing':
      return state.editing ? { ...state, editing: false } : state;
    case 'cycle': {
      if (!field?.choices) return state;
      const choices = field.choices;
      const index = choices.indexOf(state.values[field.id]);
      const next = choices[(index + action.by + choices.length) % choices.length] ?? choices[0]!;
      return { ...withoutError(state), values: { ...state.values, [field.id]: next } };
    }
    case 'field': {
      if (!field || !state.editing) return state;
      const chars = [...state.values[field.id]];
      const set = (next: string[], cursor: number): SettingsFormState => {
        const values = { ...state.values, [field.id]: next.join('') };
        return {
          ...withoutError(state),
          values,
          cursor: Math.min(next.length, Math.max(0, cursor)),
        };
      };
      switch (action.edit.kind) {
        case 'insert': {
          const unsafe = action.check(action.edit.text);
          if (unsafe) return { ...state, error: `${field.label} ${unsafe}. Type it on one line.` };
          const text = [...action.edit.text];
          chars.splice(state.cursor, 0, ...text);
          return set(chars, state.cursor + text.length);
        }
        case 'erase':
          if (state.cursor === 0) return state;
          chars.splice(state.cursor - 1, 1);
          return set(chars, state.cursor - 1);
        case 'move': {
          const to = {
            left: state.cursor - 1,
            right: state.cursor + 1,
            home: 0,
            end: chars.length,
          };
          return set(chars, to[action.edit.to]);
        }
        case 'clear':
          return set(chars.slice(state.cursor), 0);
      }
      return state;
    }
    case 'refuse': {
      const found = action.field ? fieldIndexIn(state.fields, action.field) : -1;
      const focus = found >= 0 ? found : state.focus;
      return { ...state, error: action.message, focus, editing: false };
    }
  }
};

/** Whether the password must be typed again: the auth user changed and none was typed. */
export const passwordNeeded = (state: SettingsFormState): boolean => {
  const user = state.values.authUser.trim() || state.values.mailboxUser.trim();
  if (!user) return false;
  if (state.values.password !== '') return false;
  const changed =
    state.values.authUser.trim() !== state.initial.authUser.trim() ||
    state.values.mailboxUser.trim() !== state.initial.mailboxUser.trim();
  return changed || !state.hadPassword;
};

const list = (text: string): string[] =>
  text
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter(Boolean);

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+)(?::(\d{1,5}))?$/;

export type FormResult =
  { settings: WizardSettings; password?: string } | { refuse: string; field: FieldId };

const portOf = (text: string): number | undefined => {
  const port = Number(text);
  return /^\d+$/.test(text) && port >= 1 && port <= 65535 ? port : undefined;
};

/**
 * The settings the form says, checked; or what is wrong and where. `base` supplies what the form
 * does not show (the steps of the user's goal, the MX offset).
 */
export const settingsFromForm = (state: SettingsFormState, base: WizardSettings): FormResult => {
  const v = state.values;
  const target = v.target.trim();
  if (!target)
    return { refuse: 'The target is empty: type a domain, an address or a host.', field: 'target' };
  const settings: WizardSettings = {
    ...(base.steps ? { steps: base.steps } : {}),
    target,
    tls: v.tls as WizardSettings['tls'],
    insecure: v.insecure === 'accept',
    mechanism: v.mechanism,
  };
  if (v.plaintextAuth === 'send') settings.plaintextAuth = true;
  if (v.host.trim()) {
    if (!HOST_PORT.test(v.host.trim()) || v.host.includes(':'))
      return {
        refuse: `"${v.host.trim()}" is not a host name or address (the port has its own row).`,
        field: 'host',
      };
    settings.host = v.host.trim();
  }
  if (v.port.trim()) {
    const port = portOf(v.port.trim());
    if (port === undefined)
      return { refuse: `"${v.port.trim()}" is not a port (1-65535).`, field: 'port' };
    settings.port = port;
  }
  if (v.caFile.trim()) settings.caFiles = [v.caFile.trim()];
  if (v.ehlo.trim()) {
    if (/\s/.test(v.ehlo.trim()))
      return { refuse: 'The EHLO name is one word, without spaces.', field: 'ehlo' };
    settings.ehlo = v.ehlo.trim();
  }
  if (v.authUser.trim()) settings.authUser = v.authUser.trim();
  if (v.from.trim()) {
    if (!ADDRESS.test(v.from.trim()))
      return { refuse: `"${v.from.trim()}" is not an address (user@domain).`, field: 'from' };
    settings.from = v.from.trim();
  }
  const to = list(v.to);
  const bad = to.find((address) => !ADDRESS.test(address));
  if (bad) return { refuse: `"${bad}" is not an address (user@domain).`, field: 'to' };
  settings.to = to;
  if (v.mailboxProtocol !== 'none') {
    const hostPort = HOST_PORT.exec(v.mailboxHost.trim());
    if (!hostPort)
      return { refuse: 'The mailbox needs its server: host or host:port.', field: 'mailboxHost' };
    const port = hostPort[2] !== undefined ? portOf(hostPort[2]) : undefined;
    if (hostPort[2] !== undefined && port === undefined)
      return { refuse: `"${hostPort[2]}" is not a port (1-65535).`, field: 'mailboxHost' };
    const protocol = v.mailboxProtocol as 'pop3' | 'imap';
    const user = v.mailboxUser.trim() || v.authUser.trim();
    if (!user) return { refuse: 'The mailbox needs a user to log in as.', field: 'mailboxUser' };
    settings.mailbox = {
      protocol,
      host: hostPort[1]!.replace(/^\[|\]$/g, ''),
      ...(port !== undefined ? { port, tls: port === 993 || port === 995 } : {}),
      user,
    };
  }
  if (v.resolver.trim()) {
    if (!HOST_PORT.test(v.resolver.trim()))
      return { refuse: `"${v.resolver.trim()}" is not IP[:port].`, field: 'resolver' };
    settings.resolvers = [v.resolver.trim()];
  }
  if (base.skipMx && target === base.target) settings.skipMx = base.skipMx;
  if (passwordNeeded(state)) {
    const who = settings.authUser ?? settings.mailbox?.user ?? '';
    return {
      refuse: `Type the password for ${who}: it is asked again when the user changes.`,
      field: 'password',
    };
  }
  return v.password !== '' ? { settings, password: v.password } : { settings };
};

export const SETTINGS_HELP: readonly HelpItem[] = [
  { actions: ['up', 'down'], description: 'Move between the settings' },
  { actions: ['run'], description: 'Type in the setting, finish typing, or use the settings' },
  { actions: ['previous', 'next'], keys: '←/→', description: 'Change a choice (TLS, mechanism…)' },
  { actions: ['cancel'], description: 'Stop typing; close the form without changing anything' },
];

export const settingsFooter = (state: SettingsFormState): FooterItem[] => {
  if (state.editing)
    return [
      { actions: ['run'], label: 'done' },
      { actions: ['cancel'], label: 'stop typing' },
    ];
  const field = focusedField(state);
  return [
    { actions: ['up', 'down'], label: 'setting' },
    field?.choices
      ? { actions: ['previous', 'next'], label: 'change' }
      : { actions: ['run'], label: field ? 'type' : 'use these' },
    { actions: ['cancel'], label: 'close' },
  ];
};
