// The clear-text question's keys: ↑/↓ move the highlight, enter answers with it, s skips the
// step; o opens the settings and ←/→ go to another step, leaving the question waiting. While the
// question is on screen the step screen's own keys are off, so no enter meant for a command
// answers it.
import type { Dispatch } from 'react';
import type { ConsentChoiceId, PendingCommand } from '../../controller.js';
import { useActions } from '../../use-actions.js';
import type { ConsentAction, ConsentState } from './reducer.js';
import { choiceFor } from './reducer.js';

interface Options {
  /** The question on screen, read at each key. */
  pending: () => PendingCommand | undefined;
  current: () => ConsentState;
  dispatch: Dispatch<ConsentAction>;
  onAnswer: (id: number, choice: ConsentChoiceId) => void;
  onSettings: () => void;
  onStep: (by: 1 | -1) => void;
  isActive: boolean;
}

export const useConsentInput = ({
  pending,
  current,
  dispatch,
  onAnswer,
  onSettings,
  onStep,
  isActive,
}: Options): void => {
  const move = (by: 1 | -1) => {
    const p = pending();
    const count = p?.consent?.choices.length ?? 0;
    if (p && count > 0) dispatch({ type: 'move', id: p.id, by, count });
  };
  useActions(
    {
      up: () => move(-1),
      down: () => move(1),
      run: () => {
        const p = pending();
        const chosen = p?.consent?.choices[choiceFor(current(), p.id)];
        if (p && chosen) onAnswer(p.id, chosen.id);
      },
      skip: () => {
        const p = pending();
        if (p) onAnswer(p.id, 'skip');
      },
      settings: onSettings,
      next: () => onStep(1),
      previous: () => onStep(-1),
    },
    { isActive },
  );
};
