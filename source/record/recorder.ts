// Builds the one session record. Steps and drivers append to it; the wizard subscribes to it;
// reports read the finished record. Every text that enters (transcript, summaries, facts, findings,
// DNS and TLS records, failures) passes through the gate and the secret registry here, so no other
// layer has to remember to. The transcript kept per step is bounded: a flood keeps its head and
// its tail and says how many lines it did not keep.
import { gate, gateDeep } from './gate.js';
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
  /** Smaller bounds let tests flood cheaply. */
  bounds?: TranscriptBounds;
}

/** What one step keeps of its transcript: the head as it came, then the most recent tail. */
export interface TranscriptBounds {
  headLines: number;
  headBytes: number;
  tailLines: number;
  tailBytes: number;
}

export const TRANSCRIPT_BOUNDS: Readonly<TranscriptBounds> = {
  headLines: 2_000,
  headBytes: 1024 * 1024,
  tailLines: 500,
  tailBytes: 256 * 1024,
};

interface StepTranscript {
  lines: number;
  bytes: number;
  /** Entries past the head, held back until the step ends or another step speaks. */
  tail: TranscriptEntry[];
  tailBytes: number;
  dropped: number;
  /** The "N lines not kept" note, updated in place. */
  marker?: TranscriptEntry;
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
  private readonly kept = new Map<StepId, StepTranscript>();
  private flooding?: StepId;
  private readonly bounds: Readonly<TranscriptBounds>;

  constructor(target: Target, options: RecorderOptions) {
    this.now = options.now ?? Date.now;
    this.bounds = options.bounds ?? TRANSCRIPT_BOUNDS;
    this.started = this.now();
    this.session = {
      schema: SESSION_SCHEMA,
      tool: { name: 'mailmedic', version: options.version },
      startedAt: new Date(this.started).toISOString(),
      target: gateDeep(target),
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

  /**
   * Appends a transcript line; returns its index (findings cite lines by index), or -1 for a line
   * held in a flooding step's tail (it gets its index when the step ends).
   */
  line(step: StepId, dir: Direction, text: string, options: LineOptions = {}): number {
    const entry: TranscriptEntry = {
      t: this.elapsed(),
      step,
      dir,
      text: gate(text, this.secrets),
    };
    if (options.secret) entry.secret = true;
    if (options.explanation) entry.explanation = gate(options.explanation, this.secrets);
    if (this.flooding !== undefined && this.flooding !== step) this.flushTail(this.flooding);
    const kept = this.keptOf(step);
    const size = entry.text.length + (entry.explanation?.length ?? 0);
    if (
      kept.marker === undefined &&
      (kept.lines >= this.bounds.headLines || kept.bytes + size > this.bounds.headBytes)
    ) {
      kept.marker = { t: entry.t, step, dir: 'note', text: '' };
      this.session.transcript.push(kept.marker);
      this.flooding = step;
    }
    if (kept.marker === undefined) {
      kept.lines += 1;
      kept.bytes += size;
      this.session.transcript.push(entry);
      this.changed();
      return this.session.transcript.length - 1;
    }
    kept.tail.push(entry);
    kept.tailBytes += size;
    while (
      kept.tail.length > this.bounds.tailLines ||
      (kept.tail.length > 1 && kept.tailBytes > this.bounds.tailBytes)
    ) {
      const old = kept.tail.shift()!;
      kept.tailBytes -= old.text.length + (old.explanation?.length ?? 0);
      kept.dropped += 1;
    }
    kept.marker.text = `… ${kept.dropped} line(s) not kept (this step keeps its first ${this.bounds.headLines} and its last ${this.bounds.tailLines} lines) …`;
    this.changed();
    return -1;
  }

  private keptOf(step: StepId): StepTranscript {
    let kept = this.kept.get(step);
    if (!kept) {
      kept = { lines: 0, bytes: 0, tail: [], tailBytes: 0, dropped: 0 };
      this.kept.set(step, kept);
    }
    return kept;
  }

  /** Moves a flooding step's tail into the transcript, after its "not kept" note. */
  private flushTail(step: StepId): void {
    const kept = this.kept.get(step);
    if (this.flooding === step) this.flooding = undefined;
    if (!kept || kept.tail.length === 0) return;
    this.session.transcript.push(...kept.tail);
    kept.lines += kept.tail.length;
    kept.tail = [];
    kept.tailBytes = 0;
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
    if (this.flooding !== undefined) this.flushTail(this.flooding);
    this.stepStarts.set(step, this.now());
    this.changed();
  }

  get running(): StepId | undefined {
    const done = new Set(this.session.steps.map((s) => s.id));
    return [...this.stepStarts.keys()].find((id) => !done.has(id));
  }

  endStep(step: StepId, status: StepStatus, summary: string): StepRecord {
    this.flushTail(step);
    const began = this.stepStarts.get(step) ?? this.now();
    const record: StepRecord = {
      id: step,
      status,
      durationMs: Math.max(0, Math.round(this.now() - began)),
      summary: gate(summary, this.secrets),
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

  /** Facts hold server text (a login reply may echo the password): gated and masked like lines. */
  fact(key: string, value: unknown): void {
    (this.session.facts ??= {})[key] = gateDeep(value, this.secrets);
    this.changed();
  }

  /** Findings quote server text (a banner word, a certificate subject, a TXT string). */
  setFindings(findings: Finding[]): void {
    if (this.flooding !== undefined) this.flushTail(this.flooding);
    this.session.findings = gateDeep(findings, this.secrets);
    this.changed();
  }

  /** Everything but the transcript (gated line by line as it came) is gated again after a change. */
  update(change: (session: Session) => void): void {
    change(this.session);
    const { transcript, ...rest } = this.session;
    Object.assign(this.session, gateDeep(rest, this.secrets), { transcript });
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
