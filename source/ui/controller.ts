// The wizard's only window onto a session. The UI never runs a step itself: it reads the record
// through this interface and asks for work to be done, so the same screens can show a live
// diagnosis, the practice lab, or a saved report.
import type { Session, StepId } from '../record/types.js';
import type { ReportFormat } from '../report/index.js';

export type WizardStart = { input: string } | { lab: string };

/** Where to write a report of the session on screen, and in which format. */
export interface ExportRequest {
  format: ReportFormat;
  /** As typed: relative paths are taken from the directory mailmedic was started in. */
  path: string;
}

/** The absolute path written, or a sentence saying why not (never a throw). */
export type ExportResult = { ok: true; path: string } | { ok: false; message: string };

export type CopyResult = { ok: true } | { ok: false; message: string };

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
  /** Writes a report of the current session (the UI never touches the file system itself). */
  exportReport?(request: ExportRequest): Promise<ExportResult>;
  /** Puts text on the terminal's clipboard (OSC 52); the text is already sanitised. */
  copyToClipboard?(text: string): CopyResult;
  /** Set for `mailmedic open FILE`: a saved session, where nothing talks to a server. */
  savedFrom?: string;
}
