// Entry point: flags -> typed command -> wizard, check, open, explain or lab. The process is
// owned here: exit codes, signals and the terminal; nothing below decides how the process ends.
import { parseCommandLine } from './cli/args.js';
import type { Command } from './cli/args.js';
import { runCheck } from './cli/check.js';
import { runExplain } from './cli/explain.js';
import { USAGE } from './cli/usage.js';
import { UsageError } from './cli/usage-error.js';
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
    case 'explain':
      return runExplain(command.words, {
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
        color: command.color && process.stdout.isTTY === true,
      });
    case 'check': {
      const controller = new AbortController();
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
      // Loaded on demand: ink, react and yoga cost most of the start-up, and check, explain and
      // --version never draw. esbuild keeps it in the one file, initialised only when reached.
      const { runWizardCommand } = await import('./cli/wizard-command.js');
      return runWizardCommand(command, session);
    }
    case 'lab':
      throw new UsageError('lab', 'the practice lab is not part of this build yet');
  }
};

const main = async (): Promise<number> => {
  try {
    return await dispatch(parseCommandLine(process.argv.slice(2), process.env));
  } catch (error) {
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
