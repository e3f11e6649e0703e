// Every attempt of a step, with the settings it ran with, in every report format, in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attemptChain, attemptRuns, describeSettings } from '../../source/report/attempts.js';
import { renderReport } from '../../source/report/index.js';
import type { RunSettings, Session, StepAttempt } from '../../source/record/types.js';
import { SESSION_SCHEMA } from '../../source/record/types.js';

const base: RunSettings = {
  host: '127.0.0.1',
  port: 587,
  tls: 'auto',
  insecure: false,
  authUser: 'bob@example.test',
  mechanism: 'auto',
};
const insecure: RunSettings = { ...base, insecure: true };

const attempt = (
  run: number,
  step: StepAttempt['step'],
  status: StepAttempt['status'],
  summary: string,
  settings: RunSettings,
): StepAttempt => ({ run, step, status, summary, settings });

const session = (attempts: StepAttempt[]): Session => ({
  schema: SESSION_SCHEMA,
  tool: { name: 'mailmedic', version: 't' },
  startedAt: '2025-01-01T00:00:00.000Z',
  target: { input: '127.0.0.1:587', server: { host: '127.0.0.1', port: 587 } },
  steps: [],
  transcript: [],
  findings: [],
  attempts,
});

const TWO_RUNS = [
  attempt(1, 'connect', 'ok', 'connected', base),
  attempt(1, 'tls', 'error', 'STARTTLS: certificate not verified (self-signed)', base),
  attempt(1, 'auth', 'skipped', 'not run: tls failed', base),
  attempt(2, 'connect', 'ok', 'connected', insecure),
  attempt(2, 'tls', 'warning', 'STARTTLS: certificate not verified; going on', insecure),
  attempt(2, 'auth', 'ok', 'authenticated as bob@example.test with PLAIN', insecure),
  attempt(2, 'send', 'ok', 'message accepted as 4XyZ', insecure),
];

test('settings read as a ticket would name them', () => {
  assert.equal(
    describeSettings(base),
    '127.0.0.1:587 STARTTLS when offered, AUTH as bob@example.test',
  );
  assert.equal(
    describeSettings({ tls: 'implicit', insecure: true, port: 465, skipMx: 1 }),
    'port 465 implicit TLS, --insecure, MX host 2',
  );
  assert.equal(
    describeSettings({ tls: 'none', insecure: false, plaintextAuth: true, port: 25 }),
    'port 25 no TLS, --plaintext-auth',
  );
});

test('the runs in order: how each ended, the steps not run left out', () => {
  const runs = attemptRuns(session(TWO_RUNS));
  assert.deepEqual(
    runs.map((r) => [r.run, r.outcome, r.steps.length]),
    [
      [1, 'tls ✗ STARTTLS: certificate not verified (self-signed)', 2],
      [2, 'send ✓ message accepted as 4XyZ', 4],
    ],
  );
  assert.equal(
    attemptChain(runs),
    '127.0.0.1:587 STARTTLS when offered, AUTH as bob@example.test: tls ✗ STARTTLS: certificate not verified (self-signed) → 127.0.0.1:587 STARTTLS when offered, --insecure, AUTH as bob@example.test: send ✓ message accepted as 4XyZ',
  );
});

test('one run is no history: no attempts section', () => {
  assert.deepEqual(attemptRuns(session(TWO_RUNS.filter((a) => a.run === 2))), []);
  for (const format of ['txt', 'md', 'html'] as const)
    assert.doesNotMatch(renderReport(session([]), format), /Attempts/);
});

test('text, Markdown and HTML show the attempts in order', () => {
  for (const format of ['txt', 'md', 'html'] as const) {
    const report = renderReport(session(TWO_RUNS), format);
    assert.match(report, /Attempts/, format);
    // Markdown escapes the parentheses of "(self-signed)": find the words around them.
    const first = report.search(/certificate not verified \\?\(self-signed\\?\)/);
    const second = report.indexOf('message accepted as 4XyZ');
    assert.ok(first >= 0 && second > first, `${format}: out of order`);
    assert.match(report, /--insecure/, format);
  }
  assert.match(renderReport(session(TWO_RUNS), 'md'), /^1\. 127\.0\.0\.1:587/m);
  assert.match(renderReport(session(TWO_RUNS), 'html'), /<h2>Attempts<\/h2><ol><li>/);
});
