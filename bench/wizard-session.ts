// One whole guided wizard session on the real stack, for memory figures: send, then find the
// message over IMAP, Enter pressed at every proposal, q at the end. Peak RSS by /usr/bin/time.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import { BUNDLE, ROOT } from '../test/helpers/cli.js';
import type { MailStack } from '../test/helpers/mail-stack.js';
import { submissionArgs } from '../test/helpers/mail-stack.js';
import { plainText } from '../test/helpers/pty.js';

/** Peak RSS in KiB of one session run by `node` with V8 `flags` before the bundle. */
export const wizardPeakKiB = (
  stack: MailStack,
  node: string,
  flags: readonly string[] = [],
  env: Record<string, string | undefined> = process.env,
): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), 'mailmedic-wizard-rss-'));
    const out = join(dir, 'rss');
    const args = [
      ...flags,
      BUNDLE,
      ...submissionArgs(stack, { to: true }),
      '--imap',
      `imaps://${stack.host}:${stack.imaps}`,
      '--ehlo',
      'bench.test',
    ];
    const child = spawnPty('/usr/bin/time', ['-f', '%M', '-o', out, node, ...args], {
      cols: 100,
      rows: 30,
      cwd: ROOT,
      env: { ...env, TERM: 'xterm-256color', MAILMEDIC_PASSWORD: stack.password } as Record<
        string,
        string
      >,
    });
    let output = '';
    child.onData((d) => (output += d));
    const finished = () => /[✓✗!] imap/.test(plainText(output).slice(-4000));
    let pressedAt = -1;
    const press = setInterval(() => {
      if (finished()) {
        clearInterval(press);
        child.write('q');
      } else if (
        /enter (runs|sends) it/.test(plainText(output).slice(-2000)) &&
        output.length !== pressedAt
      ) {
        pressedAt = output.length;
        child.write('\r');
      }
    }, 200);
    const timer = setTimeout(() => {
      clearInterval(press);
      child.kill('SIGKILL');
      reject(new Error(`the session did not finish in 120 s: ${plainText(output).slice(-400)}`));
    }, 120_000);
    child.onExit(() => {
      clearInterval(press);
      clearTimeout(timer);
      try {
        // A wizard that died early would read as "little memory": only a finished session counts.
        if (!finished())
          throw new Error(`the session ended early: ${plainText(output).slice(-400)}`);
        resolve(Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)));
      } catch (error) {
        reject(error as Error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
