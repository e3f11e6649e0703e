// The one place that says which key does what. Screens ask for actions, never for keys, so the
// footer, the help screen and the handlers cannot drift apart, and a key can be rebound here.

export type SpecialKey =
  | 'return'
  | 'escape'
  | 'tab'
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end';

export type KeySpec =
  | { kind: 'char'; char: string }
  | { kind: 'special'; name: SpecialKey }
  | { kind: 'ctrl'; char: string };

export type Action =
  | 'quit'
  | 'interrupt'
  | 'help'
  | 'next'
  | 'previous'
  | 'run'
  | 'edit'
  | 'console'
  | 'lesson'
  | 'report'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'focus'
  | 'cancel'
  | 'skip'
  | 'runAll'
  | 'settings'
  | 'copy'
  | 'top'
  | 'bottom'
  | 'find'
  | 'findNext'
  | 'findPrevious'
  | 'explain'
  | 'selectPrevious'
  | 'selectNext'
  | 'tools';

/** Key modes: a binding with `when` acts only in that mode, and there before any other binding. */
export type KeyMode = 'searching';

export interface Binding {
  action: Action;
  keys: readonly KeySpec[];
  /** How the footer and the help screen write the keys. */
  keyLabel: string;
  /** Short default label for the footer; screens may say something more specific. */
  label: string;
  /** One line for the help screen. */
  description: string;
  /** Only in this mode (n/N find the next match while a search is active, and move steps otherwise). */
  when?: KeyMode;
  /** Talks to a server: absent from the footer and help of a saved session (`mailmedic open`). */
  touchesNetwork?: boolean;
}

const char = (c: string): KeySpec => ({ kind: 'char', char: c });
const special = (name: SpecialKey): KeySpec => ({ kind: 'special', name });
const ctrl = (c: string): KeySpec => ({ kind: 'ctrl', char: c });

export const KEYMAP: readonly Binding[] = [
  {
    action: 'quit',
    keys: [char('q')],
    keyLabel: 'q',
    label: 'quit',
    description: 'Quit mailmedic',
  },
  {
    action: 'interrupt',
    keys: [ctrl('c')],
    keyLabel: 'Ctrl-C',
    label: 'quit',
    description: 'Quit at once, even while typing',
  },
  {
    action: 'help',
    keys: [char('?')],
    keyLabel: '?',
    label: 'help',
    description: 'Show or hide this help',
  },
  {
    action: 'next',
    keys: [char('n'), special('rightArrow')],
    keyLabel: 'n/→',
    label: 'next',
    description: 'Next step (or next choice)',
  },
  {
    action: 'previous',
    keys: [char('p'), special('leftArrow')],
    keyLabel: 'p/←',
    label: 'previous',
    description: 'Previous step (or previous choice)',
  },
  {
    action: 'run',
    keys: [special('return')],
    keyLabel: 'enter',
    label: 'run',
    description: 'Run the step, send, confirm',
    touchesNetwork: true,
  },
  {
    action: 'edit',
    keys: [char('e')],
    keyLabel: 'e',
    label: 'edit',
    description: 'Edit the command before it is sent',
    touchesNetwork: true,
  },
  {
    action: 'console',
    keys: [char('m')],
    keyLabel: 'm',
    label: 'console',
    description: 'Open the manual console',
    touchesNetwork: true,
  },
  {
    action: 'lesson',
    keys: [char('l')],
    keyLabel: 'l',
    label: 'lesson',
    description: 'Console: start the next lesson (or stop the one running)',
  },
  {
    action: 'report',
    keys: [char('r')],
    keyLabel: 'r',
    label: 'report',
    description: 'Export a report of this session (Markdown, HTML, JSON, text)',
  },
  {
    action: 'copy',
    keys: [char('y')],
    keyLabel: 'y',
    label: 'copy summary',
    description: 'Copy a short summary to the clipboard (OSC 52, works over SSH)',
  },
  {
    action: 'up',
    keys: [special('upArrow')],
    keyLabel: '↑',
    label: 'up',
    description: 'Move up / scroll up',
  },
  {
    action: 'down',
    keys: [special('downArrow')],
    keyLabel: '↓',
    label: 'down',
    description: 'Move down / scroll down',
  },
  {
    action: 'pageUp',
    keys: [special('pageUp')],
    keyLabel: 'PgUp',
    label: 'page up',
    description: 'Scroll up a page',
  },
  {
    action: 'pageDown',
    keys: [special('pageDown')],
    keyLabel: 'PgDn',
    label: 'page down',
    description: 'Scroll down a page',
  },
  {
    action: 'focus',
    keys: [special('tab')],
    keyLabel: 'tab',
    label: 'focus',
    description: 'Switch focus',
  },
  {
    action: 'cancel',
    keys: [special('escape')],
    keyLabel: 'esc',
    label: 'back',
    description: 'Stop typing, close help',
  },
  {
    action: 'skip',
    keys: [char('s')],
    keyLabel: 's',
    label: 'skip',
    description: 'Skip this step (recorded as skipped)',
    touchesNetwork: true,
  },
  {
    action: 'runAll',
    keys: [char('a')],
    keyLabel: 'a',
    label: 'run all',
    description: 'Run the remaining steps, stop at the first error',
    touchesNetwork: true,
  },
  {
    action: 'settings',
    keys: [char('o')],
    keyLabel: 'o',
    label: 'settings',
    description: 'Change host, port, TLS, login, envelope, mailbox, resolver',
    touchesNetwork: true,
  },
  {
    action: 'top',
    keys: [special('home')],
    keyLabel: 'Home',
    label: 'top',
    description: 'Go to the first line of the transcript',
  },
  {
    action: 'bottom',
    keys: [special('end')],
    keyLabel: 'End',
    label: 'end',
    description: 'Go to the last line of the transcript (and follow it)',
  },
  {
    action: 'find',
    keys: [char('/')],
    keyLabel: '/',
    label: 'find',
    description: 'Find text in the transcript',
  },
  {
    action: 'findNext',
    keys: [char('n')],
    keyLabel: 'n',
    label: 'next match',
    description: 'Next match (while a search is active)',
    when: 'searching',
  },
  {
    action: 'findPrevious',
    keys: [char('N')],
    keyLabel: 'N',
    label: 'previous match',
    description: 'Previous match (while a search is active)',
    when: 'searching',
  },
  {
    action: 'selectPrevious',
    keys: [char('[')],
    keyLabel: '[',
    label: 'previous line',
    description: 'Select the previous server reply',
  },
  {
    action: 'selectNext',
    keys: [char(']')],
    keyLabel: ']',
    label: 'next line',
    description: 'Select the next server reply',
  },
  {
    action: 'explain',
    keys: [char('x')],
    keyLabel: 'x',
    label: 'explain',
    description: 'Explain the selected line in full (code, enhanced code, vendor, RFC)',
  },
  {
    action: 'tools',
    keys: [char('t')],
    keyLabel: 't',
    label: 'tools',
    description: 'The same check with standard tools (swaks, openssl, curl, dig)',
  },
];

const byAction = new Map<Action, Binding>(KEYMAP.map((binding) => [binding.action, binding]));

export const bindingOf = (action: Action): Binding => {
  const binding = byAction.get(action);
  if (!binding) throw new Error(`no key binding for action ${action}`);
  return binding;
};

/** The subset of ink's Key this module reads; keeps the key map free of ink. */
export interface KeyState {
  ctrl: boolean;
  meta: boolean;
  return: boolean;
  escape: boolean;
  tab: boolean;
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home?: boolean;
  end?: boolean;
}

/** Keys a focused text field needs for itself: characters, enter, and the cursor keys. */
export const consumedByTextField = (spec: KeySpec): boolean =>
  spec.kind === 'char' ||
  (spec.kind === 'special' &&
    (spec.name === 'return' || spec.name === 'leftArrow' || spec.name === 'rightArrow'));

const matches = (spec: KeySpec, input: string, key: KeyState): boolean => {
  switch (spec.kind) {
    case 'char':
      return !key.ctrl && input === spec.char;
    case 'ctrl':
      return key.ctrl && input === spec.char;
    case 'special':
      return key[spec.name] ?? false;
  }
};

export interface MatchOptions {
  /** A text field has focus: only keys it does not need may act. */
  textEntry?: boolean;
  /** The mode the wizard is in; its bindings come first. */
  mode?: KeyMode;
}

const MODAL = KEYMAP.filter((binding) => binding.when !== undefined);
const MODELESS = KEYMAP.filter((binding) => binding.when === undefined);

export const matchAction = (
  input: string,
  key: KeyState,
  options: MatchOptions = {},
): Action | undefined => {
  const modal = MODAL.filter((binding) => binding.when === options.mode);
  for (const binding of [...modal, ...MODELESS]) {
    for (const spec of binding.keys) {
      if (options.textEntry && consumedByTextField(spec)) continue;
      if (matches(spec, input, key)) return binding.action;
    }
  }
  return undefined;
};

/** Keys as a text field sees them: the key map's, plus the editing keys. */
export interface FieldKeyState extends KeyState {
  backspace: boolean;
  delete: boolean;
  home: boolean;
  end: boolean;
}

export type FieldEdit =
  | { kind: 'insert'; text: string }
  | { kind: 'erase' }
  | { kind: 'move'; to: 'left' | 'right' | 'home' | 'end' }
  | { kind: 'clear' }
  | { kind: 'submit' };

/**
 * What a key does to a text field being typed in: the usual line-editing keys (arrows, home/end,
 * backspace, Ctrl-A/E/U). Anything else that is not text (tab, esc, ↑/↓, Ctrl-C) is left to the
 * key map. A paste arrives as one string, line breaks and all; the field decides about those.
 */
export const fieldEdit = (input: string, key: FieldKeyState): FieldEdit | undefined => {
  if (key.return) return { kind: 'submit' };
  // Terminals disagree on which byte the backspace key sends; ink calls one of them "delete".
  if (key.backspace || key.delete) return { kind: 'erase' };
  if (key.leftArrow) return { kind: 'move', to: 'left' };
  if (key.rightArrow) return { kind: 'move', to: 'right' };
  if (key.home) return { kind: 'move', to: 'home' };
  if (key.end) return { kind: 'move', to: 'end' };
  if (key.ctrl) {
    if (input === 'a') return { kind: 'move', to: 'home' };
    if (input === 'e') return { kind: 'move', to: 'end' };
    if (input === 'u') return { kind: 'clear' };
    return undefined;
  }
  if (key.meta || key.escape || key.tab || key.upArrow || key.downArrow) return undefined;
  if (key.pageUp || key.pageDown || input === '') return undefined;
  return { kind: 'insert', text: input };
};

/** Identity of a key for duplicate checks: two specs with the same identity are the same key. */
export const keyIdentity = (spec: KeySpec): string =>
  spec.kind === 'special' ? `special:${spec.name}` : `${spec.kind}:${spec.char}`;

/** A footer item: one or more actions under one label ("↑/↓ scroll"). */
export interface FooterItem {
  actions: readonly Action[];
  label?: string;
}

export interface FooterEntry {
  keys: string;
  label: string;
}

/** One action shows all its keys ("n/→"); a group shows each action's first key ("p/n"). */
export const footerEntry = (item: FooterItem): FooterEntry => {
  const bindings = item.actions.map(bindingOf);
  const keys =
    bindings.length === 1
      ? (bindings[0]?.keyLabel ?? '')
      : bindings.map((binding) => binding.keyLabel.split('/')[0]).join('/');
  return {
    keys,
    label: item.label ?? bindings[0]?.label ?? '',
  };
};

/** A saved session cannot talk to a server: its footer and help leave out the keys that would. */
export const withoutNetworkKeys = <T extends FooterItem>(items: readonly T[]): T[] =>
  items.filter((item) => !item.actions.some((action) => bindingOf(action).touchesNetwork));
