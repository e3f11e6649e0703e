// The built mailmedic in a pseudo-terminal, as the end-to-end tests drive it: the wizard, and
// `mailmedic console` with its typing and its way out.
import { BUNDLE, ROOT } from './cli.js';
import type { PtyChild } from './pty.js';
import { spawnPty, terminalEnv } from './pty.js';

const WAIT = { timeoutMs: 20_000 };

/** The wizard at 110x32 without colour, with the password the way a script would give it. */
export const openWizard = (args: string[], password: string, cwd = ROOT): PtyChild =>
  spawnPty(process.execPath, [BUNDLE, ...args], {
    columns: 110,
    rows: 32,
    env: terminalEnv({ NO_COLOR: '1', MAILMEDIC_PASSWORD: password }),
    cwd,
  });

export const openConsole = (args: string[], columns = 140): PtyChild =>
  spawnPty(process.execPath, [BUNDLE, 'console', ...args], {
    columns,
    rows: 45,
    env: terminalEnv({ NO_COLOR: '1' }),
    cwd: ROOT,
  });

/** Types a line (Enter included) and waits until the screen shows `expect`. */
export const typeLine = async (
  child: PtyChild,
  line: string,
  expect: string | RegExp,
): Promise<void> => {
  child.write(`${line}\r`);
  await child.waitFor(expect, WAIT);
};

/** Esc (stop typing), then q; resolves with the exit code. */
export const quitConsole = async (child: PtyChild): Promise<number> => {
  child.write('\x1b');
  await child.waitFor(/l lesson/, WAIT);
  child.write('q');
  return (await child.exit(20_000)).code;
};
