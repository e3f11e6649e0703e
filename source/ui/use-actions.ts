// Components bind handlers to actions from the key map; which key that is stays in keymap.ts.
// A screen with a text field also gets the field's keys as edits, decided in keymap.ts too.
import { useInput } from 'ink';
import type { Key } from 'ink';
import { useCallback, useRef } from 'react';
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
  // The handlers and options of the latest render, read at each key. ink subscribes a handler in
  // an effect, after the frame is drawn: a key typed right after a screen changed would otherwise
  // go to the screen before, or nowhere.
  const latest = useRef({ handlers, options });
  latest.current = { handlers, options };
  const handle = useCallback((input: string, key: Key): void => {
    const { handlers: now, options: opts } = latest.current;
    const textEntry = opts.textEntry?.() ?? false;
    const action = matchAction(input, key, { textEntry });
    const handler = action ? now[action] : undefined;
    if (handler) {
      handler();
      return;
    }
    if (!textEntry || !opts.onFieldEdit) return;
    const edit = fieldEdit(input, key);
    if (edit) opts.onFieldEdit(edit);
  }, []);
  const onInput = useCallback(
    (input: string, key: Key): void => {
      if (!(latest.current.options.isActive ?? true)) return;
      const textEntry = latest.current.options.textEntry?.() ?? false;
      // Keys typed faster than the terminal is read arrive as one string ("pp"): outside a text
      // field each is its own key press (one that opens a field sends the rest into it). In a
      // text field a string is a paste, kept whole, except for control keys (Ctrl-U) typed
      // along with it, which act as keys.
      if (input.length > 1 && !key.ctrl && !key.meta) {
        for (const part of textEntry ? splitControls(input) : splitKeys(input))
          handle(part.input, part.key);
        return;
      }
      handle(input, key);
    },
    [handle],
  );
  // Always subscribed; whether this screen's keys count is decided at each key, above.
  useInput(onInput);
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
