// Components bind handlers to actions from the key map; which key that is stays in keymap.ts.
// A screen with a text field also gets the field's keys as edits, decided in keymap.ts too.
import { useInput } from 'ink';
import type { Key } from 'ink';
import { createContext, createElement, useContext, useEffect, useMemo, useRef } from 'react';
import type { ReactNode } from 'react';
import type { Action, FieldEdit, KeyMode } from './keymap.js';
import { fieldEdit, matchAction } from './keymap.js';

export type ActionHandlers = Partial<Record<Action, () => void>>;

/**
 * What the whole wizard is doing right now, asked at each key (keys can arrive faster than
 * renders): the key mode (n finds the next match while a search is active), and which overlay has
 * taken the keyboard (the export dialog, the find field). While one has, every other hook hears
 * only Ctrl-C, so a letter typed into a path cannot also move a step.
 */
export interface KeyContext {
  mode: () => KeyMode | undefined;
  capturedBy: () => string | undefined;
}

const NO_CONTEXT: KeyContext = { mode: () => undefined, capturedBy: () => undefined };
/** The app provides it (`<WizardKeys.Provider value={…}>`); without it, nothing is modal. */
export const WizardKeys = createContext<KeyContext>(NO_CONTEXT);

export interface UseActionsOptions {
  isActive?: boolean;
  /**
   * A text field has focus: leave it the characters, enter and the cursor keys. Asked at each
   * key, not once per render, so the key right after the one that started typing is text already.
   */
  textEntry?: () => boolean;
  /** While textEntry holds, keys no action took are edits of the field. */
  onFieldEdit?: (edit: FieldEdit) => void;
  /** The overlay this hook belongs to: it hears keys while that overlay has the keyboard. */
  owner?: string;
}

interface KeyListener {
  /** `owner`: who had the keyboard when the key arrived (KeyContext.capturedBy then). */
  (input: string, key: Key, arrival?: { owner: string | undefined }): void;
  /** Whether this hook's text field has the keyboard now. */
  typing: () => boolean;
}

/**
 * One reader of the keyboard for the whole wizard. Keys typed faster than the terminal is read
 * arrive as one string ("pp", or Enter, a password and Enter): the hub splits such a burst once
 * and hands each key to every hook in the order they were mounted, so the second key already
 * sees what the first one changed in any screen (a field that Enter opened takes the password,
 * and no letter of it can also trigger an action elsewhere).
 */
interface KeyHub {
  register: (listener: KeyListener) => () => void;
}

const KeyHubContext = createContext<KeyHub | undefined>(undefined);

/**
 * A burst that arrives while no field is being typed in is key presses, one by one (a key that
 * opens a field sends the rest into it); one that arrives while a field has the keyboard is a
 * paste, kept whole so the field can judge it (a pasted line break is refused, not pressed).
 * Every hook reads the handlers of its latest render at each key, so a key typed right after a
 * screen changed goes to the screen now shown.
 */
const deliver = (
  listeners: Iterable<KeyListener>,
  input: string,
  key: Key,
  capturedBy: () => string | undefined,
): void => {
  const all = [...listeners];
  const burst = input.length > 1 && !key.ctrl && !key.meta;
  // In a field, control keys typed along with the text (Ctrl-U) still act as keys.
  const keys = !burst
    ? [{ input, key }]
    : all.some((listener) => listener.typing())
      ? splitControls(input)
      : splitKeys(input);
  for (const one of keys) {
    // Who had the keyboard when the key arrived: the hooks after the one whose field this Enter
    // closes see it as that hook's key, not as one of their own (see useActions).
    const arrival = { owner: capturedBy() };
    for (const listener of all) listener(one.input, one.key, arrival);
  }
};

export const KeyHubProvider = ({ children }: { children: ReactNode }) => {
  const listeners = useRef(new Set<KeyListener>());
  const hub = useMemo<KeyHub>(
    () => ({
      register: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [],
  );
  const context = useContext(WizardKeys);
  useInput((input, key) => deliver(listeners.current, input, key, context.capturedBy));
  return createElement(KeyHubContext.Provider, { value: hub }, children);
};

export const useActions = (handlers: ActionHandlers, options: UseActionsOptions = {}): void => {
  const context = useContext(WizardKeys);
  const hub = useContext(KeyHubContext);
  const handle = (input: string, key: Key, arrival?: { owner: string | undefined }): void => {
    const ours = (owner: string | undefined) => owner === undefined || owner === options.owner;
    // Ours when it was when the key arrived and still is: the Enter that closes another hook's
    // field, or the key that opened one, is not also a key here.
    const now = context.capturedBy();
    const mine = ours(now) && ours(arrival ? arrival.owner : now);
    const textEntry = (mine && options.textEntry?.()) ?? false;
    const action = matchAction(input, key, {
      textEntry: textEntry || !mine,
      ...(context.mode() ? { mode: context.mode() } : {}),
    });
    if (!mine && action !== 'interrupt') return;
    const handler = action ? handlers[action] : undefined;
    if (handler) {
      handler();
      return;
    }
    if (!textEntry || !options.onFieldEdit) return;
    const edit = fieldEdit(input, key);
    if (edit) options.onFieldEdit(edit);
  };
  const active = options.isActive ?? true;
  // The hub keeps one listener per hook for its whole life (its place in the order must not
  // change); the listener reads this render's handlers and activity through a ref.
  const typing = (): boolean => {
    const captured = context.capturedBy();
    return (
      (captured === undefined || captured === options.owner) && (options.textEntry?.() ?? false)
    );
  };
  const latest = useRef({ handle, active, typing });
  latest.current = { handle, active, typing };
  useEffect(() => {
    if (!hub) return;
    const listener: KeyListener = Object.assign(
      (input: string, key: Key, arrival?: { owner: string | undefined }) => {
        if (latest.current.active) latest.current.handle(input, key, arrival);
      },
      { typing: () => latest.current.active && latest.current.typing() },
    );
    return hub.register(listener);
  }, [hub]);
  // Without a hub (a screen rendered on its own, in a test or the console command), the hook
  // reads the keyboard itself and splits bursts the same way.
  useInput(
    (input, key) => deliver([Object.assign(handle, { typing })], input, key, context.capturedBy),
    {
      isActive: !hub && active,
    },
  );
};

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** One key per character of a burst, with the key flags a terminal would have given each alone. */
export const splitKeys = (input: string): Array<{ input: string; key: Key }> =>
  [...input].map((char) => {
    if (char === '\r' || char === '\n') return { input: '', key: { ...NO_KEY, return: true } };
    if (char === '\t') return { input: '', key: { ...NO_KEY, tab: true } };
    if (char === '\x7f' || char === '\b') return { input: '', key: { ...NO_KEY, backspace: true } };
    const code = char.codePointAt(0) ?? 0;
    if (code > 0 && code < 27)
      return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
    return { input: char, key: { ...NO_KEY, shift: char !== char.toLowerCase() } };
  });

/**
 * A string typed into a text field: runs of text stay whole (a paste, which the field checks as
 * one), control keys other than CR, LF, NUL and tab become key presses of their own.
 */
export const splitControls = (input: string): Array<{ input: string; key: Key }> => {
  const parts: Array<{ input: string; key: Key }> = [];
  let text = '';
  for (const char of input) {
    const code = char.codePointAt(0) ?? 0;
    const control = (code > 0 && code < 32 && !'\r\n\t'.includes(char)) || code === 0x7f;
    if (!control) {
      text += char;
      continue;
    }
    if (text) parts.push({ input: text, key: NO_KEY });
    text = '';
    parts.push(...splitKeys(char));
  }
  if (text) parts.push({ input: text, key: NO_KEY });
  return parts;
};
