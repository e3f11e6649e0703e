// The wizard in a real pseudo-terminal, from the built bundle: it takes the whole screen, shows the
// step rail, and gives the terminal back intact on q, Ctrl-C, a signal and a crash.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { BUNDLE, ROOT, runCli, ensureBundle } from '../helpers/cli.js';
import type { PtyChild } from '../helpers/pty.js';
import { spawnPty, terminalEnv } from '../helpers/pty.js';

const ESC = '\x1b';
const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const TIMEOUT = { timeout: 30_000 };

before(() => {
  // `npm test` builds first; a single-file run may not have.
  ensureBundle();
});

const wizard = (
  args: string[] = [],
  options: { columns?: number; rows?: number; env?: NodeJS.ProcessEnv } = {},
): PtyChild =>
  spawnPty(process.execPath, [BUNDLE, ...args], {
    columns: options.columns ?? 80,
    rows: options.rows ?? 24,
    env: terminalEnv({ NO_COLOR: '1', ...options.env }),
    cwd: ROOT,
  });

/**
 * The wizard under a shell that prints the terminal's settings after it, so the test sees whether
 * the line discipline (canonical input, echo) came back, not just the escape sequences.
 */
const wizardThenStty = (args: string[] = [], env: NodeJS.ProcessEnv = {}): PtyChild =>
  spawnPty(
    '/bin/sh',
    [
      '-c',
      `"${process.execPath}" "${BUNDLE}" ${args.join(' ')}; code=$?; stty -a; echo "wizard-exit=$code"`,
    ],
    { columns: 80, rows: 24, env: terminalEnv({ NO_COLOR: '1', ...env }), cwd: ROOT },
  );

/** After the last switch back to the user's screen: only cursor-show (and line ends) may follow. */
const assertRestoredAtEnd = (raw: string) => {
  const entered = raw.lastIndexOf(ENTER_ALT);
  const left = raw.lastIndexOf(LEAVE_ALT);
  assert.ok(entered >= 0, 'never entered the alternate screen');
  assert.ok(left > entered, 'did not leave the alternate screen after entering it');
  const after = raw.slice(left + LEAVE_ALT.length);
  assert.ok(
    after.startsWith(SHOW_CURSOR),
    `cursor not shown right after leaving: ${JSON.stringify(after)}`,
  );
  return after.slice(SHOW_CURSOR.length);
};

const assertSaneTerminal = (text: string) => {
  assert.match(text, /(^|\s)icanon(\s|$)/m, 'canonical input is still off');
  assert.match(text, /(^|\s)echo(\s|$)/m, 'echo is still off');
};

test(
  'opens full screen with the step rail; q quits with 0 and restores the terminal',
  TIMEOUT,
  async (t) => {
    const child = wizard();
    t.after(child.kill);
    await child.waitFor(ENTER_ALT, { raw: true });
    await child.waitFor(/What should mailmedic diagnose\?/);
    for (const id of ['dns', 'connect', 'banner', 'ehlo', 'tls', 'auth', 'send', 'pop3', 'imap']) {
      await child.waitFor(new RegExp(`○ ${id}\\b`));
    }
    await child.waitFor(/Practice lab {2}\(no mail server needed\)/);
    await child.waitFor(/q quit/);
    child.write('q');
    const exit = await child.exit();
    assert.equal(exit.code, 0);
    const rest = assertRestoredAtEnd(child.raw());
    assert.equal(
      rest.split(SHOW_CURSOR).join('').trim(),
      '',
      `after the restore: ${JSON.stringify(rest)}`,
    );
  },
);

test('Ctrl-C quits with 130 and restores the terminal', TIMEOUT, async (t) => {
  const child = wizard();
  t.after(child.kill);
  await child.waitFor(/q quit/);
  child.write('\x03');
  const exit = await child.exit();
  assert.equal(exit.code, 130);
  assertRestoredAtEnd(child.raw());
});

test('Ctrl-C works while typing a target, where q is just a letter', TIMEOUT, async (t) => {
  const child = wizard();
  t.after(child.kill);
  await child.waitFor(/q quit/);
  child.write('\r');
  await child.waitFor(/› Domain/);
  child.write('\r');
  await child.waitFor(/Ctrl-C quit/);
  child.write('qq');
  await child.waitFor(/Domain\s+qq/);
  child.write('\x03');
  assert.equal((await child.exit()).code, 130);
  assertRestoredAtEnd(child.raw());
});

test('a pasted line break in the target is refused on screen', TIMEOUT, async (t) => {
  // Wide enough for the message to stay on one row, where the pattern can find it.
  const child = wizard([], { columns: 120 });
  t.after(child.kill);
  await child.waitFor(/q quit/);
  child.write('\r');
  await child.waitFor(/› Domain/);
  child.write('\r');
  await child.waitFor(/Ctrl-C quit/);
  child.write('example.com\nQUIT');
  await child.waitFor(/must not contain a line feed \(LF\)/);
  child.write('\x03');
  assert.equal((await child.exit()).code, 130);
});

test(
  'keys typed in one read are each handled: ↓↓ in one write moves the choice twice',
  TIMEOUT,
  async (t) => {
    const child = wizard();
    t.after(child.kill);
    await child.waitFor(/❯ Mail for my domain/);
    child.write('\x1b[B\x1b[B\r');
    await child.waitFor(/I cannot read my mail · POP3 or IMAP/);
    child.write('q');
    // q is a letter only while typing; on the questions it quits.
    assert.equal((await child.exit()).code, 0);
  },
);

test('after q, Ctrl-C and a crash the shell gets a sane terminal back', TIMEOUT, async (t) => {
  for (const [keys, env, code] of [
    ['q', {}, 0],
    ['\x03', {}, 130],
    ['', { MAILMEDIC_CRASH_TEST: '1' }, 3],
  ] as const) {
    const child = wizardThenStty([], env);
    t.after(child.kill);
    await child.waitFor(/q quit|crashed/);
    if (keys) child.write(keys);
    await child.waitFor(/wizard-exit=\d+/);
    assert.match(child.text(), new RegExp(`wizard-exit=${code}\\b`));
    assertSaneTerminal(child.text().slice(child.text().lastIndexOf('speed')));
    await child.exit();
  }
});

test('a crash in a component restores the terminal, names where, exits 3', TIMEOUT, async (t) => {
  const child = wizard([], { env: { MAILMEDIC_CRASH_TEST: '1' } });
  t.after(child.kill);
  const exit = await child.exit();
  assert.equal(exit.code, 3);
  const raw = child.raw();
  const rest = assertRestoredAtEnd(raw);
  // The message comes after the switch back, so it stays on the user's screen.
  assert.match(rest, /mailmedic: crashed in CrashTest: crash requested by MAILMEDIC_CRASH_TEST=1/);
});

test('SIGTERM restores the terminal and exits 143', TIMEOUT, async (t) => {
  const child = wizard();
  t.after(child.kill);
  await child.waitFor(/q quit/);
  process.kill(child.pid, 'SIGTERM');
  const exit = await child.exit();
  assert.equal(exit.code, 143);
  assertRestoredAtEnd(child.raw());
});

test('fits 60x15, follows resizes, says so when too small', TIMEOUT, async (t) => {
  const child = wizard([], { columns: 60, rows: 15 });
  t.after(child.kill);
  await child.waitFor(/○ imap/);
  await child.waitFor(/q quit/);
  const before = child.raw().length;
  child.resize(40, 12);
  await child.waitFor(/needs a larger terminal/);
  child.resize(100, 30);
  await child.waitFor(/What should mailmedic diagnose\?/, { timeoutMs: 10_000 });
  assert.ok(child.raw().length > before);
  child.resize(60, 15);
  child.write('q');
  assert.equal((await child.exit()).code, 0);
  assertRestoredAtEnd(child.raw());
});

test(
  'without a terminal the wizard refuses with exit 2 and says what to use',
  TIMEOUT,
  async () => {
    const result = await runCli([], { timeoutMs: 20_000 });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /the wizard needs a terminal; use `mailmedic check` for scripts/);
    assert.ok(!result.stderr.includes(ENTER_ALT));
  },
);

test(
  'NO_COLOR keeps colour out (bold and dim stay); without it the wizard uses colour',
  TIMEOUT,
  async (t) => {
    // Foreground colour: SGR 30–38 and 90–97, alone or as the first parameter.
    const colour = new RegExp(`${ESC}\\[(?:3[0-8]|9[0-7])[;m]`);
    const plain = wizard();
    t.after(plain.kill);
    await plain.waitFor(/q quit/);
    plain.write('q');
    await plain.exit();
    assert.doesNotMatch(plain.raw(), colour);
    const coloured = spawnPty(process.execPath, [BUNDLE], { env: terminalEnv(), cwd: ROOT });
    t.after(coloured.kill);
    await coloured.waitFor(/q quit/);
    coloured.write('q');
    await coloured.exit();
    assert.match(coloured.raw(), colour);
  },
);
