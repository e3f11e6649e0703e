import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, StepId, TranscriptEntry } from '../../source/record/types.js';
import { TranscriptIndex, transcriptIndex } from '../../source/ui/transcript-index.js';
import type { TranscriptRow } from '../../source/ui/transcript-layout.js';
import {
  entryHeight,
  firstRowWith,
  layoutEntry,
  layoutFindings,
  layoutTranscript,
} from '../../source/ui/transcript-layout.js';
import {
  findMatches,
  replyEntries,
  rowOfEntry,
  stepReply,
} from '../../source/ui/transcript-reader.js';

/** Lines of two steps, interleaved, with every shape the layout treats apart. */
const lines = (count: number, from = 0): TranscriptEntry[] =>
  Array.from({ length: count }, (_, n): TranscriptEntry => {
    const i = from + n;
    const step: StepId = i % 5 === 0 ? 'ehlo' : 'send';
    switch (i % 7) {
      case 0:
        return { t: i, step, dir: 'client', text: `X-Line-${i}: ${'lorem ipsum '.repeat(i % 9)}` };
      case 1:
        return { t: i, step, dir: 'note', text: `took ${i} ms, ${'word '.repeat(i % 30)}` };
      case 2:
        return { t: i, step, dir: 'server', text: `250 tab\there ${i}`, explanation: 'Accepted.' };
      case 3:
        return { t: i, step, dir: 'server', text: `550 ${'x'.repeat(i % 400)}` };
      case 4:
        return { t: i, step, dir: 'client', text: `AUTH PLAIN ${i}`, secret: true };
      case 5:
        return {
          t: i,
          step,
          dir: 'server',
          text: `250 宽字符 line ${i}`,
          explanation: `The server took it; ${'explained at length '.repeat(i % 12)}`,
        };
      default:
        return { t: i, step, dir: 'server', text: `250 2.0.0 Ok line ${i}` };
    }
  });

/** What the step screen showed before the index: every line of the step laid out. */
const laidOut = (
  transcript: readonly TranscriptEntry[],
  step: StepId,
  width: number,
  after: TranscriptRow[] = [],
): TranscriptRow[] => [
  ...layoutTranscript(
    transcript.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.step === step),
    width,
  ),
  ...after,
];

const finding: Finding = {
  id: 'f1',
  step: 'send',
  severity: 'error',
  title: 'Relay denied',
  explanation: 'The server refused line 12 and said so.',
  next: ['Authenticate first.'],
  evidence: [10],
};

test('an entry is measured at the height it is laid out at, without laying it out', () => {
  for (const width of [20, 41, 80, 133])
    for (const entry of lines(300))
      assert.equal(entryHeight(entry, width), layoutEntry(entry, 0, width).length, entry.text);
});

test('the first row holding a needle is found as the laid-out rows have it', () => {
  for (const width of [24, 80])
    for (const entry of lines(140))
      for (const needle of ['line', 'ok', 'accepted', 'length exp', 'tab    he', 'x…', '宽'])
        assert.equal(
          firstRowWith(entry, 0, width, needle),
          layoutEntry(entry, 0, width).findIndex((row) => row.text.toLowerCase().includes(needle)),
          `${needle} in ${entry.text}`,
        );
});

test('the rows read through the index are the rows of the whole layout', () => {
  const transcript = lines(700);
  const after = layoutFindings([finding], 60);
  const rows = new TranscriptIndex();
  rows.sync(transcript);
  for (const step of ['send', 'ehlo'] as const) {
    const view = rows.rows(step, 60, after);
    const expected = laidOut(transcript, step, 60, after);
    assert.equal(view.length, expected.length);
    assert.deepEqual(view.slice(), expected);
    assert.deepEqual(view.slice(100, 130), expected.slice(100, 130), 'a window');
    assert.deepEqual(view.at(-1), expected.at(-1));
    assert.equal(view.at(expected.length), undefined);
  }
  assert.equal(rows.rows('imap', 60).length, 0, 'a step without lines has no rows');
});

test('lines appended later are indexed on their own; a view made before keeps its rows', () => {
  const transcript = lines(400);
  const index = new TranscriptIndex();
  index.sync(transcript);
  const before = index.rows('send', 50);
  const beforeRows = before.slice();
  transcript.push(...lines(250, 400));
  // A live session hands out a copy on each change: the index goes on from where it was.
  const copy = [...transcript];
  assert.ok(index.continues(copy));
  index.sync(copy);
  const after = index.rows('send', 50);
  assert.deepEqual(after.slice(), laidOut(copy, 'send', 50));
  assert.deepEqual(before.slice(), beforeRows, 'the earlier view is what it was');
  assert.equal(before.length, beforeRows.length);
  assert.ok(!index.continues(lines(10)), 'another session is not a continuation');
  assert.ok(!index.continues(copy.slice(0, 100)), 'nor is a shorter transcript');
});

test('after a width change the heights are measured again, and the old width still reads', () => {
  const transcript = lines(500);
  const index = new TranscriptIndex();
  index.sync(transcript);
  const wide = index.rows('send', 120);
  const narrow = index.rows('send', 30);
  assert.deepEqual(narrow.slice(), laidOut(transcript, 'send', 30));
  assert.ok(narrow.length > wide.length, 'narrower rows wrap more');
  assert.deepEqual(wide.slice(0, 40), laidOut(transcript, 'send', 120).slice(0, 40));
  assert.deepEqual(index.rows('send', 120).slice(), laidOut(transcript, 'send', 120));
});

test('a view of the old width finds what its rows hold after a view of another width was made', () => {
  // What a search reads besides the text (one-row flags) is made per width with the heights.
  const transcript = lines(400);
  const index = new TranscriptIndex();
  index.sync(transcript);
  const wide = index.rows('send', 120);
  const narrow = index.rows('send', 30);
  // The wide width again: its flags would place a needle of a wrapped line on its first row.
  index.rows('send', 120);
  for (const query of ['line 1', 'x-line', 'accepted', 'lorem ipsum lorem', 'ipsum 4', 'x…'])
    for (const [view, width] of [
      [wide, 120],
      [narrow, 30],
    ] as const)
      assert.deepEqual(
        findMatches(view, query),
        findMatches(laidOut(transcript, 'send', width), query),
        `${query} at ${width}`,
      );
});

test('a note rewritten in place (the recorder’s "lines not kept") is measured again', () => {
  const transcript = lines(30);
  const note: TranscriptEntry = {
    t: 99,
    step: 'send',
    dir: 'note',
    text: '… 1 line(s) not kept …',
  };
  transcript.push(note, ...lines(20, 30));
  const index = new TranscriptIndex();
  index.sync(transcript);
  const first = index.rows('send', 40);
  note.text = `… 123456 line(s) not kept (this step keeps its first 2000 and its last 500 lines) …`;
  const second = index.rows('send', 40);
  assert.deepEqual(second.slice(), laidOut(transcript, 'send', 40));
  assert.equal(second.length, first.length + 2, 'the longer note takes three rows');
});

test('entries, replies and matches are answered as the whole rows would answer them', () => {
  const transcript = lines(900);
  const after = layoutFindings([finding], 70);
  const index = new TranscriptIndex();
  index.sync(transcript);
  const view = index.rows('send', 70, after);
  const rows = laidOut(transcript, 'send', 70, after);
  for (const entry of [0, 1, 2, 5, 6, 10, 13, 450, 899, 900, -1])
    assert.equal(view.rowOf(entry), rowOfEntry(rows, entry), `entry ${entry}`);
  assert.deepEqual(replyEntries(view), replyEntries(rows));
  for (const [selected, top, by] of [
    [undefined, 0, 1],
    [undefined, 400, 1],
    [undefined, 1e6, 1],
    [6, 0, 1],
    [6, 0, -1],
    [895, 0, 1],
    [1, 0, 1],
  ] as const)
    assert.equal(
      stepReply(view, selected, top, by),
      stepReply(rows, selected, top, by),
      `${String(selected)} ${top} ${by}`,
    );
  // Typed a letter at a time: each query narrows the one before; then a wider one again.
  for (const query of ['l', 'li', 'lin', 'line', 'line 1', 'line 12', 'LINE 12', 'refused', 'ok'])
    assert.deepEqual(findMatches(view, query), findMatches(rows, query), query);
  // Found in explanations only (also across a wrap), and in one-row lines beside them.
  for (const query of ['accepted', 'took it', 'length explained', 'at length', 'x-line-7', 'tab'])
    assert.deepEqual(findMatches(view, query), findMatches(rows, query), query);
  assert.deepEqual(findMatches(view, 'x…'), findMatches(rows, 'x…'));
  assert.deepEqual(findMatches(view, '   '), []);
});

test('the shared index follows one session as it grows and starts afresh for another', () => {
  const transcript = lines(50);
  const first = transcriptIndex(transcript);
  transcript.push(...lines(10, 50));
  assert.equal(transcriptIndex([...transcript]), first, 'a grown copy');
  assert.equal(first.rows('send', 80).length, laidOut(transcript, 'send', 80).length);
  const other = transcriptIndex(lines(20, 1000));
  assert.notEqual(other, first);
  assert.equal(other.rows('send', 80).length, laidOut(lines(20, 1000), 'send', 80).length);
});

test('a view made before the transcript grew finds only in its own lines, searched after a newer one', () => {
  const transcript = lines(300);
  const index = new TranscriptIndex();
  index.sync(transcript);
  const before = index.rows('send', 70);
  const grown = [...transcript, ...lines(600, 300)];
  index.sync(grown);
  const after = index.rows('send', 70);
  for (const query of ['line', 'line 4', 'took', 'explained', 'x'])
    assert.deepEqual(
      findMatches(after, query),
      findMatches(laidOut(grown, 'send', 70), query),
      `grown: ${query}`,
    );
  for (const query of ['line', 'line 4', 'took', 'explained', 'x'])
    assert.deepEqual(
      findMatches(before, query),
      findMatches(laidOut(transcript, 'send', 70), query),
      `before: ${query}`,
    );
});
