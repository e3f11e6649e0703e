// The start screen as data: which row has focus, the target being typed (text and cursor), the
// chosen lab scenario, and why something was refused. Pure, so every transition is tested directly.
import type { WizardStart } from '../../controller.js';
import type { HelpItem } from '../../components/help-panel.js';
import type { FieldEdit, FooterItem } from '../../keymap.js';

export type StartFocus = 'target' | 'lab';

export interface StartState {
  focus: StartFocus;
  editing: boolean;
  target: string;
  /** Cursor in the target, in code points. */
  cursor: number;
  /** Index into the lab scenarios. */
  scenario: number;
  error?: string;
}

export type StartAction =
  | { type: 'toggleFocus' }
  | { type: 'edit' }
  | { type: 'stopEditing' }
  | { type: 'insert'; text: string }
  | { type: 'erase' }
  | { type: 'cursor'; to: 'left' | 'right' | 'home' | 'end' }
  | { type: 'clear' }
  | { type: 'scenario'; by: 1 | -1; count: number }
  | { type: 'refuse'; message: string };

/** Says why a target cannot be used (a CR, LF or NUL in it, say), or undefined. */
export type TargetCheck = (value: string) => string | undefined;

/**
 * The target from the command line fills the field, unless it holds a character the field would
 * refuse: then the field starts empty and the message says why.
 */
export const initialStartState = (
  options: { target?: string; scenarios?: readonly string[]; check?: TargetCheck } = {},
): StartState => {
  const healthy = options.scenarios?.indexOf('healthy') ?? -1;
  const given = options.target ?? '';
  const unsafe = options.check?.(given);
  const target = unsafe ? '' : given;
  return {
    focus: 'target',
    editing: false,
    target,
    cursor: [...target].length,
    scenario: Math.max(0, healthy),
    ...(unsafe ? { error: `The target on the command line ${unsafe}. Type it on one line.` } : {}),
  };
};

const withoutError = (state: StartState): StartState => {
  if (state.error === undefined) return state;
  const { error: _error, ...rest } = state;
  return rest;
};

const withTarget = (state: StartState, chars: string[], cursor: number): StartState => ({
  ...withoutError(state),
  target: chars.join(''),
  cursor: Math.min(chars.length, Math.max(0, cursor)),
});

export const startReducer = (state: StartState, action: StartAction): StartState => {
  const chars = [...state.target];
  switch (action.type) {
    case 'toggleFocus':
      return {
        ...withoutError(state),
        focus: state.focus === 'target' ? 'lab' : 'target',
        editing: false,
      };
    case 'edit':
      return { ...state, focus: 'target', editing: true, cursor: chars.length };
    case 'stopEditing':
      return { ...state, editing: false };
    case 'insert': {
      const text = [...action.text];
      chars.splice(state.cursor, 0, ...text);
      return withTarget(state, chars, state.cursor + text.length);
    }
    case 'erase':
      if (state.cursor === 0) return state;
      chars.splice(state.cursor - 1, 1);
      return withTarget(state, chars, state.cursor - 1);
    case 'cursor': {
      const to = { left: state.cursor - 1, right: state.cursor + 1, home: 0, end: chars.length };
      return withTarget(state, chars, to[action.to]);
    }
    case 'clear':
      return withTarget(state, chars.slice(state.cursor), 0);
    case 'scenario': {
      if (state.focus !== 'lab' || action.count === 0) return state;
      const scenario = (state.scenario + action.by + action.count) % action.count;
      return { ...withoutError(state), scenario };
    }
    case 'refuse':
      // Back into the field, so the user can fix what was refused right away.
      return { ...state, error: action.message, editing: state.focus === 'target' };
  }
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A key or a paste edits the field. Text with a CR, LF or NUL is refused on the spot, with the
 * reason, rather than shown as a line break in the field and refused later.
 */
export const fieldAction = (
  edit: Exclude<FieldEdit, { kind: 'submit' }>,
  check: TargetCheck,
): StartAction => {
  switch (edit.kind) {
    case 'insert': {
      const unsafe = check(edit.text);
      if (unsafe) {
        return {
          type: 'refuse',
          message: `Not inserted: the target ${unsafe}. Type it on one line.`,
        };
      }
      // Other control characters are no use in a host name, and would act on the terminal.
      if (CONTROL.test(edit.text)) {
        return {
          type: 'refuse',
          message: 'Not inserted: the target must not contain control characters.',
        };
      }
      return { type: 'insert', text: edit.text };
    }
    case 'erase':
      return { type: 'erase' };
    case 'move':
      return { type: 'cursor', to: edit.to };
    case 'clear':
      return { type: 'clear' };
  }
};

/** Why the typed target cannot start a diagnosis, or undefined when it can. */
export const targetProblem = (value: string, check: TargetCheck): string | undefined => {
  const unsafe = check(value);
  if (unsafe) return `The target ${unsafe}. Type it on one line.`;
  if (value.trim() === '') return 'Type a domain, an address, a host, or host:port first.';
  return undefined;
};

export type StartDecision = { request: WizardStart } | { refuse: string };

/** What pressing enter asks for: a diagnosis of the typed target, the chosen lab, or nothing and why. */
export const decideStart = (
  state: StartState,
  scenarios: readonly string[],
  check: TargetCheck,
): StartDecision => {
  if (state.focus === 'lab') {
    const lab = scenarios[state.scenario];
    return lab === undefined
      ? { refuse: 'The practice lab is not available here.' }
      : { request: { lab } };
  }
  const problem = targetProblem(state.target, check);
  return problem ? { refuse: problem } : { request: { input: state.target.trim() } };
};

/** The keys the help screen lists for this screen, besides the global ones. */
export const START_HELP: readonly HelpItem[] = [
  { actions: ['run'], description: 'Type the target, start the diagnosis or the lab' },
  { actions: ['edit'], description: 'Type the target' },
  { actions: ['focus'], description: 'Switch between target and lab' },
  { actions: ['up', 'down'], description: 'Switch between target and lab' },
  { actions: ['previous', 'next'], keys: '←/→', description: 'Choose the lab scenario' },
  { actions: ['cancel'], description: 'Stop typing' },
];

export const startFooter = (state: StartState): FooterItem[] => {
  if (state.editing) {
    return [
      { actions: ['run'], label: 'start' },
      { actions: ['cancel'], label: 'stop typing' },
      { actions: ['focus'], label: 'lab' },
    ];
  }
  if (state.focus === 'lab') {
    return [
      { actions: ['run'], label: 'start lab' },
      { actions: ['previous', 'next'], label: 'scenario' },
      { actions: ['focus'], label: 'target' },
    ];
  }
  return [
    { actions: ['run'], label: 'type target' },
    { actions: ['focus'], label: 'lab' },
  ];
};
