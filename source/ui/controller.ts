// The wizard's only window onto a session. The UI never runs a step itself: it reads the record
// through this interface and asks for work to be done, so the same screens can show a live
// diagnosis, the practice lab, or a saved report.
import type { Session, StepId } from '../record/types.js';
import type { LabLesson } from './screens/lab/lesson.js';

export type WizardStart = { input: string } | { lab: string };

export interface WizardController {
  /**
   * Undefined until a target is chosen. Must return the same object until the session changes
   * (useSyncExternalStore compares by identity and re-renders forever otherwise).
   */
  getSession(): Session | undefined;
  /** For useSyncExternalStore; the listener is called on every session change. */
  subscribe(listener: () => void): () => void;
  /** The user chose a target or a lab scenario. */
  start(target: WizardStart): void;
  /** The user asked to run or advance a step (may be a no-op for now). */
  runStep(id: StepId): void;
  /** For the start screen's lab choice. */
  labScenarios(): string[];
  /** The step running right now, for the rail's ◐; without it no step shows as running. */
  activeStep?(): StepId | undefined;
  /** Why the last start() could not run (a bad target, a missing password); shown on the start screen. */
  getProblem?(): string | undefined;
  /** The practice lessons (the lab's scenarios with their stories), when the lab is available. */
  labLessons?(): readonly LabLesson[];
  /** The lab scenario the current session runs against, if it does. */
  activeLab?(): string | undefined;
  /** True while a run is in progress (the lesson's verdict waits for the end). */
  isRunning?(): boolean;
}
