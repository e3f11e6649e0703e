// The wizard borrows the whole terminal (alternate screen, hidden cursor, raw keys) and must give it
// back exactly as it found it, however the process ends: q, Ctrl-C, a signal, or a crash. Whoever
// enters full screen gets one idempotent restore(), also wired to every way out of the process.

import { shown } from '../record/gate.js';
/** Alternate screen buffer on, cursor hidden, screen cleared, cursor home. */
export const ENTER_FULL_SCREEN = '\x1b[?1049h\x1b[?25l\x1b[2J\x1b[H';
/** Attributes reset, alternate screen off (the user's screen comes back), cursor shown. */
export const LEAVE_FULL_SCREEN = '\x1b[0m\x1b[?1049l\x1b[?25h';

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface FullScreenOptions {
  /**
   * Put in raw mode at once, so keys typed before the first frame arrive as keys (not echoed, and
   * Enter not turned into a line feed); switched back on restore, so the shell gets a sane line
   * discipline back.
   */
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WritableStream;
  /**
   * Runs first on every way out, before the screen is switched back: unmount the renderer there,
   * so its last frame lands in the alternate screen and not on the user's screen.
   */
  teardown?: () => void;
  /** How a signal or a crash ends the process; tests pass their own. */
  exit?: (code: number) => void;
}

/** Names where a crash happened from its stack: the innermost named function, or the fallback. */
export const crashSite = (error: unknown, fallback: string): string => {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const frame = /^\s+at (?:async )?([^\s(]+) \(/m.exec(stack);
  return frame?.[1] ?? fallback;
};

export const crashMessage = (where: string, error: unknown): string =>
  shown`mailmedic: crashed in ${where}: ${error instanceof Error ? error.message : String(error)}` +
  '\n';

const attempt = (action: () => void): void => {
  try {
    action();
  } catch {
    // The terminal may be gone (SIGHUP, EIO); restoring is best effort from here on.
  }
};

export type Restore = () => void;

export const enterFullScreen = (
  stream: NodeJS.WriteStream,
  options: FullScreenOptions = {},
): Restore => {
  const stderr = options.stderr ?? process.stderr;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let restored = false;

  const restore: Restore = () => {
    if (restored) return;
    restored = true;
    unregister();
    if (options.teardown) attempt(options.teardown);
    const stdin = options.stdin;
    if (stdin?.isTTY && typeof stdin.setRawMode === 'function')
      attempt(() => stdin.setRawMode(false));
    attempt(() => stream.write(LEAVE_FULL_SCREEN));
  };

  const onSignal = (signal: HandledSignal) => {
    restore();
    exit(SIGNAL_EXIT_CODES[signal]);
  };
  const onCrash = (where: string) => (error: unknown) => {
    restore();
    attempt(() => stderr.write(crashMessage(crashSite(error, where), error)));
    exit(3);
  };
  const onExit = () => restore();
  const onUncaught = onCrash('an event handler');
  const onRejection = onCrash('a promise');

  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onRejection);

  function unregister(): void {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onRejection);
  }

  stream.write(ENTER_FULL_SCREEN);
  const stdin = options.stdin;
  if (stdin?.isTTY && typeof stdin.setRawMode === 'function') attempt(() => stdin.setRawMode(true));
  return restore;
};
