// Builds the one session record. Steps and drivers append to it; the wizard subscribes to it;
// reports read the finished record. Every text that enters passes through printable() and the
// secret registry here, so no other layer has to remember to.
import { printable } from '../protocols/common/printable.js';
import { SecretRegistry } from './secrets.js';
import type {
  Direction,
  Finding,
  Session,
  StepId,
  StepRecord,
  StepStatus,
  Target,
  TranscriptEntry,
} from './types.js';
import { SESSION_SCHEMA } from './types.js';

export interface RecorderOptions {
  version: string;
  /** Injected so tests get stable times. */
  now?: () => number;
}

export interface LineOptions {
  secret?: boolean;
  explanation?: string;
}

export class SessionRecorder {
  readonly session: Session;
  readonly secrets = new SecretRegistry();
  private readonly now: () => number;
  private readonly started: number;
  private readonly stepStarts = new Map<StepId, number>();
  private readonly listeners = new Set<() => void>();

  constructor(target: Target, options: RecorderOptions) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.session = {
      schema: SESSION_SCHEMA,
      tool: { name: 'mailmedic', version: options.version },
      startedAt: new Date(this.started).toISOString(),
      target,
      steps: [],
      transcript: [],
      findings: [],
      facts: {},
    };
  }

  /** Listeners run after every change (the wizard re-renders from them). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  elapsed(): number {
    return Math.max(0, Math.round(this.now() - this.started));
  }

  /** Appends a transcript line; returns its index (findings cite lines by index). */
  line(step: StepId, dir: Direction, text: string, options: LineOptions = {}): number {
    const entry: TranscriptEntry = {
      t: this.elapsed(),
      step,
      dir,
      text: printable(this.secrets.mask(text)),
    };
    if (options.secret) entry.secret = true;
    if (options.explanation) entry.explanation = printable(this.secrets.mask(options.explanation));
    this.session.transcript.push(entry);
    this.changed();
    return this.session.transcript.length - 1;
  }

  client(step: StepId, text: string, options: LineOptions = {}): number {
    return this.line(step, 'client', text, options);
  }
  server(step: StepId, text: string, options: LineOptions = {}): number {
    return this.line(step, 'server', text, options);
  }
  note(step: StepId, text: string): number {
    return this.line(step, 'note', text);
  }

  beginStep(step: StepId): void {
    this.stepStarts.set(step, this.now());
    this.changed();
  }

  get running(): StepId | undefined {
    const done = new Set(this.session.steps.map((s) => s.id));
    return [...this.stepStarts.keys()].find((id) => !done.has(id));
  }

  endStep(step: StepId, status: StepStatus, summary: string): StepRecord {
    const began = this.stepStarts.get(step) ?? this.now();
    const record: StepRecord = {
      id: step,
      status,
      durationMs: Math.max(0, Math.round(this.now() - began)),
      summary: printable(this.secrets.mask(summary)),
    };
    const existing = this.session.steps.findIndex((s) => s.id === step);
    if (existing >= 0) this.session.steps[existing] = record;
    else this.session.steps.push(record);
    this.changed();
    return record;
  }

  skipStep(step: StepId, reason: string): StepRecord {
    this.stepStarts.set(step, this.now());
    return this.endStep(step, 'skipped', reason);
  }

  stepStatus(step: StepId): StepStatus | undefined {
    return this.session.steps.find((s) => s.id === step)?.status;
  }

  fact(key: string, value: unknown): void {
    (this.session.facts ??= {})[key] = value;
    this.changed();
  }

  setFindings(findings: Finding[]): void {
    this.session.findings = findings;
    this.changed();
  }

  update(change: (session: Session) => void): void {
    change(this.session);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
