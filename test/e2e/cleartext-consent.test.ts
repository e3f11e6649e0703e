// The wizard's clear-text question in a real pseudo-terminal (dist/mailmedic.js). No server of
// the real stack offers AUTH before TLS (Postfix and Exim list it only after STARTTLS; Dovecot
// and Mailutils refuse POP3/IMAP logins until STLS/STARTTLS), so the question is driven by a
// scripted SMTP server on port 0 that offers AUTH PLAIN without STARTTLS; the real Postfix
// submission port with --tls none shows that no question is asked when nothing could be sent.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ensureBundle } from '../helpers/cli.js';
import { startFakeServer } from '../helpers/fake-server.js';
import type { MailStack } from '../helpers/mail-stack.js';
import { getMailStack } from '../helpers/mail-stack.js';
import { pressFor as press } from '../helpers/pty.js';
import { smtp } from '../hostile/personas.js';
import { openWizard } from '../helpers/bundle-pty.js';

const ENTER = '\r';
const DOWN = '\x1b[B';
const TIMEOUT = { timeout: 120_000 };
const PASSWORD = 'e2e-consent-pw-5';

let stack: MailStack;

before(async () => {
  ensureBundle();
  stack = await getMailStack();
});

test(
  'run all stops at the question; s skips (no AUTH sent); the next run asks again; "send" sends it, with the error finding',
  TIMEOUT,
  async (t) => {
    const lines: string[] = [];
    const script = smtp({ ehlo: ['250-fake.test', '250 AUTH PLAIN LOGIN'] });
    const server = await startFakeServer(async (peer) => {
      const original = peer.line.bind(peer);
      peer.line = async (ms?: number) => {
        const line = await original(ms);
        lines.push(line);
        return line;
      };
      await script(peer);
    });
    const dir = mkdtempSync(join(tmpdir(), 'mm-consent-'));
    const report = join(dir, 'session.json');
    t.after(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const child = openWizard(
      [`127.0.0.1:${server.port}`, '--auth-user', 'alice', '--report', report],
      PASSWORD,
    );
    t.after(child.kill);
    await child.waitFor(new RegExp(`connect to 127\\.0\\.0\\.1:${server.port}`), {
      timeoutMs: 20_000,
    });
    // Run all: it still stops at the question, with the risk and the safe answer highlighted.
    await press(child, 'a', /Send the password without TLS\?/);
    await child.waitFor(/❯ Try implicit TLS on port 465 instead/);
    assert.match(child.text(), /No TLS to 127\.0\.0\.1 port \d+: SMTP AUTH would carry the/);
    assert.match(child.text(), /Send the password in clear text this once/);
    // Keys of the step screen do not answer it.
    child.write('a');
    child.write('e');
    // The run ends on the tls step (its warning is the worst); the next step is auth, skipped.
    await press(child, 's', /– auth/);
    await child.waitFor(/STARTTLS not offered/);
    await press(child, 'n', /the password was not sent in clear text: the user chose to skip/);
    assert.ok(!lines.some((l) => /^AUTH/i.test(l)), 'AUTH went out after "skip"');
    // Enter on the auth step runs again from it: the question comes back (consent is per run).
    await press(child, ENTER, /Send the password without TLS\?/);
    await press(child, DOWN + DOWN, /❯ Send the password in clear text this once/);
    await press(child, ENTER, /C: AUTH PLAIN \*{8} \(masked\)/);
    await press(child, ENTER, /authenticated as alice with PLAIN/);
    assert.equal(lines.filter((l) => /^AUTH PLAIN /i.test(l)).length, 1);
    await child.waitFor(/The password was sent in clear text/);
    assert.ok(!child.text().includes(PASSWORD), 'the password reached the screen');
    child.write('q');
    assert.equal((await child.exit(20_000)).code, 0, 'q leaves the wizard with 0');
    const saved = readFileSync(report, 'utf8');
    assert.ok(!saved.includes(PASSWORD), 'the password is in the report');
    const session = JSON.parse(saved) as {
      facts: Record<string, { sent: boolean; consent: string }>;
      attempts: Array<{ run: number; step: string; status: string; summary: string }>;
      findings: Array<{ id: string; severity: string }>;
    };
    assert.deepEqual(
      session.attempts.filter((a) => a.step === 'auth').map((a) => [a.run, a.status, a.summary]),
      [
        [1, 'skipped', 'the password was not sent in clear text: the user chose to skip this step'],
        [
          2,
          'ok',
          'authenticated as alice with PLAIN (password sent in clear text: the user agreed, for this run)',
        ],
      ],
    );
    assert.deepEqual(
      [session.facts['auth.cleartext']?.sent, session.facts['auth.cleartext']?.consent],
      [true, 'asked'],
    );
    assert.ok(session.findings.some((f) => f.id === 'auth.cleartext' && f.severity === 'error'));
  },
);

test(
  'real Postfix submission with --tls none: AUTH is offered only inside TLS, so nothing is asked or sent',
  TIMEOUT,
  async (t) => {
    const child = openWizard(
      [
        `127.0.0.1:${stack.submission}`,
        '--tls',
        'none',
        '--auth-user',
        stack.user,
        '--ca-file',
        stack.caCert,
      ],
      stack.password,
    );
    t.after(child.kill);
    await child.waitFor(new RegExp(`connect to 127\\.0\\.0\\.1:${stack.submission}`), {
      timeoutMs: 20_000,
    });
    await press(child, 'a', /the server offers no AUTH mechanism on this connection/, 30_000);
    await child.waitFor(/The client must use STARTTLS: this server offers AUTH only inside TLS/);
    assert.doesNotMatch(child.text(), /Send the password without TLS\?/);
    assert.doesNotMatch(child.text(), /The password was sent in clear text/);
    assert.ok(!child.text().includes(stack.password));
    child.write('q');
    await child.exit(20_000);
  },
);
