// Shared by the POP3 and IMAP steps: asking the guided driver before each command, writing an
// engine's command, recording it, and recording server lines with their explanation. Long
// payloads (a whole message) are shown in part.
import type { Connection } from '../../net/connection.js';
import { MailmedicError } from '../../protocols/common/errors.js';
import type { Outgoing } from '../../protocols/common/outgoing.js';
import type { SessionRecorder } from '../../record/recorder.js';
import type { StepId, TlsRecord } from '../../record/types.js';
import type { CommandGate, HandedConnection } from '../gate.js';
import { HandedToConsole, SkippedByUser, StoppedByUser } from '../gate.js';
import { clearTextLogin } from './cleartext.js';
import type { StepContext, StepOutcome } from './context.js';

/** A mailbox command as the gate sees it before it is encoded for real: masked where secret. */
export interface MailboxPreview {
  display: string[];
  secret: boolean;
  /** A later round of a poll: see Proposal.repeat. */
  repeat?: boolean;
}

/**
 * Asks the guided driver, if any, about one mailbox command. Resolves with the line the user
 * typed instead (an edit of a plain command), or undefined to send the command as built; throws
 * SkippedByUser, StoppedByUser or HandedToConsole (after giving the connection away) otherwise.
 * Secret commands (PASS, LOGIN, AUTH payloads) are proposed masked and never edited.
 */
export const proposeCommand = async (
  gate: CommandGate | undefined,
  step: StepId,
  preview: MailboxPreview,
  check: (line: string) => string | undefined,
  handOver: () => HandedConnection,
): Promise<string | undefined> => {
  if (!gate) return undefined;
  const decision = await gate.confirm({
    step,
    kind: 'command',
    display: preview.display,
    secret: preview.secret,
    editable: !preview.secret,
    deadline: 'command',
    check,
    ...(preview.repeat ? { repeat: true } : {}),
  });
  switch (decision.action) {
    case 'stop':
      throw new StoppedByUser(step);
    case 'skip':
      throw new SkippedByUser(step, decision.reason);
    case 'console':
      gate.takeOver?.(handOver());
      throw new HandedToConsole(step);
    case 'edit':
      return preview.secret ? undefined : decision.line;
    default:
      return undefined;
  }
};

/**
 * How a mailbox step ends when the user, not the server, ended it: skipped at a proposal, or Esc
 * while waiting for an answer. Anything else (a stop, the console) is the runner's to handle.
 */
export const userEnded = (
  ctx: StepContext,
  step: StepId,
  error: unknown,
): StepOutcome | undefined => {
  if (error instanceof SkippedByUser) return { status: 'skipped', summary: error.message };
  if (error instanceof MailmedicError && error.code === 'ECANCELLED' && ctx.gate) {
    ctx.recorder.note(step, 'cancelled by the user while waiting for the server');
    return { status: 'skipped', summary: 'cancelled by the user while waiting' };
  }
  return undefined;
};

/** Lines of a payload shown in the transcript; the rest is summarised, not dropped silently. */
export const SHOWN_PAYLOAD_LINES = 40;

export const writeCommand = (
  connection: Connection,
  recorder: SessionRecorder,
  step: StepId,
  out: Outgoing,
): void => {
  recorder.secrets.add(out.secrets);
  for (const text of out.display) recorder.client(step, text, out.secret ? { secret: true } : {});
  for (const warning of out.warnings) recorder.note(step, warning);
  connection.write(out.bytes);
};

export const recordServerLines = (
  recorder: SessionRecorder,
  step: StepId,
  lines: readonly string[],
  explain: (statusLine: string) => string,
  statusIndex = 0,
): void => {
  const shown =
    lines.length > SHOWN_PAYLOAD_LINES + 1 ? lines.slice(0, SHOWN_PAYLOAD_LINES) : lines;
  shown.forEach((line, i) => {
    recorder.server(step, line, i === statusIndex ? { explanation: explain(line) } : {});
  });
  if (shown.length < lines.length) {
    recorder.note(
      step,
      `… ${lines.length - shown.length} more lines not shown (the session keeps the first ${SHOWN_PAYLOAD_LINES})`,
    );
  }
};

/**
 * Feeds chunks to an engine, records each event, and resolves with the first event `done`
 * accepts; the deadline runs from the call (see Connection.until).
 */
export const readUntil = <E>(
  connection: Connection,
  receive: (chunk: Buffer) => E[],
  record: (event: E) => void,
  done: (event: E) => boolean,
  deadline: 'greeting' | 'command',
): Promise<E> =>
  connection.until((chunk) => {
    let found: E | undefined;
    for (const event of receive(chunk)) {
      record(event);
      if (found === undefined && done(event)) found = event;
    }
    return found;
  }, deadline);

/** Says goodbye (QUIT, LOGOUT) when the engine allows it, then closes whatever happens. */
export const closePolitely = async (
  connection: Connection,
  allowed: boolean,
  goodbye: () => Promise<unknown>,
): Promise<void> => {
  try {
    if (connection.isOpen && allowed) await goodbye();
  } catch {
    // A server that hangs up instead of answering the goodbye loses us nothing.
  } finally {
    connection.close();
  }
};

/** The Message-ID header of a header block, unfolded. */
export const messageIdOf = (headers: string): string | undefined =>
  /^message-id:[ \t]*((?:.|\r?\n[ \t])*)$/im
    .exec(headers)?.[1]
    ?.replace(/\r?\n[ \t]+/g, ' ')
    .trim();

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * The TLS of a POP3 or IMAP session, recorded as the SMTP steps record theirs: the protocol and
 * certificate line, the verification line, and a `${step}.tls` fact for the rules.
 */
export const recordMailboxTls = (
  ctx: StepContext,
  step: 'pop3' | 'imap',
  facts: NonNullable<Connection['tls']>,
  mode: 'implicit' | 'starttls',
): void => {
  const { recorder } = ctx;
  const record: TlsRecord = { ...facts, mode };
  recorder.fact(`${step}.tls`, record);
  recorder.note(
    step,
    `TLS ${facts.protocol} ${facts.cipher}; certificate ${facts.certificate.subject || '(none)'} issued by ${facts.certificate.issuer || '(unknown)'}, valid until ${facts.certificate.validTo || '?'}`,
  );
  recorder.note(
    step,
    facts.authorized
      ? `certificate verified for ${facts.servername ?? ''}`
      : `certificate NOT verified: ${facts.authorizationError ?? 'unknown reason'}${ctx.config.insecure ? '; going on because of --insecure' : ''}`,
  );
};

/** How long a mailbox step waits between two looks for the test message. */
export const POLL_MS = 2000;

/**
 * The note after a round of the poll that did not find the test message. Guided, the first
 * round's commands were the user's to let go; the later ones go again without asking (Proposal.
 * repeat), and the note says so once.
 */
export const notYet = (ctx: StepContext, round: number, what: string): string =>
  round === 1 && ctx.gate
    ? `not delivered yet; looking again every ${POLL_MS / 1000} s with ${what}, without asking again (esc ends the wait)`
    : `not delivered yet; looking again in ${POLL_MS / 1000} s (round ${round})`;

/**
 * The pause between two rounds, announced to the guided driver as a wait of the step (the wizard
 * shows it, and esc ends it through the run's signal), then slept.
 */
export const pauseBeforeRound = async (ctx: StepContext, step: StepId, next: number) => {
  const decision = await ctx.gate?.confirm({
    step,
    kind: 'step',
    display: [`wait ${POLL_MS / 1000} s, then look again (round ${next})`],
    secret: false,
    editable: false,
    repeat: true,
  });
  if (decision?.action === 'stop') throw new StoppedByUser(step);
  if (decision?.action === 'skip') throw new SkippedByUser(step, decision.reason);
  await sleep(POLL_MS, ctx.signal);
  // Esc during the pause: nothing more goes out (the step ends as cancelled, see userEnded).
  if (ctx.signal?.aborted)
    throw new MailmedicError('interrupted', { origin: 'local', code: 'ECANCELLED' });
};

/**
 * Before a mailbox login: without TLS the password goes only by consent (clearTextLogin), and
 * over TLS only when the certificate was verified or --insecure says go on. Undefined: log in.
 */
export const guardMailboxLogin = async (
  ctx: StepContext,
  step: 'pop3' | 'imap',
  connection: Connection,
  server: { host: string; port: number },
  /** TLS is on, or no password will be sent (IMAP PREAUTH). */
  secure: boolean,
  upgrade: { verb: 'STLS' | 'STARTTLS'; offered: boolean; implicitPort: number },
): Promise<StepOutcome | undefined> => {
  if (!secure) {
    const refused = await clearTextLogin(
      ctx,
      step,
      { protocol: step, host: server.host, port: server.port, user: ctx.config.mailbox!.user },
      `${upgrade.offered ? `${upgrade.verb} did not start TLS` : `the server offers no ${upgrade.verb}`}: refusing to send the password in clear text (--plaintext-auth allows it)`,
      {
        kind: 'implicit',
        port: upgrade.implicitPort,
        label: `Try ${step.toUpperCase()} over TLS on port ${upgrade.implicitPort} instead`,
      },
    );
    if (refused) return refused;
  }
  const facts = connection.tls;
  if (facts && !facts.authorized && !ctx.config.insecure)
    return {
      status: 'error',
      summary: `certificate not verified (${facts.authorizationError ?? 'unknown'}); not sending the password (use --insecure to go on)`,
    };
  return undefined;
};
