// The guided driver: every command is proposed before it goes; the user may send it, edit it
// or stop. The same runner and engine as `check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSession } from '../../source/session/runner.js';
import type { RunConfig } from '../../source/session/config.js';
import type { CommandGate, Proposal } from '../../source/session/gate.js';
import { deadlinesFor } from '../../source/net/deadlines.js';
import { startFakeServer } from '../helpers/fake-server.js';

const smtp = (options: { starttls?: boolean } = {}) =>
  startFakeServer(async (peer) => {
    peer.send('220 fake.test ESMTP\r\n');
    for (;;) {
      const line = await peer.line(5000).catch(() => undefined);
      if (line === undefined) return;
      if (/^EHLO /i.test(line))
        peer.send(
          `250-fake.test greets ${line.slice(5)}\r\n${options.starttls ? '250-STARTTLS\r\n' : ''}250 AUTH PLAIN\r\n`,
        );
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
      seen.map((p) => [p.step, p.kind, p.display[0]]),
      [
        ['connect', 'step', `connect to 127.0.0.1:${server.port}`],
        ['banner', 'step', '(wait for the greeting: 220)'],
        ['ehlo', 'command', 'EHLO proposed.test'],
        ['ehlo', 'command', 'QUIT'],
      ],
    );
    assert.deepEqual(
      seen.map((p) => p.deadline),
      ['connect', 'greeting', 'command', 'command'],
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

test(
  'skipping a step records it as skipped by the user and goes on with the next that can run',
  { timeout: 20_000 },
  async () => {
    const server = await smtp({ starttls: true });
    const gate: CommandGate = {
      confirm: async (p) => (p.step === 'tls' ? { action: 'skip' } : { action: 'send' }),
    };
    try {
      const run = config(server.port, ['connect', 'banner', 'ehlo', 'tls', 'auth']);
      run.tls = 'starttls';
      run.auth = { user: 'bob', mechanism: 'plain', password: 'pw' };
      const session = await runSession(run, { version: 'test', gate });
      assert.deepEqual(
        session.steps.map((s) => [s.id, s.status]),
        [
          ['connect', 'ok'],
          ['banner', 'ok'],
          ['ehlo', 'ok'],
          ['tls', 'skipped'],
          ['auth', 'ok'],
        ],
      );
      assert.equal(session.steps[3]!.summary, 'skipped by the user');
    } finally {
      await server.close();
    }
  },
);

test(
  'a pipelined group is decided whole before anything is written',
  { timeout: 20_000 },
  async () => {
    // A skip at RCPT must not leave the engine waiting for a reply to a MAIL that never went out.
    const server = await startFakeServer(async (peer) => {
      peer.send('220 fake.test ESMTP\r\n');
      for (;;) {
        const line = await peer.line(5000).catch(() => undefined);
        if (line === undefined) return;
        if (/^EHLO /i.test(line)) peer.send('250-fake.test\r\n250 PIPELINING\r\n');
        else if (/^QUIT/i.test(line)) {
          peer.send('221 bye\r\n');
          return peer.close();
        } else peer.send('250 ok\r\n');
      }
    });
    const gate: CommandGate = {
      confirm: async (p) =>
        p.display[0]?.startsWith('RCPT') ? { action: 'skip' } : { action: 'send' },
    };
    try {
      const run = config(server.port, ['connect', 'banner', 'ehlo', 'send']);
      run.to = ['a@example.test'];
      const session = await runSession(run, { version: 'test', gate });
      assert.deepEqual(
        session.steps.map((s) => [s.id, s.status]),
        [
          ['connect', 'ok'],
          ['banner', 'ok'],
          ['ehlo', 'ok'],
          ['send', 'skipped'],
        ],
      );
      assert.ok(!session.transcript.some((l) => l.dir === 'client' && l.text.startsWith('MAIL')));
      assert.ok(session.transcript.some((l) => l.dir === 'server' && l.text === '221 bye'));
    } finally {
      await server.close();
    }
  },
);
