import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionRecorder } from '../../source/record/recorder.js';
import { createSaslClient, secretForms } from '../../source/protocols/common/sasl.js';

const recorder = (): SessionRecorder => {
  let now = 1_000;
  return new SessionRecorder(
    { input: 'example.test' },
    { version: '0.0.0-test', now: () => (now += 5) },
  );
};

test('a session starts in the shape of SPEC.md', () => {
  const r = recorder();
  assert.equal(r.session.schema, 'mailmedic.session/1');
  assert.deepEqual(r.session.tool, { name: 'mailmedic', version: '0.0.0-test' });
  assert.match(r.session.startedAt, /^\d{4}-\d{2}-\d{2}T/);
  assert.deepEqual(r.session.steps, []);
  assert.deepEqual(r.session.transcript, []);
  assert.deepEqual(r.session.findings, []);
});

test('server text is escaped before it is stored', () => {
  const r = recorder();
  r.server('banner', '220 evil\x1b]0;pwned\x07 \u202Egnp.exe');
  const text = r.session.transcript[0]!.text;
  assert.ok(!text.includes('\x1b'));
  assert.ok(!text.includes('\u202E'));
  assert.match(text, /\\x1b/);
});

test('a secret declared by the command is masked wherever it reappears, in any encoding', () => {
  const r = recorder();
  const sasl = createSaslClient('PLAIN', { user: 'bob', password: 'hunter2-secret' });
  const initial = sasl.initial()!;
  r.secrets.add(sasl.secrets());
  r.client('auth', `AUTH PLAIN ${initial.display}`, { secret: true });
  r.server('auth', `535 5.7.8 bad credentials for ${initial.response}`);
  r.server('auth', '535 you said hunter2-secret');
  r.server('auth', `535 ${Buffer.from('hunter2-secret').toString('base64')}`);
  const all = JSON.stringify(r.session);
  for (const form of [...secretForms('hunter2-secret'), initial.response])
    assert.ok(!all.includes(form), `leaked ${form}`);
  assert.equal(r.session.transcript[0]!.secret, true);
  assert.match(r.session.transcript[1]!.text, /\*{8}/);
});

test('steps record status, duration and summary; a rerun replaces the record', () => {
  const r = recorder();
  r.beginStep('connect');
  r.endStep('connect', 'error', 'refused');
  r.beginStep('connect');
  const second = r.endStep('connect', 'ok', 'connected');
  assert.equal(r.session.steps.length, 1);
  assert.deepEqual(r.session.steps[0], second);
  assert.equal(second.durationMs, 5);
});

test('listeners hear every change', () => {
  const r = recorder();
  let calls = 0;
  const off = r.subscribe(() => (calls += 1));
  r.note('dns', 'asking');
  r.beginStep('dns');
  off();
  r.note('dns', 'unheard');
  assert.equal(calls, 2);
});
