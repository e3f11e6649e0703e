// The step screen's keys, by action: steps move with next/previous (and up/down while the rail has
// focus), the transcript scrolls with up/down while it has focus and with the page keys always.
// Decisions that depend on the screen's state are the reducer's, so fast typing sees fresh state.
import type { Dispatch } from 'react';
import type { StepId } from '../../../record/types.js';
import { useActions } from '../../use-actions.js';
import type { StepScreenAction, StepScreenState } from './reducer.js';

interface Options {
  /** The state now, not as of the last render: keys can arrive faster than renders. */
  current: () => StepScreenState;
  dispatch: Dispatch<StepScreenAction>;
  /** The step on screen as of the last render (what an unpinned screen follows). */
  viewed: StepId;
  totalRows: number;
  transcriptHeight: number;
  onRun: (id: StepId) => void;
  isActive: boolean;
}

export const useStepInput = ({
  current,
  dispatch,
  viewed,
  totalRows,
  transcriptHeight,
  onRun,
  isActive,
}: Options): void => {
  const move = (by: 1 | -1) => dispatch({ type: 'move', by, from: viewed });
  const scroll = (by: number) =>
    dispatch({ type: 'scroll', by, total: totalRows, height: transcriptHeight });
  const line = (by: 1 | -1) =>
    dispatch({ type: 'line', by, from: viewed, total: totalRows, height: transcriptHeight });
  const page = Math.max(1, transcriptHeight - 1);
  useActions(
    {
      next: () => move(1),
      previous: () => move(-1),
      up: () => line(-1),
      down: () => line(1),
      pageUp: () => scroll(-page),
      pageDown: () => scroll(page),
      focus: () => dispatch({ type: 'toggleFocus' }),
      run: () => onRun(current().pinned ?? viewed),
    },
    { isActive },
  );
};
