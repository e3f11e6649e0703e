// Transcript entries laid out as screen rows, so scrolling moves by rows the user sees and a
// 10 KB reply cannot push everything else off the screen. Text arrives escaped (session/ runs it
// through printable()); nothing here interprets it.
import type { Direction, Finding, Severity, TranscriptEntry } from '../record/types.js';
import { expandTabs, hardWrap, truncate, wordWrap } from './text-width.js';

export type RowKind = Direction | 'explanation' | 'heading' | 'finding' | 'finding-text' | 'next';

export interface TranscriptRow {
  kind: RowKind;
  /** "C:", "S:", "·" on an entry's first row, empty on its other rows. */
  marker: string;
  text: string;
  /** Index of the entry in the transcript, for evidence links later. */
  entry: number;
  secret?: boolean;
  severity?: Severity;
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

/**
 * Rows of each entry, kept per entry object and width: entries never change once recorded (the
 * session appends), so laying out a grown transcript again re-lays out only its new lines.
 */
const cache = new WeakMap<
  TranscriptEntry,
  { width: number; index: number; rows: TranscriptRow[] }
>();

export const layoutTranscript = (
  entries: ReadonlyArray<{ entry: TranscriptEntry; index: number }>,
  width: number,
): TranscriptRow[] => {
  const rows: TranscriptRow[] = [];
  for (const { entry, index } of entries) {
    const kept = cache.get(entry);
    if (kept && kept.width === width && kept.index === index) {
      for (const row of kept.rows) rows.push(row);
      continue;
    }
    const laid = layoutEntry(entry, index, width);
    cache.set(entry, { width, index, rows: laid });
    for (const row of laid) rows.push(row);
  }
  return rows;
};

/** One entry's rows at a width (the rows layoutTranscript gives for it). */
export const layoutEntry = (
  entry: TranscriptEntry,
  index: number,
  width: number,
): TranscriptRow[] => {
  const textWidth = Math.max(8, width - MARKER_WIDTH);
  const rows: TranscriptRow[] = [];
  const text = expandTabs(entry.text);
  const wrapped = entry.dir === 'note' ? wordWrap(text, textWidth) : hardSplit(text, textWidth);
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
    for (const piece of capped(
      [...proseWrap(entry.explanation, explanationWidth)],
      explanationWidth,
    )) {
      rows.push({
        kind: 'explanation',
        marker: '',
        text: `${' '.repeat(EXPLANATION_INDENT)}${piece}`,
        entry: index,
      });
    }
  }
  return rows;
};

/** Printable ASCII: one cell a character, so a hard wrap's row count is arithmetic. */
const PLAIN = /^[\x20-\x7e]*$/;

/** hardWrap, by slicing where every character takes one cell. */
const hardSplit = (text: string, width: number): string[] => {
  if (!PLAIN.test(text)) return hardWrap(text, width);
  const size = Math.max(1, width);
  if (text.length <= size) return [text];
  const rows: string[] = [];
  for (let at = 0; at < text.length; at += size) rows.push(text.slice(at, at + size));
  return rows;
};

/** Rows of a hard wrap, without building them; an empty text still takes a row. */
const hardRows = (text: string, width: number): number =>
  PLAIN.test(text)
    ? Math.max(1, Math.ceil(text.length / Math.max(1, width)))
    : hardWrap(text, width).length;

/**
 * Word-wrapped rows of texts met before, per width: a server's explanations repeat (every "250
 * OK" explains the same), so a long transcript wraps each wording once.
 */
const prose = new Map<string, readonly string[]>();
const PROSE_MEMO = 4096;
const proseWrap = (text: string, width: number): readonly string[] => {
  const key = `${width}:${text}`;
  let rows = prose.get(key);
  if (rows === undefined) {
    rows = wordWrap(text, width);
    if (prose.size >= PROSE_MEMO) prose.clear();
    prose.set(key, rows);
  }
  return rows;
};
const proseRows = (text: string, width: number): number => proseWrap(text, width).length;

/**
 * How many rows layoutEntry gives an entry at this width, computed without laying it out: the
 * step screen sums these to know a transcript's extent and lays out only the rows in view.
 */
export const entryHeight = (entry: TranscriptEntry, width: number): number => {
  const textWidth = Math.max(8, width - MARKER_WIDTH);
  const text = expandTabs(entry.text);
  const rows = Math.min(
    MAX_ROWS_PER_ENTRY,
    entry.dir === 'note' ? proseRows(text, textWidth) : hardRows(text, textWidth),
  );
  if (entry.dir !== 'server' || !entry.explanation) return rows;
  return (
    rows +
    Math.min(MAX_ROWS_PER_ENTRY, proseRows(entry.explanation, textWidth - EXPLANATION_INDENT))
  );
};

/** Lower-case rows of prose met before, for finding text in explanations without wrapping. */
const proseLower = new Map<readonly string[], readonly string[]>();
const lowerRows = (rows: readonly string[]): readonly string[] => {
  let lower = proseLower.get(rows);
  if (lower === undefined) {
    lower = rows.map((row) => row.toLowerCase());
    if (proseLower.size >= PROSE_MEMO) proseLower.clear();
    proseLower.set(rows, lower);
  }
  return lower;
};

/**
 * The first of layoutEntry's rows whose text holds `needle` (trimmed, lower case), or -1. A line
 * that fits one row is answered from its text, and its explanation from the wrapped wording met
 * before, so a find over a long transcript builds no rows for them.
 */
/**
 * Whether an entry's text is one row of printable ASCII at this width: then its first row is the
 * text itself and a search needs no layout (the find's fast path; notes are rewritten in place).
 */
export const isOneRow = (entry: TranscriptEntry, width: number): boolean =>
  entry.dir !== 'note' &&
  !entry.text.includes('\t') &&
  PLAIN.test(entry.text) &&
  entry.text.length <= Math.max(8, width - MARKER_WIDTH);

export const firstRowWith = (
  entry: TranscriptEntry,
  index: number,
  width: number,
  needle: string,
  /** The entry's text in lower case, when the caller keeps it. */
  lower?: string,
): number => {
  const textWidth = Math.max(8, width - MARKER_WIDTH);
  const text = expandTabs(entry.text);
  // "…" ends a cut row without being in the text; such needles take the long way.
  if (
    entry.dir !== 'note' &&
    PLAIN.test(text) &&
    text.length <= textWidth &&
    !needle.includes('…')
  ) {
    if ((lower ?? text.toLowerCase()).includes(needle)) return 0;
    if (entry.dir !== 'server' || !entry.explanation) return -1;
    const pieces = proseWrap(entry.explanation, textWidth - EXPLANATION_INDENT);
    if (pieces.length <= MAX_ROWS_PER_ENTRY) {
      // The indent cannot hold part of a needle that starts with no space.
      const at = lowerRows(pieces).findIndex((piece) => piece.includes(needle));
      return at < 0 ? -1 : 1 + at;
    }
  }
  return layoutEntry(entry, index, width).findIndex((row) =>
    row.text.toLowerCase().includes(needle),
  );
};

/** Line breaks in prose (library error text quoted by a rule) as spaces. */
const flat = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

const SEVERITY_MARK: Record<Severity, string> = { error: '✗', warning: '!', info: 'i' };

/** A step's findings under its transcript: what is wrong, why, and what to try next. */
export const layoutFindings = (findings: readonly Finding[], width: number): TranscriptRow[] => {
  if (findings.length === 0) return [];
  const textWidth = Math.max(8, width - MARKER_WIDTH);
  const rows: TranscriptRow[] = [
    { kind: 'heading', marker: '', text: '', entry: -1 },
    {
      kind: 'heading',
      marker: '',
      text: findings.length === 1 ? 'Finding' : `Findings (${findings.length})`,
      entry: -1,
    },
  ];
  for (const finding of findings) {
    const entry = finding.evidence[0] ?? -1;
    wordWrap(flat(finding.title), textWidth).forEach((piece, i) =>
      rows.push({
        kind: 'finding',
        marker: i === 0 ? SEVERITY_MARK[finding.severity] : '',
        text: piece,
        entry,
        severity: finding.severity,
      }),
    );
    // Prose: a line break in it (library error text) would start a row without the indent.
    for (const piece of wordWrap(flat(finding.explanation), textWidth))
      rows.push({ kind: 'finding-text', marker: '', text: piece, entry });
    for (const next of finding.next) {
      wordWrap(flat(next), textWidth - 2).forEach((piece, i) =>
        rows.push({ kind: 'next', marker: '', text: `${i === 0 ? '→ ' : '  '}${piece}`, entry }),
      );
    }
  }
  return rows;
};
