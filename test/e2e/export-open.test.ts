// Export, --report and `open`, in a real pseudo-terminal against the real mail stack, read through
// a headless terminal where the layout matters. Every key the help overlay adds here is pressed.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Session } from '../../source/record/types.js';
import { BUNDLE, ensureBundle } from '../helpers/cli.js';
import type { MailStack } from '../helpers/mail-stack.js';
import { getMailStack, submissionArgs } from '../helpers/mail-stack.js';
import type { PtyChild } from '../helpers/pty.js';
import { spawnPty, terminalEnv } from '../helpers/pty.js';
import { screenOf } from '../helpers/screen.js';
import { scratchDir } from '../helpers/scratch.js';

const T = { timeout: 90_000 };
const ENTER = '\r';
const ESC = '\x1b';
const PAGE_UP = '\x1b[5~';
const LEAVE_ALT = '\x1b[?1049l';
let stack: MailStack;

const wizard = (args: string[], cwd: string, size = { columns: 100, rows: 30 }): PtyChild =>
  spawnPty(process.execPath, [BUNDLE, ...args], {
    ...size,
    cwd,
    env: terminalEnv({ NO_COLOR: '1', MAILMEDIC_PASSWORD: stack.password }),
  });

const submission = (): string[] => [
  ...submissionArgs(stack, { to: true }),
  '--ehlo',
  'client.example.test',
  '--steps',
  'connect,banner,ehlo,tls,auth,send',
];

/** Waits until the screen (not the stream) shows the pattern. */
const waitForScreen = async (
  child: PtyChild,
  pattern: RegExp,
  size = { columns: 100, rows: 30 },
): Promise<string> => {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const screen = (await screenOf(child.raw(), size.columns, size.rows)).text;
    if (pattern.test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`the screen never showed ${pattern}:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const STEPS = ['dns', 'connect', 'banner', 'ehlo', 'tls', 'auth', 'send', 'pop3', 'imap'];

/** One key at a time to the step, each waiting for the rail to move (keys sent in one read
 * would arrive as one chunk). */
const goTo = async (child: PtyChild, step: string, size = { columns: 100, rows: 30 }) => {
  for (let guard = 0; guard < 12; guard += 1) {
    const screen = (await screenOf(child.raw(), size.columns, size.rows)).text;
    const at = /› \S (\w+)/.exec(screen)?.[1];
    if (at === step) return;
    const from = STEPS.indexOf(at ?? '');
    const next = STEPS[from + (STEPS.indexOf(step) > from ? 1 : -1)]!;
    child.write(STEPS.indexOf(step) > from ? 'n' : 'p');
    await waitForScreen(child, new RegExp(`› \\S ${next}\\b`), size);
  }
  throw new Error(`could not reach the ${step} step`);
};

/** Presses one key and waits until the screen changes (or shows `expect`). */
const press = async (
  child: PtyChild,
  key: string,
  size = { columns: 100, rows: 30 },
  expect?: RegExp,
): Promise<string> => {
  const before = (await screenOf(child.raw(), size.columns, size.rows)).text;
  child.write(key);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const screen = (await screenOf(child.raw(), size.columns, size.rows)).text;
    if (expect ? expect.test(screen) : screen !== before) return screen;
    if (Date.now() > deadline)
      throw new Error(
        `after ${JSON.stringify(key)} the screen never ${expect ? `showed ${expect}` : 'changed'}:\n${screen}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** The wizard guides by default: at its first proposal, `a` runs the rest without stopping. */
const runAll = async (child: {
  waitFor: (re: RegExp, o?: { timeoutMs?: number }) => Promise<unknown>;
  write: (s: string) => void;
}) => {
  await child.waitFor(/a runs the rest/, { timeoutMs: 30_000 });
  child.write('a');
};

/** A saved session from a real run, written by --report on q. */
let savedDir: string;
let savedFile: string;

describe('export, --report and open in a real terminal', () => {
  before(async () => {
    ensureBundle();
    stack = await getMailStack();
  });

  it(
    'r, enter, enter writes Markdown at the default name in the current directory',
    T,
    async (t) => {
      const dir = scratchDir('mm-e2e-export-');
      const child = wizard(submission(), dir);
      t.after(child.kill);
      await runAll(child);
      await child.waitFor(/✓ send/, { timeoutMs: 30_000 });
      child.write('r');
      await waitForScreen(child, /❯ Markdown/);
      child.write(ENTER);
      await waitForScreen(child, /Path +mailmedic-127\.0\.0\.1-\d{8}-\d{6}\.md/);
      child.write(ENTER);
      const screen = await waitForScreen(child, /✓ Written to/);
      const files = readdirSync(dir);
      assert.equal(files.length, 1, files.join(', '));
      assert.match(files[0]!, /^mailmedic-127\.0\.0\.1-\d{8}-\d{6}\.md$/);
      assert.ok(screen.replace(/\s+│?\s*/g, '').includes(join(dir, files[0]!).replace(/\s+/g, '')));
      const report = readFileSync(join(dir, files[0]!), 'utf8');
      assert.match(report, /^# mailmedic report: 127\.0\.0\.1:\d+/);
      assert.match(report, /\| send \| ok \|/);
      assert.ok(!report.includes(stack.password));
      await press(child, ESC, undefined, /r export/);
      child.write('q');
      assert.equal((await child.exit()).code, 0);
    },
  );

  it('an unwritable path is an error on screen, and the wizard goes on', T, async (t) => {
    const dir = scratchDir('mm-e2e-export-');
    const child = wizard(submission(), dir);
    t.after(child.kill);
    await runAll(child);
    await child.waitFor(/✓ send/, { timeoutMs: 30_000 });
    child.write('r');
    await waitForScreen(child, /❯ Markdown/);
    child.write(ENTER);
    await waitForScreen(child, /Path/);
    child.write('\x15'); // Ctrl-U empties the field
    await waitForScreen(child, /Path *\n/);
    child.write('/no/such/dir/x.md');
    await waitForScreen(child, /Path +\/no\/such\/dir\/x\.md/);
    child.write(ENTER);
    await waitForScreen(
      child,
      /✗ Not written: \/no\/such\/dir\/x\.md: the directory does not exist/,
    );
    child.write(ESC);
    await waitForScreen(child, /r export/);
    child.write('q');
    assert.equal((await child.exit()).code, 0);
  });

  it('--report is written on q, and on Ctrl-C with the terminal restored', T, async (t) => {
    savedDir = scratchDir('mm-e2e-report-');
    savedFile = join(savedDir, 'session.json');
    const child = wizard([...submission(), '--report', 'session.json'], savedDir);
    t.after(child.kill);
    await runAll(child);
    await child.waitFor(/✓ send/, { timeoutMs: 30_000 });
    child.write('q');
    assert.equal((await child.exit()).code, 0);
    assert.match(child.text(), new RegExp(`report written to ${savedFile}`));
    const session = JSON.parse(readFileSync(savedFile, 'utf8')) as Session;
    assert.equal(session.schema, 'mailmedic.session/1');
    assert.equal(session.steps.find((s) => s.id === 'send')?.status, 'ok');
    // q right after the send step: the goodbye still on the wire is waited for, not cut off.
    assert.ok(
      session.transcript.some((line) => line.dir === 'server' && /^221 /.test(line.text)),
      'the 221 answering QUIT is in the report',
    );
    assert.ok(!readFileSync(savedFile, 'utf8').includes(stack.password));

    const md = join(savedDir, 'interrupted.md');
    const interrupted = wizard([...submission(), '--report', 'interrupted.md'], savedDir);
    t.after(interrupted.kill);
    await runAll(interrupted);
    await interrupted.waitFor(/✓ send/, { timeoutMs: 30_000 });
    interrupted.write('\x03');
    assert.equal((await interrupted.exit()).code, 130);
    const raw = interrupted.raw();
    assert.ok(raw.lastIndexOf(LEAVE_ALT) > raw.lastIndexOf('\x1b[?1049h'), 'terminal restored');
    assert.match(readFileSync(md, 'utf8'), /^# mailmedic report/);
  });

  it('open: marked as saved, no network keys in footer or help, skips say why', T, async (t) => {
    assert.ok(savedFile, 'the --report test ran first');
    const child = wizard(['open', savedFile], savedDir);
    t.after(child.kill);
    let screen = await waitForScreen(child, /\[saved session · .*session\.json\]/);
    const footer = screen.split('\n').filter((line) => line.includes('q quit'))[0] ?? '';
    assert.doesNotMatch(footer, /enter run|e edit|m console/);
    assert.match(footer, /r export/);
    child.write('?');
    screen = await waitForScreen(child, /Keys/);
    assert.doesNotMatch(screen, /enter +Run this step/);
    assert.doesNotMatch(screen, /Open the manual console/);
    assert.doesNotMatch(screen, /Edit the command/);
    for (const line of [
      /r +Export a report/,
      /y +Copy a short summary/,
      /\/ +Find text/,
      /x +Full explanation/,
      /t +The same check/,
    ])
      assert.match(screen, line);
    child.write('?');
    await waitForScreen(child, /r export/);
    // --steps left DNS out: its screen says why, not "nothing on the wire yet".
    await goTo(child, 'dns');
    screen = await waitForScreen(child, /DNS/);
    assert.doesNotMatch(screen, /Nothing on the wire yet/);
    assert.match(screen, /This step did not run in the saved session\./);
    child.write('q');
    assert.equal((await child.exit()).code, 0);
  });

  it(
    'each reading key of the help overlay does what it says (on the saved session)',
    T,
    async (t) => {
      assert.ok(savedFile, 'the --report test ran first');
      const size = { columns: 100, rows: 30 };
      const child = wizard(['open', savedFile], savedDir, size);
      t.after(child.kill);
      await waitForScreen(child, /saved session/, size);
      // The send step, whose transcript is longer than the window.
      await goTo(child, 'send', size);
      let screen = await press(child, '\x1b[F', size, /221 2\.0\.0 Bye/); // End
      screen = await press(child, '\x1b[H', size, /\b1–\d+\/\d+/); // Home
      // / finds, n and N move through the matches
      await press(child, '/', size, /enter find/);
      await press(child, '250 2.1', size, /\/250 2\.1/);
      screen = await press(child, ENTER, size, /1\/2/);
      assert.match(screen, /S› 250 2\.1\.0 Ok/);
      screen = await press(child, 'n', size, /2\/2/);
      assert.match(screen, /S› 250 2\.1\.5 Ok/);
      assert.match(screen, /Send/, 'n found the next match instead of moving a step');
      await press(child, 'N', size, /1\/2/);
      // x explains the selected reply in full, esc closes the panel, esc again the search
      screen = await press(child, 'x', size, /Reply code 250/);
      assert.match(screen, /Enhanced code 2\.1\.0/);
      assert.match(screen, /See RFC/);
      await press(child, ESC, size, /S› 250 2\.1\.0/);
      await press(child, ESC, size, /p\/n step/);
      // ] and [ select replies
      await press(child, ']', size, /S› /);
      // t shows the same check with standard tools
      screen = await press(child, 't', size, /The same check with standard tools: send/);
      assert.match(screen.replace(/\n\s*│?\s*/g, ' '), /swaks --server 127\.0\.0\.1:\d+/);
      await press(child, ESC, size, /p\/n step/);
      // y copies a summary with OSC 52
      await press(child, 'y', size, /Summary copied to the clipboard/);
      // eslint-disable-next-line no-control-regex
      const osc = /\x1b\]52;c;([A-Za-z0-9+/=]+)\x07/.exec(child.raw());
      assert.ok(osc, 'an OSC 52 request went to the terminal');
      const summary = Buffer.from(osc[1]!, 'base64').toString('utf8');
      assert.match(summary, /^mailmedic .*127\.0\.0\.1:\d+/);
      const count = summary.split('\n').length;
      assert.ok(count >= 3 && count <= 5, summary);
      await press(child, ESC, size, /p\/n step/);
      // r opens the export dialog
      await press(child, 'r', size, /Export a report/);
      await press(child, ESC, size, /p\/n step/);
      child.write('q');
      assert.equal((await child.exit()).code, 0);
    },
  );

  it(
    'at 80x24, PgUp redraws the transcript cleanly: nothing drawn over, no stray word',
    T,
    async (t) => {
      const size = { columns: 80, rows: 24 };
      const reach = async (child: PtyChild, pages: number) => {
        await waitForScreen(child, /saved session/, size);
        await goTo(child, 'send', size);
        await press(child, '\x1b[F', size, /221 2\.0\.0 Bye/);
        for (let i = 0; i < pages; i += 1) await press(child, PAGE_UP, size);
      };
      const child = wizard(['open', savedFile], savedDir, size);
      t.after(child.kill);
      await reach(child, 0);
      for (let page = 1; page <= 2; page += 1) {
        await press(child, PAGE_UP, size);
        const drawn = await screenOf(child.raw(), size.columns, size.rows);
        // The same state drawn once on a fresh screen.
        const clean = wizard(['open', savedFile], savedDir, size);
        t.after(clean.kill);
        await reach(clean, page);
        const fresh = await screenOf(clean.raw(), size.columns, size.rows);
        clean.write('q');
        await clean.exit();
        assert.deepEqual(drawn.rows, fresh.rows, `after ${page} PgUp`);
        // Every transcript row starts in the marker column or under it: no word on its own.
        for (const row of drawn.rows.slice(6, 21)) {
          const text = row.split('│')[1] ?? '';
          assert.match(text, /^( [CS·][:›]?\s|\s*$| {4}| Finding| [✗!i]\s)/, row);
        }
      }
      child.write('q');
      assert.equal((await child.exit()).code, 0);
    },
  );
});
