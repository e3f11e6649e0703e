// `mailmedic console HOST:PORT`: straight into the manual console. Usage errors (flags, CA files,
// a report that could not be written, no terminal) come before any network work; the session is
// recorded like any other, and written to --report when the console ends.
import { access, constants, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { endpoint } from '../net/connection.js';
import { deadlinesFor } from '../net/deadlines.js';
import { SessionRecorder } from '../record/recorder.js';
import { formatOf, renderReport } from '../report/index.js';
import { ConsoleSessionController } from '../session/console/console-controller.js';
import type { PracticeLogin } from '../session/console/console-controller.js';
import type { LabInstance } from '../lab/lab.js';
import { scenarioById, unknownScenarioMessage } from '../lab/scenarios.js';
import { findingsOfConsole } from '../session/console/findings.js';
import { ManualConsole } from '../session/console/manual-console.js';
import { ConsoleApp } from '../ui/console-app.js';
import { VERSION } from '../version.js';
import type { ConsoleFlags } from './args.js';
import { startLabConsole } from './lab-console.js';
import { UsageError } from './usage-error.js';
import { exportReport } from './wizard-files.js';
import type { ExportRequest } from '../ui/controller.js';
import { unsafeCharacterReason } from '../protocols/common/input.js';
import { NOT_A_TERMINAL, runFullScreen } from './wizard.js';

const readCa = async (files: string[]): Promise<string[]> =>
  Promise.all(
    files.map((file) =>
      readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError('--ca-file', `cannot read ${file}: ${error.code ?? String(error)}`);
      }),
    ),
  );

const checkWritable = async (file: string): Promise<void> => {
  try {
    await access(dirname(resolve(file)), constants.W_OK);
  } catch (error) {
    throw new UsageError(
      '--report',
      `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
};

/** Where the console goes: the named server, or the lab's server in the role asked for. */
interface Destination {
  host: string;
  port: number;
  servername: string;
  ca: string[];
  lab?: LabInstance;
  practice?: PracticeLogin;
  /** Said first in the transcript: what this server is. */
  intro?: string;
}

/** Starts the practice lab for `console --lab`. */
const labDestination = async (
  target: Extract<ConsoleFlags['target'], { kind: 'lab' }>,
  ca: string[],
): Promise<Destination> => {
  const { lab, target: to } = await startLabConsole(target.scenario, target.role, ca);
  return { ...to, lab };
};

export const runConsoleCommand = async (flags: ConsoleFlags): Promise<number> => {
  const { stdout, stdin, stderr } = process;
  const ca = await readCa(flags.caFiles);
  if (flags.report) await checkWritable(flags.report);
  const { target } = flags;
  if (target.kind === 'lab' && !scenarioById(target.scenario))
    throw new UsageError('--lab', unknownScenarioMessage(target.scenario));
  if (!stdout.isTTY || !stdin.isTTY) {
    stderr.write(NOT_A_TERMINAL.replace('the wizard needs', 'the console needs'));
    return 2;
  }
  let to: Destination;
  if (target.kind === 'lab') {
    try {
      to = await labDestination(target, ca);
    } catch (error) {
      stderr.write(
        `mailmedic: the practice lab could not start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return 3;
    }
  } else {
    to = { host: target.host, port: target.port, servername: target.host, ca };
  }
  try {
    return await consoleOn(flags, to);
  } finally {
    await to.lab?.stop();
  }
};

const consoleOn = async (flags: ConsoleFlags, to: Destination): Promise<number> => {
  const { stdout, stdin, stderr } = process;
  const where = endpoint(to.host, to.port);
  const recorder = new SessionRecorder(
    { input: where, server: { host: to.host, port: to.port } },
    { version: VERSION },
  );
  if (to.intro) recorder.note('connect', to.intro);
  const tlsOptions = { servername: to.servername, ca: to.ca };
  let console: ManualConsole;
  try {
    console = await ManualConsole.open({
      host: to.host,
      port: to.port,
      protocol: flags.protocol,
      recorder,
      deadlines: deadlinesFor(flags.timeoutSeconds),
      ...(flags.tls === 'implicit' ? { tls: tlsOptions } : {}),
      upgrade: tlsOptions,
      insecure: flags.insecure,
      startTls: flags.tls === 'starttls',
      ehlo: flags.ehlo,
    });
  } catch (error) {
    stderr.write(
      `mailmedic: cannot open the console on ${where}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const controller = new ConsoleSessionController(console, recorder, where, to.practice);
  if (flags.lesson !== undefined) controller.setLesson(flags.lesson);
  // r: the session so far, written by the same code as the wizard's export dialog.
  const files = { cwd: process.cwd(), redact: false, stdout, env: process.env };
  const exporter = {
    getSession: controller.reportSession,
    exportReport: (request: ExportRequest) =>
      exportReport(controller.reportSession(), request, files),
  };
  const code = await runFullScreen(
    <ConsoleApp
      controller={controller}
      color={flags.color}
      exporter={exporter}
      checkPath={unsafeCharacterReason}
    />,
    { stdout, stdin, stderr },
  );
  console.close();
  // A peer that never closes its side must not hold the report back.
  await Promise.race([console.closed(), new Promise((r) => setTimeout(r, 1500).unref())]);
  console.finish();
  recorder.setFindings(findingsOfConsole(recorder.session));
  if (flags.report) {
    await writeFile(flags.report, renderReport(recorder.session, formatOf(flags.report)!), {
      mode: 0o600,
    });
    stderr.write(`report written to ${flags.report}\n`);
  }
  return code;
};
