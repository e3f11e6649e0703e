// The step screen as data: which rail entry the user pinned (none: follow the run), which pane has
// focus, where the transcript is scrolled, which finding to bring into view, and the proposed
// command being edited. Pure; geometry comes in with the actions.
import { STEP_IDS } from '../../../record/types.js';
import type { StepId } from '../../../record/types.js';
import type { HelpItem } from '../../components/help-panel.js';
import type { FieldEdit, FooterItem } from '../../keymap.js';

/** The rail's entries: the nine steps, then the findings overview. */
export type ViewId = StepId | 'findings';
export const VIEW_IDS: readonly ViewId[] = [...STEP_IDS, 'findings'];

export type StepFocus = 'rail' | 'transcript' | 'actions';

/** `follow`: stick to the newest line (or the finding in view) until the user scrolls. */
export interface Scroll {
  top: number;
  follow: boolean;
}

/** The proposed command, being edited before it goes out. */
export interface CommandEdit {
  /** The proposal this edit answers. */
  id: number;
  line: string;
  /** In code points. */
  cursor: number;
  error?: string;
}

export interface StepScreenState {
  /** The entry the user chose to look at; undefined follows the step being run. */
  pinned?: ViewId;
  focus: StepFocus;
  scroll: Scroll;
  /** The finding to bring into view on the pinned step (chosen in the overview). */
  finding?: string;
  edit?: CommandEdit;
  /** The highlighted row of the list on screen (an action, or a finding in the overview). */
  choice?: number;
}

export type StepScreenAction =
  /** `from`: the entry on screen when nothing is pinned yet (the one being followed). */
  | { type: 'move'; by: 1 | -1; from: ViewId }
  /** Up or down: moves the step while the rail has focus, scrolls while the transcript has. */
  | { type: 'line'; by: 1 | -1; from: ViewId; total: number; height: number; anchor?: number }
  | { type: 'select'; id: ViewId; finding?: string }
  /** Back to following the run (a new run started from an action). */
  | { type: 'follow' }
  /** `actions`: whether the step on screen offers actions (tab visits them only then). */
  | { type: 'toggleFocus'; actions: boolean }
  | { type: 'focus'; to: StepFocus }
  | { type: 'scroll'; by: number; total: number; height: number; anchor?: number }
  | { type: 'startEdit'; id: number; line: string }
  | {
      type: 'edit';
      edit: Exclude<FieldEdit, { kind: 'submit' }>;
      check: (text: string) => string | undefined;
    }
  | { type: 'stopEdit' }
  /** ↑/↓ in the list on screen, of `count` rows. */
  | { type: 'highlight'; by: 1 | -1; count: number };

export const FOLLOW: Scroll = { top: 0, follow: true };

export const initialStepScreenState = (): StepScreenState => ({ focus: 'rail', scroll: FOLLOW });

const maxTop = (total: number, height: number): number => Math.max(0, total - Math.max(1, height));

/**
 * The first row shown, for a transcript of `total` rows in a window of `height`. Following, the
 * window shows the tail, or from `anchor` (a finding's first row) when one is given.
 */
export const visibleTop = (
  scroll: Scroll,
  total: number,
  height: number,
  anchor?: number,
): number =>
  scroll.follow
    ? Math.min(anchor ?? Number.POSITIVE_INFINITY, maxTop(total, height))
    : Math.min(scroll.top, maxTop(total, height));

/** What belongs to the entry on screen: the finding in view and the list's highlight. */
const withoutFinding = (state: StepScreenState): StepScreenState => {
  if (state.finding === undefined && state.choice === undefined) return state;
  const { finding: _finding, choice: _choice, ...rest } = state;
  return rest;
};

const editReducer = (
  edit: CommandEdit,
  action: Extract<StepScreenAction, { type: 'edit' }>,
): CommandEdit => {
  const chars = [...edit.line];
  const at = (line: string[], cursor: number): CommandEdit => {
    const { error: _error, ...rest } = edit;
    return { ...rest, line: line.join(''), cursor: Math.min(line.length, Math.max(0, cursor)) };
  };
  switch (action.edit.kind) {
    case 'insert': {
      const problem = action.check(action.edit.text);
      if (problem) return { ...edit, error: `The command ${problem}; it must stay one line.` };
      const text = [...action.edit.text];
      chars.splice(edit.cursor, 0, ...text);
      return at(chars, edit.cursor + text.length);
    }
    case 'erase':
      if (edit.cursor === 0) return edit;
      chars.splice(edit.cursor - 1, 1);
      return at(chars, edit.cursor - 1);
    case 'move': {
      const to = { left: edit.cursor - 1, right: edit.cursor + 1, home: 0, end: chars.length };
      return at(chars, to[action.edit.to]);
    }
    case 'clear':
      return at(chars.slice(edit.cursor), 0);
  }
};

export const stepScreenReducer = (
  state: StepScreenState,
  action: StepScreenAction,
): StepScreenState => {
  switch (action.type) {
    case 'move': {
      const from = state.pinned ?? action.from;
      const index = VIEW_IDS.indexOf(from) + action.by;
      const id = VIEW_IDS[Math.min(VIEW_IDS.length - 1, Math.max(0, index))] ?? from;
      if (id === state.pinned) return state;
      return { ...withoutFinding(state), pinned: id, scroll: FOLLOW, focus: refocus(state.focus) };
    }
    case 'line':
      return state.focus === 'rail'
        ? stepScreenReducer(state, { type: 'move', by: action.by, from: action.from })
        : stepScreenReducer(state, {
            type: 'scroll',
            by: action.by,
            total: action.total,
            height: action.height,
            ...(action.anchor !== undefined ? { anchor: action.anchor } : {}),
          });
    case 'select':
      return {
        ...withoutFinding(state),
        pinned: action.id,
        scroll: FOLLOW,
        focus: refocus(state.focus),
        ...(action.finding ? { finding: action.finding } : {}),
      };
    case 'follow': {
      const { pinned: _pinned, edit: _edit, ...rest } = withoutFinding(state);
      return { ...rest, scroll: FOLLOW, focus: refocus(state.focus) };
    }
    case 'toggleFocus': {
      const order: StepFocus[] = action.actions
        ? ['rail', 'transcript', 'actions']
        : ['rail', 'transcript'];
      const next = order[(order.indexOf(state.focus) + 1) % order.length] ?? 'rail';
      return { ...state, focus: next };
    }
    case 'focus':
      return state.focus === action.to ? state : { ...state, focus: action.to };
    case 'scroll': {
      const limit = maxTop(action.total, action.height);
      const top = Math.min(
        limit,
        Math.max(
          0,
          visibleTop(state.scroll, action.total, action.height, action.anchor) + action.by,
        ),
      );
      return { ...state, scroll: { top, follow: top >= limit } };
    }
    case 'startEdit':
      return {
        ...state,
        edit: { id: action.id, line: action.line, cursor: [...action.line].length },
      };
    case 'edit':
      return state.edit ? { ...state, edit: editReducer(state.edit, action) } : state;
    case 'highlight': {
      if (action.count === 0) return state;
      const choice = Math.min(action.count - 1, Math.max(0, (state.choice ?? 0) + action.by));
      return choice === (state.choice ?? 0) ? state : { ...state, choice };
    }
    case 'stopEdit': {
      if (!state.edit) return state;
      const { edit: _edit, ...rest } = state;
      return rest;
    }
  }
};

/** Leaving a step leaves its actions list; the rail or transcript keeps focus. */
const refocus = (focus: StepFocus): StepFocus => (focus === 'actions' ? 'rail' : focus);

/** The keys the help screen lists for this screen, besides the global ones. */
export const STEP_HELP: readonly HelpItem[] = [
  { actions: ['run'], description: 'Send the proposed command, run the step, or run it again' },
  { actions: ['edit'], description: 'Edit the proposed command before it is sent (not secrets)' },
  { actions: ['skip'], description: 'Skip this step; it is recorded as skipped' },
  { actions: ['runAll'], description: 'Run the remaining steps, stop at the first error' },
  { actions: ['settings'], description: 'Change the settings; they apply to the next run' },
  { actions: ['console'], description: 'Open the manual console on this target' },
  { actions: ['cancel'], description: 'Cancel the wait in progress, or stop editing' },
  { actions: ['next'], description: 'Next step' },
  { actions: ['previous'], description: 'Previous step' },
  { actions: ['up', 'down'], description: 'Move between steps, scroll, or choose an action' },
  { actions: ['pageUp', 'pageDown'], description: 'Scroll the transcript a page' },
  { actions: ['focus'], description: 'Switch between steps, transcript and actions' },
];

export interface FooterContext {
  /** A proposal is waiting on the step on screen. */
  pending?: { editable: boolean };
  waiting?: boolean;
  actions?: boolean;
  findings?: boolean;
}

export const stepFooter = (state: StepScreenState, context: FooterContext = {}): FooterItem[] => {
  if (state.edit)
    return [
      { actions: ['run'], label: 'send' },
      { actions: ['cancel'], label: 'stop editing' },
    ];
  if (state.pinned === 'findings' && context.findings)
    return [
      { actions: ['up', 'down'], label: 'finding' },
      { actions: ['run'], label: 'go to its step' },
      { actions: ['previous', 'next'], label: 'step' },
      { actions: ['settings'] },
    ];
  if (state.focus === 'actions' && context.actions)
    return [
      { actions: ['up', 'down'], label: 'action' },
      { actions: ['run'], label: 'take it' },
      { actions: ['focus'], label: 'steps' },
      { actions: ['settings'] },
    ];
  const items: FooterItem[] = [];
  if (context.waiting) items.push({ actions: ['cancel'], label: 'cancel wait' });
  if (context.pending) {
    items.push({ actions: ['run'], label: 'send' });
    if (context.pending.editable) items.push({ actions: ['edit'] });
    items.push({ actions: ['skip'] }, { actions: ['runAll'] });
  } else if (!context.waiting) items.push({ actions: ['run'], label: 'run' });
  items.push(
    { actions: ['settings'] },
    { actions: ['console'] },
    { actions: ['previous', 'next'], label: 'step' },
    {
      actions: ['focus'],
      label:
        state.focus === 'rail'
          ? 'transcript'
          : context.actions && state.focus === 'transcript'
            ? 'actions'
            : 'steps',
    },
    { actions: ['up', 'down'], label: state.focus === 'rail' ? 'step' : 'scroll' },
    { actions: ['pageUp', 'pageDown'], label: 'page' },
  );
  return items;
};
