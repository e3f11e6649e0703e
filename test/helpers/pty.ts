// A real pseudo-terminal around a child process, for end-to-end tests of the full-screen wizard:
// spawn at a size, send keys, wait for text (or raw escape sequences), resize, and wait for the
// exit with a deadline that kills the child, so a hung wizard fails its test instead of the run.
import { spawn } from 'node-pty';
import type { IPty } from 'node-pty';

/* eslint-disable no-control-regex -- escape sequences are what this strips */
const ANSI =
  /\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])/g;
/* eslint-enable no-control-regex */

/** Output with escape sequences removed: roughly the text a user would have seen go by. */
export const plainText = (raw: string): string => raw.replace(ANSI, '');

export interface PtyExit {
  code: number;
  signal: number | undefined;
}

export interface PtyChild {
  readonly pid: number;
  /** Everything the child wrote to the terminal so far, escape sequences included. */
  raw: () => string;
  /** The same without escape sequences. */
  text: () => string;
  write: (keys: string) => void;
  resize: (columns: number, rows: number) => void;
  /** Resolves once the output (plain text for a RegExp or text, raw with `{ raw: true }`) matches. */
  waitFor: (
    pattern: string | RegExp,
    options?: { timeoutMs?: number; raw?: boolean },
  ) => Promise<void>;
  /** Resolves with the exit; after `timeoutMs` kills the child and rejects, showing the output. */
  exit: (timeoutMs?: number) => Promise<PtyExit>;
  /** Kills the child if it still runs; safe to call any time. */
  kill: () => void;
}

export interface SpawnPtyOptions {
  columns?: number;
  rows?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * The environment a user's terminal would have. CI variables are dropped on purpose: with them
 * ink renders only the last frame, on exit, which is right for a CI log but not for a terminal.
 */
export const terminalEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    ...extra,
  };
  for (const key of Object.keys(env)) {
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
  }
  return env;
};

const tail = (text: string, size = 2000): string =>
  JSON.stringify(text.length > size ? `…${text.slice(-size)}` : text);

export const spawnPty = (file: string, args: string[], options: SpawnPtyOptions = {}): PtyChild => {
  const child: IPty = spawn(file, args, {
    name: 'xterm-256color',
    cols: options.columns ?? 80,
    rows: options.rows ?? 24,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? terminalEnv(),
  });
  let output = '';
  let exited: PtyExit | undefined;
  const watchers = new Set<() => void>();
  const notify = () => watchers.forEach((watch) => watch());
  child.onData((data) => {
    output += data;
    notify();
  });
  child.onExit(({ exitCode, signal }) => {
    // The last output can arrive just after the exit; give it a moment before anyone looks.
    setTimeout(() => {
      exited = { code: exitCode, signal: signal || undefined };
      notify();
    }, 100);
  });

  /** Resolves when `done()` holds, rejects after the deadline; re-checked on every event. */
  const until = (done: () => boolean, timeoutMs: number, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${what} within ${timeoutMs} ms; output so far: ${tail(output)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        watchers.delete(check);
      };
      watchers.add(check);
      check();
    });

  const kill = () => {
    if (exited) return;
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  };

  return {
    pid: child.pid,
    raw: () => output,
    text: () => plainText(output),
    write: (keys) => child.write(keys),
    resize: (columns, rows) => child.resize(columns, rows),
    waitFor: (pattern, { timeoutMs = 10_000, raw = false } = {}) => {
      const seen = () => (raw ? output : plainText(output));
      const matches = () =>
        typeof pattern === 'string' ? seen().includes(pattern) : pattern.test(seen());
      return until(matches, timeoutMs, `no ${raw ? 'raw ' : ''}output matched ${String(pattern)}`);
    },
    exit: async (timeoutMs = 10_000) => {
      try {
        await until(() => exited !== undefined, timeoutMs, 'the child did not exit');
      } catch (error) {
        kill();
        throw error;
      }
      return exited as PtyExit;
    },
    kill,
  };
};

/**
 * Waits for text that appears after this call (the terminal's history holds every earlier frame),
 * so each step of a test waits for its own new frame.
 */
export const nextOutput = (child: PtyChild) => {
  const from = child.text().length;
  return (pattern: RegExp, timeoutMs = 20_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        if (pattern.test(child.text().slice(from))) return resolve();
        if (Date.now() - started > timeoutMs)
          return reject(
            new Error(
              `no new output matched ${pattern}; last: ${JSON.stringify(child.text().slice(-1500))}`,
            ),
          );
        setTimeout(poll, 20);
      };
      poll();
    });
};

/** Presses keys and waits for the new output they should bring. */
export const pressFor = async (
  child: PtyChild,
  keys: string,
  expect: RegExp,
  timeoutMs?: number,
): Promise<void> => {
  const wait = nextOutput(child);
  child.write(keys);
  await wait(expect, timeoutMs);
};
