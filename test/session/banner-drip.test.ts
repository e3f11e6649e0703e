// The banner step tells a greeting that drips in (a tarpit) from a port that says nothing: what
// arrived is recorded (banner.drip), the silent-port note and fact (banner.silent) only when no
// byte came, so the diagnosis does not send a tarpit's victim off to try implicit TLS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSession } from '../../source/session/runner.js';
import type { RunConfig } from '../../source/session/config.js';
import { deadlinesFor } from '../../source/net/deadlines.js';
import { factOf } from '../../source/record/facts.js';
import { startFakeServer } from '../helpers/fake-server.js';
import type { FakePeer } from '../helpers/fake-server.js';

const GREETING = '220 tarpit.example.test ESMTP slowly, very slowly, one byte at a time\r\n';

/** Sends the greeting a byte every `everyMs` while the client stays. */
const dripping =
  (everyMs: number, text = GREETING) =>
  async (peer: FakePeer) => {
    for (const byte of text) {
      if (peer.socket.destroyed) return;
      peer.send(byte);
      await peer.wait(everyMs);
    }
    await peer.line(10_000).catch(() => undefined);
  };

const config = (port: number, seconds: number): RunConfig => ({
  target: { input: `127.0.0.1:${port}`, server: { host: '127.0.0.1', port } },
  tls: 'none',
  insecure: false,
  ca: [],
  ehlo: 'client.test',
  to: [],
  headers: [],
  resolvers: [],
  deadlines: deadlinesFor(seconds),
  steps: ['connect', 'banner'],
  redactIdentities: false,
});

const notes = (session: Awaited<ReturnType<typeof runSession>>) =>
  session.transcript.filter((l) => l.step === 'banner' && l.dir === 'note').map((l) => l.text);

test(
  'a greeting dripped past the deadline: banner.drip with what arrived, no silence',
  { timeout: 30_000 },
  async () => {
    // 70 bytes at 100 ms each cannot end within the 2 s deadline.
    const server = await startFakeServer(dripping(100));
    try {
      const session = await runSession(config(server.port, 2), { version: 'test' });
      const drip = factOf(session, 'banner.drip');
      assert.ok(drip, JSON.stringify(session.facts));
      assert.equal(drip.complete, false);
      assert.ok(drip.bytes > 0 && drip.bytes < GREETING.length, String(drip.bytes));
      assert.ok(GREETING.startsWith(drip.partial ?? 'x'), drip.partial);
      assert.equal(factOf(session, 'banner.silent'), undefined, 'taken for a silent port');
      assert.ok(notes(session).some((n) => /the greeting is arriving slowly: \d+ byte/.test(n)));
      assert.ok(notes(session).some((n) => /the greeting never ended: \d+ byte\(s\)/.test(n)));
      assert.ok(!notes(session).some((n) => /may expect TLS/.test(n)));
      const ids = session.findings.map((f) => f.id);
      assert.ok(ids.includes('banner.drip') && !ids.includes('banner.timeout'), ids.join(','));
    } finally {
      await server.close();
    }
  },
);

test(
  'a port that says nothing: banner.silent and banner.timeout, no banner.drip',
  { timeout: 30_000 },
  async () => {
    const server = await startFakeServer((peer) =>
      peer.line(10_000).then(
        () => undefined,
        () => undefined,
      ),
    );
    try {
      const session = await runSession(config(server.port, 2), { version: 'test' });
      assert.equal(factOf(session, 'banner.drip'), undefined);
      assert.ok(factOf(session, 'banner.silent'));
      assert.ok(notes(session).some((n) => /may expect TLS from the first byte/.test(n)));
      const ids = session.findings.map((f) => f.id);
      assert.ok(ids.includes('banner.timeout') && !ids.includes('banner.drip'), ids.join(','));
    } finally {
      await server.close();
    }
  },
);

test(
  'a greeting dripped to its end within the deadline: complete, and banner.slow says dripped',
  { timeout: 30_000 },
  async () => {
    // 33 bytes at 100 ms: about 3.3 s, well inside a 20 s deadline.
    const server = await startFakeServer(dripping(100, '220 tarpit.example.test ESMTP\r\n'));
    try {
      const session = await runSession(config(server.port, 20), { version: 'test' });
      const drip = factOf(session, 'banner.drip');
      assert.ok(drip?.complete, JSON.stringify(session.facts));
      assert.equal(session.steps.find((s) => s.id === 'banner')?.status, 'ok');
      const slow = session.findings.find((f) => f.id === 'banner.slow');
      assert.match(slow?.title ?? '', /dripped a little at a time/);
    } finally {
      await server.close();
    }
  },
);
