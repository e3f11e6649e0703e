// The guided DNS step: each question is proposed before it goes, one at a time in the order the
// step asks them; the MX question may be edited (another domain), the follow-ups are shown only;
// a skip ends the step; the time a person spends reading does not eat the step's deadline.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { deadlinesFor } from '../../source/net/deadlines.js';
import type { RunConfig } from '../../source/session/config.js';
import type { CommandGate, GateDecision, Proposal } from '../../source/session/gate.js';
import { runSession } from '../../source/session/runner.js';
import type { SessionRecorder } from '../../source/record/recorder.js';
import type { FakeDns, FakeQuestion, Zone } from '../helpers/fake-dns.js';
import { answerWith, startFakeDns, zone } from '../helpers/fake-dns.js';

const ZONE: Zone = {
  'example.test': [
    { type: 'MX', preference: 10, exchange: 'mx.example.test' },
    { type: 'TXT', text: 'v=spf1 -all' },
  ],
  'mx.example.test': [{ type: 'A', address: '127.0.0.1' }],
  'other.test': [{ type: 'MX', preference: 5, exchange: 'mx.other.test' }],
  'mx.other.test': [{ type: 'A', address: '127.0.0.2' }],
};

let fake: FakeDns;
const asked: FakeQuestion[] = [];

before(async () => {
  const answer = answerWith(zone(ZONE));
  fake = await startFakeDns((q) => {
    asked.push(q);
    return answer(q);
  });
});
after(async () => {
  await fake.close();
});

const config = (seconds = 5): RunConfig => ({
  target: { input: 'example.test', domain: 'example.test' },
  tls: 'none',
  insecure: false,
  ca: [],
  ehlo: 'guided.test',
  to: [],
  headers: [],
  resolvers: [fake.spec],
  deadlines: deadlinesFor(seconds),
  steps: ['dns'],
  redactIdentities: false,
});

/** Answers by script; counts how many proposals were ever waiting at once. */
const gateOf = (
  answer: (
    p: Proposal,
    n: number,
  ) => Promise<GateDecision | undefined> | GateDecision | undefined = () => undefined,
) => {
  const seen: Proposal[] = [];
  let waiting = 0;
  let most = 0;
  const gate: CommandGate = {
    confirm: async (proposal) => {
      seen.push(proposal);
      waiting += 1;
      most = Math.max(most, waiting);
      try {
        return (await answer(proposal, seen.length)) ?? { action: 'send' };
      } finally {
        waiting -= 1;
      }
    },
  };
  return { gate, seen, most: () => most };
};

test('each question is proposed once, one at a time, MX first and editable, the rest shown only', async () => {
  const { gate, seen, most } = gateOf();
  const session = await runSession(config(), { version: 'test', gate });
  const dns = session.steps.find((s) => s.id === 'dns')!;
  assert.equal(dns.status === 'ok' || dns.status === 'warning', true, dns.summary);
  assert.equal(most(), 1, 'never two proposals waiting at once');
  assert.deepEqual(
    [seen[0]!.display, seen[0]!.editable, seen[0]!.kind],
    [[`MX example.test @${fake.spec}`], true, 'command'],
  );
  assert.ok(seen.slice(1).every((p) => !p.editable && p.kind === 'command' && p.step === 'dns'));
  const proposed = seen.map((p) => p.display[0]!.replace(/ @.*$/, ''));
  assert.ok(proposed.includes('A mx.example.test'), proposed.join(', '));
  assert.ok(proposed.includes('TXT _dmarc.example.test'));
  // Every question that went out was proposed first, and once.
  const questions = session.transcript
    .filter((l) => l.dir === 'client')
    .map((l) => l.text.replace(/\? @.*$/, ''));
  assert.deepEqual([...questions].sort(), [...proposed].sort());
  assert.equal(new Set(proposed).size, proposed.length);
});

test('MX edited to another domain: the step looks at that domain, and says so', async () => {
  asked.length = 0;
  let warnings: Array<string | undefined> = [];
  const { gate } = gateOf((p, n) => {
    if (n !== 1) return undefined;
    warnings = ['A example.test', 'MX not..a..name', `MX other.test @9.9.9.9`, 'MX other.test'].map(
      (line) => p.check?.(line),
    );
    return { action: 'edit', line: `MX other.test @${fake.spec}` };
  });
  const session = await runSession(config(), { version: 'test', gate });
  assert.match(warnings[0]!, /starts from the MX record/);
  assert.ok(warnings[1], 'a name that is not a domain is warned about');
  assert.match(warnings[2]!, /the resolver is a setting/);
  assert.equal(warnings[3], undefined);
  assert.equal(session.dns?.domain, 'other.test');
  assert.deepEqual(
    session.dns?.mx.map((m) => m.exchange),
    ['mx.other.test'],
  );
  assert.ok(!asked.some((q) => q.name === 'example.test'), 'example.test was never asked');
  assert.ok(
    session.transcript.some(
      (l) =>
        l.dir === 'note' && /you asked about other\.test instead of example\.test/.test(l.text),
    ),
  );
});

test('skip at a follow-up question: the DNS step is skipped, nothing more is proposed', async () => {
  const { gate, seen } = gateOf((_p, n) =>
    n === 3 ? { action: 'skip', reason: 'DNS is fine' } : undefined,
  );
  const cfg = config();
  cfg.steps = ['dns', 'connect'];
  const session = await runSession(cfg, { version: 'test', gate });
  assert.equal(seen.length, 3);
  assert.deepEqual(
    session.steps.map((s) => [s.id, s.status, s.summary]),
    [
      ['dns', 'skipped', 'skipped by the user: DNS is fine'],
      ['connect', 'skipped', 'no mail server to connect to'],
    ],
  );
});

test('guided, each answer shows as it comes; a skip keeps what was already asked', async () => {
  let recorder: SessionRecorder | undefined;
  const { gate } = gateOf(async (_p, n) => {
    if (n !== 3) return undefined;
    // The MX answer is on screen while the step still waits at its third question.
    const started = Date.now();
    while (
      !recorder?.session.transcript.some(
        (l) => l.dir === 'server' && /^MX 10 mx\.example\.test/.test(l.text),
      )
    ) {
      if (Date.now() - started > 5000) throw new Error('the MX answer did not show while waiting');
      await new Promise((r) => setTimeout(r, 10));
    }
    return { action: 'skip' };
  });
  const session = await runSession(config(), {
    version: 'test',
    gate,
    onRecorder: (r) => (recorder = r),
  });
  assert.equal(session.steps[0]!.status, 'skipped');
  const lines = session.transcript.filter((l) => l.step === 'dns').map((l) => l.text);
  assert.ok(lines.includes(`MX example.test? @${fake.spec}`));
  assert.equal(new Set(lines).size, lines.length, 'no line recorded twice');
});

test('guided, a whole run records every question and answer once', async () => {
  const { gate } = gateOf();
  const session = await runSession(config(), { version: 'test', gate });
  const lines = session.transcript.filter((l) => l.step === 'dns' && l.dir !== 'note');
  const texts = lines.map((l) => `${l.dir} ${l.text.replace(/\(\d+ ms\)/, '')}`);
  assert.equal(new Set(texts).size, texts.length);
  assert.equal(
    lines.filter((l) => l.dir === 'client').length,
    lines.filter((l) => l.dir === 'server').length,
  );
});

test('stop at a question ends the run', async () => {
  const { gate } = gateOf((_p, n) => (n === 2 ? { action: 'stop' } : undefined));
  const cfg = config();
  cfg.steps = ['dns', 'connect'];
  const session = await runSession(cfg, { version: 'test', gate });
  assert.deepEqual(
    session.steps.map((s) => [s.id, s.status]),
    [
      ['dns', 'skipped'],
      ['connect', 'skipped'],
    ],
  );
  assert.match(session.steps[1]!.summary, /not run: stopped at dns/);
  assert.equal(session.failure, undefined);
});

test('the time spent reading a proposal does not count against the step’s deadline', async () => {
  // A 1 s step; the user reads the third question for longer than that.
  const { gate } = gateOf(async (_p, n) => {
    if (n === 3) await new Promise((r) => setTimeout(r, 1300));
    return undefined;
  });
  const session = await runSession(config(1), { version: 'test', gate });
  const outOfTime = session.transcript.filter((l) => /time for the DNS step ran out/.test(l.text));
  assert.deepEqual(outOfTime, []);
  assert.deepEqual(
    session.dns?.mx.map((m) => m.exchange),
    ['mx.example.test'],
  );
});
