// Components bind handlers to actions from the key map; which key that is stays in keymap.ts.
// A screen with a text field also gets the field's keys as edits, decided in keymap.ts too.
import { useInput } from 'ink';
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
  useInput(
    (input, key) => {
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
    },
    { isActive: options.isActive ?? true },
  );
};
