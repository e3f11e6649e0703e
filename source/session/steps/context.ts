// What every step receives. A step records what it did in the recorder and returns how it went;
// it never decides what the user sees or how the process ends.
import type { RunConfig } from '../config.js';
import type { CommandGate } from '../gate.js';
import type { SessionRecorder } from '../../record/recorder.js';
import type { StepId, StepStatus } from '../../record/types.js';

export interface StepContext {
  config: RunConfig;
  recorder: SessionRecorder;
  signal?: AbortSignal;
  /** Clock for ids and dates (tests inject it). */
  now: () => Date;
  /** Randomness for Message-IDs (tests inject it). */
  randomId: () => string;
  /** The guided driver: the user sees, edits or stops each command before it goes. */
  gate?: CommandGate;
}

export interface StepOutcome {
  status: StepStatus;
  summary: string;
}

/** Whether the user asked for this step (the runner adds prerequisites itself). */
export const wants = (ctx: StepContext, step: StepId): boolean => ctx.config.steps.includes(step);
