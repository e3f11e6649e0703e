import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  consoleReducer,
  initialConsoleScreen,
} from '../../../source/ui/screens/console/reducer.js';
import type { ConsoleScreenState } from '../../../source/ui/screens/console/controller.js';
import { maskedInput } from '../../../source/ui/screens/console/view.js';
import { lineForMore, moreAbout } from '../../../source/ui/screens/console/more.js';
import { KNOWLEDGE_LOADING, loadKnowledge } from '../../../source/ui/knowledge.js';
import { lessonProgress } from '../../../source/session/console/lessons.js';
import { lessonById } from '../../../source/knowledge/lessons/index.js';

test('a paste sends its complete lines in order and keeps the rest in the editor', () => {
  const s = consoleReducer(initialConsoleScreen(), {
    type: 'edit',
    edit: { kind: 'insert', text: 'USER bob\r\nSTAT\nLIS' },
  });
  assert.deepEqual(s.outbox, ['USER bob', 'STAT']);
  assert.equal(s.input, 'LIS');
  const sent = consoleReducer(s, { type: 'sent', history: ['USER bob', 'STAT'] });
  assert.deepEqual(sent.outbox, []);
  assert.deepEqual(sent.history, ['USER bob', 'STAT']);
});

test('history on ↑/↓ brings back earlier lines and the draft', () => {
  let s = { ...initialConsoleScreen(), history: ['EHLO a', 'PASS '], input: 'dra', cursor: 3 };
  s = consoleReducer(s, { type: 'historyUp' });
  assert.equal(s.input, 'PASS ');
  s = consoleReducer(s, { type: 'historyUp' });
  assert.equal(s.input, 'EHLO a');
  s = consoleReducer(s, { type: 'historyDown' });
  s = consoleReducer(s, { type: 'historyDown' });
  assert.equal(s.input, 'dra');
});

test('the helper questions never turn typed text into lines to send', () => {
  let s = consoleReducer(initialConsoleScreen(), { type: 'askUser' });
  s = consoleReducer(s, { type: 'askPassword', user: 'bob' });
  s = consoleReducer(s, { type: 'edit', edit: { kind: 'insert', text: 'secret' } });
  s = consoleReducer(s, { type: 'edit', edit: { kind: 'submit' } });
  assert.deepEqual(s.outbox, []);
  s = consoleReducer(s, { type: 'askDone' });
  assert.equal(s.input, '');
  assert.equal(s.credentials, undefined);
});

test('passwords typed in the line editor show as stars', () => {
  const view = (
    protocol: ConsoleScreenState['protocol'],
    mode: ConsoleScreenState['mode'] = 'command',
  ) => ({ protocol, mode }) as ConsoleScreenState;
  assert.equal(maskedInput(view('pop3'), 'PASS hunter2'), 'PASS *******');
  assert.equal(maskedInput(view('imap'), 'a1 LOGIN bob pw'), 'a1 LOGIN bob **');
  assert.equal(maskedInput(view('smtp', 'sasl'), 'abc'), '***');
  assert.equal(maskedInput(view('smtp'), 'EHLO x'), 'EHLO x');
});

test('a lesson advances on matching lines and lets the learner wander', () => {
  const lesson = lessonById(3)!;
  const p = lessonProgress(lesson, ['CAPA', 'NOOP', 'STLS', 'CAPA', 'USER bob', 'PASS ********']);
  assert.equal(p.done, 4);
  assert.equal(p.detours, 2);
  assert.equal(p.current?.type, 'STAT');
});

test("every lesson's own example lines complete it (lines in brackets are described, not typed)", () => {
  for (const id of [1, 2, 3, 4, 5]) {
    const lesson = lessonById(id)!;
    const typed = lesson.steps.map((s) => (s.type.startsWith('(') ? '' : s.type));
    const lines = typed.flatMap((t, i) =>
      lesson.steps[i]!.type.includes('then a line') ? ['', 'text'] : [t],
    );
    assert.equal(lessonProgress(lesson, lines).finished, true, `lesson ${id}`);
  }
});

test('the more panel knows the code, the enhanced code and the vendor wording', async () => {
  // The knowledge base loads after the first frame: until then the panel says so.
  assert.deepEqual(moreAbout('554 5.7.1 <x@foreign.example>: Relay access denied'), [
    KNOWLEDGE_LOADING,
  ]);
  await loadKnowledge();
  const text = moreAbout('554 5.7.1 <x@foreign.example>: Relay access denied').join('\n');
  assert.match(text, /^554/m);
  assert.match(text, /5\.7\.1/);
  assert.match(text, /What to change:/);
  const transcript = [
    { t: 0, step: 'send', dir: 'server', text: '250 ok', explanation: 'fine' },
    { t: 1, step: 'send', dir: 'client', text: 'QUIT' },
  ] as const;
  assert.equal(lineForMore([...transcript], 1)?.text, '250 ok');
});
