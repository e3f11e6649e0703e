// `check DOMAIN` follows the MX list as a real sender does: the best preference first, the next
// one when a connection fails, every attempt kept in the transcript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerWith, startFakeDns, zone } from '../helpers/fake-dns.js';
import { startFakeServer } from '../helpers/fake-server.js';
import { runCli } from '../helpers/cli.js';
import type { Session } from '../../source/record/types.js';

test(
  'a dead first MX: check falls back to the second and the session keeps both',
  { timeout: 60_000 },
  async () => {
    const smtp = await startFakeServer(async (peer) => {
      peer.send('220 second.fallback.test ESMTP\r\n');
      for (;;) {
        const line = await peer.line().catch(() => undefined);
        if (line === undefined) return;
        if (line.startsWith('EHLO')) peer.send('250 second.fallback.test\r\n');
        else if (line === 'QUIT') return peer.send('221 bye\r\n');
      }
    });
    // The fake SMTP server listens on 127.0.0.1 only, so the same port on 127.0.0.3 refuses.
    const dns = await startFakeDns(
      answerWith(
        zone({
          'fallback.test': [
            { type: 'MX', preference: 10, exchange: 'first.fallback.test' },
            { type: 'MX', preference: 20, exchange: 'second.fallback.test' },
          ],
          'first.fallback.test': [{ type: 'A', address: '127.0.0.3' }],
          'second.fallback.test': [{ type: 'A', address: '127.0.0.1' }],
        }),
      ),
    );
    try {
      const r = await runCli([
        'check',
        'fallback.test',
        '--dns',
        dns.spec,
        '--port',
        String(smtp.port),
        '--steps',
        'dns,connect,banner,ehlo',
        '--json',
      ]);
      assert.equal(r.code, 0, r.stderr + r.stdout.slice(0, 2000));
      const session = JSON.parse(r.stdout) as Session;
      assert.deepEqual(
        session.dns?.mx.map((m) => [m.preference, m.exchange, m.addresses]),
        [
          [10, 'first.fallback.test', ['127.0.0.3']],
          [20, 'second.fallback.test', ['127.0.0.1']],
        ],
      );
      const connect = session.transcript
        .filter((l) => l.step === 'connect')
        .map((l) => l.text)
        .join('\n');
      assert.match(connect, /127\.0\.0\.3/);
      assert.match(connect, /trying the next mail host, second\.fallback\.test/);
      assert.equal(session.steps.find((s) => s.id === 'connect')?.status, 'ok');
      const attempts = session.facts?.['connect.attempts'] as Array<{
        servername: string;
        ok: boolean;
        code?: string;
      }>;
      assert.deepEqual(
        attempts.map((a) => [a.servername, a.ok, a.code]),
        [
          ['first.fallback.test', false, 'ECONNREFUSED'],
          ['second.fallback.test', true, undefined],
        ],
      );
      const fallback = session.findings.find((f) => f.id === 'connect.mx-fallback');
      assert.equal(fallback?.severity, 'warning');
      assert.match(fallback?.title ?? '', /first\.fallback\.test/);
      assert.ok(
        session.transcript.some(
          (l) => l.step === 'banner' && l.text.startsWith('220 second.fallback.test'),
        ),
      );
    } finally {
      await dns.close();
      await smtp.close();
    }
  },
);
