// The guided driver: every command is proposed before it goes; the user may send it, edit it
// or stop. The same runner and engine as `check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSession } from '../../source/session/runner.js';
import type { RunConfig } from '../../source/session/config.js';
import type { CommandGate, Proposal } from '../../source/session/gate.js';
import { deadlinesFor } from '../../source/net/deadlines.js';
import { startFakeServer } from '../helpers/fake-server.js';

const smtp = () =>
  startFakeServer(async (peer) => {
    peer.send('220 fake.test ESMTP\r\n');
    for (;;) {
      const line = await peer.line(5000).catch(() => undefined);
      if (line === undefined) return;
      if (/^EHLO /i.test(line))
        peer.send(`250-fake.test greets ${line.slice(5)}\r\n250 AUTH PLAIN\r\n`);
      else if (/^AUTH/i.test(line)) peer.send('235 2.7.0 ok\r\n');
      else if (/^QUIT/i.test(line)) {
        peer.send('221 bye\r\n');
        return peer.close();
      } else peer.send('502 no\r\n');
    }
  });

const config = (port: number, steps: RunConfig['steps']): RunConfig => ({
  target: { input: `127.0.0.1:${port}`, server: { host: '127.0.0.1', port } },
  tls: 'none',
  insecure: true,
  plaintextAuth: true,
  ca: [],
  ehlo: 'proposed.test',
  to: [],
  headers: [],
  resolvers: [],
  deadlines: deadlinesFor(5),
  steps,
  redactIdentities: false,
});

test('the gate sees each command first and may rewrite it', { timeout: 20_000 }, async () => {
  const server = await smtp();
  const seen: Proposal[] = [];
  const gate: CommandGate = {
    confirm: async (proposal) => {
      seen.push(proposal);
      return proposal.display[0]?.startsWith('EHLO')
        ? { action: 'edit', line: 'EHLO edited.test' }
        : { action: 'send' };
    },
  };
  try {
    const session = await runSession(config(server.port, ['connect', 'banner', 'ehlo']), {
      version: 'test',
      gate,
    });
    assert.deepEqual(
      seen.map((p) => [p.step, p.display[0]]),
      [
        ['ehlo', 'EHLO proposed.test'],
        ['ehlo', 'QUIT'],
      ],
    );
    assert.ok(session.transcript.some((l) => l.dir === 'client' && l.text === 'EHLO edited.test'));
    assert.ok(
      session.transcript.some(
        (l) => l.dir === 'server' && l.text === '250-fake.test greets edited.test',
      ),
    );
    assert.equal(
      session.steps.find((s) => s.id === 'ehlo')?.status,
      'ok',
      'the edited EHLO is tracked as EHLO',
    );
  } finally {
    await server.close();
  }
});

test('a secret command is proposed masked and cannot be edited', { timeout: 20_000 }, async () => {
  const server = await smtp();
  const proposals: Proposal[] = [];
  const gate: CommandGate = {
    confirm: async (proposal) => {
      proposals.push(proposal);
      return proposal.secret ? { action: 'edit', line: 'AUTH PLAIN bGVha2Vk' } : { action: 'send' };
    },
  };
  try {
    const run = config(server.port, ['connect', 'banner', 'ehlo', 'auth']);
    run.auth = { user: 'bob', mechanism: 'plain', password: 'gate-secret-77' };
    const session = await runSession(run, { version: 'test', gate });
    const auth = proposals.find((p) => p.step === 'auth')!;
    assert.equal(auth.secret, true);
    assert.deepEqual(auth.display, ['AUTH PLAIN ********']);
    assert.equal(
      session.steps.find((s) => s.id === 'auth')?.status,
      'ok',
      'the edit of a secret command was ignored',
    );
    assert.ok(!JSON.stringify(session).includes('gate-secret-77'));
  } finally {
    await server.close();
  }
});

test(
  'stopping at a command ends the run there: skipped, not failed, and no error finding',
  { timeout: 20_000 },
  async () => {
    const server = await smtp();
    const gate: CommandGate = {
      confirm: async (p) =>
        p.display[0]?.startsWith('EHLO') ? { action: 'stop' } : { action: 'send' },
    };
    try {
      const session = await runSession(config(server.port, ['connect', 'banner', 'ehlo']), {
        version: 'test',
        gate,
      });
      assert.deepEqual(
        session.steps.map((s) => [s.id, s.status]),
        [
          ['connect', 'ok'],
          ['banner', 'ok'],
          ['ehlo', 'skipped'],
        ],
      );
      assert.match(session.steps[2]!.summary, /stopped by the user/);
      assert.deepEqual(
        session.findings.filter((f) => f.severity === 'error'),
        [],
      );
    } finally {
      await server.close();
    }
  },
);
