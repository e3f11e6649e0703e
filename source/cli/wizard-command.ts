// `mailmedic [TARGET]` and `mailmedic open REPORT.json`: builds the controller the wizard reads
// and hands the terminal to it.
import { createStaticController } from '../ui/static-controller.js';
import { LiveSessionController } from '../session/live-controller.js';
import { VERSION } from '../version.js';
import type { Command, RunFlags } from './args.js';
import { readPassword } from './password.js';
import { buildRunConfig, defaultSteps } from './run-config.js';
import { parseTarget } from './target.js';
import type { Session } from '../record/types.js';
import { readSessionFile } from './session-file.js';
import { runWizard } from './wizard.js';

export { readSessionFile };

const baseIo = { env: process.env, stdin: process.stdin, stderr: process.stderr };

export const runWizardCommand = async (
  command: Extract<Command, { kind: 'wizard' | 'open' }>,
  preloaded?: Session,
): Promise<number> => {
  if (command.kind === 'open') {
    const session = preloaded ?? (await readSessionFile(command.file));
    return runWizard({
      controller: createStaticController(session),
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
  const controller = new LiveSessionController({
    version: VERSION,
    configFor: async (target) => {
      if ('lab' in target) throw new Error('the practice lab is not part of this build yet');
      const parsed = parseTarget(target.input);
      if (base && base.target.input === target.input) return base;
      const retargeted: RunFlags = { ...flags, target: parsed };
      return buildRunConfig({ ...retargeted, steps: flags.steps ?? defaultSteps(retargeted) }, io);
    },
  });
  return runWizard({
    controller,
    color: flags.color,
    version: VERSION,
    ...(flags.target ? { initialTarget: flags.target.input } : {}),
  });
};
