// Transcript entries laid out as screen rows, so scrolling moves by rows the user sees and a
// 10 KB reply cannot push everything else off the screen. Text arrives escaped (session/ runs it
// through printable()); nothing here interprets it.
import type { Direction, TranscriptEntry } from '../session/types.js';
import { expandTabs, hardWrap, truncate, wordWrap } from './text-width.js';

export type RowKind = Direction | 'explanation';

export interface TranscriptRow {
  kind: RowKind;
  /** "C:", "S:", "·" on an entry's first row, empty on its other rows. */
  marker: string;
  text: string;
  /** Index of the entry in the transcript, for evidence links later. */
  entry: number;
  secret?: boolean;
}

export const MARKERS: Record<Direction, string> = { client: 'C:', server: 'S:', note: '·' };

/** Cells taken by the marker column ("C: "). */
export const MARKER_WIDTH = 3;
const EXPLANATION_INDENT = 2;
/** A longer entry is cut, ending in "…"; the full text stays in the session and the reports. */
export const MAX_ROWS_PER_ENTRY = 6;

const capped = (rows: string[], width: number): string[] => {
  if (rows.length <= MAX_ROWS_PER_ENTRY) return rows;
  const kept = rows.slice(0, MAX_ROWS_PER_ENTRY);
  const last = kept.length - 1;
  kept[last] = truncate(`${kept[last] ?? ''}…`, width);
  return kept;
};

export const layoutTranscript = (
  entries: ReadonlyArray<{ entry: TranscriptEntry; index: number }>,
  width: number,
): TranscriptRow[] => {
  const textWidth = Math.max(8, width - MARKER_WIDTH);
  const rows: TranscriptRow[] = [];
  for (const { entry, index } of entries) {
    const text = expandTabs(entry.text);
    const wrapped = entry.dir === 'note' ? wordWrap(text, textWidth) : hardWrap(text, textWidth);
    capped(wrapped, textWidth).forEach((piece, i) => {
      rows.push({
        kind: entry.dir,
        marker: i === 0 ? MARKERS[entry.dir] : '',
        text: piece,
        entry: index,
        ...(entry.secret ? { secret: true } : {}),
      });
    });
    if (entry.dir === 'server' && entry.explanation) {
      const explanationWidth = textWidth - EXPLANATION_INDENT;
      for (const piece of capped(wordWrap(entry.explanation, explanationWidth), explanationWidth)) {
        rows.push({
          kind: 'explanation',
          marker: '',
          text: `${' '.repeat(EXPLANATION_INDENT)}${piece}`,
          entry: index,
        });
      }
    }
  }
  return rows;
};
