import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsafeCharacterReason } from '../../../../source/protocols/common/input.js';
import type { StartState } from '../../../../source/ui/screens/start/reducer.js';
import {
  decideStart,
  fieldAction,
  initialStartState,
  startFooter,
  startReducer,
  targetProblem,
} from '../../../../source/ui/screens/start/reducer.js';

const check = unsafeCharacterReason;
const SCENARIOS = ['auth-failure', 'healthy', 'relay-denied'];

test('starts on the target row, not typing, with the healthy scenario chosen', () => {
  assert.deepEqual(initialStartState({ scenarios: SCENARIOS, check }), {
    focus: 'target',
    editing: false,
    target: '',
    cursor: 0,
    scenario: 1,
  });
  assert.equal(initialStartState({ scenarios: ['tarpit'] }).scenario, 0);
});

test('a command-line target with a line break leaves the field empty and says why', () => {
  const state = initialStartState({ target: 'a.example\nRSET', check });
  assert.deepEqual([state.target, state.cursor], ['', 0]);
  assert.equal(
    state.error,
    'The target on the command line must not contain a line feed (LF). Type it on one line.',
  );
  assert.equal(initialStartState({ target: 'mx.example.com', check }).target, 'mx.example.com');
});

test('focus toggles between the rows and stops typing', () => {
  const editing: StartState = { ...initialStartState(), editing: true, error: 'old' };
  const lab = startReducer(editing, { type: 'toggleFocus' });
  assert.equal(lab.focus, 'lab');
  assert.equal(lab.editing, false);
  assert.equal(lab.error, undefined);
  assert.equal(startReducer(lab, { type: 'toggleFocus' }).focus, 'target');
});

test('edit moves to the target row and starts typing; stopEditing ends it', () => {
  const lab: StartState = { ...initialStartState(), focus: 'lab' };
  const editing = startReducer(lab, { type: 'edit' });
  assert.deepEqual([editing.focus, editing.editing], ['target', true]);
  assert.equal(startReducer(editing, { type: 'stopEditing' }).editing, false);
});

test('scenarios cycle both ways, only while the lab row has focus', () => {
  const lab: StartState = { ...initialStartState(), focus: 'lab', scenario: 2 };
  assert.equal(startReducer(lab, { type: 'scenario', by: 1, count: 3 }).scenario, 0);
  assert.equal(
    startReducer({ ...lab, scenario: 0 }, { type: 'scenario', by: -1, count: 3 }).scenario,
    2,
  );
  const onTarget = initialStartState();
  assert.equal(startReducer(onTarget, { type: 'scenario', by: 1, count: 3 }), onTarget);
  assert.equal(startReducer(lab, { type: 'scenario', by: 1, count: 0 }), lab);
});

test('typing inserts at the cursor; the editing keys move it and erase', () => {
  let state: StartState = startReducer(initialStartState(), { type: 'edit' });
  const apply = (...actions: Parameters<typeof startReducer>[1][]) => {
    for (const action of actions) state = startReducer(state, action);
  };
  apply({ type: 'insert', text: 'exmple.com' });
  assert.deepEqual([state.target, state.cursor], ['exmple.com', 10]);
  apply(
    { type: 'cursor', to: 'home' },
    { type: 'cursor', to: 'right' },
    { type: 'cursor', to: 'right' },
  );
  apply({ type: 'insert', text: 'a' });
  assert.deepEqual([state.target, state.cursor], ['example.com', 3]);
  apply({ type: 'cursor', to: 'end' }, { type: 'erase' }, { type: 'erase' }, { type: 'erase' });
  assert.deepEqual([state.target, state.cursor], ['example.', 8]);
  apply({ type: 'cursor', to: 'right' });
  assert.equal(state.cursor, 8);
  apply({ type: 'cursor', to: 'left' }, { type: 'clear' });
  assert.deepEqual([state.target, state.cursor], ['.', 0]);
  const atStart = state;
  apply({ type: 'erase' }, { type: 'cursor', to: 'left' });
  assert.equal(state.cursor, 0);
  assert.equal(state.target, atStart.target);
});

test('the cursor counts characters, not UTF-16 units', () => {
  let state = startReducer(initialStartState(), { type: 'insert', text: 'm😀x' });
  assert.equal(state.cursor, 3);
  state = startReducer(startReducer(state, { type: 'cursor', to: 'left' }), { type: 'erase' });
  assert.deepEqual([state.target, state.cursor], ['mx', 1]);
});

test('entering the field puts the cursor at the end of what is there', () => {
  const state = startReducer(initialStartState({ target: 'mx.example.com' }), { type: 'edit' });
  assert.equal(state.cursor, 14);
});

test('text with a CR, LF or NUL is refused with the reason, the field unchanged', () => {
  assert.deepEqual(fieldAction({ kind: 'insert', text: 'example.com' }, check), {
    type: 'insert',
    text: 'example.com',
  });
  for (const [text, name] of [
    ['example.com\nQUIT', 'a line feed (LF)'],
    ['example.com\r', 'a carriage return (CR)'],
    ['exa\0mple.com', 'a NUL byte'],
  ] as const) {
    const action = fieldAction({ kind: 'insert', text }, check);
    assert.equal(action.type, 'refuse');
    assert.ok(action.type === 'refuse' && action.message.includes(`must not contain ${name}`));
    const before = { ...initialStartState({ target: 'example.com' }), editing: true };
    const after = startReducer(before, action);
    assert.equal(after.target, 'example.com');
    assert.equal(after.editing, true);
  }
});

test('other control characters are refused too: they would act on the terminal', () => {
  for (const text of ['\x1b[2J', 'a\tb', '\x07', '\u009b31m']) {
    assert.deepEqual(fieldAction({ kind: 'insert', text }, check), {
      type: 'refuse',
      message: 'Not inserted: the target must not contain control characters.',
    });
  }
});

test('editing keys map to reducer actions', () => {
  assert.deepEqual(fieldAction({ kind: 'erase' }, check), { type: 'erase' });
  assert.deepEqual(fieldAction({ kind: 'move', to: 'home' }, check), {
    type: 'cursor',
    to: 'home',
  });
  assert.deepEqual(fieldAction({ kind: 'clear' }, check), { type: 'clear' });
});

test('targetProblem refuses unsafe characters and blank targets, accepts the rest', () => {
  assert.equal(
    targetProblem('a\nb', check),
    'The target must not contain a line feed (LF). Type it on one line.',
  );
  assert.match(targetProblem('   ', check) ?? '', /Type a domain/);
  assert.equal(targetProblem('bob@example.com', check), undefined);
});

test('decideStart asks for the trimmed target, or the chosen lab, or says why not', () => {
  const typed = { ...initialStartState(), target: '  example.com ' };
  assert.deepEqual(decideStart(typed, SCENARIOS, check), { request: { input: 'example.com' } });
  const bad = { ...initialStartState(), target: 'example.com\r\nQUIT' };
  assert.deepEqual(decideStart(bad, SCENARIOS, check), {
    refuse: 'The target must not contain a carriage return (CR). Type it on one line.',
  });
  const lab = { ...initialStartState({ scenarios: SCENARIOS }), focus: 'lab' as const };
  assert.deepEqual(decideStart(lab, SCENARIOS, check), { request: { lab: 'healthy' } });
  assert.deepEqual(decideStart(lab, [], check), {
    refuse: 'The practice lab is not available here.',
  });
});

test('a refusal on the target row puts the user back in the field', () => {
  const refused = startReducer(initialStartState(), { type: 'refuse', message: 'no' });
  assert.deepEqual([refused.error, refused.editing], ['no', true]);
  const lab = startReducer(
    { ...initialStartState(), focus: 'lab' },
    { type: 'refuse', message: 'no' },
  );
  assert.equal(lab.editing, false);
});

test('the footer follows what enter would do', () => {
  const labels = (state: StartState) => startFooter(state).map((item) => item.label);
  assert.deepEqual(labels(initialStartState()), ['type target', 'lab']);
  assert.deepEqual(labels({ ...initialStartState(), editing: true }), [
    'start',
    'stop typing',
    'lab',
  ]);
  assert.deepEqual(labels({ ...initialStartState(), focus: 'lab' }), [
    'start lab',
    'scenario',
    'target',
  ]);
});
