// Asks questions for one step: every resolver in parallel (so their answers can be compared),
// each query bounded by its own timeout and by what is left of the step's time. The answer used
// is the first resolver's, unless it failed and a later one answered, as a stub resolver would.
// Transcript lines are kept in the order the questions were asked, not the order replies came
// in, so the same lookups always read the same way.
import { setMaxListeners } from 'node:events';
import { formatQuestion, formatResult } from './format.js';
import type { DnsQueryResult } from './query.js';
import { DEFINITIVE_OUTCOMES, query } from './query.js';
import type { Resolver } from './resolvers.js';
import type { QueryType } from './wire.js';

export interface LogLine {
  dir: 'client' | 'server' | 'note';
  text: string;
}

/**
 * Asked before each question goes out (the guided wizard shows it and waits for the user); a
 * throw ends the step. The time it waits does not count against the step's deadline.
 */
export type BeforeQuery = (name: string, type: QueryType) => Promise<void>;

export interface Asked {
  /** The result the step reasons with. */
  primary: DnsQueryResult;
  /** One per resolver asked, in resolver order. */
  all: DnsQueryResult[];
}

/** Below this, a query could not even make a round trip on loopback; it is not sent. */
const MIN_QUERY_MS = 5;

/**
 * Queries of one step in flight at once, each listening for Ctrl-C: every resolver times the
 * lookups that run side by side (MX hosts' addresses, SPF includes, TLSA...). Node warns
 * (MaxListenersExceededWarning) past 10 listeners on one signal, which is a leak detector, not a
 * bound; the step's own signal says how many it really expects.
 */
const MAX_QUERIES_IN_FLIGHT = 512;

export class Asker {
  private readonly slots: Array<{ lines: LogLine[]; queries: DnsQueryResult[] }> = [];
  /** Every (name, type) asked of more than one resolver, for comparing answers. */
  readonly compared: Asked[] = [];
  ranOutOfTime = false;
  /** The step's own signal, following the caller's: one listener on the caller's signal. */
  private readonly signal?: AbortSignal;

  /** Questions waiting for `before`, and the time spent with at least one waiting. */
  private waiting = 0;
  private waitingSince = 0;
  private waitedMs = 0;

  constructor(
    readonly resolvers: readonly Resolver[],
    private readonly deadlineAt: number,
    private readonly queryTimeoutMs: number,
    signal?: AbortSignal,
    private readonly before?: BeforeQuery,
    /** Each transcript line as it is made (the guided wizard shows answers as they come). */
    private readonly onLine?: (line: LogLine) => void,
  ) {
    if (signal) {
      this.signal = AbortSignal.any([signal]);
      setMaxListeners(MAX_QUERIES_IN_FLIGHT, this.signal);
    }
  }

  private slot(): { lines: LogLine[]; queries: DnsQueryResult[] } {
    const slot = { lines: [] as LogLine[], queries: [] as DnsQueryResult[] };
    this.slots.push(slot);
    return slot;
  }

  note(text: string): void {
    this.push(this.slot(), { dir: 'note', text });
  }

  private push(slot: { lines: LogLine[] }, line: LogLine): void {
    slot.lines.push(line);
    this.onLine?.(line);
  }

  private timeoutNow(): number {
    const now = performance.now();
    const waited = this.waitedMs + (this.waiting > 0 ? now - this.waitingSince : 0);
    return Math.floor(Math.min(this.queryTimeoutMs, this.deadlineAt + waited - now));
  }

  /** Waits for `before`; the step's deadline stands still meanwhile (a person is reading). */
  private async cleared(name: string, type: QueryType): Promise<void> {
    if (!this.before) return;
    if (this.waiting === 0) this.waitingSince = performance.now();
    this.waiting += 1;
    try {
      await this.before(name, type);
    } finally {
      this.waiting -= 1;
      if (this.waiting === 0) this.waitedMs += performance.now() - this.waitingSince;
    }
  }

  private notAsked(resolver: Resolver, name: string, type: QueryType): DnsQueryResult {
    this.ranOutOfTime = true;
    return {
      name: name.replace(/\.$/, ''),
      type,
      resolver: resolver.label,
      outcome: 'timeout',
      answers: [],
      durationMs: 0,
      transport: 'udp',
      error: this.signal?.aborted
        ? 'not asked: the DNS step was cancelled'
        : 'not asked: the time for the DNS step ran out',
    };
  }

  private async one(resolver: Resolver, name: string, type: QueryType): Promise<DnsQueryResult> {
    const timeoutMs = this.timeoutNow();
    if (timeoutMs < MIN_QUERY_MS || this.signal?.aborted)
      return this.notAsked(resolver, name, type);
    return query(resolver, name, type, {
      timeoutMs,
      ...(this.signal ? { signal: this.signal } : {}),
    });
  }

  private record(
    slot: { lines: LogLine[]; queries: DnsQueryResult[] },
    result: DnsQueryResult,
  ): void {
    slot.queries.push(result);
    this.push(slot, { dir: 'client', text: formatQuestion(result) });
    for (const reason of result.ignored ?? [])
      this.push(slot, { dir: 'note', text: `ignored ${reason}` });
    if (result.truncatedRetriedOverTcp) {
      this.push(slot, {
        dir: 'note',
        text: 'the UDP reply was truncated (TC bit): asked again over TCP',
      });
    }
    this.push(slot, { dir: 'server', text: formatResult(result) });
  }

  /**
   * mode 'all': every resolver at once (answers compared). mode 'first': the first resolver, then
   * the next only if it failed; for follow-up lookups whose comparison would only add noise.
   */
  async ask(name: string, type: QueryType, mode: 'all' | 'first' = 'all'): Promise<Asked> {
    const slot = this.slot();
    await this.cleared(name, type);
    let all: DnsQueryResult[];
    if (mode === 'all') {
      all = await Promise.all(this.resolvers.map((r) => this.one(r, name, type)));
    } else {
      all = [];
      for (const resolver of this.resolvers) {
        const result = await this.one(resolver, name, type);
        all.push(result);
        if (DEFINITIVE_OUTCOMES.has(result.outcome)) break;
      }
    }
    for (const result of all) this.record(slot, result);
    const primary = all.find((r) => DEFINITIVE_OUTCOMES.has(r.outcome)) ?? all[0];
    if (!primary) throw new Error('Asker: no resolver to ask');
    const asked = { primary, all };
    if (mode === 'all' && all.length > 1) this.compared.push(asked);
    return asked;
  }

  get log(): LogLine[] {
    return this.slots.flatMap((s) => s.lines);
  }

  get queries(): DnsQueryResult[] {
    return this.slots.flatMap((s) => s.queries);
  }
}
