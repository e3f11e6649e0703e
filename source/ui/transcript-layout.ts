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
 * session appends), so a key press re-lays out nothing and a 100,000-line transcript stays quick.
 */
let cache:
  WeakMap<TranscriptEntry, { width: number; index: number; rows: TranscriptRow[] }> | undefined =
  new WeakMap();

/** For the benchmark's before/after: off lays out every entry on every call. */
export const setLayoutCache = (on: boolean): void => {
  cache = on ? new WeakMap() : undefined;
};

export const layoutTranscript = (
  entries: ReadonlyArray<{ entry: TranscriptEntry; index: number }>,
  width: number,
): TranscriptRow[] => {
  const rows: TranscriptRow[] = [];
  for (const { entry, index } of entries) {
    const kept = cache?.get(entry);
    if (kept && kept.width === width && kept.index === index) {
      for (const row of kept.rows) rows.push(row);
      continue;
    }
    const laid = layoutEntry(entry, index, width);
    cache?.set(entry, { width, index, rows: laid });
    for (const row of laid) rows.push(row);
  }
  return rows;
};

const layoutEntry = (entry: TranscriptEntry, index: number, width: number): TranscriptRow[] => {
  const textWidth = Math.max(8, width - MARKER_WIDTH);
  const rows: TranscriptRow[] = [];
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
  return rows;
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
