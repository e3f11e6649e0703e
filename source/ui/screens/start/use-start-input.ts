// The start screen's keys, by action. The list of goals reads its own keys (ink-select-input);
// once a goal is chosen its questions are a form with the settings form's keys, and esc goes back.
import type { Dispatch } from 'react';
import { useSettingsInput } from '../settings/use-settings-input.js';
import { useActions } from '../../use-actions.js';
import type { StartAction, StartState, TargetCheck } from './reducer.js';
import { GOALS } from './reducer.js';

interface Options {
  /** The state now, not as of the last render: keys can arrive faster than renders. */
  current: () => StartState;
  dispatch: Dispatch<StartAction>;
  check: TargetCheck;
  /** Enter on the last row of the questions: ask to start. */
  onSubmit: () => void;
  /** The lab's scenarios, for its list. */
  scenarios: readonly string[];
  onScenario: (scenario: string) => void;
  isActive: boolean;
}

export const useStartInput = ({
  current,
  dispatch,
  check,
  onSubmit,
  scenarios,
  onScenario,
  isActive,
}: Options): void => {
  const hasForm = () => current().form !== undefined;
  useSettingsInput({
    current: () => current().form,
    dispatch: (action) => dispatch({ type: 'form', action }),
    check,
    onSave: onSubmit,
    onClose: () => dispatch({ type: 'back' }),
    isActive: isActive && hasForm(),
  });
  // The list of goals, and the lab's page (no form: its scenarios, or a word on the lab).
  const count = () => (current().goal === 'lab' ? scenarios.length : GOALS.length);
  useActions(
    {
      up: () => dispatch({ type: 'highlight', by: -1, count: count() }),
      down: () => dispatch({ type: 'highlight', by: 1, count: count() }),
      run: () => {
        const state = current();
        if (state.goal === 'lab') {
          const scenario = scenarios[state.choice];
          if (scenario !== undefined) onScenario(scenario);
          return;
        }
        const goal = GOALS[state.choice];
        if (goal) dispatch({ type: 'choose', goal: goal.goal });
      },
      cancel: () => (current().goal !== undefined ? dispatch({ type: 'back' }) : undefined),
    },
    { isActive: isActive && !hasForm() },
  );
};
