// Components bind handlers to actions from the key map; which key that is stays in keymap.ts.
// A screen with a text field also gets the field's keys as edits, decided in keymap.ts too.
import { useInput } from 'ink';
import type { Key } from 'ink';
import type { Action, FieldEdit } from './keymap.js';
import { fieldEdit, matchAction } from './keymap.js';

export type ActionHandlers = Partial<Record<Action, () => void>>;

export interface UseActionsOptions {
  isActive?: boolean;
  /**
   * A text field has focus: leave it the characters, enter and the cursor keys. Asked at each
   * key, not once per render, so the key right after the one that started typing is text already.
   */
  textEntry?: () => boolean;
  /** While textEntry holds, keys no action took are edits of the field. */
  onFieldEdit?: (edit: FieldEdit) => void;
}

export const useActions = (handlers: ActionHandlers, options: UseActionsOptions = {}): void => {
  const handle = (input: string, key: Key): void => {
    const textEntry = options.textEntry?.() ?? false;
    const action = matchAction(input, key, { textEntry });
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
      if (input.length > 1 && !key.ctrl && !key.meta && !(options.textEntry?.() ?? false)) {
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
