import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TranscriptRow } from '../../source/ui/transcript-layout.js';
import {
  findMatches,
  initialReaderState,
  readerReducer,
  replyEntries,
  rowOfEntry,
  scrollToShow,
  stepMatch,
  stepReply,
} from '../../source/ui/transcript-reader.js';

const row = (
  kind: TranscriptRow['kind'],
  text: string,
  entry: number,
  marker = 'S:',
): TranscriptRow => ({
  kind,
  marker,
  text,
  entry,
});

const ROWS: TranscriptRow[] = [
  row('client', 'EHLO me', 0, 'C:'),
  row('server', '250-mx Hello', 1),
  row('explanation', '  multi-line reply', 1, ''),
  row('server', '250-STARTTLS', 2),
  row('server', '250 SIZE 100', 3),
  row('client', 'STARTTLS', 4, 'C:'),
  row('server', '454 4.7.0 TLS not available', 5),
];

test('typing a query, accepting it, and clearing it; the query stays for the next /', () => {
  let state = readerReducer(initialReaderState(), { type: 'startFind' });
  assert.equal(state.typing, true);
  for (const text of ['star', 'ttls'])
    state = readerReducer(state, { type: 'edit', edit: { kind: 'insert', text } });
  assert.equal(state.query, 'starttls');
  state = readerReducer(state, { type: 'edit', edit: { kind: 'insert', text: 'a\nb' } });
  assert.equal(state.query, 'starttlsa b', 'a pasted line break becomes a space');
  state = readerReducer(state, { type: 'edit', edit: { kind: 'clear' } });
  state = readerReducer(state, { type: 'edit', edit: { kind: 'insert', text: 'tls' } });
  state = readerReducer(state, { type: 'submitFind' });
  assert.deepEqual([state.typing, state.searching], [false, true]);
  state = readerReducer(state, { type: 'clear' });
  assert.deepEqual([state.searching, state.query], [false, 'tls']);
  const empty = readerReducer(readerReducer(initialReaderState(), { type: 'startFind' }), {
    type: 'submitFind',
  });
  assert.equal(empty.searching, false, 'an empty query is no search');
});

test('matches ignore case; n/N step through them and wrap', () => {
  const matches = findMatches(ROWS, 'starttls');
  assert.deepEqual(matches, [3, 5]);
  assert.deepEqual(findMatches(ROWS, '  '), []);
  assert.deepEqual(findMatches(ROWS, 'multi'), [2]);
  assert.deepEqual(findMatches(ROWS, '250-mx'), [1], 'a reply and its explanation are one match');
  assert.deepEqual(findMatches(ROWS, 'l'), [0, 1, 3, 5, 6], 'one per entry');
  assert.equal(stepMatch(matches, 0, 1, true), 3);
  assert.equal(stepMatch(matches, 3, 1), 5);
  assert.equal(stepMatch(matches, 5, 1), 3, 'wraps to the first');
  assert.equal(stepMatch(matches, 3, -1), 5, 'wraps to the last');
  assert.equal(stepMatch([], 0, 1), undefined);
});

test('[ and ] select server replies, starting from the window', () => {
  assert.deepEqual(replyEntries(ROWS), [1, 2, 3, 5]);
  assert.equal(stepReply(ROWS, undefined, 2, 1), 2, 'the first reply at or below the top row');
  assert.equal(stepReply(ROWS, 2, 0, 1), 3);
  assert.equal(stepReply(ROWS, 5, 0, 1), 5, 'stays on the last');
  assert.equal(stepReply(ROWS, 1, 0, -1), 1, 'stays on the first');
  assert.equal(rowOfEntry(ROWS, 5), 6);
});

test('the panel opens only with a selection; esc closes the panel before the search', () => {
  let state = readerReducer(initialReaderState(), { type: 'togglePanel' });
  assert.equal(state.panel, false);
  state = readerReducer(state, { type: 'select', entry: 5 });
  state = readerReducer(state, { type: 'togglePanel' });
  assert.equal(state.panel, true);
  state = readerReducer(state, { type: 'clear' });
  assert.deepEqual([state.panel, state.selected], [false, 5]);
  state = readerReducer(state, { type: 'clear' });
  assert.equal(state.selected, undefined);
  const tools = readerReducer(initialReaderState(), { type: 'toggleTools' });
  assert.equal(readerReducer(tools, { type: 'clear' }).tools, false);
});

test('a row off screen is scrolled into view, one in view is left alone', () => {
  assert.equal(scrollToShow(5, 10, 8), -5);
  assert.equal(scrollToShow(12, 10, 8), 0);
  assert.equal(scrollToShow(30, 10, 9), 17);
});
