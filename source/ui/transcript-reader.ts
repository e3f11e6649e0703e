// Reading a transcript: find text (/, then n/N through the matches), select a server reply
// ([ and ]) and open its full explanation (x). Pure state and pure queries over the laid-out
// rows; the app turns a chosen row into a scroll of the step screen so it is in view.
import type { FieldEdit } from './keymap.js';
import type { RowList } from './transcript-index.js';
import { isIndexed } from './transcript-index.js';

export interface ReaderState {
  /** The find field is open and has the keyboard. */
  typing: boolean;
  query: string;
  cursor: number;
  /** A search is active: n/N move through its matches (the key map's "searching" mode). */
  searching: boolean;
  /** The transcript entry selected (by a match, or [ and ]); its rows are highlighted. */
  selected?: number;
  /** The explanation panel for the selected entry is open. */
  panel: boolean;
  /** The same check with standard tools is shown in place of the transcript. */
  tools: boolean;
}

export type ReaderAction =
  | { type: 'startFind' }
  | { type: 'edit'; edit: Exclude<FieldEdit, { kind: 'submit' }> }
  | { type: 'submitFind' }
  | { type: 'clear' }
  | { type: 'select'; entry: number | undefined }
  | { type: 'togglePanel' }
  | { type: 'toggleTools' }
  /** Another step is on screen: its rows are another list. */
  | { type: 'reset' };

export const initialReaderState = (): ReaderState => ({
  typing: false,
  query: '',
  cursor: 0,
  searching: false,
  panel: false,
  tools: false,
});

const editQuery = (
  state: ReaderState,
  edit: Exclude<FieldEdit, { kind: 'submit' }>,
): ReaderState => {
  const chars = [...state.query];
  const at = state.cursor;
  switch (edit.kind) {
    case 'insert': {
      // A pasted line break ends nothing here: the query is one line, so it becomes a space.
      const text = [...edit.text.replace(/[\r\n\0]+/g, ' ')];
      return {
        ...state,
        query: [...chars.slice(0, at), ...text, ...chars.slice(at)].join(''),
        cursor: at + text.length,
      };
    }
    case 'erase':
      return at === 0
        ? state
        : {
            ...state,
            query: [...chars.slice(0, at - 1), ...chars.slice(at)].join(''),
            cursor: at - 1,
          };
    case 'clear':
      return { ...state, query: '', cursor: 0 };
    case 'move': {
      const to =
        edit.to === 'home'
          ? 0
          : edit.to === 'end'
            ? chars.length
            : at + (edit.to === 'left' ? -1 : 1);
      return { ...state, cursor: Math.min(chars.length, Math.max(0, to)) };
    }
  }
};

export const readerReducer = (state: ReaderState, action: ReaderAction): ReaderState => {
  switch (action.type) {
    case 'startFind':
      return { ...state, typing: true, cursor: [...state.query].length };
    case 'edit':
      return state.typing ? editQuery(state, action.edit) : state;
    case 'submitFind':
      return { ...state, typing: false, searching: state.query.trim() !== '' };
    case 'toggleTools':
      return { ...state, tools: !state.tools, panel: false };
    case 'clear':
      if (state.tools) return { ...state, tools: false };
      if (state.panel) return { ...state, panel: false };
      return { ...initialReaderState(), query: state.query };
    case 'select': {
      if (action.entry === undefined) {
        const { selected: _selected, ...rest } = state;
        return { ...rest, panel: false };
      }
      return { ...state, selected: action.entry };
    }
    case 'togglePanel':
      return state.selected === undefined ? state : { ...state, panel: !state.panel, tools: false };
    case 'reset':
      return { ...initialReaderState(), query: state.query };
  }
};

const TRANSCRIPT_KINDS = new Set(['client', 'server', 'note', 'explanation']);

/**
 * Rows whose text holds the query, ignoring case, one per transcript entry (a reply and its
 * explanation are one match), in order. Findings rows count on their own.
 */
export const findMatches = (rows: RowList, query: string): readonly number[] => {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  // The index keeps its answer for the query: shared, not copied (100,000 matches a key press).
  if (isIndexed(rows)) return rows.matches(needle);
  const found: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows.at(i)!;
    if (!row.text.toLowerCase().includes(needle)) continue;
    if (TRANSCRIPT_KINDS.has(row.kind)) {
      if (seen.has(row.entry)) continue;
      seen.add(row.entry);
    }
    found.push(i);
  }
  return found;
};

/** The first row of an entry, or -1. */
export const rowOfEntry = (rows: RowList, entry: number): number => {
  if (isIndexed(rows)) return rows.rowOf(entry);
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows.at(i)!;
    if (row.entry === entry && row.kind !== 'finding' && row.kind !== 'next') return i;
  }
  return -1;
};

/**
 * The next (or previous) match from where the reader is: after the selected entry's row when
 * there is one, else from the top of the window; wraps around.
 */
export const stepMatch = (
  matches: readonly number[],
  from: number,
  by: 1 | -1,
  inclusive = false,
): number | undefined => {
  if (matches.length === 0) return undefined;
  if (by === 1) {
    return matches.find((row) => (inclusive ? row >= from : row > from)) ?? matches[0];
  }
  for (let i = matches.length - 1; i >= 0; i -= 1) {
    if (inclusive ? matches[i]! <= from : matches[i]! < from) return matches[i];
  }
  return matches.at(-1);
};

/** Server replies in row order, by entry; [ and ] move through these. */
export const replyEntries = (rows: RowList): readonly number[] => {
  if (isIndexed(rows)) return rows.replies();
  const seen: number[] = [];
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows.at(i)!;
    if (row.kind === 'server' && row.marker !== '' && seen.at(-1) !== row.entry)
      seen.push(row.entry);
  }
  return seen;
};

/** The first position in `list` whose value passes `ok`, for a test that stays true once true. */
const firstWhere = (list: readonly number[], ok: (value: number) => boolean): number => {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ok(list[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
};

/** The reply to select next from `selected` (or from the window's top row when none is). */
export const stepReply = (
  rows: RowList,
  selected: number | undefined,
  top: number,
  by: 1 | -1,
): number | undefined => {
  const replies = replyEntries(rows);
  if (replies.length === 0) return undefined;
  // Replies are in row order, so both searches halve: a key costs no walk over a long transcript.
  if (selected === undefined) {
    const firstInView = replies[firstWhere(replies, (entry) => rowOfEntry(rows, entry) >= top)];
    return firstInView ?? replies.at(-1);
  }
  const at = firstWhere(replies, (entry) => entry >= selected);
  if (replies[at] !== selected) return replies[0];
  return replies[Math.min(replies.length - 1, Math.max(0, at + by))];
};

/** The scroll (in rows) that brings `row` into a window of `height` at `top`; 0 when in view. */
export const scrollToShow = (row: number, top: number, height: number): number => {
  if (row < top) return row - top;
  if (row >= top + height) return row - top - Math.floor(height / 3);
  return 0;
};
