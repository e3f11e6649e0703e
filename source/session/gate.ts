// The guided driver's hook: before a step starts and before each command goes out, the wizard may
// show it, let the user edit it, skip the step, stop, or take the connection into the manual
// console. `check` runs without a gate. Secret commands are shown masked and cannot be edited, so
// the wizard never holds the secret in its state.
import type { Connection } from '../net/connection.js';
import type { DeadlineName } from '../net/deadlines.js';
import type { ImapEngine } from '../protocols/imap/engine.js';
import type { Pop3Engine } from '../protocols/pop3/engine.js';
import type { SmtpEngine } from '../protocols/smtp/engine.js';
import type { StepId } from '../record/types.js';

export interface Proposal {
  step: StepId;
  /**
   * `command`: one command line (or a pipelined group) for the server. `step`: a step that sends
   * no command of its own (DNS, connect, the banner) or runs as a whole (POP3, IMAP); display says
   * what it will do in the words of the tool one would use by hand. `consent`: credentials would
   * cross a connection without TLS; `consent` says what and why, and only `send` (never a stray
   * key: see ConsentRequest) lets them go.
   */
  kind: 'command' | 'step' | 'consent';
  /** What will be sent, one entry a line, masked where secret. */
  display: string[];
  secret: boolean;
  /** Whether `edit` is honoured (plain commands only: never secrets, never the message body). */
  editable: boolean;
  /** The wait that follows when the user goes ahead, for the wizard's countdown. */
  deadline?: DeadlineName;
  /** Why an edited line would not fit the protocol's state now, or undefined when it fits. */
  check?: (line: string) => string | undefined;
  /** For `consent`: the question. */
  consent?: ConsentRequest;
  /**
   * A later round of a poll (a mailbox step looking again for the test message): a command the
   * user already let go in the first round. The wizard sends it without asking, showing the wait.
   */
  repeat?: boolean;
}

/**
 * Credentials about to go over a connection without TLS. The answer is `send` (in clear, this
 * once), `skip` (the step ends skipped, nothing sent), or `stop` with a reason (the run ends here;
 * the wizard uses it to run again with `alternative`).
 */
export interface ConsentRequest {
  protocol: 'smtp' | 'pop3' | 'imap';
  host: string;
  port: number;
  user: string;
  /** One or two sentences: what would be exposed, to whom. */
  risk: string;
  /** What would give the same login with TLS, when something would. */
  alternative?: ConsentAlternative;
}

export type ConsentAlternative =
  /** SMTP with --tls none while the server offers STARTTLS: the TLS step can run it. */
  | { kind: 'starttls'; label: string }
  /** The same service over implicit TLS on its own port (465, 995, 993). */
  | { kind: 'implicit'; port: number; label: string };

export type GateDecision =
  | { action: 'send' }
  /** Send this line instead (plain commands only). */
  | { action: 'edit'; line: string }
  /** Leave this step out and go on with the next one that can still run. */
  | { action: 'skip'; reason?: string }
  /** End this run here (`reason`: why, for the step's summary; a consent's alternative). */
  | { action: 'stop'; reason?: string }
  /** The wizard's `m`: the manual console takes the connection over in its current state. */
  | { action: 'console' };

/**
 * A live connection and its engine, as the guided step leaves them for the console. SMTP leaves
 * `protocol` out; a mailbox step names its protocol and the name its certificate is checked for.
 */
export type HandedConnection =
  | { step: StepId; connection: Connection; protocol?: 'smtp'; engine: SmtpEngine }
  | {
      step: StepId;
      connection: Connection;
      protocol: 'pop3';
      engine: Pop3Engine;
      servername: string;
    }
  | {
      step: StepId;
      connection: Connection;
      protocol: 'imap';
      engine: ImapEngine;
      servername: string;
    };

export interface CommandGate {
  confirm(proposal: Proposal): Promise<GateDecision>;
  /** Receives the connection when the user chose `console`; the step then ends as skipped. */
  takeOver?(handed: HandedConnection): void;
}

/** Thrown when the user chose to stop at a command; the step ends as skipped, not failed. */
export class StoppedByUser extends Error {
  constructor(
    readonly step: StepId,
    how = 'stopped by the user before a',
  ) {
    super(`${how} ${step} command`);
    this.name = 'StoppedByUser';
  }
}

/** Thrown when the user skipped a step; it is recorded as skipped and the run goes on. */
export class SkippedByUser extends Error {
  constructor(
    readonly step: StepId,
    reason?: string,
  ) {
    super(`skipped by the user${reason ? `: ${reason}` : ''}`);
    this.name = 'SkippedByUser';
  }
}

/**
 * Asks the gate, if any, before a step that sends no command of its own. Resolves when the user
 * goes ahead; throws SkippedByUser or StoppedByUser otherwise.
 */
export const confirmStep = async (
  gate: CommandGate | undefined,
  step: StepId,
  display: string[],
  deadline?: DeadlineName,
): Promise<void> => {
  if (!gate) return;
  const decision = await gate.confirm({
    step,
    kind: 'step',
    display,
    secret: false,
    editable: false,
    ...(deadline ? { deadline } : {}),
  });
  if (decision.action === 'skip') throw new SkippedByUser(step, decision.reason);
  if (decision.action === 'stop') throw new StoppedByUser(step);
};
/** The user took the connection into the manual console; the guided run stops here. */
export class HandedToConsole extends StoppedByUser {
  constructor(step: StepId) {
    super(step, 'stopped by the user: continued by hand in the manual console instead of the');
    this.name = 'HandedToConsole';
  }
}
