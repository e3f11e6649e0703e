// The console screen's state: the line being typed, its history, how far the transcript is
// scrolled, and the auth helper's two questions. Pure: keys come in as messages, lines to send
// go out in `outbox` for the input hook to hand to the controller.
import type { FieldEdit } from '../../keymap.js';
import type { HelpItem } from '../../components/help-panel.js';
import type { FooterItem } from '../../keymap.js';

export const MAX_HISTORY = 200;

export interface ConsoleScreen {
  input: string;
  cursor: number;
  /** The line editor has the keys (otherwise q, ?, l act). */
  typing: boolean;
  history: string[];
  /** Position while browsing the history with ↑/↓; undefined when editing a new line. */
  historyIndex?: number;
  /** What was typed before browsing started. */
  draft: string;
  /** Rows scrolled up from the bottom (0 follows the newest). */
  scroll: number;
  /** Complete lines typed or pasted, waiting for the hook to send them. */
  outbox: string[];
  /** The auth helper: the user was given, the password is being typed. */
  credentials?: { stage: 'user' } | { stage: 'password'; user: string };
  helpOpen: boolean;
  /** The "more" panel about the newest explained server line in view. */
  more: boolean;
}

export const initialConsoleScreen = (): ConsoleScreen => ({
  input: '',
  cursor: 0,
  typing: true,
  history: [],
  draft: '',
  scroll: 0,
  outbox: [],
  helpOpen: false,
  more: false,
});

export type ConsoleMessage =
  | { type: 'edit'; edit: FieldEdit }
  | { type: 'sent'; history: string[] }
  | { type: 'historyUp' }
  | { type: 'historyDown' }
  | { type: 'scroll'; rows: number; max: number }
  | { type: 'typing'; on: boolean }
  | { type: 'help'; open: boolean }
  | { type: 'more'; open: boolean }
  | { type: 'askUser' }
  | { type: 'askPassword'; user: string }
  | { type: 'askDone' };

const chars = (s: string): string[] => [...s];

const withInput = (
  state: ConsoleScreen,
  input: string,
  cursor = chars(input).length,
): ConsoleScreen => ({
  ...state,
  input,
  cursor,
});

/** A paste may carry line breaks: the complete lines go out, the rest stays in the editor. */
const insert = (state: ConsoleScreen, text: string): ConsoleScreen => {
  const before = chars(state.input).slice(0, state.cursor).join('');
  const after = chars(state.input).slice(state.cursor).join('');
  const combined = `${before}${text}`;
  if (!/[\r\n]/.test(combined)) {
    return withInput(state, `${combined}${after}`, chars(combined).length);
  }
  const pieces = combined.replace(/\r\n?/g, '\n').split('\n');
  const rest = pieces.pop() ?? '';
  // Secrets typed at the helper's questions never become lines to send.
  if (state.credentials) return withInput(state, `${rest}${after}`, chars(rest).length);
  return {
    ...withInput(state, `${rest}${after}`, chars(rest).length),
    outbox: [...state.outbox, ...pieces],
    historyIndex: undefined,
    scroll: 0,
  };
};

export const consoleReducer = (state: ConsoleScreen, message: ConsoleMessage): ConsoleScreen => {
  switch (message.type) {
    case 'edit': {
      const { edit } = message;
      const list = chars(state.input);
      switch (edit.kind) {
        case 'insert':
          return insert(state, edit.text);
        case 'erase':
          if (state.cursor === 0) return state;
          return withInput(
            state,
            [...list.slice(0, state.cursor - 1), ...list.slice(state.cursor)].join(''),
            state.cursor - 1,
          );
        case 'move': {
          const to =
            edit.to === 'home'
              ? 0
              : edit.to === 'end'
                ? list.length
                : Math.max(0, Math.min(list.length, state.cursor + (edit.to === 'left' ? -1 : 1)));
          return to === state.cursor ? state : { ...state, cursor: to };
        }
        case 'clear':
          return withInput(state, '', 0);
        case 'submit':
          if (state.credentials) return state;
          return {
            ...withInput(state, '', 0),
            outbox: [...state.outbox, state.input],
            historyIndex: undefined,
            scroll: 0,
          };
      }
      return state;
    }
    case 'sent': {
      const added = message.history.filter((h) => h.trim() !== '');
      const history = [...state.history];
      for (const line of added) if (history.at(-1) !== line) history.push(line);
      return { ...state, outbox: [], history: history.slice(-MAX_HISTORY) };
    }
    case 'historyUp': {
      if (state.history.length === 0 || state.credentials) return state;
      const index =
        state.historyIndex === undefined
          ? state.history.length - 1
          : Math.max(0, state.historyIndex - 1);
      const draft = state.historyIndex === undefined ? state.input : state.draft;
      return { ...withInput(state, state.history[index] ?? ''), historyIndex: index, draft };
    }
    case 'historyDown': {
      if (state.historyIndex === undefined) return state;
      const index = state.historyIndex + 1;
      if (index >= state.history.length)
        return { ...withInput(state, state.draft), historyIndex: undefined };
      return { ...withInput(state, state.history[index] ?? ''), historyIndex: index };
    }
    case 'scroll': {
      const scroll = Math.max(0, Math.min(message.max, state.scroll + message.rows));
      return scroll === state.scroll ? state : { ...state, scroll };
    }
    case 'typing':
      return state.typing === message.on ? state : { ...state, typing: message.on };
    case 'help':
      return state.helpOpen === message.open ? state : { ...state, helpOpen: message.open };
    case 'more':
      return state.more === message.open ? state : { ...state, more: message.open };
    case 'askUser':
      return { ...withInput(state, '', 0), credentials: { stage: 'user' }, typing: true };
    case 'askPassword':
      return { ...withInput(state, '', 0), credentials: { stage: 'password', user: message.user } };
    case 'askDone': {
      const { credentials: _gone, ...rest } = state;
      return withInput(rest, '', 0);
    }
  }
};

export const CONSOLE_HELP: readonly HelpItem[] = [
  { actions: ['run'], description: 'Send the line; on a held line: send it anyway' },
  {
    actions: ['cancel'],
    description: 'Drop a held line; otherwise stop typing (then q quits, l starts a lesson)',
  },
  { actions: ['up', 'down'], description: 'While typing: earlier and later lines (history)' },
  { actions: ['pageUp', 'pageDown'], description: 'Scroll the transcript' },
  {
    actions: ['focus'],
    description:
      'More about the newest reply in view (code, enhanced code, vendor wording, what to change); at the AUTH helper: type the base64 yourself',
  },
  { actions: ['lesson'], description: 'Not typing: next lesson, or stop the lesson' },
  { actions: ['edit'], description: 'Not typing: type again (Enter does too)' },
  {
    actions: ['report'],
    description: 'Not typing: export the session so far (Markdown, HTML, JSON, text)',
  },
];

/** What the footer offers, by what is going on. */
export const consoleFooter = (
  state: ConsoleScreen,
  view: { held: boolean; ask: boolean; exportable?: boolean },
): FooterItem[] => {
  if (view.ask)
    return [
      { actions: ['run'], label: state.credentials?.stage === 'password' ? 'send' : 'next' },
      { actions: ['focus'], label: 'type base64 myself' },
      { actions: ['cancel'], label: 'drop' },
    ];
  if (view.held)
    return [
      { actions: ['run'], label: 'send anyway' },
      { actions: ['cancel'], label: 'drop it' },
    ];
  if (state.typing)
    return [
      { actions: ['run'], label: 'send' },
      { actions: ['up', 'down'], label: 'history' },
      { actions: ['pageUp', 'pageDown'], label: 'scroll' },
      { actions: ['focus'], label: state.more ? 'less' : 'more' },
      { actions: ['cancel'], label: 'stop typing' },
    ];
  return [
    { actions: ['edit'], label: 'type' },
    { actions: ['lesson'] },
    ...(view.exportable ? [{ actions: ['report'], label: 'export' } satisfies FooterItem] : []),
    { actions: ['pageUp', 'pageDown'], label: 'scroll' },
  ];
};
