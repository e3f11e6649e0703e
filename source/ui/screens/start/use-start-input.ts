// The start screen's keys, by action. The list of goals reads its own keys (ink-select-input);
// once a goal is chosen its questions are a form with the settings form's keys, and esc goes back.
import type { Dispatch } from 'react';
import { useSettingsInput } from '../settings/use-settings-input.js';
import { useActions } from '../../use-actions.js';
import type { SettingsFormState } from '../settings/reducer.js';
import type { StartAction, StartState, TargetCheck } from './reducer.js';

interface Options {
  /** The state now, not as of the last render: keys can arrive faster than renders. */
  current: () => StartState;
  dispatch: Dispatch<StartAction>;
  check: TargetCheck;
  /** Enter on the last row of the questions: ask to start. */
  onSubmit: () => void;
  isActive: boolean;
}

export const useStartInput = ({ current, dispatch, check, onSubmit, isActive }: Options): void => {
  const hasForm = () => current().form !== undefined;
  useSettingsInput({
    current: () => current().form as SettingsFormState,
    dispatch: (action) => dispatch({ type: 'form', action }),
    check,
    onSave: onSubmit,
    onClose: () => dispatch({ type: 'back' }),
    isActive: isActive && hasForm(),
  });
  // The lab's page has no form: esc goes back from there too.
  useActions(
    { cancel: () => dispatch({ type: 'back' }) },
    { isActive: isActive && !hasForm() && current().goal !== undefined },
  );
};
