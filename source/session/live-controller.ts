// Feeds the wizard a session that is being recorded right now. The wizard reads snapshots (a new
// object after every change, as React's useSyncExternalStore needs) and asks for runs; how a
// target becomes a RunConfig is the CLI's business, passed in as a function.
import type { RunConfig } from './config.js';
import type { SessionRecorder } from '../record/recorder.js';
import { runSession } from './runner.js';
import type { Session, StepId } from '../record/types.js';
import type { CommandGate, HandedConnection } from './gate.js';

export interface LiveControllerOptions {
  version: string;
  /** Turns what the user typed into a run; throws an Error whose message the wizard shows. */
  configFor: (target: { input: string } | { lab: string }) => Promise<RunConfig>;
  labScenarios?: string[];
  signal?: AbortSignal;
  /** The guided driver's gate (see gate.ts); its `console` decision hands the connection over. */
  gate?: CommandGate;
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

  activeStep = (): StepId | undefined => this.recorder?.running;

  /** A connection the user took into the manual console (the wizard's `m`), until it is claimed. */
  private handed: HandedConnection | undefined;

  /**
   * The wizard's `m`, after the gate answered `console`: the live connection and engine in the
   * state the guided step left them, and the recorder to go on recording into. Given once; pass
   * them to session/console/take-over.ts (takeOver) to get a console on the same session.
   */
  takeOverConnection = (): (HandedConnection & { recorder: SessionRecorder }) | undefined => {
    const handed = this.handed;
    this.handed = undefined;
    return handed && this.recorder ? { ...handed, recorder: this.recorder } : undefined;
  };

  private gate(): CommandGate | undefined {
    const gate = this.options.gate;
    if (!gate) return undefined;
    return {
      confirm: (proposal) => gate.confirm(proposal),
      takeOver: (handed) => {
        this.handed = handed;
        gate.takeOver?.(handed);
        this.emit();
      },
    };
  }

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
          ...(this.options.gate ? { gate: this.gate()! } : {}),
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
