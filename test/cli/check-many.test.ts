import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDomainList, pool } from '../../source/cli/check-many.js';
import { UsageError } from '../../source/cli/usage-error.js';
import { runCli } from '../helpers/cli.js';
import { closedPort, startFakeServer } from '../helpers/fake-server.js';
import type { Session } from '../../source/record/types.js';

test('a domain list: comments and blanks skipped, a bad line named by number', () => {
  assert.deepEqual(
    parseDomainList(
      '# ours\nexample.test\n\n  bob@other.test  # the customer\n127.0.0.1:2525\n',
    ).map((t) => t?.input),
    ['example.test', 'bob@other.test', '127.0.0.1:2525'],
  );
  assert.throws(
    () => parseDomainList('ok.test\nbad name here\n'),
    (e: unknown) => e instanceof UsageError && /line 2/.test(e.message),
  );
});

test('the pool keeps input order and never runs more than its limit at once', async () => {
  let running = 0;
  let peak = 0;
  const out = await pool([5, 1, 4, 2, 3], 2, async (n) => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, n * 5));
    running -= 1;
    return n * 10;
  });
  assert.deepEqual(out, [50, 10, 40, 20, 30]);
  assert.equal(peak, 2);
});

test(
  'check --domains-file - reads stdin, runs each, and the worst result is the exit code',
  { timeout: 60_000 },
  async () => {
    const good = await startFakeServer(async (peer) => {
      peer.send('220 good.test ESMTP\r\n');
      for (;;) {
        const line = await peer.line().catch(() => undefined);
        if (line === undefined) return;
        if (line.startsWith('EHLO')) peer.send('250 good.test\r\n');
        else if (line === 'QUIT') return peer.send('221 bye\r\n');
      }
    });
    const dead = await closedPort();
    try {
      const list = `127.0.0.1:${good.port}\n127.0.0.1:${dead}\n`;
      const json = await runCli(
        [
          'check',
          '--domains-file',
          '-',
          '--steps',
          'connect,banner,ehlo',
          '--concurrency',
          '2',
          '--json',
        ],
        { input: list },
      );
      assert.equal(json.code, 1, json.stderr);
      const sessions = JSON.parse(json.stdout) as Session[];
      assert.deepEqual(
        sessions.map((s) => [s.target.input, s.steps[0]?.status]),
        [
          [`127.0.0.1:${good.port}`, 'ok'],
          [`127.0.0.1:${dead}`, 'error'],
        ],
      );
      const text = await runCli(
        ['check', '--domains-file', '-', '--steps', 'connect,banner,ehlo'],
        { input: list },
      );
      assert.equal(text.code, 1);
      const lines = text.stdout.trim().split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0]!, /^OK +127\.0\.0\.1:\d+ +0 error/);
      assert.match(lines[1]!, /^ERROR +127\.0\.0\.1:\d+ +1 error\(s\).*connect\.refused/);
    } finally {
      await good.close();
    }
  },
);
