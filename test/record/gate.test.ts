import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionRecorder } from '../../source/record/recorder.js';
import { gateSession, shown, TOO_DEEP } from '../../source/record/gate.js';
import { secretForms } from '../../source/protocols/common/sasl.js';
import { onQuestionChain } from '../../source/dns/query.js';

const recorder = (bounds?: ConstructorParameters<typeof SessionRecorder>[1]['bounds']) =>
  new SessionRecorder(
    { input: 'x' },
    { version: 't', now: () => 0, ...(bounds ? { bounds } : {}) },
  );

test('a flooding step keeps its head and its tail, and says how many lines it did not keep', () => {
  const r = recorder({ headLines: 3, headBytes: 1e6, tailLines: 2, tailBytes: 1e6 });
  r.beginStep('imap');
  for (let i = 0; i < 100; i += 1) r.server('imap', `* ${i} EXISTS`);
  r.endStep('imap', 'error', 'flood');
  const texts = r.session.transcript.map((e) => e.text);
  assert.deepEqual(texts, [
    '* 0 EXISTS',
    '* 1 EXISTS',
    '* 2 EXISTS',
    '… 95 line(s) not kept (this step keeps its first 3 and its last 2 lines) …',
    '* 98 EXISTS',
    '* 99 EXISTS',
  ]);
});

test('the tail comes back in order when the next step speaks', () => {
  const r = recorder({ headLines: 1, headBytes: 1e6, tailLines: 1, tailBytes: 1e6 });
  r.server('banner', 'a');
  r.server('banner', 'b');
  r.server('banner', 'c');
  r.server('ehlo', 'd');
  assert.deepEqual(
    r.session.transcript.map((e) => e.text),
    ['a', '… 1 line(s) not kept (this step keeps its first 1 and its last 1 lines) …', 'c', 'd'],
  );
});

test('facts, findings, DNS records and the target pass the gate and the secret mask', () => {
  const r = new SessionRecorder({ input: 'evil\x1b]0;t\x07' }, { version: 't' });
  r.secrets.add(secretForms('s3cret-pass'));
  r.fact('pop3.login', { ok: false, text: '-ERR you said s3cret-pass \x1b[6n', capa: [] });
  r.setFindings([
    {
      id: 'x',
      severity: 'error',
      title: '\u202etitle',
      explanation: 'S3CRET-PASS',
      evidence: [],
      next: [],
    },
  ]);
  r.update((s) => {
    s.dns = { resolvers: ['r'], mx: [{ preference: 1, exchange: 'mx\x1b[2J', addresses: [] }] };
  });
  const all = JSON.stringify(r.session);
  assert.ok(!/s3cret-pass/i.test(all));
  assert.ok(!all.includes('\u001b') && !all.includes('\u202e'));
  assert.match(all, /\\\\x1b\[6n/);
});

test('base64 of the secret at any alignment inside a longer blob is masked', () => {
  const r = recorder();
  r.secrets.add(secretForms('tok-en/value+1'));
  for (const prefix of ['', 'a', 'ab']) {
    const blob = Buffer.from(`${prefix}{"token":"tok-en/value+1"}`).toString('base64');
    r.server('auth', `334 ${blob}`);
  }
  for (const e of r.session.transcript) {
    const decoded = Buffer.from(e.text.slice(4).replace(/\*+/g, ''), 'base64').toString('latin1');
    assert.ok(!decoded.includes('tok-en/value+1'), e.text);
  }
});

test('a saved session nested beyond reason is cut, and __proto__ stays a key', () => {
  let deep: unknown = 'bottom';
  for (let i = 0; i < 1_000; i += 1) deep = { d: deep };
  const session = JSON.parse(
    JSON.stringify({
      schema: 'mailmedic.session/1',
      facts: { deep, x: { ['__proto__']: { polluted: true } } },
    }),
  );
  const gated = gateSession(session) as unknown as { facts: { deep: unknown; x: object } };
  assert.ok(JSON.stringify(gated).includes(TOO_DEEP));
  assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  assert.ok(Object.hasOwn(gated.facts.x, '__proto__'));
});

test('shown`` gates what is interpolated, not the literal parts', () => {
  assert.equal(shown`cannot read ${'a\x1bb'}: ${'\u202e'}`, 'cannot read a\\x1bb: \\u202e');
});

test('DNS: only records of the question or its CNAME chain are kept', () => {
  const mx = (name: string) => ({
    type: 'MX' as const,
    name,
    ttl: 1,
    preference: 1,
    exchange: 'x',
  });
  const { kept, strays } = onQuestionChain('a.test', [
    { type: 'CNAME', name: 'A.test.', ttl: 1, target: 'b.test' },
    mx('b.test'),
    mx('evil.invalid'),
  ]);
  assert.equal(kept.length, 2);
  assert.deepEqual(
    strays.map((s) => s.name),
    ['evil.invalid'],
  );
});
