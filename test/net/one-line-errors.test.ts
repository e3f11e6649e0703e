// OpenSSL's error text ends in ":\n" and may span lines; mailmedic's errors are one line, so the
// transcript shows no literal \n and a finding quoting the error keeps its indentation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Connection } from '../../source/net/connection.js';
import { MailmedicError } from '../../source/protocols/common/errors.js';
import { oneLine } from '../../source/protocols/common/printable.js';
import { layoutFindings } from '../../source/ui/transcript-layout.js';
import { renderText } from '../../source/report/text.js';
import { startFakeServer } from '../helpers/fake-server.js';
import type { Session } from '../../source/record/types.js';

const OPENSSL =
  '804CCBC4907F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n';

test('oneLine folds line breaks and the trailing colon of OpenSSL text', () => {
  assert.equal(
    oneLine(OPENSSL),
    '804CCBC4907F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350',
  );
  assert.equal(oneLine('first line\r\n  second line\n'), 'first line second line');
  assert.equal(oneLine('already one line'), 'already one line');
});

test('a TLS handshake against a plain-text server fails with a one-line message', async () => {
  const server = await startFakeServer((peer) => {
    peer.send('220 this is not TLS\r\n');
  });
  try {
    await assert.rejects(
      Connection.open({
        host: server.host,
        port: server.port,
        tls: { servername: 'localhost' },
        deadlines: { tlsHandshake: 5000 },
      }),
      (error: unknown) => {
        assert.ok(error instanceof MailmedicError);
        if (error.code !== 'ETLS') return true; // a loaded machine may time out instead
        assert.doesNotMatch(error.message, /[\r\n]/);
        assert.doesNotMatch(error.message, /:$/);
        assert.match(error.message, /TLS handshake with .* failed: .*wrong version number/);
        return true;
      },
    );
  } finally {
    await server.close();
  }
});

test('a finding that quotes multi-line error text keeps its indentation on screen and in text', () => {
  const finding = {
    id: 'tls.handshake-failed',
    severity: 'error' as const,
    title: 'The TLS handshake failed',
    explanation: `Client and server could not agree on TLS: ${OPENSSL}. Usual causes: no common protocol version.`,
    evidence: [],
    next: ['Try STARTTLS on 587.'],
    step: 'tls' as const,
  };
  const rows = layoutFindings([finding], 60);
  for (const row of rows) assert.doesNotMatch(row.text, /[\r\n]/, JSON.stringify(row.text));
  const text = rows.filter((row) => row.kind === 'finding-text').map((row) => row.text);
  assert.ok(text.some((line) => line.includes('Usual causes')));
  const session: Session = {
    schema: 'mailmedic.session/1',
    tool: { name: 'mailmedic', version: 'test' },
    startedAt: '2026-11-26T12:00:00Z',
    target: { input: 'x' },
    steps: [],
    transcript: [],
    findings: [finding],
  };
  const report = renderText(session).split('\n');
  const at = report.findIndex((line) => line.includes('could not agree'));
  assert.ok(report[at]!.startsWith('  '));
  assert.ok(report[at]!.includes('Usual causes'), 'the explanation stays on its indented line');
});
