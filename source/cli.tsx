// Entry point: flags -> typed command -> wizard, check, open, explain or lab. The process is
// owned here: exit codes, signals and the terminal; nothing below decides how the process ends.
import { setMaxListeners } from 'node:events';
import { parseCommandLine } from './cli/args.js';
import type { Command } from './cli/args.js';
import { runCheck } from './cli/check.js';
import { runExplain } from './cli/explain.js';
import { USAGE } from './cli/usage.js';
import { UsageError } from './cli/usage-error.js';
import { VERSION } from './version.js';

const dispatch = async (command: Command): Promise<number> => {
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`mailmedic ${VERSION}\n`);
      return 0;
    case 'explain':
      return runExplain(command.words, {
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
        color: command.color && process.stdout.isTTY === true,
      });
    case 'check': {
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
      // Loaded on demand: ink, react and yoga cost most of the start-up, and check, explain and
      // --version never draw. esbuild keeps it in the one file, initialised only when reached.
      const { runWizardCommand } = await import('./cli/wizard-command.js');
      return runWizardCommand(command);
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
    if (error instanceof UsageError) {
      process.stderr.write(`mailmedic: ${error.message}\nTry 'mailmedic --help'.\n`);
      return 2;
    }
    process.stderr.write(
      `mailmedic: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 3;
  }
};

process.exitCode = await main();
// Sockets that a failed step could not close politely must not keep the process alive.
setTimeout(() => process.exit(), 200).unref();
