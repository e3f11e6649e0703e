// Components bind handlers to actions from the key map; which key that is stays in keymap.ts.
// A screen with a text field also gets the field's keys as edits, decided in keymap.ts too.
import { useInput } from 'ink';
import type { Key } from 'ink';
import { createContext, useContext } from 'react';
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

export const useActions = (handlers: ActionHandlers, options: UseActionsOptions = {}): void => {
  const context = useContext(WizardKeys);
  const handle = (input: string, key: Key): void => {
    const captured = context.capturedBy();
    const mine = captured === undefined || captured === options.owner;
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
  useInput(
    (input, key) => {
      // Keys typed faster than the terminal is read arrive as one string ("pp"): outside a text
      // field each is its own key press (one that opens a field sends the rest into it). In a
      // text field a string is a paste, kept whole.
      const captured = context.capturedBy();
      const typing =
        (captured === undefined || captured === options.owner) && (options.textEntry?.() ?? false);
      if (input.length > 1 && !key.ctrl && !key.meta && !typing) {
        for (const one of splitKeys(input)) handle(one.input, one.key);
        return;
      }
      handle(input, key);
    },
    { isActive: options.isActive ?? true },
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
