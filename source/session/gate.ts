// The guided driver's hook: before a command goes out, the wizard may show it, let the user edit
// it, or hold it back. `check` runs without a gate. Secret commands are shown masked and cannot
// be edited, so the wizard never holds the secret in its state.
import type { Connection } from '../net/connection.js';
import type { SmtpEngine } from '../protocols/smtp/engine.js';
import type { StepId } from '../record/types.js';

export interface Proposal {
  step: StepId;
  /** What will be sent, one entry a line, masked where secret. */
  display: string[];
  secret: boolean;
  /** Why this command, in a sentence (for the learner). */
  purpose?: string;
}

export type GateDecision =
  | { action: 'send' }
  /** Send this line instead (plain commands only). */
  | { action: 'edit'; line: string }
  | { action: 'stop' }
  /** The wizard's `m`: the manual console takes the connection over in its current state. */
  | { action: 'console' };

/** A live SMTP connection and its engine, as the guided step leaves them for the console. */
export interface HandedConnection {
  step: StepId;
  connection: Connection;
  engine: SmtpEngine;
}

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

/** The user took the connection into the manual console; the guided run stops here. */
export class HandedToConsole extends StoppedByUser {
  constructor(step: StepId) {
    super(step, 'stopped by the user: continued by hand in the manual console instead of the');
    this.name = 'HandedToConsole';
  }
}
