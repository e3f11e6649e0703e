// `mailmedic check`: the diagnosis without the full-screen UI, for scripts, CI and tickets.
// Exit codes (SPEC): 0 no error finding, 1 an error finding, 2 usage, 3 mailmedic failed.
import { writeFile } from 'node:fs/promises';
import { formatOf, renderReport } from '../report/index.js';
import { renderJson } from '../report/json.js';
import { ANSI_STYLE, PLAIN_STYLE, renderText } from '../report/text.js';
import { shown as gated } from '../record/gate.js';
import { redactIdentities } from '../record/redaction.js';
import { runSession } from '../session/runner.js';
import type { Session } from '../record/types.js';
import type { LabInstance } from '../lab/lab.js';
import { scenarioById, unknownScenarioMessage } from '../lab/scenarios.js';
import type { RunConfig } from '../session/config.js';
import { VERSION } from '../version.js';
import type { Command } from './args.js';
import { runCheckMany } from './check-many.js';
import { checkReportPath } from './input-files.js';
import { buildRunConfig } from './run-config.js';
import { UsageError } from './usage-error.js';

export interface CheckIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export const exitCodeOf = (session: Session): number => {
  if (session.failure) return 3;
  return session.findings.some((f) => f.severity === 'error') ? 1 : 0;
};

export const runCheck = async (
  command: Extract<Command, { kind: 'check' }>,
  io: CheckIo,
): Promise<number> => {
  if (command.domainsFile !== undefined) return runCheckMany(command, io);
  if (command.flags.report) await checkReportPath(command.flags.report);
  let lab: LabInstance | undefined;
  let config: RunConfig;
  if (command.lab !== undefined) {
    if (command.flags.target)
      throw new UsageError(
        '--lab',
        'runs against the practice lab; give no TARGET or --server with it',
      );
    if (!scenarioById(command.lab))
      throw new UsageError('--lab', unknownScenarioMessage(command.lab));
    // The lab's servers (smtp-server and the rest) load only when a lab is asked for.
    const { startLab } = await import('../lab/lab.js');
    const { labRunConfig } = await import('./lab-config.js');
    lab = await startLab(command.lab);
    config = labRunConfig(lab, command.flags);
  } else {
    config = await buildRunConfig(command.flags, {
      env: io.env,
      stdin: io.stdin,
      stderr: io.stderr,
    });
  }
  let session: Session;
  try {
    session = await runSession(config, {
      version: VERSION,
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } finally {
    await lab?.stop();
  }
  const shown = config.redactIdentities ? redactIdentities(session) : session;
  if (command.json) io.stdout.write(renderJson(shown));
  else
    io.stdout.write(
      renderText(shown, command.flags.color && io.stdout.isTTY ? ANSI_STYLE : PLAIN_STYLE),
    );
  if (command.flags.report) {
    const format = formatOf(command.flags.report)!;
    await writeFile(command.flags.report, renderReport(shown, format), { mode: 0o600 });
    if (!command.json) io.stderr.write(gated`report written to ${command.flags.report}` + '\n');
  }
  if (io.signal?.aborted) {
    io.stderr.write(
      `mailmedic: interrupted${session.steps.at(-1) ? ` during the ${session.steps.find((s) => s.summary === 'interrupted')?.id ?? session.steps.at(-1)!.id} step` : ''}; the transcript so far is above\n`,
    );
    return 130;
  }
  return exitCodeOf(session);
};
