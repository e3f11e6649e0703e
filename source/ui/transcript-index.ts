// The step screen's view of a long transcript. Per step: the indexes of its entries, and their
// heights in rows at the current width as running sums; both are extended as the transcript grows
// and never recomputed for lines already seen (a width change measures once more). A key press
// then costs a binary search and the layout of the rows in the window, however long the
// transcript is. Finding text is the one walk over every line, once per query.
import type { StepId, TranscriptEntry } from '../record/types.js';
import type { TranscriptRow } from './transcript-layout.js';
import { entryHeight, firstRowWith, isOneRow, layoutEntry } from './transcript-layout.js';
import { expandTabs } from './text-width.js';

/** Rows read by position: an array is one, and so is a step's window onto the index. */
export interface RowList {
  readonly length: number;
  at(index: number): TranscriptRow | undefined;
  slice(start?: number, end?: number): TranscriptRow[];
}

/** What an indexed list answers without walking its rows. */
export interface IndexedRows extends RowList {
  /** The first row of a transcript entry, or -1 when the entry is not in the list. */
  rowOf(entry: number): number;
  /** Server replies' entry indexes, in row order. */
  replies(): readonly number[];
  /** findMatches' answer for a trimmed, lower-case needle. */
  matches(needle: string): readonly number[];
}

export const isIndexed = (rows: RowList): rows is IndexedRows =>
  typeof (rows as Partial<IndexedRows>).rowOf === 'function';

interface Heights {
  width: number;
  /** starts[k] is the first row of the step's k-th entry; starts.at(-1) all measured rows. */
  starts: number[];
  /** The text each note had when measured: the recorder rewrites its "N lines not kept" note. */
  notes: Map<number, string>;
}

interface Search {
  heights: Heights;
  count: number;
  needle: string;
  /** Positions (in the step's entries) of the entries with a row holding the needle. */
  candidates: number[];
  /** One row per entry, as findMatches gives them. */
  rows: number[];
}

/** One step's share of the transcript. */
class StepEntries {
  /** Transcript indexes, ascending. */
  readonly entries: number[] = [];
  /** Transcript indexes of server replies, ascending. */
  readonly replies: number[] = [];
  /** Positions in `entries` of notes. */
  readonly notes: number[] = [];
  heights: Heights | undefined;
  search: Search | undefined;
  /** Lower-case text of the entries, made as they are first measured. */
  readonly lower: string[] = [];
  /** Lower-case explanation of each entry ('' without one), made with `lower`. */
  readonly explained: string[] = [];
  /** Per width: 1 where an entry is one plain row (isOneRow), so a search skips its layout. */
  oneRow: { width: number; flags: number[] } | undefined;
}

/** Laid-out rows of the entries looked at lately; a window needs a screenful of them. */
const LAID_KEPT = 2048;
const laid = new Map<TranscriptEntry, { width: number; text: string; rows: TranscriptRow[] }>();

const rowsOf = (entry: TranscriptEntry, index: number, width: number): TranscriptRow[] => {
  const kept = laid.get(entry);
  if (kept && kept.width === width && kept.text === entry.text) {
    // Most recently used last, so the oldest goes first when the map is full.
    laid.delete(entry);
    laid.set(entry, kept);
    return kept.rows;
  }
  const rows = layoutEntry(entry, index, width);
  laid.delete(entry);
  if (laid.size >= LAID_KEPT) laid.delete(laid.keys().next().value!);
  laid.set(entry, { width, text: entry.text, rows });
  return rows;
};

/** Replies with one code share their explanation's text: lowered once, not once a line. */
const EXPLANATIONS_KEPT = 4096;
const loweredExplanations = new Map<string, string>();
const lowerExplanation = (text: string): string => {
  let lower = loweredExplanations.get(text);
  if (lower === undefined) {
    lower = text.toLowerCase();
    if (loweredExplanations.size >= EXPLANATIONS_KEPT) loweredExplanations.clear();
    loweredExplanations.set(text, lower);
  }
  return lower;
};

/** The last position in `sorted[0..count)` whose value is at most `value`, or -1. */
const lastAtMost = (sorted: readonly number[], count: number, value: number): number => {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
};

export class TranscriptIndex {
  private source: readonly TranscriptEntry[] = [];
  private scanned = 0;
  private readonly steps = new Map<StepId, StepEntries>();

  /** Whether `transcript` is the one indexed, grown at its end (a snapshot may be a copy). */
  continues(transcript: readonly TranscriptEntry[]): boolean {
    if (transcript === this.source) return transcript.length >= this.scanned;
    if (transcript.length < this.scanned) return false;
    return (
      this.scanned === 0 ||
      (transcript[0] === this.source[0] &&
        transcript[this.scanned - 1] === this.source[this.scanned - 1])
    );
  }

  /** Takes in the lines added since the last call. */
  sync(transcript: readonly TranscriptEntry[]): void {
    this.source = transcript;
    for (let i = this.scanned; i < transcript.length; i += 1) {
      const entry = transcript[i]!;
      let step = this.steps.get(entry.step);
      if (!step) {
        step = new StepEntries();
        this.steps.set(entry.step, step);
      }
      if (entry.dir === 'server') step.replies.push(i);
      if (entry.dir === 'note') step.notes.push(step.entries.length);
      step.entries.push(i);
    }
    this.scanned = transcript.length;
  }

  /** The step's rows at this width, then `after` (its findings). */
  rows(step: StepId, width: number, after: readonly TranscriptRow[] = []): StepRows {
    const entries = this.steps.get(step) ?? new StepEntries();
    const heights = this.measure(entries, width);
    return new StepRows(this.source, entries, heights, width, after);
  }

  /** Heights of every entry of the step at this width, measuring only what was not yet. */
  private measure(step: StepEntries, width: number): Heights {
    let heights = step.heights;
    if (!heights || heights.width !== width) heights = { width, starts: [0], notes: new Map() };
    // A rewritten note: measured again from there, into a new list, so views made before keep
    // theirs (views share a list only while it grows at its end).
    for (const at of step.notes) {
      if (at >= heights.starts.length - 1) break;
      const entry = this.source[step.entries[at]!]!;
      if (heights.notes.get(at) !== entry.text) {
        heights = {
          width,
          starts: heights.starts.slice(0, at + 1),
          notes: new Map([...heights.notes].filter(([k]) => k < at)),
        };
        break;
      }
    }
    const { starts } = heights;
    for (let k = starts.length - 1; k < step.entries.length; k += 1) {
      const entry = this.source[step.entries[k]!]!;
      if (entry.dir === 'note') heights.notes.set(k, entry.text);
      starts.push(starts[k]! + entryHeight(entry, width));
    }
    step.heights = heights;
    this.prepareSearch(step, width);
    return heights;
  }

  /**
   * What a search reads besides the text, made with the heights: the first letter of a query
   * then costs one pass of `includes` over the step, not also a lower-casing of every line.
   */
  private prepareSearch(step: StepEntries, width: number): void {
    const { lower, explained } = step;
    for (let k = lower.length; k < step.entries.length; k += 1) {
      const entry = this.source[step.entries[k]!]!;
      lower.push(expandTabs(entry.text).toLowerCase());
      explained.push(entry.explanation === undefined ? '' : lowerExplanation(entry.explanation));
    }
    if (step.oneRow?.width !== width) step.oneRow = { width, flags: [] };
    const { flags } = step.oneRow;
    for (let k = flags.length; k < step.entries.length; k += 1)
      flags.push(isOneRow(this.source[step.entries[k]!]!, width) ? 1 : 0);
  }
}

/**
 * A step's rows as of one render: the entries and heights it was made with stay its own when the
 * transcript grows later (the lists only grow at their end, and it reads up to its count).
 */
export class StepRows implements IndexedRows {
  readonly length: number;
  /** Rows of the transcript part; the findings follow. */
  readonly transcriptRows: number;
  private readonly count: number;
  private readonly replyCount: number;
  private replyList: number[] | undefined;

  constructor(
    private readonly source: readonly TranscriptEntry[],
    private readonly step: StepEntries,
    private readonly heights: Heights,
    private readonly width: number,
    private readonly after: readonly TranscriptRow[],
  ) {
    this.count = step.entries.length;
    this.replyCount = step.replies.length;
    this.transcriptRows = heights.starts[this.count]!;
    this.length = this.transcriptRows + after.length;
  }

  at(index: number): TranscriptRow | undefined {
    const i = index < 0 ? index + this.length : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    if (i >= this.transcriptRows) return this.after[i - this.transcriptRows];
    const { starts } = this.heights;
    const k = lastAtMost(starts, this.count, i);
    const index_ = this.step.entries[k]!;
    const entry = this.source[index_]!;
    // A note rewritten since it was measured may have fewer rows; a blank row keeps the window.
    return (
      rowsOf(entry, index_, this.width)[i - starts[k]!] ?? {
        kind: 'note',
        marker: '',
        text: '',
        entry: index_,
      }
    );
  }

  slice(start = 0, end = this.length): TranscriptRow[] {
    const from = Math.max(0, start < 0 ? start + this.length : start);
    const to = Math.min(this.length, end < 0 ? end + this.length : end);
    const rows: TranscriptRow[] = [];
    for (let i = from; i < to; i += 1) rows.push(this.at(i)!);
    return rows;
  }

  rowOf(entry: number): number {
    const k = lastAtMost(this.step.entries, this.count, entry);
    if (k >= 0 && this.step.entries[k] === entry) return this.heights.starts[k]!;
    // A finding's text rows carry the line they cite, which may be another step's.
    const at = this.after.findIndex(
      (row) => row.entry === entry && row.kind !== 'finding' && row.kind !== 'next',
    );
    return at < 0 ? -1 : this.transcriptRows + at;
  }

  replies(): readonly number[] {
    this.replyList ??= this.step.replies.slice(0, this.replyCount);
    return this.replyList;
  }

  matches(needle: string): readonly number[] {
    if (needle === '') return [];
    const found = this.transcriptMatches(needle);
    // Findings rows count on their own (none of them is a transcript line).
    const extra: number[] = [];
    for (let i = 0; i < this.after.length; i += 1)
      if (this.after[i]!.text.toLowerCase().includes(needle)) extra.push(this.transcriptRows + i);
    return extra.length === 0 ? found : [...found, ...extra];
  }

  /**
   * Matches in the transcript part, kept for the last needle: typing one more letter narrows the
   * last answer's entries instead of reading every line again.
   */
  private transcriptMatches(needle: string): number[] {
    const last = this.step.search;
    const same = last && last.heights === this.heights && last.count === this.count;
    if (same && last.needle === needle) return last.rows;
    const narrowing = same && needle.includes(last.needle) ? last.candidates : undefined;
    // An entry with a row holding a longer needle has one holding this one: the next letter
    // typed looks only at these.
    const candidates: number[] = [];
    const rows: number[] = [];
    const { lower, explained } = this.step;
    // Made with the heights for entries up to this view's count (a width change remade them).
    const oneRow = this.step.oneRow?.width === this.width ? this.step.oneRow.flags : [];
    // "…" ends a cut row without being in the text: such needles take the long way.
    const fast = !needle.includes('…');
    const visit = (k: number) => {
      const index = this.step.entries[k]!;
      const entry = this.source[index]!;
      let at: number;
      if (fast && oneRow[k] === 1 && lower[k]!.includes(needle)) at = 0;
      // Its explanation's rows are pieces of the explanation: without the needle, none holds it.
      else if (fast && oneRow[k] === 1 && !explained[k]!.includes(needle)) at = -1;
      // A note's text is rewritten in place: its lower case is taken afresh.
      else
        at = firstRowWith(
          entry,
          index,
          this.width,
          needle,
          entry.dir === 'note' ? undefined : lower[k],
        );
      if (at < 0) return;
      candidates.push(k);
      rows.push(this.heights.starts[k]! + at);
    };
    if (narrowing) for (const k of narrowing) visit(k);
    else for (let k = 0; k < this.count; k += 1) visit(k);
    this.step.search = { heights: this.heights, count: this.count, needle, candidates, rows };
    return rows;
  }
}

const byArray = new WeakMap<readonly TranscriptEntry[], TranscriptIndex>();
let latest: TranscriptIndex | undefined;

/**
 * The index of this transcript, brought up to date: the same index while the session only grows
 * (a live session hands out a new snapshot on each change), a new one for another session.
 */
export const transcriptIndex = (transcript: readonly TranscriptEntry[]): TranscriptIndex => {
  let index = byArray.get(transcript);
  if (!index || !index.continues(transcript)) {
    index = latest?.continues(transcript) ? latest : new TranscriptIndex();
    byArray.set(transcript, index);
  }
  index.sync(transcript);
  latest = index;
  return index;
};
