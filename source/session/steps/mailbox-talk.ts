// Shared by the POP3 and IMAP steps: writing an engine's command, recording it, and recording
// server lines with their explanation. Long payloads (a whole message) are shown in part.
import type { Connection } from '../../net/connection.js';
import type { Outgoing } from '../../protocols/common/outgoing.js';
import type { SessionRecorder } from '../../record/recorder.js';
import type { StepId, TlsRecord } from '../../record/types.js';
import type { StepContext } from './context.js';

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
