// The guided wizard in a real pseudo-terminal against the real mail stack (Postfix submission with
// STARTTLS and AUTH, Dovecot IMAPS): every step waits for the user; one command is edited and one
// step skipped on the way to a sent message; a wrong port is corrected in the settings without a
// restart; an action under a finding re-runs the diagnosis; the help's keys do what they say.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ensureBundle } from '../helpers/cli.js';
import { closedPort } from '../helpers/fake-server.js';
import type { MailStack } from '../helpers/mail-stack.js';
import { getMailStack } from '../helpers/mail-stack.js';
import type { PtyChild } from '../helpers/pty.js';
import { nextOutput as next, pressFor as press } from '../helpers/pty.js';
import { openWizard } from '../helpers/bundle-pty.js';

const ENTER = '\r';
const ESC = '\x1b';
const TAB = '\t';
const DOWN = '\x1b[B';
const TIMEOUT = { timeout: 120_000 };

let stack: MailStack;

before(async () => {
  ensureBundle();
  stack = await getMailStack();
});

const wizard = (args: string[]): PtyChild => openWizard(args, stack.password);

test(
  'guided submission: every step waits; EHLO edited, IMAP skipped, the message sent',
  TIMEOUT,
  async (t) => {
    const child = wizard([
      `127.0.0.1:${stack.submission}`,
      '--auth-user',
      stack.user,
      '--to',
      stack.user,
      '--ca-file',
      stack.caCert,
      '--imap',
      `imaps://127.0.0.1:${stack.imaps}`,
    ]);
    t.after(child.kill);
    await child.waitFor(new RegExp(`→ {2}connect to 127\\.0\\.0\\.1:${stack.submission}`), {
      timeoutMs: 20_000,
    });
    assert.match(child.text(), /A TCP connection first, as telnet would/);
    await press(child, ENTER, /→ {2}\(wait for the greeting: 220\)/);
    await press(child, ENTER, /Next command EHLO tells the server our name/);
    await press(child, 'e', /enter sends this line; esc keeps the proposal/);
    // Ctrl-U clears the proposed line; typed with the new text in one read, as a fast typist would.
    await press(child, '\x15EHLO edited.example.test', /C: EHLO edited\.example\.test/);
    await press(child, ENTER, /C: STARTTLS/);
    // After the handshake EHLO again, as RFC 3207 asks (with the configured name).
    await press(child, ENTER, /certificate verified for 127\.0\.0\.1[\s\S]*Next command EHLO/);
    await press(child, ENTER, /C: AUTH PLAIN \*{8} \(masked\)/);
    await press(child, ENTER, /C: MAIL FROM:<test@example\.test>/);
    await press(child, ENTER, /C: RCPT TO:<test@example\.test>/);
    await press(child, ENTER, /C: DATA/);
    await press(child, ENTER, /Next command The message itself/);
    // The goodbye goes on its own once the step has ended; then the mailbox step waits.
    await press(child, ENTER, /IMAP 127\.0\.0\.1:\d+: log in as test@example\.test/);
    await press(child, 's', /– skipped/);
    await child.waitFor(/skipped by the user/);
    // The send step on screen: accepted, with the queue id; AUTH went over TLS.
    await press(child, 'p', /POP3\s+○ not run yet/);
    await press(child, 'p', /message accepted as/);
    await press(child, 'p', /authenticated as test@example\.test/);
    const text = child.text();
    assert.match(text, /S: 250 2\.0\.0 Ok: queued as/);
    assert.ok(!text.includes(stack.password), 'the password reached the screen');
    await press(child, 'q', /\$|/);
    assert.equal((await child.exit()).code, 0);
  },
);

test(
  'settings without restarting: a wrong port, then 587 with AUTH from the form, then sent',
  TIMEOUT,
  async (t) => {
    const wrong = await closedPort();
    const child = wizard([`127.0.0.1:${wrong}`, '--to', stack.user, '--ca-file', stack.caCert]);
    t.after(child.kill);
    await child.waitFor(/→ {2}connect to/, { timeoutMs: 20_000 });
    await press(child, 'a', /Connect\s+✗ error/);
    await child.waitFor(/ECONNREFUSED|refused/);
    await press(child, 'o', /Settings · they apply to the next run/);
    await press(child, DOWN + DOWN, /› Port/);
    // Enter types into the row; Ctrl-U clears what is before the cursor (the old port).
    await press(child, ENTER + '\x15', /enter done/);
    await press(child, String(stack.submission), new RegExp(`Port\\s+${stack.submission}`));
    await press(child, ENTER, /enter type/);
    await press(child, DOWN.repeat(5), /› Auth user/);
    await press(child, ENTER, /enter done/);
    await press(child, stack.user, /Auth user\s+test@example\.test/);
    await press(child, ENTER, /needed: the user changed/);
    await press(child, DOWN.repeat(2), /› Password/);
    await press(child, ENTER, /enter done/);
    await press(child, stack.password, /Password\s+•+/);
    await press(child, ENTER, /enter type/);
    await press(child, DOWN.repeat(20), /› Use these settings/);
    await press(child, ENTER, /Connect\s+✗ error/);
    // Enter on the connect step runs again from it, with the new settings.
    await press(child, ENTER, new RegExp(`connect to 127\\.0\\.0\\.1:${stack.submission}`));
    await press(child, 'a', /message accepted as/, 60_000);
    // The connect step remembers the try before: refused on the wrong port, then connected.
    await press(child, 'ppppp', /run 1: error → \d+ ms · connected to 127\.0\.0\.1/);
    assert.ok(!child.text().includes(stack.password), 'the password reached the screen');
    child.write('q');
    assert.equal((await child.exit()).code, 0);
  },
);

test(
  'an action from a finding: past the untrusted certificate with --insecure, then sent',
  TIMEOUT,
  async (t) => {
    // No --ca-file: the stack's certificate comes from a CA nobody here trusts.
    const child = wizard([
      `127.0.0.1:${stack.submission}`,
      '--auth-user',
      stack.user,
      '--to',
      stack.user,
    ]);
    t.after(child.kill);
    await child.waitFor(/→ {2}connect to/, { timeoutMs: 20_000 });
    await press(child, 'a', /What to try next \(tab to choose\)/, 60_000);
    assert.match(child.text(), /TLS\s+✗ error/);
    assert.match(child.text(), /Go on despite the certificate problem \(--insecure\)/);
    assert.match(child.text(), /Trust the CA that signed it/);
    await press(child, TAB + TAB, /Goes on although the certificate did not verify/);
    // Enter takes the highlighted action; the steps before TLS run on their own.
    await press(child, ENTER, /Next command STARTTLS asks to switch/, 60_000);
    // It lands on the certificate warning (it stays a finding); the message went.
    const after = next(child);
    child.write('a');
    await after(/✓ send/, 60_000);
    await after(/TLS\s+! warning/);
    await press(child, 'nn', /message accepted as/);
    child.write('q');
    assert.equal((await child.exit()).code, 0);
  },
);

test('the keys of the help overlay do what it says', TIMEOUT, async (t) => {
  const child = wizard([`127.0.0.1:${stack.smtp}`, '--ca-file', stack.caCert]);
  t.after(child.kill);
  await child.waitFor(/→ {2}connect to/, { timeoutMs: 20_000 });
  await press(child, '?', /Skip this step; it is recorded as skipped/);
  for (const row of [
    /enter\s+Send the proposed command, run the step, or run it again/,
    /e\s+Edit the proposed command before it is sent/,
    /a\s+Run the remaining steps, stop at the first error/,
    /o\s+Change the settings; they apply to the next run/,
    /m\s+Open the manual console on this target/,
    /esc\s+Cancel the wait in progress, or stop editing/,
    /tab\s+Switch between steps, transcript and actions/,
  ])
    assert.match(child.text(), row);
  await press(child, ESC, /enter send/);
  await press(child, ENTER, /wait for the greeting/); // enter: runs the step
  await press(child, 'o', /Settings · they apply/); // o: the settings
  await press(child, ESC, /enter send/); // esc: closes them
  // m: the manual console, here on a new connection (no SMTP command is waiting yet); the first
  // esc stops typing, the second goes back to the steps.
  await press(child, 'm', /console 127\.0\.0\.1:\d+ · /);
  await press(child, ESC, /q quit/);
  await press(child, ESC, /enter send/);
  await press(child, ENTER, /Next command EHLO/);
  await press(child, 'e', /enter sends this line/); // e: edits
  await press(child, ESC, /e edit/); // esc: stops editing, the proposal stays
  await press(child, 's', /EHLO\s+– skipped/); // s: skips (EHLO is needed by the rest)
  await press(child, 'p', /Banner\s+✓ ok/); // p: previous step
  await press(child, 'n', /EHLO\s+– skipped/); // n: next step
  await press(child, TAB, /tab steps|↑\/↓ scroll/); // tab: focus to the transcript
  // enter on a finished step: runs again from it (the steps before it on their own)
  await press(child, ENTER, /Next command EHLO/);
  await press(child, 'a', /EHLO\s+✓ ok|TLS\s+[✓!✗]/, 60_000); // a: runs the rest
  child.write('q');
  assert.equal((await child.exit()).code, 0);
});
