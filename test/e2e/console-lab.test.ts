// The manual console on the practice lab, in a real pseudo-terminal from the built bundle: no
// server named, the lab starts in-process, the lesson lands on the lab server of its protocol
// (lesson 2 on submission, lesson 3 on POP3), the lab's CA is trusted for STARTTLS/STLS, and its
// practice login is on screen. Nothing here needs the shared mail stack.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { BUNDLE, ROOT, runCli, ensureBundle } from '../helpers/cli.js';
import type { PtyChild } from '../helpers/pty.js';
import { spawnPty, terminalEnv } from '../helpers/pty.js';
import { screenOf } from '../helpers/screen.js';
import { openConsole, quitConsole, typeLine } from '../helpers/bundle-pty.js';

const ESC = '\x1b';
const TIMEOUT = { timeout: 90_000 };
const WAIT = { timeoutMs: 20_000 };
const LAB_USER = 'student@practice.test';
const LAB_PASSWORD = 'practice-makes-perfect';

before(() => {
  ensureBundle();
});

const tempReport = (): string =>
  join(mkdtempSync(join(tmpdir(), 'mailmedic-console-lab-')), 'session.json');

/** Wider than the console tests: the lab's lesson lines are long. */
const openLabConsole = (args: string[]) => openConsole(args, 150);

const readSession = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as {
    target: { input: string; server?: { host: string; port: number } };
    transcript: { dir: string; text: string; secret?: boolean }[];
    findings: { id: string; severity: string }[];
  };

test(
  'console --lab --lesson 2: the submission server, STARTTLS verified by the lab CA, AUTH LOGIN with the practice login',
  TIMEOUT,
  async () => {
    const report = tempReport();
    const child = openLabConsole([
      '--lab',
      '--lesson',
      '2',
      '--ehlo',
      'learner.test',
      '--report',
      report,
    ]);
    try {
      await child.waitFor(/220 mail\.practice\.test/, WAIT);
      await child.waitFor(/practice lab healthy/, WAIT);
      await child.waitFor(`login ${LAB_USER} · password ${LAB_PASSWORD}`, WAIT);
      await child.waitFor(/Lesson 2 \(0\/7\)/, WAIT);
      await typeLine(child, 'EHLO learner.test', /250-STARTTLS/);
      await typeLine(child, 'STARTTLS', /certificate verified/);
      await typeLine(child, 'EHLO learner.test', /250-AUTH PLAIN LOGIN/);
      await typeLine(child, 'AUTH LOGIN', /AUTH helper for AUTH LOGIN/);
      await typeLine(child, LAB_USER, /the password \(masked/);
      await typeLine(child, LAB_PASSWORD, /S: 235/);
      await child.waitFor(/Lesson 2 \(4\/7\)/, WAIT);
      await typeLine(child, 'QUIT', /S: 221/);
      assert.equal(await quitConsole(child), 0);
    } finally {
      child.kill();
    }
    const session = readSession(report);
    const notes = session.transcript.filter((l) => l.dir === 'note').map((l) => l.text);
    assert.ok(
      notes.some((n) =>
        /practice lab, scenario healthy .*: its submission server .* role of port 587/.test(n),
      ),
      notes.join('\n'),
    );
    // The practice password is on the screen on purpose, but the record keeps no credential.
    assert.ok(!readFileSync(report, 'utf8').includes(LAB_PASSWORD), 'password in the report');
    assert.equal(session.target.server?.host, '127.0.0.1');
    assert.ok(!session.findings.some((f) => f.id === 'auth.cleartext'), 'AUTH went inside TLS');
  },
);

test(
  'console --lesson 3 with no server named: the lab POP3 server, STLS, login, STAT',
  TIMEOUT,
  async () => {
    const child = openLabConsole(['--lesson', '3']);
    try {
      await child.waitFor(/\+OK/, WAIT);
      await child.waitFor(/practice lab healthy/, WAIT);
      await child.waitFor(/POP3 · no TLS/, WAIT);
      await typeLine(child, 'STLS', /certificate verified/);
      await typeLine(child, `USER ${LAB_USER}`, /C: USER student@practice\.test\s+S: \+OK/);
      await typeLine(child, `PASS ${LAB_PASSWORD}`, /C: PASS \*+\s+S: \+OK/);
      await typeLine(child, 'STAT', /S: \+OK \d+ \d+/);
      await typeLine(child, 'QUIT', /C: QUIT\s+S: \+OK/);
      assert.equal(await quitConsole(child), 0);
    } finally {
      child.kill();
    }
    // Typed by the learner, the password is masked like any other.
    assert.ok(!/PASS practice-makes-perfect/.test(child.text()), 'PASS shown in clear');
  },
);

test('console --lab: usage errors before anything starts', async () => {
  const cases: [string[], RegExp][] = [
    [['--lab', 'no-such-scenario'], /--lab: "no-such-scenario" is not a practice scenario/],
    [['--lab', '--lesson', '5'], /--lesson: lesson 5 .* give HOST:PORT/],
    [['--lab', '--port', '2525'], /--port: the practice lab has servers in the roles of ports/],
    [['--lab', 'healthy', '127.0.0.1:25'], /give HOST:PORT or --lab, not both/],
    [['127.0.0.1:25', '--port', '25'], /--port: goes with --lab/],
    [[], /or --lab to practise on the built-in lab/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(['console', ...args]);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
});

test(
  'wizard start screen, "Type the commands myself" with no server named: the console on the lab',
  TIMEOUT,
  async () => {
    const child = spawnPty(process.execPath, [BUNDLE], {
      columns: 140,
      rows: 40,
      env: terminalEnv({ NO_COLOR: '1' }),
      cwd: ROOT,
    });
    try {
      await child.waitFor(/Practice lab/, WAIT);
      child.write('\x1b[B\x1b[B\x1b[B');
      child.write('\r');
      await child.waitFor(/empty: the practice lab/, WAIT);
      // The Host:port field left empty, straight to "Open the console".
      child.write('\x1b[B');
      await child.waitFor(/› Open the console/, WAIT);
      child.write('\r');
      await child.waitFor(/S: 220 mail\.practice\.test/, WAIT);
      await child.waitFor(`login ${LAB_USER} · password ${LAB_PASSWORD}`, WAIT);
      await typeLine(child, 'EHLO learner.test', /S: 250-mail\.practice\.test/);
      await typeLine(child, `MAIL FROM:<${LAB_USER}>`, /S: 250 Accepted/);
      await typeLine(child, 'RCPT TO:<accounts@outside.test>', /S: 55\d .*[Rr]elay/);
      child.write(ESC);
      await child.waitFor(/l lesson/, WAIT);
      child.write('q');
      assert.equal((await child.exit(20_000)).code, 0);
    } finally {
      child.kill();
    }
  },
);

/** The visible screen now, as a terminal of the console's size shows it. */
const screenNow = async (child: PtyChild, columns = 150, rows = 45): Promise<string> =>
  (await screenOf(child.raw(), columns, rows)).text;

const waitForScreen = async (child: PtyChild, pattern: RegExp): Promise<string> => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const screen = await screenNow(child);
    if (pattern.test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`the screen never showed ${pattern}:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

test(
  'r in the console: the export dialog writes the session so far; a bad path is an error on screen',
  TIMEOUT,
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailmedic-console-export-'));
    const child = spawnPty(process.execPath, [BUNDLE, 'console', '--lab', '--lesson', '1'], {
      columns: 150,
      rows: 45,
      env: terminalEnv({ NO_COLOR: '1' }),
      cwd: dir,
    });
    try {
      await child.waitFor(/S: 220 mail\.practice\.test/, WAIT);
      await typeLine(child, 'EHLO learner.test', /S: 250-mail\.practice\.test/);
      // While typing, r is a letter of the line; after Esc it is export.
      child.write('r');
      await waitForScreen(child, /smtp› r/);
      child.write('\x15');
      await waitForScreen(child, /smtp› +\n/);
      child.write(ESC);
      await waitForScreen(child, /r export/);
      child.write('r');
      await waitForScreen(child, /❯ Markdown/);
      child.write('\r');
      await waitForScreen(child, /Path +mailmedic-127\.0\.0\.1-\d{8}-\d{6}\.md/);
      child.write('\r');
      await waitForScreen(child, /✓ Written to/);
      const files = readdirSync(dir);
      assert.equal(files.length, 1, files.join(', '));
      assert.match(files[0]!, /^mailmedic-127\.0\.0\.1-\d{8}-\d{6}\.md$/);
      const report = readFileSync(join(dir, files[0]!), 'utf8');
      assert.match(report, /EHLO learner\.test/);
      assert.match(report, /250-mail\.practice\.test|250 mail\.practice\.test/);
      assert.ok(!report.includes(LAB_PASSWORD), 'the practice password is not in the report');
      // Back to the console: it is still there, with its transcript, and typing goes on.
      child.write(ESC);
      await waitForScreen(child, /console 127\.0\.0\.1:\d+ · SMTP/);
      // Again, to a directory that does not exist: the reason on screen, back to the path.
      child.write('r');
      await waitForScreen(child, /❯ Markdown/);
      child.write('\x1b[B');
      await waitForScreen(child, /❯ HTML/);
      child.write('\x1b[B');
      await waitForScreen(child, /❯ JSON/);
      child.write('\r');
      await waitForScreen(child, /Path +mailmedic-127\.0\.0\.1-\d{8}-\d{6}\.json/);
      child.write('\x15');
      child.write(join(dir, 'missing', 'x.json'));
      await waitForScreen(child, /Path +\/.*missing\/x\.json/);
      child.write('\r');
      await waitForScreen(child, /✗ Not written: .*missing\/x\.json: the directory does not exist/);
      child.write('\r');
      await waitForScreen(child, /Path +\/.*missing\/x\.json/);
      child.write('\x15');
      child.write('session.json');
      await waitForScreen(child, /Path +session\.json/);
      child.write('\r');
      await waitForScreen(child, /✓ Written to .*session\.json/);
      const saved = readSession(join(dir, 'session.json'));
      assert.ok(saved.transcript.some((l) => l.dir === 'client' && l.text === 'EHLO learner.test'));
      child.write(ESC);
      await waitForScreen(child, /r export/);
      child.write('q');
      assert.equal((await child.exit(20_000)).code, 0);
    } finally {
      child.kill();
    }
  },
);

test(
  'console --lab tarpit: the greeting shows as it drips in, byte count growing, not as silence',
  TIMEOUT,
  async () => {
    const child = openLabConsole(['--lab', 'tarpit']);
    try {
      await child.waitFor(/practice lab tarpit/, WAIT);
      await child.waitFor(/S… 220 +\(4 bytes so far, the line not ended: still arriving\)/, WAIT);
      await child.waitFor(/S… 220 mail\. +\(9 bytes so far/, WAIT);
      assert.doesNotMatch(child.text(), /S: 220/, 'the greeting cannot be whole yet');
      assert.equal(await quitConsole(child), 0);
    } finally {
      child.kill();
    }
  },
);
