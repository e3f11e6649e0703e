// One question to one resolver, with one deadline that covers the UDP try, its retransmissions
// and the TCP retry after a truncated reply. The result says which of the outcomes it was in
// words a support engineer can read out on a call.
import { randomInt } from 'node:crypto';
import { InputError } from './common.js';
import type { ExchangeResult, Expectation } from './exchange.js';
import type { Resolver } from './resolvers.js';
import { tcpExchange } from './tcp.js';
import { udpExchange } from './udp.js';
import type { DnsAnswer, QueryType } from './wire.js';
import { RR_TYPES, encodeQuery, isQueryableName, rcodeName } from './wire.js';

export type DnsOutcome =
  | 'answer'
  | 'nodata'
  | 'nxdomain'
  | 'servfail'
  | 'refused'
  | 'timeout'
  | 'malformed'
  /** No exchange was possible: nothing listens (ICMP port unreachable, TCP refused), no route. */
  | 'unreachable';

/** Outcomes where the resolver gave a real answer about the name, as opposed to failing. */
export const DEFINITIVE_OUTCOMES: ReadonlySet<DnsOutcome> = new Set([
  'answer',
  'nodata',
  'nxdomain',
]);

export interface DnsQueryResult {
  name: string;
  type: QueryType;
  /** The resolver's label. */
  resolver: string;
  outcome: DnsOutcome;
  /** Every record of the answer section (a CNAME chain included), in the order received. */
  answers: DnsAnswer[];
  durationMs: number;
  transport: 'udp' | 'tcp';
  truncatedRetriedOverTcp?: boolean;
  /** The resolver set AD: it validated the answer with DNSSEC. */
  authenticated?: boolean;
  /** The response code's name when a reply came: NOERROR, NXDOMAIN, SERVFAIL, ... */
  rcode?: string;
  /** Datagrams or messages that were not the reply and were ignored (spoofed, stale, stray). */
  ignored?: string[];
  error?: string;
}

export interface QueryOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

const ownerKey = (name: string): string => name.replace(/\.$/, '').toLowerCase();

/**
 * The answer records that answer the question: owned by the name asked or by a name on its CNAME
 * chain (RFC 1034 3.6.2). Anything else in the answer section (an MX for another domain, say) is
 * what a cache-poisoning attempt or a broken resolver adds; it is set aside and noted.
 */
export const onQuestionChain = (
  name: string,
  answers: readonly DnsAnswer[],
): { kept: DnsAnswer[]; strays: DnsAnswer[] } => {
  const chain = new Set([ownerKey(name)]);
  // Follow CNAMEs in any order they came, at most once per record.
  for (let grew = true; grew;) {
    grew = false;
    for (const a of answers) {
      if (a.type !== 'CNAME' || !chain.has(ownerKey(a.name))) continue;
      const next = ownerKey(a.target);
      if (!chain.has(next)) {
        chain.add(next);
        grew = true;
      }
    }
  }
  const kept: DnsAnswer[] = [];
  const strays: DnsAnswer[] = [];
  for (const a of answers) (chain.has(ownerKey(a.name)) ? kept : strays).push(a);
  return { kept, strays };
};

const outcomeOfReply = (
  answers: readonly DnsAnswer[],
  rcode: number,
  type: QueryType,
): DnsOutcome => {
  switch (rcode) {
    case 0:
      return answers.some((a) => a.type === type) ? 'answer' : 'nodata';
    case 3:
      return 'nxdomain';
    case 5:
      return 'refused';
    default:
      // SERVFAIL, and FORMERR/NOTIMP too: the resolver could not answer a well-formed query.
      return 'servfail';
  }
};

const failureText = (
  result: ExchangeResult,
  resolver: Resolver,
  timeoutMs: number,
  overTcp: boolean,
): string => {
  const via = overTcp ? ' over TCP (after a truncated UDP reply)' : '';
  switch (result.kind) {
    case 'timeout':
      return `no reply from ${resolver.label} within ${timeoutMs} ms${via}`;
    case 'aborted':
      return `the query to ${resolver.label} was cancelled`;
    case 'malformed':
      return `malformed reply from ${resolver.label}${via}: ${result.reason}`;
    case 'unreachable':
      return result.code === 'ECONNREFUSED'
        ? `${resolver.label} refused the connection: nothing listens there${overTcp ? ' on TCP' : ' on UDP'}`
        : `${resolver.label} could not be reached${via}: ${result.message}`;
    default:
      return '';
  }
};

/** Asks one resolver one question. Never throws for network trouble; throws InputError for a name that cannot be asked. */
export const query = async (
  resolver: Resolver,
  name: string,
  type: QueryType,
  options: QueryOptions,
): Promise<DnsQueryResult> => {
  const bare = name.replace(/\.$/, '');
  if (!isQueryableName(bare))
    throw new InputError('name', `"${name}" is not a name that can be looked up`);
  const started = performance.now();
  const deadlineAt = started + options.timeoutMs;
  const expect: Expectation = { id: randomInt(0x10000), name: bare, typeCode: RR_TYPES[type] };
  const packet = encodeQuery(expect.id, bare, type);

  let result = await udpExchange(resolver, packet, expect, deadlineAt, options.signal);
  let transport: 'udp' | 'tcp' = 'udp';
  const ignored = [...result.ignored];
  let retried = false;
  if (result.kind === 'reply' && result.reply.truncated) {
    retried = true;
    transport = 'tcp';
    result = await tcpExchange(resolver, packet, expect, deadlineAt, options.signal);
    ignored.push(...result.ignored);
  }

  const base = {
    name: bare,
    type,
    resolver: resolver.label,
    durationMs: Math.round(performance.now() - started),
    transport,
    ...(retried ? { truncatedRetriedOverTcp: true } : {}),
    ...(ignored.length > 0 ? { ignored } : {}),
  };
  if (result.kind === 'reply') {
    const { kept, strays } = onQuestionChain(bare, result.reply.answers);
    const outcome = outcomeOfReply(kept, result.reply.rcode, type);
    const rcode = rcodeName(result.reply.rcode);
    const strayNotes = strays.map(
      (a) =>
        `answer record ${a.type} for ${a.name || '.'}: neither ${bare} nor on its CNAME chain (${resolver.label} added it; not used)`,
    );
    return {
      ...base,
      ...(ignored.length + strayNotes.length > 0 ? { ignored: [...ignored, ...strayNotes] } : {}),
      outcome,
      answers: kept,
      authenticated: result.reply.authenticated,
      rcode,
      ...(outcome === 'servfail' || outcome === 'refused'
        ? { error: `${resolver.label} answered ${rcode}` }
        : {}),
    };
  }
  const outcome: DnsOutcome =
    result.kind === 'malformed'
      ? 'malformed'
      : result.kind === 'unreachable'
        ? 'unreachable'
        : 'timeout';
  return {
    ...base,
    outcome,
    answers: [],
    error: failureText(result, resolver, options.timeoutMs, retried),
  };
};
