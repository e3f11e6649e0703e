// The slice through every layer, against the real Postfix of the mail stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getMailStack } from '../helpers/mail-stack.js';
import { runCli } from '../helpers/cli.js';
import type { Session } from '../../source/record/types.js';

test(
  'check --steps connect,banner,ehlo --json follows SPEC.md against the real Postfix',
  { timeout: 120_000 },
  async () => {
    const stack = await getMailStack();
    const result = await runCli([
      'check',
      '--server',
      `${stack.host}:${stack.smtp}`,
      '--steps',
      'connect,banner,ehlo',
      '--ehlo',
      'client.example.test',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const session = JSON.parse(result.stdout) as Session;
    assert.equal(session.schema, 'mailmedic.session/1');
    assert.equal(session.tool.name, 'mailmedic');
    assert.match(session.tool.version, /^\d+\.\d+\.\d+/);
    assert.ok(!Number.isNaN(Date.parse(session.startedAt)));
    assert.deepEqual(session.target.server, { host: stack.host, port: stack.smtp });
    assert.deepEqual(
      session.steps.map((s) => [s.id, s.status]),
      [
        ['connect', 'ok'],
        ['banner', 'ok'],
        ['ehlo', 'ok'],
      ],
    );
    for (const step of session.steps) {
      assert.equal(typeof step.durationMs, 'number');
      assert.ok(step.summary.length > 0);
    }
    const lines = session.transcript;
    const banner = lines.find((l) => l.step === 'banner' && l.dir === 'server');
    assert.match(banner?.text ?? '', /^220 mail\.example\.test ESMTP/);
    assert.ok(lines.some((l) => l.dir === 'client' && l.text === 'EHLO client.example.test'));
    assert.ok(lines.some((l) => l.dir === 'server' && /^250[- ]STARTTLS$/.test(l.text)));
    assert.ok(lines.some((l) => l.dir === 'client' && l.text === 'QUIT'));
    assert.ok(lines.some((l) => l.dir === 'server' && l.text.startsWith('221')));
    // Every final reply line carries an explanation.
    const explained = lines.filter((l) => l.dir === 'server' && /^\d{3} /.test(l.text));
    assert.ok(explained.length >= 3);
    for (const l of explained)
      assert.ok(l.explanation && l.explanation.length > 0, `no explanation for ${l.text}`);
    for (const [i, l] of lines.entries()) {
      assert.ok(['client', 'server', 'note'].includes(l.dir));
      assert.equal(typeof l.t, 'number');
      if (i > 0) assert.ok(l.t >= lines[i - 1]!.t);
    }
    assert.deepEqual(
      session.findings.filter((f) => f.severity === 'error'),
      [],
    );
  },
);

test(
  'check prints the transcript with an explanation of each reply',
  { timeout: 120_000 },
  async () => {
    const stack = await getMailStack();
    const result = await runCli([
      'check',
      '--server',
      `${stack.host}:${stack.smtp}`,
      '--steps',
      'connect,banner,ehlo',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /✓ connect/);
    assert.match(result.stdout, /S: 220 mail\.example\.test/);
    assert.match(result.stdout, /↳ 220/);
    assert.match(result.stdout, /C: EHLO /);
    assert.match(result.stdout, /S: 250-PIPELINING/);
    assert.ok(!result.stdout.includes('\x1b['), 'no colour codes when NO_COLOR is set');
  },
);

test(
  'an unreachable server is an error finding: exit 1, with the reason',
  { timeout: 60_000 },
  async () => {
    const result = await runCli([
      'check',
      '--server',
      '127.0.0.1:1',
      '--steps',
      'connect,banner,ehlo',
      '--json',
    ]);
    assert.equal(result.code, 1, result.stderr);
    const session = JSON.parse(result.stdout) as Session;
    assert.deepEqual(
      session.steps.map((s) => [s.id, s.status]),
      [
        ['connect', 'error'],
        ['banner', 'skipped'],
        ['ehlo', 'skipped'],
      ],
    );
    const finding = session.findings.find((f) => f.id === 'connect.refused');
    assert.ok(finding, JSON.stringify(session.findings));
    assert.equal(finding.severity, 'error');
    assert.ok(finding.next.length > 0);
  },
);

test('a usage error exits 2 and names the flag', { timeout: 30_000 }, async () => {
  const result = await runCli(['check', '--server', '127.0.0.1:2525', '--tls', 'sometimes']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--tls/);
  assert.equal(result.stdout, '');
});
