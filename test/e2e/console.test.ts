// The manual console in a real pseudo-terminal, from the built bundle, against the real mail
// stack (and a local HTTP server): lessons typed by hand, held lines, the AUTH helper, reports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { readSessionFile } from '../../source/cli/wizard-command.js';
import { ensureBundle } from '../helpers/cli.js';
import type { MailStack } from '../helpers/mail-stack.js';
import { getMailStack } from '../helpers/mail-stack.js';
import { scratchDir } from '../helpers/scratch.js';
import { openConsole, quitConsole, typeLine } from '../helpers/bundle-pty.js';

const ESC = '\x1b';
const TIMEOUT = { timeout: 90_000 };
const WAIT = { timeoutMs: 20_000 };

let stack: MailStack;
before(async () => {
  ensureBundle();
  stack = await getMailStack();
});

const tempReport = (): string => join(scratchDir('mailmedic-console-'), 'session.json');

const readSession = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as {
    schema: string;
    transcript: { dir: string; text: string; secret?: boolean }[];
    findings: { id: string; severity: string }[];
  };

test(
  'lesson 3, POP3 by hand with STLS: every step, the password never shown',
  TIMEOUT,
  async () => {
    const report = tempReport();
    const child = openConsole([
      `127.0.0.1:${stack.pop3}`,
      '--ca-file',
      stack.caCert,
      '--lesson',
      '3',
      '--report',
      report,
    ]);
    try {
      await child.waitFor(/\+OK/, WAIT);
      await child.waitFor(/Lesson 3 \(0\/10\)/, WAIT);
      await typeLine(child, 'CAPA', /lone "\." ends a multi-line POP3 answer/);
      await typeLine(child, 'STLS', /certificate verified for 127\.0\.0\.1/);
      // A detour the lesson allows: CAPA again, inside TLS, now lists USER.
      await typeLine(child, 'CAPA', /S: USER/);
      await typeLine(child, `USER ${stack.user}`, /Lesson 3 \(3\/10\)/);
      await typeLine(child, `PASS ${stack.password}`, /Lesson 3 \(4\/10\)/);
      await child.waitFor(/\+OK Logged in/i, WAIT);
      await typeLine(child, 'STAT', /Lesson 3 \(5\/10\)/);
      await typeLine(child, 'LIST', /Lesson 3 \(6\/10\)/);
      await typeLine(child, 'RETR 1', /Lesson 3 \(7\/10\)/);
      await typeLine(child, 'DELE 1', /Lesson 3 \(8\/10\)/);
      await typeLine(child, 'RSET', /RSET unmarked every message/);
      await typeLine(child, 'QUIT', /lesson done/);
      assert.equal(await quitConsole(child), 0);
    } finally {
      child.kill();
    }
    assert.ok(!child.text().includes(stack.password), 'the password was on screen');
    const text = readFileSync(report, 'utf8');
    assert.ok(!text.includes(stack.password), 'the password is in the report');
    assert.ok(!text.includes(Buffer.from(stack.password).toString('base64')));
    const session = readSession(report);
    assert.equal(session.schema, 'mailmedic.session/1');
    const pass = session.transcript.find((l) => l.dir === 'client' && l.text.startsWith('PASS'));
    assert.deepEqual(pass && { text: pass.text, secret: pass.secret }, {
      text: 'PASS ********',
      secret: true,
    });
    assert.ok(!session.findings.some((f) => f.id === 'console.cleartext-credentials'));
    // `mailmedic open` accepts it: the same check it runs before showing a session.
    assert.equal((await readSessionFile(report)).transcript.length, session.transcript.length);
  },
);

test(
  'SMTP by hand on the relay-restricted port: a message accepted, a foreign domain refused',
  TIMEOUT,
  async () => {
    const child = openConsole([`127.0.0.1:${stack.smtp}`]);
    try {
      await child.waitFor(/speaking SMTP/, WAIT);
      await typeLine(child, 'EHLO console.test', /250[ -]/);
      await typeLine(child, 'MAIL FROM:<learner@console.test>', /2\.1\.0/);
      await typeLine(child, 'RCPT TO:<someone@foreign-domain.example>', /554 5\.7\.1/);
      await child.waitFor(/[Rr]elay access denied/, WAIT);
      // Tab: the "more" panel about the refusal, then Tab again to close it.
      child.write('\t');
      await child.waitFor(/more about: 554 5\.7\.1/, WAIT);
      await child.waitFor(/What to change:/, WAIT);
      child.write('\t');
      await typeLine(child, `RCPT TO:<${stack.user}>`, /2\.1\.5/);
      await typeLine(child, 'DATA', /354/);
      await typeLine(child, 'Subject: typed by hand', /message›/);
      await typeLine(child, '', /message›/);
      await typeLine(child, '.a line that starts with a dot', /dot-stuffed/);
      await typeLine(child, '.', /queued as/i);
      await typeLine(child, 'QUIT', /S: 221/);
      assert.equal(await quitConsole(child), 0);
    } finally {
      child.kill();
    }
  },
);

test('a held line: RETR before login dropped with Esc, STAT sent anyway', TIMEOUT, async () => {
  const report = tempReport();
  const child = openConsole([`127.0.0.1:${stack.pop3}`, '--report', report]);
  try {
    await child.waitFor(/speaking POP3/, WAIT);
    await typeLine(child, 'RETR 1', /held: RETR 1/);
    await child.waitFor(/log in first/, WAIT);
    child.write(ESC);
    await child.waitFor(/not sent \(dropped\): RETR 1/, WAIT);
    await typeLine(child, 'STAT', /held: STAT/);
    child.write('\r');
    await child.waitFor(/sent although STAT is not valid/, WAIT);
    await child.waitFor(/-ERR/, WAIT);
    assert.equal(await quitConsole(child), 0);
  } finally {
    child.kill();
  }
  const session = readSession(report);
  const sent = session.transcript.filter((l) => l.dir === 'client').map((l) => l.text);
  assert.deepEqual(sent, ['STAT'], 'RETR was dropped, STAT went');
});

test(
  'AUTH LOGIN through the helper: base64 shown, the password never on screen or in the report',
  TIMEOUT,
  async () => {
    const report = tempReport();
    const child = openConsole([
      `127.0.0.1:${stack.submission}`,
      '--tls',
      'starttls',
      '--ca-file',
      stack.caCert,
      '--ehlo',
      'console.test',
      '--report',
      report,
    ]);
    try {
      await child.waitFor(/certificate verified/, WAIT);
      await typeLine(child, 'EHLO console.test', /AUTH PLAIN LOGIN|AUTH LOGIN PLAIN/);
      await typeLine(child, 'AUTH LOGIN', /AUTH helper for AUTH LOGIN/);
      await typeLine(child, stack.user, /the password \(masked/);
      await typeLine(child, stack.password, /S: 235/);
      await child.waitFor(/is base64 for "Username:"/, WAIT);
      await child.waitFor(/base64\("test@example\.test"\) = dGVzdEBleGFtcGxlLnRlc3Q=/, WAIT);
      await typeLine(child, 'QUIT', /S: 221/);
      assert.equal(await quitConsole(child), 0);
    } finally {
      child.kill();
    }
    const forms = [stack.password, Buffer.from(stack.password).toString('base64')];
    for (const form of forms) {
      assert.ok(
        !child.text().includes(form),
        `on screen: ${form === stack.password ? 'password' : 'base64'}`,
      );
      assert.ok(!readFileSync(report, 'utf8').includes(form), 'in the report');
    }
    const session = readSession(report);
    assert.ok(
      session.transcript.some((l) => l.dir === 'client' && l.secret && l.text === '********'),
    );
  },
);

test('HTTP HEAD against a local web server: the console speaks raw', TIMEOUT, async () => {
  const server = createServer((req, res) => {
    res.writeHead(200, { Server: 'console-test/1.0', 'X-Method': req.method ?? '' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const child = openConsole([`127.0.0.1:${port}`]);
  try {
    await child.waitFor(/waiting for a greeting/, WAIT);
    await typeLine(child, 'HEAD / HTTP/1.1', /speaking raw/);
    await typeLine(child, 'Host: 127.0.0.1', /Host: 127\.0\.0\.1/);
    await typeLine(child, 'Connection: close', /Connection: close/);
    await typeLine(child, '', /HTTP\/1\.1 200 OK/);
    await child.waitFor(/console-test\/1\.0/, WAIT);
    await child.waitFor(/X-Method: HEAD/, WAIT);
    assert.equal(await quitConsole(child), 0);
  } finally {
    child.kill();
    server.close();
  }
});
