// The start screen's keys, by action. While the target is being typed in, keys are edits of the
// field (enter submits) and only keys a text field never needs (tab, esc, ↑/↓, Ctrl-C) act. One
// handler decides both from the state as it is now, so the enter that starts typing cannot also
// submit, and keys typed right after it are not lost.
import type { Dispatch } from 'react';
import { useActions } from '../../use-actions.js';
import type { StartAction, StartState, TargetCheck } from './reducer.js';
import { fieldAction } from './reducer.js';

interface Options {
  /** The state now, not as of the last render: keys can arrive faster than renders. */
  current: () => StartState;
  dispatch: Dispatch<StartAction>;
  scenarioCount: number;
  check: TargetCheck;
  /** Enter on the lab row, or in the target field: ask to start. */
  onSubmit: () => void;
  isActive: boolean;
}

export const useStartInput = ({
  current,
  dispatch,
  scenarioCount,
  check,
  onSubmit,
  isActive,
}: Options): void => {
  useActions(
    {
      focus: () => dispatch({ type: 'toggleFocus' }),
      up: () => dispatch({ type: 'toggleFocus' }),
      down: () => dispatch({ type: 'toggleFocus' }),
      cancel: () => dispatch({ type: 'stopEditing' }),
      edit: () => dispatch({ type: 'edit' }),
      run: () => (current().focus === 'target' ? dispatch({ type: 'edit' }) : onSubmit()),
      next: () => dispatch({ type: 'scenario', by: 1, count: scenarioCount }),
      previous: () => dispatch({ type: 'scenario', by: -1, count: scenarioCount }),
    },
    {
      isActive,
      textEntry: () => current().editing,
      onFieldEdit: (edit) =>
        edit.kind === 'submit' ? onSubmit() : dispatch(fieldAction(edit, check)),
    },
  );
};
