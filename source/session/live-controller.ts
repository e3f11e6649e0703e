// Feeds the wizard a session that is being recorded right now. The wizard reads snapshots (a new
// object after every change, as React's useSyncExternalStore needs) and asks for runs; how a
// target becomes a RunConfig is the CLI's business, passed in as a function.
import type { RunConfig } from './config.js';
import type { SessionRecorder } from '../record/recorder.js';
import { runSession } from './runner.js';
import type { Session, StepId } from '../record/types.js';

export interface LiveControllerOptions {
  version: string;
  /** Turns what the user typed into a run; throws an Error whose message the wizard shows. */
  configFor: (target: { input: string } | { lab: string }) => Promise<RunConfig>;
  labScenarios?: string[];
  signal?: AbortSignal;
}

export class LiveSessionController {
  private recorder: SessionRecorder | undefined;
  private snapshot: Session | undefined;
  private problem: string | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: LiveControllerOptions) {}

  getSession = (): Session | undefined => this.snapshot;

  /** Why the last start() could not run (a bad target, a missing password...). */
  getProblem = (): string | undefined => this.problem;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  labScenarios = (): string[] => this.options.labScenarios ?? [];

  /** The lab scenario of the last run asked for, if it was one. */
  activeLab = (): string | undefined =>
    this.lastTarget && 'lab' in this.lastTarget ? this.lastTarget.lab : undefined;

  isRunning = (): boolean => this.running;

  activeStep = (): StepId | undefined => this.recorder?.running;

  private lastTarget: { input: string } | { lab: string } | undefined;
  private running = false;

  start = (target: { input: string } | { lab: string }): void => {
    if (this.running) return;
    this.lastTarget = target;
    this.running = true;
    this.problem = undefined;
    void this.options
      .configFor(target)
      .then((config) =>
        runSession(config, {
          version: this.options.version,
          ...(this.options.signal ? { signal: this.options.signal } : {}),
          onRecorder: (recorder) => {
            this.recorder = recorder;
            recorder.subscribe(() => this.refresh());
            this.refresh();
          },
        }),
      )
      .then(() => {
        this.running = false;
        this.refresh();
      })
      .catch((error: unknown) => {
        this.running = false;
        this.problem = error instanceof Error ? error.message : String(error);
        this.emit();
      });
  };

  /**
   * Runs the diagnosis again from the start (a fresh session), when none is running. Stepping
   * one command at a time arrives with the guided step screens; the runner's gate is ready for it.
   */
  runStep = (_id: StepId): void => {
    if (!this.running && this.lastTarget) this.start(this.lastTarget);
  };

  private refresh(): void {
    const s = this.recorder?.session;
    this.snapshot = s && {
      ...s,
      steps: [...s.steps],
      transcript: [...s.transcript],
      findings: [...s.findings],
    };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
