// The wizard's `m` in a real pseudo-terminal against the real mail stack (Postfix on its plain SMTP
// port): a guided run answered up to EHLO, then `m` at the next proposal hands the very connection
// to the console, where MAIL FROM gets its 250 with no new greeting; Esc twice is the guided flow
// again, and the saved session shows one connection, one banner, the hand-typed lines in it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { BUNDLE, ensureBundle } from '../helpers/cli.js';
import type { MailStack } from '../helpers/mail-stack.js';
import { getMailStack } from '../helpers/mail-stack.js';
import type { PtyChild } from '../helpers/pty.js';
import { spawnPty, terminalEnv } from '../helpers/pty.js';
import { screenOf } from '../helpers/screen.js';

const ENTER = '\r';
const ESC = '\x1b';
const TIMEOUT = { timeout: 120_000 };
const SIZE = { columns: 120, rows: 36 };

let stack: MailStack;
before(async () => {
  ensureBundle();
  stack = await getMailStack();
});

/** Waits for output that appears after this call (the history holds every earlier frame). */
const press = async (child: PtyChild, keys: string, expect: RegExp, timeoutMs = 20_000) => {
  const from = child.text().length;
  child.write(keys);
  const started = Date.now();
  while (!expect.test(child.text().slice(from))) {
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `no new output matched ${expect}; last: ${JSON.stringify(child.text().slice(-1500))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const screen = async (child: PtyChild): Promise<string> =>
  (await screenOf(child.raw(), SIZE.columns, SIZE.rows)).text;

test(
  'm after EHLO: the console goes on on the same connection (MAIL FROM 250, no new banner); Esc twice back',
  TIMEOUT,
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'mailmedic-take-over-'));
    const report = join(dir, 'session.json');
    const child = spawnPty(
      process.execPath,
      [
        BUNDLE,
        `127.0.0.1:${stack.smtp}`,
        '--ca-file',
        stack.caCert,
        '--ehlo',
        'guided.example.test',
        '--report',
        report,
      ],
      { ...SIZE, env: terminalEnv({ NO_COLOR: '1' }), cwd: dir },
    );
    t.after(child.kill);
    await child.waitFor(/→ {2}connect to 127\.0\.0\.1/, { timeoutMs: 20_000 });
    // Guided: connect, the banner, EHLO, each answered with enter.
    await press(child, ENTER, /→ {2}\(wait for the greeting: 220\)/);
    await press(child, ENTER, /Next command EHLO/);
    await press(child, ENTER, /Next command STARTTLS/);
    // m at the STARTTLS proposal: the console takes this connection in the state after EHLO.
    await press(child, 'm', /console 127\.0\.0\.1:\d+ · SMTP/);
    await press(child, 'MAIL FROM:<test@example.test>\r', /S: 250 2\.1\.0 Ok/);
    const shown = await screen(child);
    assert.match(shown, /C: MAIL FROM:<test@example\.test>/);
    // Esc stops typing; r exports what is on screen, the typed line included.
    await press(child, ESC, /l lesson/);
    await press(child, 'r', /❯ Markdown/);
    await press(child, ENTER, /Path +mailmedic-127\.0\.0\.1-\d{8}-\d{6}\.md/);
    await press(child, ENTER, /✓ Written to/);
    const exported = readdirSync(dir).filter((f) => f.endsWith('.md'));
    assert.equal(exported.length, 1, exported.join(', '));
    const markdown = readFileSync(join(dir, exported[0]!), 'utf8');
    assert.match(markdown, /MAIL FROM:<test@example\.test>/);
    assert.match(markdown, /EHLO guided\.example\.test/);
    await press(child, ESC, /console 127\.0\.0\.1:\d+ · SMTP/);
    // Esc again is the guided flow, which knows the rest was done by hand.
    await press(child, ESC, /enter send|e edit|Steps/);
    const back = await screen(child);
    assert.doesNotMatch(back, /smtp› /, 'still in the console');
    assert.match(back, /TLS\s+– skipped|continued by hand|by hand/);
    child.write('q');
    assert.equal((await child.exit(20_000)).code, 0);

    const session = JSON.parse(readFileSync(report, 'utf8')) as {
      transcript: { step: string; dir: string; text: string }[];
      facts: Record<string, unknown>;
    };
    const lines = session.transcript;
    const banners = lines.filter((l) => l.dir === 'server' && /^220[ -]/.test(l.text));
    assert.equal(banners.length, 1, `one greeting: ${JSON.stringify(banners)}`);
    const connects = lines.filter((l) => l.dir === 'note' && /^connected to /.test(l.text));
    assert.equal(connects.length, 1, `one connection: ${JSON.stringify(connects)}`);
    const ehlo = lines.findIndex(
      (l) => l.dir === 'client' && l.text === 'EHLO guided.example.test',
    );
    const mail = lines.findIndex(
      (l) => l.dir === 'client' && l.text === 'MAIL FROM:<test@example.test>',
    );
    assert.ok(ehlo >= 0 && mail > ehlo, 'MAIL FROM typed after the guided EHLO');
    assert.match(lines[mail + 1]?.text ?? '', /^250 2\.1\.0 Ok/);
    // No second EHLO: the console went on in the engine's state after the guided one.
    assert.equal(lines.filter((l) => l.dir === 'client' && /^EHLO /.test(l.text)).length, 1);
  },
);
