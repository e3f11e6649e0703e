// The step runner for automated runs (`check`): DNS, then SMTP against the best mail host with
// fallback to the next one as a real sender would, then mailbox retrieval, then diagnosis.
import { randomUUID } from 'node:crypto';
import { diagnose } from '../diagnosis/index.js';
import { endpoint } from '../net/connection.js';
import { isMailmedicError } from '../protocols/common/errors.js';
import type { RunConfig } from './config.js';
import type { CommandGate } from './gate.js';
import { SkippedByUser, StoppedByUser, confirmStep } from './gate.js';
import { DEFAULT_SMTP_PORT } from './config.js';
import { SessionRecorder } from '../record/recorder.js';
import type { StepContext, StepOutcome } from './steps/context.js';
import { wants } from './steps/context.js';
import { factOf } from '../record/facts.js';
import type { RunSettingsFact } from '../record/facts.js';
import { runDns } from './steps/dns.js';
import { probeSubmissionPort } from './steps/probe.js';
import type { SmtpServer } from './steps/smtp.js';
import { runImapStep } from './steps/imap.js';
import { runPop3Step } from './steps/pop3.js';
import { passwordWent, withClearTextNoted } from './steps/cleartext.js';
import { plannedSmtpSteps, runSmtpSteps } from './steps/smtp.js';
import type { Session, StepId, Target } from '../record/types.js';

export interface RunOptions {
  version: string;
  signal?: AbortSignal;
  now?: () => Date;
  randomId?: () => string;
  /** Called once the recorder exists, so a caller can watch the session grow. */
  onRecorder?: (recorder: SessionRecorder) => void;
  /** The guided driver's hook (see gate.ts); `check` runs without one. */
  gate?: CommandGate;
}

const targetOf = (config: RunConfig): Target => {
  const target: Target = { input: config.target.input };
  if (config.target.domain) target.domain = config.target.domain;
  if (config.target.server) {
    target.server = {
      host: config.target.server.host,
      port: config.target.server.port ?? config.port ?? DEFAULT_SMTP_PORT,
    };
  }
  return target;
};

/** The settings as the record keeps them: no password, no CA file contents. */
const settingsOf = (config: RunConfig): RunSettingsFact => ({
  ...(config.port !== undefined ? { port: config.port } : {}),
  tls: config.tls,
  insecure: config.insecure,
  caFile: config.ca.length > 0,
  ehlo: config.ehlo,
  ...(config.auth ? { auth: { user: config.auth.user, mechanism: config.auth.mechanism } } : {}),
  ...(config.from !== undefined ? { from: config.from } : {}),
  to: [...config.to],
  ...(config.pop3 ? { pop3: { ...config.pop3 } } : {}),
  ...(config.imap ? { imap: { ...config.imap } } : {}),
  ...(config.mailbox ? { mailboxUser: config.mailbox.user } : {}),
  resolvers: [...config.resolvers],
  steps: [...config.steps],
});

export const runSession = async (config: RunConfig, options: RunOptions): Promise<Session> => {
  const recorder = new SessionRecorder(targetOf(config), { version: options.version });
  recorder.fact('run.settings', settingsOf(config));
  options.onRecorder?.(recorder);
  const ctx: StepContext = {
    config,
    recorder,
    now: options.now ?? (() => new Date()),
    randomId: options.randomId ?? (() => randomUUID().replace(/-/g, '').slice(0, 20)),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.gate ? { gate: options.gate } : {}),
  };
  try {
    await runSteps(ctx);
  } catch (error) {
    // mailmedic itself failed: keep what was recorded, name the step, let the CLI exit 3.
    const step =
      recorder.running ??
      (isMailmedicError(error)
        ? (error.step as Session['steps'][number]['id'] | undefined)
        : undefined);
    recorder.update((s) => {
      s.failure = {
        message: error instanceof Error ? error.message : String(error),
        ...(step ? { step } : {}),
        ...(isMailmedicError(error) ? { code: error.code } : {}),
      };
    });
    if (step && recorder.stepStatus(step) === undefined)
      recorder.endStep(
        step,
        'error',
        `mailmedic failed: ${String(error instanceof Error ? error.message : error)}`,
      );
  }
  recorder.setFindings(diagnose(recorder.session));
  return recorder.session;
};

/** Marks every wanted step not recorded yet as not run, with the reason. */
const skipTheRest = (ctx: StepContext, why: string): void => {
  for (const step of ctx.config.steps)
    if (ctx.recorder.stepStatus(step) === undefined) ctx.recorder.skipStep(step, `not run: ${why}`);
};

/** The guided driver's say before a step without commands of its own: go, skipped or stopped. */
const gated = async (
  ctx: StepContext,
  step: StepId,
  display: string[],
): Promise<'go' | 'skipped' | 'stopped'> => {
  try {
    await confirmStep(ctx.gate, step, display);
    return 'go';
  } catch (error) {
    if (!(error instanceof SkippedByUser) && !(error instanceof StoppedByUser)) throw error;
    ctx.recorder.skipStep(step, error.message);
    if (error instanceof SkippedByUser) return 'skipped';
    skipTheRest(ctx, `stopped at ${step}`);
    return 'stopped';
  }
};

const runSteps = async (ctx: StepContext): Promise<void> => {
  const { config, recorder } = ctx;
  const port = config.target.server?.port ?? config.port ?? DEFAULT_SMTP_PORT;
  let servers: SmtpServer[] = [];

  if (config.target.server) {
    servers = [{ host: config.target.server.host, port, servername: config.target.server.host }];
    if (wants(ctx, 'dns'))
      recorder.skipStep('dns', `not needed: --server ${config.target.server.host} given`);
  } else if (config.target.domain && (wants(ctx, 'dns') || plannedSmtpSteps(ctx).length > 0)) {
    // Guided, the DNS step proposes each of its questions itself (steps/dns.ts).
    try {
      servers = await runDns(ctx, config.target.domain, port);
    } catch (error) {
      if (!(error instanceof StoppedByUser)) throw error;
      skipTheRest(ctx, 'stopped at dns');
      return;
    }
    // "Next MX": the hosts before it were tried in an earlier run.
    if (config.skipMx) servers = servers.slice(config.skipMx);
  }

  if (plannedSmtpSteps(ctx).length > 0) {
    if (servers.length === 0) {
      for (const step of plannedSmtpSteps(ctx))
        recorder.skipStep(step, 'no mail server to connect to');
    } else {
      for (const [i, server] of servers.entries()) {
        const result = await runSmtpSteps(ctx, server);
        if (result === 'done') break;
        if (
          server.port === 25 &&
          factOf(recorder.session, 'connect.error')?.code === 'ETIMEDOUT' &&
          !factOf(recorder.session, 'connect.probe')
        ) {
          await probeSubmissionPort(ctx, server.host);
        }
        const next = servers[i + 1];
        if (next)
          recorder.note(
            'connect',
            `${endpoint(server.host, server.port)} is unreachable; trying the next mail host, ${next.servername} (${next.host}), as a sending server would`,
          );
      }
    }
  }

  // After Ctrl-C nothing new starts; what ran is kept and the steps left are marked.
  if (ctx.signal?.aborted) {
    for (const step of ['pop3', 'imap'] as const)
      if (wants(ctx, step)) recorder.skipStep(step, 'not run: interrupted');
    return;
  }
  for (const [step, configured, run] of [
    ['pop3', config.pop3, runPop3Step],
    ['imap', config.imap, runImapStep],
  ] as const) {
    if (!wants(ctx, step)) continue;
    if (!configured || !config.mailbox) {
      recorder.skipStep(
        step,
        `no ${step === 'pop3' ? '--pop3' : '--imap'} server and mailbox login given`,
      );
      continue;
    }
    const where = configured.host + (configured.port ? `:${configured.port}` : '');
    const go = await gated(ctx, step, [
      `${step.toUpperCase()} ${where}: log in as ${config.mailbox.user}, look for the test message`,
    ]);
    if (go === 'stopped') return;
    if (go === 'skipped') continue;
    recorder.beginStep(step);
    let outcome: StepOutcome;
    try {
      outcome = withClearTextNoted(ctx, step, await run(ctx));
    } catch (error) {
      // Stopped at one of its commands or at a question (the clear-text consent), or taken into
      // the manual console: the run ends here.
      if (!(error instanceof StoppedByUser)) throw error;
      passwordWent(ctx, step);
      recorder.endStep(step, 'skipped', error.message);
      skipTheRest(ctx, `stopped at ${step}`);
      return;
    }
    recorder.endStep(step, outcome.status, outcome.summary);
    // Esc while it waited: nothing new starts.
    if (ctx.signal?.aborted) {
      skipTheRest(ctx, 'interrupted');
      return;
    }
  }
};
