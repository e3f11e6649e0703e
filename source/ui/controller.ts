// The wizard's only window onto a session. The UI never runs a step itself: it reads the record
// through this interface and asks for work to be done, so the same screens can show a live
// diagnosis, the practice lab, or a saved report.
import type { NextAction, Session, StepId, WizardSettings } from '../record/types.js';
import type { ReportFormat } from '../report/index.js';
import type { LabLesson } from './screens/lab/lesson.js';
import type { ConsoleController } from './screens/console/controller.js';

export type WizardStart =
  | {
      input: string;
      /** Settings the start screen asked for (the goal's own), over the command line's. */
      settings?: Partial<WizardSettings>;
      /** Typed on the start screen; kept by the controller, in memory only. */
      password?: string;
    }
  | { lab: string };

/** A command (or a step without commands) the guided run proposes and waits on. */
export interface PendingCommand {
  /** Changes with every proposal, so a key meant for one cannot answer the next. */
  id: number;
  step: StepId;
  /** `consent`: credentials would go without TLS; answered by answerConsent only. */
  kind: 'command' | 'step' | 'consent';
  /** What will go out, masked where secret. */
  display: readonly string[];
  secret: boolean;
  editable: boolean;
  /** For `consent`: the question's risk sentence and its choices. */
  consent?: ConsentQuestion;
}

/** The answers to the clear-text question; `tls` runs again with TLS (see choices). */
export type ConsentChoiceId = 'send' | 'tls' | 'skip';

export interface ConsentQuestion {
  /** Where and as whom: "pop3 127.0.0.1:110 as alice". */
  where: string;
  /** One or two sentences: what would be exposed, to whom. */
  risk: string;
  /** The safe choices first, "send in clear" last: a stray enter never sends a password. */
  choices: ReadonlyArray<{ id: ConsentChoiceId; label: string }>;
}

export type GuidedAnswer =
  | { action: 'send' }
  | { action: 'edit'; line: string }
  | { action: 'skip'; reason?: string }
  | { action: 'stop' };

/** The wait in progress: what for, since when, and when it gives up. */
export interface WaitInfo {
  step: StepId;
  /** Epoch milliseconds. */
  since: number;
  /** How long the wait may last, in milliseconds; undefined when it has no deadline of its own. */
  deadlineMs?: number;
  what: string;
}

/** Where the manual console would connect. */
export interface ConsoleTarget {
  host: string;
  port: number;
  tls: boolean;
  /** The practice lab's server in the role of `port` (25, 587, 110, 143...), started on demand. */
  lab?: boolean;
}

/** The guided run as the screens see it; a new object whenever anything in it changes. */
export interface GuideState {
  /** guided: each step waits for the user; auto: runs on, back to guided at the first error. */
  mode: 'guided' | 'auto';
  running: boolean;
  pending?: PendingCommand;
  wait?: WaitInfo;
  settings: WizardSettings;
  /** Whether a password is held (never the password). */
  hasPassword: boolean;
  /** How many runs this session has had. */
  runs: number;
}

/** A change from the settings form; a password only when the user typed one. */
export interface SettingsChange {
  settings: WizardSettings;
  password?: string;
}

/** Where to write a report of the session on screen, and in which format. */
export interface ExportRequest {
  format: ReportFormat;
  /** As typed: relative paths are taken from the directory mailmedic was started in. */
  path: string;
  /** Another session than the controller's: the manual console's, opened from the wizard. */
  session?: Session;
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
  /** The user asked to run or advance a step: answers a pending proposal, or runs again from it. */
  runStep(id: StepId): void;
  /** For the start screen's lab choice. */
  labScenarios(): string[];
  /** The step running right now, for the rail's ◐; without it no step shows as running. */
  activeStep?(): StepId | undefined;
  /** Why the last start() could not run (a bad target, a missing password); shown on the start screen. */
  getProblem?(): string | undefined;

  // The guided run (absent for a saved session, where nothing runs). Same identity rule as
  // getSession for getGuide.
  getGuide?(): GuideState | undefined;
  /** Answers the pending proposal (id must match, so a stale key cannot answer the next one). */
  answer?(id: number, answer: GuidedAnswer): void;
  /**
   * Answers a pending clear-text question (kind `consent`); answer() never sends a password in
   * clear, so a stray enter or "run all" cannot either.
   */
  answerConsent?(id: number, choice: ConsentChoiceId): void;
  /** Why an edited line would not fit the protocol's state now, or undefined. */
  checkLine?(line: string): string | undefined;
  /** Runs the remaining steps without stopping; back to guided at the first error. */
  runAll?(): void;
  /** Gives up the wait in progress: the step is recorded as cancelled, the session stays. */
  cancelWait?(): void;
  /** New settings for the next run (a password typed in the form goes along, once). */
  applySettings?(change: SettingsChange): void;
  /** Applies a finding's action to the settings and runs again from the step it names. */
  takeAction?(action: NextAction, step?: StepId): void;
  /** Where the manual console would connect now. */
  openConsole?(): ConsoleTarget | undefined;
  /**
   * The manual console: on the live connection when a guided SMTP command is waiting (typing goes
   * on where the guide stopped, into the same session), else on a new connection to the target or
   * to `where`. Rejects with a message to show when it cannot connect.
   */
  openManualConsole?(where?: ConsoleTarget): Promise<ConsoleController>;
  /** Writes a report of the current session (the UI never touches the file system itself). */
  exportReport?(request: ExportRequest): Promise<ExportResult>;
  /** Puts text on the terminal's clipboard (OSC 52); the text is already sanitised. */
  copyToClipboard?(text: string): CopyResult;
  /** Set for `mailmedic open FILE`: a saved session, where nothing talks to a server. */
  savedFrom?: string;
  /** The practice lessons (the lab's scenarios with their stories), when the lab is available. */
  labLessons?(): readonly LabLesson[];
  /** The lab scenario the current session runs against, if it does. */
  activeLab?(): string | undefined;
  /** True while a run is in progress (the lesson's verdict waits for the end). */
  isRunning?(): boolean;
}
