// The step screen's keys, by action: steps move with next/previous (and up/down while the rail has
// focus), the transcript scrolls with up/down while it has focus and with the page keys always.
// The guided run's keys answer the proposal on screen: enter sends, e edits, s skips, a runs the
// rest; esc gives up a wait. Decisions that depend on the screen's state are the reducer's (or are
// read through current()), so fast typing sees fresh state.
import type { Dispatch } from 'react';
import type { StepId } from '../../../record/types.js';
import type { GuideState } from '../../controller.js';
import type { MissingField } from '../../step-guide.js';
import { useActions } from '../../use-actions.js';
import type { StepScreenAction, StepScreenState, ViewId } from './reducer.js';

export interface StepInputHandlers {
  /** Enter on a step with nothing pending: run again from it. */
  onRun: (id: StepId) => void;
  onAnswer: (
    id: number,
    answer:
      { action: 'send' } | { action: 'edit'; line: string } | { action: 'skip'; reason?: string },
  ) => void;
  onRunAll: () => void;
  onCancelWait: () => void;
  onSettings: (field?: MissingField) => void;
  onConsole: () => void;
  /** Enter on the highlighted action of the step on screen. */
  onAction: (index: number) => void;
  /** Enter on the highlighted finding of the overview. */
  onFinding: (index: number) => void;
}

interface Options extends StepInputHandlers {
  /** The state now, not as of the last render: keys can arrive faster than renders. */
  current: () => StepScreenState;
  dispatch: Dispatch<StepScreenAction>;
  /** The guided run now (proposal, wait), read at each key. */
  guide: () => GuideState | undefined;
  /** The entry on screen as of the last render (what an unpinned screen follows). */
  viewed: ViewId;
  totalRows: number;
  transcriptHeight: number;
  anchor?: number;
  /** The actions the step on screen offers (tab visits them), and the overview's findings. */
  actionCount: number;
  findingCount: number;
  /** What the step on screen lacks to run, if anything. */
  missing?: MissingField;
  check: (text: string) => string | undefined;
  isActive: boolean;
}

export const useStepInput = (options: Options): void => {
  const { current, dispatch, guide, viewed, totalRows, transcriptHeight, anchor } = options;
  const geometry = {
    total: totalRows,
    height: transcriptHeight,
    ...(anchor !== undefined ? { anchor } : {}),
  };
  const move = (by: 1 | -1) => dispatch({ type: 'move', by, from: viewed });
  const scroll = (by: number) => dispatch({ type: 'scroll', by, ...geometry });
  const line = (by: 1 | -1) => dispatch({ type: 'line', by, from: viewed, ...geometry });
  const page = Math.max(1, transcriptHeight - 1);
  /** Which list has the arrows and enter: the overview's findings, or the step's actions. */
  const list = (): 'findings' | 'actions' | undefined => {
    const state = current();
    if ((state.pinned ?? viewed) === 'findings') return 'findings';
    return state.focus === 'actions' && options.actionCount > 0 ? 'actions' : undefined;
  };
  const listHasKeys = () => list() !== undefined;
  const highlight = (by: 1 | -1) =>
    dispatch({
      type: 'highlight',
      by,
      count: list() === 'findings' ? options.findingCount : options.actionCount,
    });
  const pendingHere = () => guide()?.pending;
  /** Sends the edited line for the proposal it was opened on (a stale edit is dropped). */
  const submitEdit = () => {
    const edit = current().edit;
    const pending = pendingHere();
    if (edit && pending && pending.id === edit.id)
      options.onAnswer(pending.id, { action: 'edit', line: edit.line });
    dispatch({ type: 'stopEdit' });
  };
  useActions(
    {
      next: () => move(1),
      previous: () => move(-1),
      up: () => (listHasKeys() ? highlight(-1) : line(-1)),
      down: () => (listHasKeys() ? highlight(1) : line(1)),
      pageUp: () => scroll(-page),
      pageDown: () => scroll(page),
      focus: () => dispatch({ type: 'toggleFocus', actions: options.actionCount > 0 }),
      run: () => {
        const state = current();
        const pending = pendingHere();
        if (state.edit) return submitEdit();
        const which = list();
        if (which === 'findings') return options.onFinding(state.choice ?? 0);
        if (which === 'actions') return options.onAction(state.choice ?? 0);
        if (pending) {
          options.onAnswer(pending.id, { action: 'send' });
          return;
        }
        if (guide()?.wait) return;
        const id = state.pinned ?? viewed;
        if (id === 'findings') return;
        if (options.missing) options.onSettings(options.missing);
        else options.onRun(id);
      },
      edit: () => {
        const pending = pendingHere();
        if (!pending?.editable || current().edit) return;
        dispatch({ type: 'startEdit', id: pending.id, line: pending.display[0] ?? '' });
      },
      skip: () => {
        const pending = pendingHere();
        if (pending) options.onAnswer(pending.id, { action: 'skip' });
      },
      runAll: () => options.onRunAll(),
      settings: () => options.onSettings(),
      console: () => options.onConsole(),
      cancel: () => {
        if (current().edit) dispatch({ type: 'stopEdit' });
        else if (guide()?.wait) options.onCancelWait();
      },
    },
    {
      isActive: options.isActive,
      textEntry: () => current().edit !== undefined,
      onFieldEdit: (edit) => {
        if (edit.kind === 'submit') submitEdit();
        else dispatch({ type: 'edit', edit, check: options.check });
      },
    },
  );
};
