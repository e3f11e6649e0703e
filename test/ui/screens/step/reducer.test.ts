import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StepScreenState } from '../../../../source/ui/screens/step/reducer.js';
import {
  FOLLOW,
  initialStepScreenState,
  stepFooter,
  stepScreenReducer,
  visibleTop,
} from '../../../../source/ui/screens/step/reducer.js';

const initial = initialStepScreenState();

test('starts following the run, focus on the rail', () => {
  assert.deepEqual(initial, { focus: 'rail', scroll: { top: 0, follow: true } });
});

test('move pins the neighbouring step and stops at either end', () => {
  const next = stepScreenReducer(initial, { type: 'move', by: 1, from: 'ehlo' });
  assert.equal(next.pinned, 'tls');
  assert.equal(stepScreenReducer(initial, { type: 'move', by: -1, from: 'ehlo' }).pinned, 'banner');
  const last = stepScreenReducer(initial, { type: 'move', by: 1, from: 'imap' });
  assert.equal(last.pinned, 'imap');
  assert.equal(stepScreenReducer(last, { type: 'move', by: 1, from: 'imap' }), last);
  assert.equal(stepScreenReducer(initial, { type: 'move', by: -1, from: 'dns' }).pinned, 'dns');
});

test('once pinned, moves start from the pinned step, not the stale one passed in', () => {
  let state = stepScreenReducer(initial, { type: 'move', by: 1, from: 'dns' });
  state = stepScreenReducer(state, { type: 'move', by: 1, from: 'dns' });
  state = stepScreenReducer(state, { type: 'move', by: 1, from: 'dns' });
  assert.equal(state.pinned, 'ehlo');
});

test('moving to another step resets the scroll to follow', () => {
  const scrolled: StepScreenState = {
    ...initial,
    pinned: 'ehlo',
    scroll: { top: 2, follow: false },
  };
  assert.deepEqual(
    stepScreenReducer(scrolled, { type: 'move', by: 1, from: 'ehlo' }).scroll,
    FOLLOW,
  );
  assert.deepEqual(stepScreenReducer(scrolled, { type: 'select', id: 'dns' }), {
    ...initial,
    pinned: 'dns',
  });
});

test('toggleFocus alternates rail and transcript', () => {
  const transcript = stepScreenReducer(initial, { type: 'toggleFocus' });
  assert.equal(transcript.focus, 'transcript');
  assert.equal(stepScreenReducer(transcript, { type: 'toggleFocus' }).focus, 'rail');
});

test('scrolling up leaves follow, scrolling back to the end resumes it, both clamp', () => {
  const geometry = { total: 20, height: 5 };
  const up = stepScreenReducer(initial, { type: 'scroll', by: -3, ...geometry });
  assert.deepEqual(up.scroll, { top: 12, follow: false });
  const top = stepScreenReducer(up, { type: 'scroll', by: -100, ...geometry });
  assert.deepEqual(top.scroll, { top: 0, follow: false });
  const end = stepScreenReducer(top, { type: 'scroll', by: 100, ...geometry });
  assert.deepEqual(end.scroll, { top: 15, follow: true });
});

test('a transcript shorter than its window does not scroll', () => {
  const state = stepScreenReducer(initial, { type: 'scroll', by: -1, total: 3, height: 5 });
  assert.deepEqual(state.scroll, { top: 0, follow: true });
});

test('visibleTop follows the tail, and clamps a stale top after the window grew', () => {
  assert.equal(visibleTop(FOLLOW, 20, 5), 15);
  assert.equal(visibleTop({ top: 4, follow: false }, 20, 5), 4);
  assert.equal(visibleTop({ top: 14, follow: false }, 20, 10), 10);
  assert.equal(visibleTop(FOLLOW, 2, 5), 0);
});

test('up and down move the step on the rail, scroll in the transcript', () => {
  const line = { total: 20, height: 5, from: 'ehlo' as const };
  assert.equal(stepScreenReducer(initial, { type: 'line', by: 1, ...line }).pinned, 'tls');
  const transcript = stepScreenReducer(initial, { type: 'toggleFocus' });
  const scrolled = stepScreenReducer(transcript, { type: 'line', by: -1, ...line });
  assert.equal(scrolled.pinned, undefined);
  assert.deepEqual(scrolled.scroll, { top: 14, follow: false });
});

test('the footer names what up/down and tab do now', () => {
  const labels = (state: StepScreenState) => stepFooter(state).map((item) => item.label);
  assert.deepEqual(labels(initial), ['run', 'step', 'step', 'transcript', 'page']);
  assert.deepEqual(labels({ ...initial, focus: 'transcript' }), [
    'run',
    'step',
    'scroll',
    'steps',
    'page',
  ]);
});
