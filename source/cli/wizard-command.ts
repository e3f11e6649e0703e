// `mailmedic [TARGET]` and `mailmedic open REPORT.json`: builds the controller the wizard reads
// and hands the terminal to it.
import { createStaticController } from '../ui/static-controller.js';
import { LiveSessionController } from '../session/live-controller.js';
import type { WizardSettings } from '../record/types.js';
import { VERSION } from '../version.js';
import type { Command, RunFlags } from './args.js';
import { readPassword } from './password.js';
import { buildRunConfig, defaultSteps } from './run-config.js';
import { parseTarget } from './target.js';
import type { Session } from '../record/types.js';
import { readSessionFile } from './session-file-lazy.js';
import { runWizard } from './wizard.js';
import { formatOf } from '../report/index.js';
import { printable } from '../protocols/common/printable.js';
import { withWizardFiles, writeReportOnExit } from './wizard-files.js';

export { readSessionFile };
import type { LabInstance } from '../lab/lab.js';
import { SCENARIOS, scenarioById, unknownScenarioMessage } from '../lab/scenarios.js';
import type { LabLesson } from '../ui/screens/lab/lesson.js';
import { UsageError } from './usage-error.js';

/** How long q waits for an exchange in flight before the report is written without it. */
const QUIT_GRACE_MS = 2_000;

const baseIo = { env: process.env, stdin: process.stdin, stderr: process.stderr };

/** What the command line says, as the wizard's settings (the form starts from these). */
export const settingsFromFlags = (flags: RunFlags): Omit<WizardSettings, 'target'> => {
  const mailbox = flags.imap
    ? { protocol: 'imap' as const, server: flags.imap }
    : flags.pop3
      ? { protocol: 'pop3' as const, server: flags.pop3 }
      : undefined;
  const server = flags.target?.server;
  const settings: Omit<WizardSettings, 'target'> = {
    tls: flags.tls,
    insecure: flags.insecure,
    mechanism: flags.authMech,
    ehlo: flags.ehlo,
    to: [...flags.to],
  };
  if (server) settings.host = server.host;
  const port = flags.port ?? server?.port;
  if (port !== undefined) settings.port = port;
  if (flags.caFiles.length > 0) settings.caFiles = [...flags.caFiles];
  // The settings form's "Password w/o TLS" starts from the flag.
  if (flags.plaintextAuth) settings.plaintextAuth = true;
  if (flags.authUser) settings.authUser = flags.authUser;
  if (flags.from) settings.from = flags.from;
  if (flags.dns.length > 0) settings.resolvers = [...flags.dns];
  if (flags.steps) settings.steps = [...flags.steps];
  if (mailbox) {
    const user = flags.mailboxUser ?? flags.authUser;
    settings.mailbox = {
      protocol: mailbox.protocol,
      host: mailbox.server.host,
      ...(mailbox.server.port !== undefined ? { port: mailbox.server.port } : {}),
      ...(mailbox.server.tls !== undefined ? { tls: mailbox.server.tls } : {}),
      ...(user ? { user } : {}),
    };
  }
  return settings;
};

/** Flags for one wizard run: the command line's, with the settings the user has now on top. */
export const flagsForSettings = (flags: RunFlags, settings: WizardSettings): RunFlags => {
  const parsed = parseTarget(settings.target);
  const host = settings.host ?? parsed.server?.host;
  const target =
    host !== undefined
      ? {
          ...parsed,
          server: { host, ...(settings.port !== undefined ? { port: settings.port } : {}) },
        }
      : parsed;
  const mailbox = settings.mailbox;
  const server = mailbox && {
    host: mailbox.host,
    ...(mailbox.port !== undefined ? { port: mailbox.port } : {}),
    ...(mailbox.tls !== undefined ? { tls: mailbox.tls } : {}),
  };
  const next: RunFlags = {
    ...flags,
    target,
    tls: settings.tls,
    insecure: settings.insecure,
    plaintextAuth: settings.plaintextAuth ?? false,
    caFiles: settings.caFiles ?? [],
    ehlo: settings.ehlo ?? flags.ehlo,
    authMech: (settings.mechanism ?? 'auto') as RunFlags['authMech'],
    to: settings.to ?? [],
    dns: settings.resolvers ?? [],
  };
  // The password never comes from a file again: the wizard holds it from the start.
  delete next.authPassFile;
  for (const key of ['port', 'authUser', 'from', 'pop3', 'imap', 'mailboxUser', 'steps'] as const)
    delete next[key];
  if (settings.port !== undefined) next.port = settings.port;
  if (settings.authUser) next.authUser = settings.authUser;
  if (settings.from) next.from = settings.from;
  if (server) next[mailbox.protocol] = server;
  if (mailbox?.user) next.mailboxUser = mailbox.user;
  next.steps = settings.steps ?? flags.steps ?? defaultSteps(next);
  return next;
};

/** A stdin that is not a terminal: inside the wizard nothing may prompt on the real one. */
const NO_PROMPT = { isTTY: false } as NodeJS.ReadStream;

export const runWizardCommand = async (
  command: Extract<Command, { kind: 'wizard' | 'open' }>,
  preloaded?: Session,
): Promise<number> => {
  if (command.kind === 'open') {
    const session = preloaded ?? (await readSessionFile(command.file));
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
  // The password is asked before the screen switches, while the terminal is still a plain one:
  // later, Ink owns the keyboard and the settings form asks instead. Kept in memory only.
  const user = flags.authUser ?? flags.mailboxUser;
  if (command.lab !== undefined && command.lab !== '' && !scenarioById(command.lab))
    throw new UsageError('--lab', unknownScenarioMessage(command.lab));
  const password = user
    ? await readPassword(user, {
        ...baseIo,
        ...(flags.authPassFile ? { file: flags.authPassFile } : {}),
      })
    : undefined;
  // Files named on the command line are checked before the wizard starts (usage errors, exit 2).
  if (flags.target)
    await buildRunConfig(
      flagsForSettings(flags, { ...settingsFromFlags(flags), target: flags.target.input }),
      passwordIo(password),
    );
  const files = {
    cwd: process.cwd(),
    redact: flags.redactIdentities,
    stdout: process.stdout,
    env: process.env,
  };
  // One lab at a time: choosing another scenario stops the last one; leaving the wizard stops it.
  let lab: LabInstance | undefined;
  const live = new LiveSessionController({
    version: VERSION,
    settings: settingsFromFlags(flags),
    ...(password !== undefined ? { password } : {}),
    labScenarios: SCENARIOS.map((s) => s.id),
    // The start screen's console goal with no server named: the healthy lab, one at a time too.
    labConsole: async (role) => {
      await lab?.stop();
      lab = undefined;
      const { startLabConsole } = await import('./lab-console.js');
      const started = await startLabConsole('healthy', role);
      lab = started.lab;
      return started.target;
    },
    configFor: async (settings, secret, scenario) => {
      if (scenario) {
        await lab?.stop();
        lab = undefined;
        // Loaded when the lab is first chosen, not every time the wizard opens.
        const { startLab } = await import('../lab/lab.js');
        const { labRunConfig } = await import('./lab-config.js');
        lab = await startLab(scenario);
        return labRunConfig(lab, flags);
      }
      const run = flagsForSettings(flags, settings);
      const who = run.authUser ?? run.mailboxUser;
      const needs =
        (run.authUser && (run.steps?.includes('auth') || run.steps?.includes('send'))) ||
        run.steps?.includes('pop3') ||
        run.steps?.includes('imap');
      if (needs && who && secret === undefined)
        throw new Error(`the password for ${who} is needed: type it in the settings (o)`);
      const config = await buildRunConfig(run, passwordIo(secret));
      if (settings.skipMx) config.skipMx = settings.skipMx;
      return config;
    },
  });
  const lessons: LabLesson[] = SCENARIOS.map((s) => ({ id: s.id, title: s.title, ...s.lesson }));
  const controller = withWizardFiles(Object.assign(live, { labLessons: () => lessons }), files);
  // `--lab SCENARIO` starts the lesson straight away; `--lab` alone opens the start screen, where
  // the practice lab is offered.
  if (command.lab) live.start({ lab: command.lab });
  const report = flags.report;
  // The runner, the rules and the knowledge base load while the first screen is up, not before.
  setImmediate(() => void LiveSessionController.preload());
  try {
    return await runWizard({
      controller,
      color: flags.color,
      version: VERSION,
      // --report: whatever was recorded when the user left, in the format its extension names.
      ...(report
        ? {
            onLeave: async (quit: boolean) => {
              // On q, the goodbye still on the wire (QUIT and its 221) belongs in the report.
              if (quit) await live.settle(QUIT_GRACE_MS);
              process.stderr.write(
                writeReportOnExit(
                  controller.getSession(),
                  report,
                  formatOf(report) ?? 'txt',
                  files,
                ),
              );
            },
          }
        : {}),
      ...(flags.target ? { initialTarget: flags.target.input } : {}),
    });
  } finally {
    await lab?.stop();
  }
};

const passwordIo = (password: string | undefined) => ({
  env: password === undefined ? {} : { MAILMEDIC_PASSWORD: password },
  stdin: NO_PROMPT,
  stderr: process.stderr,
});
