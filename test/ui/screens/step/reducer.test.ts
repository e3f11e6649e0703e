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
  const last = stepScreenReducer(initial, { type: 'move', by: 1, from: 'findings' });
  assert.equal(last.pinned, 'findings');
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
  const transcript = stepScreenReducer(initial, { type: 'toggleFocus', actions: false });
  assert.equal(transcript.focus, 'transcript');
  assert.equal(
    stepScreenReducer(transcript, { type: 'toggleFocus', actions: false }).focus,
    'rail',
  );
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
  const transcript = stepScreenReducer(initial, { type: 'toggleFocus', actions: false });
  const scrolled = stepScreenReducer(transcript, { type: 'line', by: -1, ...line });
  assert.equal(scrolled.pinned, undefined);
  assert.deepEqual(scrolled.scroll, { top: 14, follow: false });
});

test('the footer names what up/down and tab do now', () => {
  const labels = (state: StepScreenState) => stepFooter(state).map((item) => item.label);
  assert.deepEqual(labels(initial), [
    'run',
    undefined,
    undefined,
    'step',
    'transcript',
    'step',
    'page',
  ]);
  assert.deepEqual(labels({ ...initial, focus: 'transcript' }).slice(3), [
    'step',
    'steps',
    'scroll',
    'page',
  ]);
});

test('a proposal on screen: enter sends, e edits (when editable), s skips, a runs the rest', () => {
  const actions = (editable: boolean) =>
    stepFooter(initial, { pending: { editable } }).flatMap((item) => item.actions);
  assert.deepEqual(actions(true).slice(0, 4), ['run', 'edit', 'skip', 'runAll']);
  assert.deepEqual(actions(false).slice(0, 3), ['run', 'skip', 'runAll']);
  assert.ok(actions(true).includes('settings'));
  assert.ok(actions(true).includes('console'));
  const waiting = stepFooter(initial, { waiting: true });
  assert.deepEqual(waiting[0], { actions: ['cancel'], label: 'cancel wait' });
  assert.ok(!waiting.some((item) => item.actions.includes('run')));
});

test('the findings overview is the rail entry after imap', () => {
  const last = stepScreenReducer(initial, { type: 'move', by: 1, from: 'imap' });
  assert.equal(last.pinned, 'findings');
  assert.equal(stepScreenReducer(last, { type: 'move', by: 1, from: 'imap' }), last);
  assert.equal(stepScreenReducer(last, { type: 'move', by: -1, from: 'dns' }).pinned, 'imap');
});

test('choosing a finding pins its step and remembers the finding; moving on forgets it', () => {
  const chosen = stepScreenReducer(initial, { type: 'select', id: 'tls', finding: 'tls.cert' });
  assert.deepEqual([chosen.pinned, chosen.finding], ['tls', 'tls.cert']);
  assert.equal(stepScreenReducer(chosen, { type: 'move', by: 1, from: 'tls' }).finding, undefined);
  assert.deepEqual(stepScreenReducer(chosen, { type: 'follow' }), initial);
});

test('tab visits the actions only when the step offers some; leaving the step leaves them', () => {
  let state = stepScreenReducer(initial, { type: 'toggleFocus', actions: true });
  state = stepScreenReducer(state, { type: 'toggleFocus', actions: true });
  assert.equal(state.focus, 'actions');
  assert.equal(stepScreenReducer(state, { type: 'toggleFocus', actions: true }).focus, 'rail');
  assert.equal(stepScreenReducer(state, { type: 'move', by: 1, from: 'ehlo' }).focus, 'rail');
});

test('following with an anchor starts at the finding instead of the tail', () => {
  assert.equal(visibleTop(FOLLOW, 40, 10, 12), 12);
  assert.equal(visibleTop(FOLLOW, 40, 10, 35), 30, 'clamped to the last page');
  const down = stepScreenReducer(initial, {
    type: 'scroll',
    by: 1,
    total: 40,
    height: 10,
    anchor: 12,
  });
  assert.deepEqual(down.scroll, { top: 13, follow: false });
});

test('editing the proposed command: typed, moved, refused with a reason, stopped', () => {
  const check = (text: string) =>
    /[\r\n\0]/.test(text) ? 'must not contain a line break' : undefined;
  let state = stepScreenReducer(initial, { type: 'startEdit', id: 3, line: 'EHLO a' });
  assert.deepEqual(state.edit, { id: 3, line: 'EHLO a', cursor: 6 });
  state = stepScreenReducer(state, {
    type: 'edit',
    edit: { kind: 'insert', text: '.test' },
    check,
  });
  state = stepScreenReducer(state, { type: 'edit', edit: { kind: 'move', to: 'home' }, check });
  state = stepScreenReducer(state, { type: 'edit', edit: { kind: 'erase' }, check });
  assert.deepEqual(state.edit, { id: 3, line: 'EHLO a.test', cursor: 0 });
  state = stepScreenReducer(state, {
    type: 'edit',
    edit: { kind: 'insert', text: 'x\r\nQUIT' },
    check,
  });
  assert.equal(state.edit?.line, 'EHLO a.test');
  assert.match(state.edit?.error ?? '', /must not contain a line break; it must stay one line/);
  assert.equal(stepScreenReducer(state, { type: 'stopEdit' }).edit, undefined);
});
