// Keys for reading a transcript: Home/End, / to find (enter accepts, esc clears), n/N through the
// matches while a search is active, [ and ] to select a server reply, x for its full explanation.
// Where a match or a selection is off screen, the step screen is scrolled to show it.
import type { Dispatch } from 'react';
import { useActions } from './use-actions.js';
import type { ReaderAction, ReaderState } from './transcript-reader.js';
import {
  findMatches,
  rowOfEntry,
  scrollToShow,
  stepMatch,
  stepReply,
} from './transcript-reader.js';
import type { RowList } from './transcript-index.js';

export const FIND_OWNER = 'find';

interface Options {
  current: () => ReaderState;
  dispatch: Dispatch<ReaderAction>;
  /** As of the last render: the rows on screen and where the window is. */
  rows: RowList;
  top: number;
  height: number;
  /** Scrolls the step screen by this many rows (negative: up). */
  scroll: (by: number) => void;
  isActive: boolean;
}

export const useReaderInput = ({
  current,
  dispatch,
  rows,
  top,
  height,
  scroll,
  isActive,
}: Options): void => {
  const show = (row: number) => {
    const by = scrollToShow(row, top, height);
    if (by !== 0) scroll(by);
  };
  const goToMatch = (by: 1 | -1, inclusive: boolean) => {
    const state = current();
    const matches = findMatches(rows, state.query);
    const selectedRow = state.selected === undefined ? -1 : rowOfEntry(rows, state.selected);
    const from = inclusive || selectedRow < 0 ? top : selectedRow;
    // From the top of the window the first match at or below it; from a selection, the one after.
    const row = stepMatch(matches, from, by, inclusive || selectedRow < 0);
    if (row === undefined) return;
    dispatch({ type: 'select', entry: rows.at(row)!.entry });
    show(row);
  };
  const selectReply = (by: 1 | -1) => {
    const entry = stepReply(rows, current().selected, top, by);
    if (entry === undefined) return;
    dispatch({ type: 'select', entry });
    show(rowOfEntry(rows, entry));
  };
  useActions(
    {
      top: () => scroll(-Infinity),
      bottom: () => scroll(Infinity),
      find: () => dispatch({ type: 'startFind' }),
      findNext: () => goToMatch(1, false),
      findPrevious: () => goToMatch(-1, false),
      selectNext: () => selectReply(1),
      selectPrevious: () => selectReply(-1),
      explain: () => {
        if (current().selected === undefined) selectReply(1);
        dispatch({ type: 'togglePanel' });
      },
      tools: () => dispatch({ type: 'toggleTools' }),
      cancel: () => {
        const state = current();
        if (
          state.typing ||
          state.searching ||
          state.panel ||
          state.tools ||
          state.selected !== undefined
        )
          dispatch({ type: 'clear' });
      },
    },
    {
      isActive,
      owner: FIND_OWNER,
      textEntry: () => current().typing,
      onFieldEdit: (edit) => {
        if (edit.kind !== 'submit') {
          dispatch({ type: 'edit', edit });
          return;
        }
        dispatch({ type: 'submitFind' });
        if (current().searching) goToMatch(1, true);
      },
    },
  );
};
