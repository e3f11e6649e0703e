// Entry point: flags -> typed command -> wizard, check, open, explain or lab. The process is
// owned here: exit codes, signals and the terminal; nothing below decides how the process ends.
import { setMaxListeners } from 'node:events';
import { parseCommandLine } from './cli/args.js';
import type { Command } from './cli/args.js';
import { USAGE } from './cli/usage.js';
import { Interrupted, UsageError } from './cli/usage-error.js';
import { gate } from './record/gate.js';
import { VERSION } from './version.js';

const dispatch = async (command: Command): Promise<number> => {
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`mailmedic ${VERSION}\n`);
      return 0;
    case 'explain': {
      // Each command's code is loaded when it runs: the build gives each entry path its own chunk,
      // so --version and explain never compile the check engine, and check never compiles ink.
      const { runExplain } = await import('./cli/explain.js');
      return runExplain(command.words, {
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
        color: command.color && process.stdout.isTTY === true,
      });
    }
    case 'check': {
      const { runCheck } = await import('./cli/check.js');
      const controller = new AbortController();
      // Every DNS query and connection in flight listens for Ctrl-C: the DNS step alone asks a
      // dozen at once, which is not the leak Node's default limit of 10 warns about.
      setMaxListeners(256, controller.signal);
      const onSignal = (): void => controller.abort();
      process.once('SIGINT', onSignal);
      try {
        return await runCheck(command, {
          stdout: process.stdout,
          stderr: process.stderr,
          stdin: process.stdin,
          env: process.env,
          signal: controller.signal,
        });
      } finally {
        process.off('SIGINT', onSignal);
      }
    }
    case 'wizard':
    case 'open': {
      // A saved session is read and validated before the wizard loads: a bad file is a usage
      // error at once, not after ink has started.
      // (ajv and the schema load only here: check and explain start without them.)
      const session =
        command.kind === 'open'
          ? await (await import('./cli/session-file.js')).readSessionFile(command.file)
          : undefined;
      // ink, react and yoga cost most of the start-up; only the wizard's chunk loads them.
      const { runWizardCommand } = await import('./cli/wizard-command.js');
      return runWizardCommand(command, session);
    }
    case 'console': {
      const { runConsoleCommand } = await import('./cli/console-command.js');
      return runConsoleCommand(command.flags);
    }
    case 'lab': {
      const controller = new AbortController();
      const onSignal = (): void => controller.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const { runLab } = await import('./cli/lab-command.js');
        return await runLab(command.scenario, {
          stdout: (s) => process.stdout.write(s),
          stderr: (s) => process.stderr.write(s),
          signal: controller.signal,
          json: command.json,
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    }
  }
};

const main = async (): Promise<number> => {
  try {
    return await dispatch(parseCommandLine(process.argv.slice(2), process.env));
  } catch (error) {
    if (error instanceof Interrupted) return 130;
    if (error instanceof UsageError) {
      process.stderr.write(`mailmedic: ${gate(error.message)}\nTry 'mailmedic --help'.\n`);
      return 2;
    }
    process.stderr.write(
      `mailmedic: internal error: ${(error instanceof Error
        ? (error.stack ?? error.message)
        : String(error)
      )
        .split('\n')
        .map((l) => gate(l))
        .join('\n')}\n`,
    );
    return 3;
  }
};

process.exitCode = await main();
// Sockets that a failed step could not close politely must not keep the process alive.
setTimeout(() => process.exit(), 200).unref();
