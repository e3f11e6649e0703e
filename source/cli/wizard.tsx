// Runs the full-screen wizard on a real terminal and turns how it ended into an exit code:
// 0 on q, 130 on Ctrl-C (the shell's code for an interrupted program, so a wrapper can tell a
// deliberate quit from an abort), 2 without a terminal, 3 when the wizard itself crashed.
import { render } from 'ink';
import type { Instance } from 'ink';
import type { ReactElement } from 'react';
import { unsafeCharacterReason } from '../protocols/common/input.js';
import { App } from '../ui/app.js';
import type { WizardController } from '../ui/controller.js';
import { WizardCrash, isWizardExit } from '../ui/exit.js';
import { crashMessage, enterFullScreen } from './terminal.js';

declare const __MAILMEDIC_VERSION__: string | undefined;

export interface RunWizardOptions {
  controller: WizardController;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WritableStream;
  initialTarget?: string;
  /** False for --no-color; by default colour is on unless NO_COLOR is set (and not empty). */
  color?: boolean;
  /** Shown in the header until a session (which carries its own) exists. */
  version?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Runs once on every way out, after the terminal is given back: q, Ctrl-C, a signal, a crash
   * (--report is written here). `quit` is true for q alone: only then may it wait a moment for
   * what is still on the wire; after a signal the process ends as soon as it returns.
   */
  onLeave?: (quit: boolean) => void | Promise<void>;
}

export const NOT_A_TERMINAL =
  'mailmedic: the wizard needs a terminal; use `mailmedic check` for scripts\n';

const bundledVersion = (): string =>
  typeof __MAILMEDIC_VERSION__ === 'string' ? __MAILMEDIC_VERSION__ : 'dev';

export async function runWizard(options: RunWizardOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  if (!stdout.isTTY || !stdin.isTTY) {
    stderr.write(NOT_A_TERMINAL);
    return 2;
  }
  const color = options.color ?? !env['NO_COLOR'];
  // Test hook, read only here: MAILMEDIC_CRASH_TEST=1 makes a component throw after the first
  // frame, so the end-to-end tests can prove a crash still gives the terminal back.
  const crashForTest = env['MAILMEDIC_CRASH_TEST'] === '1';

  return runFullScreen(
    <App
      controller={options.controller}
      version={options.version ?? bundledVersion()}
      checkTarget={unsafeCharacterReason}
      color={color}
      crashForTest={crashForTest}
      {...(options.initialTarget === undefined ? {} : { initialTarget: options.initialTarget })}
    />,
    { stdout, stdin, stderr, ...(options.onLeave ? { onLeave: options.onLeave } : {}) },
  );
}

/**
 * Any full-screen app (the wizard, the console) on the terminal: alternate screen in, and out
 * again however it ends. Exit codes: 0 on quit, 130 on interrupt, 3 when a component crashed.
 */
export async function runFullScreen(
  element: ReactElement,
  io: {
    stdout: NodeJS.WriteStream;
    stdin: NodeJS.ReadStream;
    stderr: NodeJS.WritableStream;
    /** Runs once on every way out, after the terminal is given back (--report is written here). */
    onLeave?: (quit: boolean) => void | Promise<void>;
  },
): Promise<number> {
  const { stdout, stdin, stderr } = io;
  let instance: Instance | undefined;
  let left = false;
  const leave = async (quit: boolean) => {
    if (left) return;
    left = true;
    await io.onLeave?.(quit);
  };
  const restore = enterFullScreen(stdout, {
    stdin,
    stderr,
    teardown: () => instance?.unmount(),
    exit: (code) => {
      void leave(false);
      process.exit(code);
    },
  });
  try {
    // Ctrl-C is the key map's "interrupt", so it can exit 130 instead of ink's plain unmount.
    // Ink only ever write()s to stderr, so any writable stream will do.
    instance = render(element, {
      stdout,
      stdin,
      stderr: stderr as NodeJS.WriteStream,
      exitOnCtrlC: false,
      patchConsole: true,
    });
    const result: unknown = await instance.waitUntilExit();
    restore();
    const interrupted = isWizardExit(result) && result.reason === 'interrupt';
    await leave(!interrupted);
    return interrupted ? 130 : 0;
  } catch (error) {
    restore();
    await leave(false);
    const where = error instanceof WizardCrash ? error.where : 'the wizard';
    stderr.write(crashMessage(where, error));
    return 3;
  }
}
