// The guided driver's hook: before a command goes out, the wizard may show it, let the user edit
// it, or hold it back. `check` runs without a gate. Secret commands are shown masked and cannot
// be edited, so the wizard never holds the secret in its state.
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
  | { action: 'stop' };

export interface CommandGate {
  confirm(proposal: Proposal): Promise<GateDecision>;
}

/** Thrown when the user chose to stop at a command; the step ends as skipped, not failed. */
export class StoppedByUser extends Error {
  constructor(readonly step: StepId) {
    super(`stopped by the user before a ${step} command`);
    this.name = 'StoppedByUser';
  }
}
