// `mailmedic [TARGET]` and `mailmedic open REPORT.json`: builds the controller the wizard reads
// and hands the terminal to it.
import { readFile } from 'node:fs/promises';
import { createStaticController } from '../ui/static-controller.js';
import { LiveSessionController } from '../session/live-controller.js';
import type { Session } from '../record/types.js';
import { SESSION_SCHEMA } from '../record/types.js';
import { VERSION } from '../version.js';
import type { Command, RunFlags } from './args.js';
import { readPassword } from './password.js';
import { buildRunConfig, defaultSteps } from './run-config.js';
import { parseTarget } from './target.js';
import { UsageError } from './usage-error.js';
import { runWizard } from './wizard.js';
import { formatOf } from '../report/index.js';
import { printable } from '../protocols/common/printable.js';
import { withWizardFiles, writeReportOnExit } from './wizard-files.js';

const baseIo = { env: process.env, stdin: process.stdin, stderr: process.stderr };

export const readSessionFile = async (file: string): Promise<Session> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      'open',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let session: Session;
  try {
    session = JSON.parse(text) as Session;
  } catch {
    throw new UsageError(
      'open',
      `${file} is not JSON; save a session with --report FILE.json or check --json`,
    );
  }
  if (
    session?.schema !== SESSION_SCHEMA ||
    !Array.isArray(session.steps) ||
    !Array.isArray(session.transcript)
  ) {
    throw new UsageError('open', `${file} is not a mailmedic session (schema ${SESSION_SCHEMA})`);
  }
  return session;
};

export const runWizardCommand = async (
  command: Extract<Command, { kind: 'wizard' | 'open' }>,
): Promise<number> => {
  if (command.kind === 'open') {
    const session = await readSessionFile(command.file);
    return runWizard({
      controller: withWizardFiles(
        createStaticController(session, { savedFrom: printable(command.file) }),
        {
          cwd: process.cwd(),
          redact: false,
          stdout: process.stdout,
          env: process.env,
        },
      ),
      color: command.color,
      version: VERSION,
    });
  }
  const flags: RunFlags = command.flags;
  // Passwords are asked before the screen switches, while the terminal is still a plain one:
  // later, Ink owns the keyboard. Without a target yet, the password is kept for the run the
  // user starts from the start screen (in memory only).
  let io = baseIo;
  const user = flags.authUser ?? flags.mailboxUser;
  if (!flags.target && user && !flags.authPassFile && !process.env.MAILMEDIC_PASSWORD) {
    const password = await readPassword(user, baseIo);
    io = { ...baseIo, env: { ...process.env, MAILMEDIC_PASSWORD: password } };
  }
  const base = flags.target ? await buildRunConfig(flags, io) : undefined;
  const files = {
    cwd: process.cwd(),
    redact: flags.redactIdentities,
    stdout: process.stdout,
    env: process.env,
  };
  const live = new LiveSessionController({
    version: VERSION,
    configFor: async (target) => {
      if ('lab' in target) throw new Error('the practice lab is not part of this build yet');
      const parsed = parseTarget(target.input);
      if (base && base.target.input === target.input) return base;
      const retargeted: RunFlags = { ...flags, target: parsed };
      return buildRunConfig({ ...retargeted, steps: flags.steps ?? defaultSteps(retargeted) }, io);
    },
  });
  const controller = withWizardFiles(live, files);
  const report = flags.report;
  return runWizard({
    controller,
    color: flags.color,
    version: VERSION,
    // --report: whatever was recorded when the user left, in the format its extension names.
    ...(report
      ? {
          onLeave: () =>
            process.stderr.write(
              writeReportOnExit(controller.getSession(), report, formatOf(report) ?? 'txt', files),
            ),
        }
      : {}),
    ...(flags.target ? { initialTarget: flags.target.input } : {}),
  });
};
