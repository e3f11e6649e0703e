// The settings form's keys, by action: ↑/↓ between rows, enter types into a text row (and ends
// typing), ←/→ change a choice, enter on the last row uses the settings, esc closes the form.
import type { Dispatch } from 'react';
import { useActions } from '../../use-actions.js';
import type { SettingsFormAction, SettingsFormState } from './reducer.js';
import { focusedField, saveRow } from './reducer.js';

interface Options {
  /** The form now; undefined while no form is on screen. */
  current: () => SettingsFormState | undefined;
  dispatch: Dispatch<SettingsFormAction>;
  /** Refuses CR, LF and NUL (the CLI supplies it). */
  check: (text: string) => string | undefined;
  onSave: () => void;
  onClose: () => void;
  isActive: boolean;
}

export const useSettingsInput = ({
  current,
  dispatch,
  check,
  onSave,
  onClose,
  isActive,
}: Options): void => {
  useActions(
    {
      up: () => dispatch({ type: 'move', by: -1 }),
      down: () => dispatch({ type: 'move', by: 1 }),
      focus: () => dispatch({ type: 'move', by: 1 }),
      next: () => dispatch({ type: 'cycle', by: 1 }),
      previous: () => dispatch({ type: 'cycle', by: -1 }),
      cancel: () => (current()?.editing ? dispatch({ type: 'stopEditing' }) : onClose()),
      run: () => {
        const state = current();
        if (!state) return;
        if (state.focus === saveRow(state)) onSave();
        else if (focusedField(state)?.choices) dispatch({ type: 'cycle', by: 1 });
        else dispatch({ type: 'edit' });
      },
    },
    {
      isActive,
      textEntry: () => current()?.editing === true,
      onFieldEdit: (edit) =>
        edit.kind === 'submit'
          ? dispatch({ type: 'stopEditing' })
          : dispatch({ type: 'field', edit, check }),
    },
  );
};
