// `check` against scripted servers doing what real ones rarely do: silence, refusal, no EHLO,
// STARTTLS response injection, garbage. Every run must end, name the step and keep the transcript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeServer } from '../helpers/fake-server.js';
import type { FakePeer } from '../helpers/fake-server.js';
import { runCli } from '../helpers/cli.js';
import { sleepsInEventLoop, until } from '../helpers/timing.js';
import type { Session } from '../../source/record/types.js';

const run = async (script: (peer: FakePeer) => Promise<void> | void, extra: string[] = []) => {
  const server = await startFakeServer(script);
  try {
    const started = Date.now();
    const r = await runCli([
      'check',
      '--server',
      `${server.host}:${server.port}`,
      '--ehlo',
      'client.test',
      '--json',
      ...extra,
    ]);
    const session = JSON.parse(r.stdout) as Session;
    return { ...r, session, ms: Date.now() - started };
  } finally {
    await server.close();
  }
};
const statuses = (s: Session) => Object.fromEntries(s.steps.map((x) => [x.id, x.status]));

test('--timeout bounds a server that accepts and never greets', { timeout: 30_000 }, async () => {
  const r = await run(() => undefined, ['--timeout', '1', '--steps', 'connect,banner,ehlo']);
  assert.equal(r.code, 1);
  assert.deepEqual(statuses(r.session), { connect: 'ok', banner: 'error', ehlo: 'skipped' });
  // The summary names the 1 s deadline as what ended the step.
  assert.match(r.session.steps[1]!.summary, /no greeting .* within 1 s/);
});

test(
  'a 554 greeting is an error of the banner step, and QUIT is still sent',
  { timeout: 30_000 },
  async () => {
    let quitSeen = false;
    const r = await run(
      async (peer) => {
        peer.send('554 5.7.1 No SMTP service here\r\n');
        const line = await peer.line().catch(() => '');
        quitSeen = line === 'QUIT';
        peer.send('221 bye\r\n');
      },
      ['--steps', 'connect,banner,ehlo'],
    );
    assert.equal(r.code, 1);
    assert.equal(statuses(r.session).banner, 'error');
    assert.ok(quitSeen, 'QUIT after a 554 greeting (RFC 5321 3.1)');
  },
);

test('EHLO refused with 502: HELO fallback, a warning', { timeout: 30_000 }, async () => {
  const r = await run(
    async (peer) => {
      peer.send('220 old.test SMTP\r\n');
      for (;;) {
        const line = await peer.line().catch(() => undefined);
        if (line === undefined) return;
        if (line.startsWith('EHLO')) peer.send('502 5.5.2 Error: command not recognized\r\n');
        else if (line.startsWith('HELO')) peer.send('250 old.test\r\n');
        else if (line === 'QUIT') return peer.send('221 bye\r\n');
      }
    },
    ['--steps', 'connect,banner,ehlo'],
  );
  assert.equal(r.code, 0);
  assert.equal(statuses(r.session).ehlo, 'warning');
  assert.ok(r.session.transcript.some((l) => l.dir === 'client' && l.text === 'HELO client.test'));
});

test(
  'STARTTLS response injection aborts the session before any TLS',
  { timeout: 30_000 },
  async () => {
    const r = await run(
      async (peer) => {
        peer.send('220 evil.test ESMTP\r\n');
        await peer.line();
        peer.send('250-evil.test\r\n250 STARTTLS\r\n');
        await peer.line();
        peer.send('220 go ahead\r\n250-injected\r\n250 AUTH PLAIN\r\n');
        await peer.wait(3000);
      },
      ['--steps', 'connect,banner,ehlo,tls'],
    );
    assert.equal(r.code, 1);
    assert.equal(statuses(r.session).tls, 'error');
    assert.match(r.session.steps.find((s) => s.id === 'tls')!.summary, /response injection/);
    assert.ok(
      !r.session.transcript.some((l) => l.text.includes('injected') && l.dir === 'server'),
      'injected bytes were not read as replies',
    );
  },
);

test(
  'garbage instead of a reply is a remote protocol error; control characters arrive escaped',
  { timeout: 30_000 },
  async () => {
    const r = await run(
      async (peer) => {
        peer.send('220 ok.test ESMTP \x1b[31mred\x1b[0m\r\n');
        await peer.line();
        peer.send('HTTP/1.0 400 Bad Request\r\n');
        await peer.wait(2000);
      },
      ['--steps', 'connect,banner,ehlo'],
    );
    assert.equal(r.code, 1);
    assert.equal(statuses(r.session).ehlo, 'error');
    assert.match(r.session.steps.find((s) => s.id === 'ehlo')!.summary, /malformed SMTP reply/);
    assert.deepEqual(r.session.facts?.['ehlo.error'], {
      code: 'EPROTOCOL',
      origin: 'remote',
      message: r.session.steps.find((s) => s.id === 'ehlo')!.summary,
      command: 'EHLO client.test',
    });
    assert.ok(!r.stdout.includes('\x1b'), 'no raw ESC in the output');
    assert.ok(r.session.transcript.some((l) => l.text.includes('\\x1b[31mred')));
  },
);

test(
  'a server that closes mid-reply: the step is named, the transcript kept',
  { timeout: 30_000 },
  async () => {
    const r = await run(
      async (peer) => {
        peer.send('220-first line of a greeting\r\n');
        peer.close();
      },
      ['--steps', 'connect,banner,ehlo'],
    );
    assert.equal(r.code, 1);
    assert.equal(statuses(r.session).banner, 'error');
    assert.match(r.session.steps.find((s) => s.id === 'banner')!.summary, /closed the connection/);
  },
);

test(
  'Ctrl-C while waiting for a greeting ends at once: the partial transcript, exit 130',
  { timeout: 30_000 },
  async () => {
    const { spawn } = await import('node:child_process');
    const { BUNDLE } = await import('../helpers/cli.js');
    const server = await startFakeServer(() => undefined);
    try {
      const child = spawn(
        process.execPath,
        [
          BUNDLE,
          'check',
          '--server',
          `${server.host}:${server.port}`,
          '--steps',
          'connect,banner,ehlo',
        ],
        {
          env: { PATH: process.env.PATH, NO_COLOR: '1' },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      // The banner step is under way once the server has the connection and the child, having
      // handled every pending event (the connect among them), sleeps waiting for the greeting.
      await until(() => server.connections > 0);
      await until(() => sleepsInEventLoop(child.pid!));
      child.kill('SIGINT');
      // The test's timeout catches a child that ignores the signal; 130 says it was handled.
      const code = await exited;
      assert.equal(code, 130);
      assert.match(stdout, /✓ connect/);
      assert.match(stdout, /banner +interrupted/);
      assert.match(stderr, /interrupted during the banner step/);
    } finally {
      await server.close();
    }
  },
);
