// The guided mailbox steps in a real pseudo-terminal against the real mail stack (Postfix
// submission, Dovecot POP3 with STLS): a message sent step by step, then retrieved over POP3 with
// every command proposed, STAT edited to LIST, and the rest sent with `a`; and `m` at a POP3
// command after login, typing on the same connection, Esc back to the steps that know it; the same
// `m` at an IMAP command, its tags going on.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { Session } from '../../source/record/types.js';
import { ensureBundle } from '../helpers/cli.js';
import type { MailStack } from '../helpers/mail-stack.js';
import { getMailStack } from '../helpers/mail-stack.js';
import type { PtyChild } from '../helpers/pty.js';
import { pressFor as press } from '../helpers/pty.js';
import { openWizard } from '../helpers/bundle-pty.js';

const ENTER = '\r';
const ESC = '\x1b';
const TIMEOUT = { timeout: 180_000 };

let stack: MailStack;

before(async () => {
  ensureBundle();
  stack = await getMailStack();
});

const wizard = (args: string[], cwd: string): PtyChild => openWizard(args, stack.password, cwd);

const pop3Lines = (session: Session, dir: 'client' | 'server') =>
  session.transcript.filter((l) => l.step === 'pop3' && l.dir === dir).map((l) => l.text);

/** The wizard on one mailbox step only, its report written to session.json in `dir`. */
const mailboxWizard = (protocol: 'pop3' | 'imap', server: string, dir: string): PtyChild =>
  wizard(
    [
      `127.0.0.1:${stack.submission}`,
      '--steps',
      protocol,
      `--${protocol}`,
      server,
      '--mailbox-user',
      stack.user,
      '--ca-file',
      stack.caCert,
      '--report',
      'session.json',
    ],
    dir,
  );

/**
 * Esc leaves typing, Esc again goes back to the steps, which say what was typed; q writes the
 * report. The session as saved, with the step's client lines.
 */
const backAndQuit = async (child: PtyChild, back: RegExp, dir: string, step: 'pop3' | 'imap') => {
  await press(child, ESC, /e type/);
  await press(child, ESC, back);
  await press(child, 'q', /\$|/);
  assert.equal((await child.exit()).code, 0);
  const session = JSON.parse(readFileSync(join(dir, 'session.json'), 'utf8')) as Session;
  assert.match(session.steps.find((s) => s.id === step)!.summary, /continued by hand/);
  assert.ok(!JSON.stringify(session).includes(stack.password));
  const sent = session.transcript
    .filter((l) => l.step === step && l.dir === 'client')
    .map((l) => l.text);
  return { session, sent };
};

test(
  'guided POP3 retrieval: each command proposed, STAT edited to LIST, the rest sent with a',
  TIMEOUT,
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-e2e-pop3-'));
    const child = wizard(
      [
        `127.0.0.1:${stack.submission}`,
        '--auth-user',
        stack.user,
        '--to',
        stack.user,
        '--ca-file',
        stack.caCert,
        '--pop3',
        `127.0.0.1:${stack.pop3}`,
        '--report',
        'session.json',
      ],
      dir,
    );
    t.after(child.kill);
    await child.waitFor(/→ {2}connect to 127\.0\.0\.1/, { timeoutMs: 20_000 });
    // The submission, as proposed, command by command.
    await press(child, ENTER, /→ {2}\(wait for the greeting: 220\)/);
    await press(child, ENTER, /C: EHLO/);
    await press(child, ENTER, /C: STARTTLS/);
    await press(child, ENTER, /certificate verified[\s\S]*C: EHLO/);
    await press(child, ENTER, /C: AUTH PLAIN \*{8} \(masked\)/);
    await press(child, ENTER, /C: MAIL FROM:/);
    await press(child, ENTER, /C: RCPT TO:/);
    await press(child, ENTER, /C: DATA/);
    await press(child, ENTER, /Next command The message itself/);
    await press(child, ENTER, /POP3 127\.0\.0\.1:\d+: log in as test@example\.test/);
    // The mailbox, command by command: CAPA, STLS and the handshake, CAPA again, the login.
    await press(child, ENTER, /Next command CAPA asks which extensions/);
    await press(child, ENTER, /Next command STLS asks to switch/);
    await press(child, ENTER, /certificate verified[\s\S]*Next command CAPA/);
    await press(child, ENTER, /C: (AUTH PLAIN|USER)/);
    if (/C: USER/.test(child.text().slice(-2000)))
      await press(child, ENTER, /C: PASS \*{8} \(masked\)/);
    await press(child, ENTER, /Next command STAT asks how many messages/);
    // e edits; Ctrl-U clears the proposed line; the edit goes out and the engine tracks it.
    await press(child, 'e', /enter sends this line; esc keeps the proposal/);
    await press(child, '\x15LIST', /C: LIST/);
    await press(child, ENTER, /Next command TOP n 0 reads only the headers/);
    // The step read the count from the listing the edit brought.
    assert.match(
      child.text(),
      /you sent "LIST" instead of STAT: its answer says the newest message is number \d+/,
    );
    // a: the rest goes without asking (polling until the message is delivered).
    await press(child, 'a', /found the test message as message \d+/, 90_000);
    assert.ok(!child.text().includes(stack.password), 'the password reached the screen');
    await press(child, 'q', /\$|/);
    assert.equal((await child.exit()).code, 0);

    const session = JSON.parse(readFileSync(join(dir, 'session.json'), 'utf8')) as Session;
    const pop3 = session.steps.find((s) => s.id === 'pop3')!;
    assert.equal(pop3.status, 'ok', pop3.summary);
    const sent = pop3Lines(session, 'client');
    const login = sent.findIndex((l) => /^(AUTH PLAIN|PASS) \*{8}$/.test(l));
    assert.ok(login > 0, sent.join(' | '));
    assert.deepEqual(sent.slice(0, 3), ['CAPA', 'STLS', 'CAPA']);
    // Right after the login, the edited line went, not the proposed one.
    assert.equal(sent[login + 1], 'LIST');
    assert.ok(
      session.transcript.some(
        (l) => l.dir === 'note' && /you sent "LIST" instead of STAT/.test(l.text),
      ),
    );
    assert.ok(sent.some((l) => /^RETR \d+$/.test(l)));
    assert.equal(session.delivery?.retrievedBy, 'pop3');
    assert.ok(!JSON.stringify(session).includes(stack.password));
  },
);

test(
  'm at a POP3 command after login: the console types on the same connection; Esc back to the steps',
  TIMEOUT,
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-e2e-pop3-m-'));
    const child = mailboxWizard('pop3', `127.0.0.1:${stack.pop3}`, dir);
    t.after(child.kill);
    await child.waitFor(/→ {2}POP3 127\.0\.0\.1:\d+: log in as/, { timeoutMs: 20_000 });
    await press(child, ENTER, /Next command CAPA/);
    await press(child, ENTER, /Next command STLS/);
    await press(child, ENTER, /Next command CAPA/);
    await press(child, ENTER, /C: (AUTH PLAIN|USER)/);
    if (/C: USER/.test(child.text().slice(-2000)))
      await press(child, ENTER, /C: PASS \*{8} \(masked\)/);
    await press(child, ENTER, /Next command STAT/);
    await press(child, 'm', /you have the POP3 connection now/);
    // Logged in already: UIDL fits (no warning), and goes on the same connection.
    // The console opens ready for typing.
    await press(child, 'UIDL' + ENTER, /S: \.\s/);
    assert.doesNotMatch(child.text().slice(-3000), /not valid in state/);
    const { sent } = await backAndQuit(
      child,
      /back from the manual console: typed by hand: UIDL; logged in when the console closed/,
      dir,
      'pop3',
    );
    assert.equal(sent.at(-1), 'UIDL');
    assert.ok(!sent.includes('STAT'), 'STAT was proposed, never sent: the user took over');
    assert.ok(!sent.includes('QUIT'), 'the guided run did not say goodbye on the console’s line');
  },
);

test(
  'm at an IMAP command after login: the console goes on with the next tag on the same connection',
  TIMEOUT,
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-e2e-imap-m-'));
    const child = mailboxWizard('imap', `imaps://127.0.0.1:${stack.imaps}`, dir);
    t.after(child.kill);
    await child.waitFor(/→ {2}IMAP 127\.0\.0\.1:\d+: log in as/, { timeoutMs: 20_000 });
    // Dovecot's greeting names its capabilities: the first command is the login.
    await press(child, ENTER, /Next command (LOGIN|AUTHENTICATE)/);
    await press(child, ENTER, /Next command EXAMINE/);
    await press(child, 'm', /you have the IMAP connection now/);
    // Logged in, nothing selected yet: EXAMINE fits, and takes the tag the guide would have used.
    await press(child, 'EXAMINE INBOX' + ENTER, /S: a2 OK/);
    assert.doesNotMatch(child.text().slice(-3000), /not valid in state/);
    const { sent } = await backAndQuit(
      child,
      /back from the manual console: typed by hand: a2 EXAMINE INBOX/,
      dir,
      'imap',
    );
    assert.equal(sent.at(-1), 'a2 EXAMINE INBOX');
    assert.equal(sent.filter((l) => / (LOGIN|AUTHENTICATE) /.test(l)).length, 1, sent.join(' | '));
    assert.ok(!sent.some((l) => /LOGOUT/.test(l)), 'the guided run did not log out');
  },
);
