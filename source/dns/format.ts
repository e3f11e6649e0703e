// How lookups read in the transcript: the question as "MX example.test? @resolver", the reply as
// the records themselves ("MX 10 mx1.example.test, 20 mx2.example.test (4 ms)") or the outcome
// spelled out. Record text comes from the network, so it is escaped before anyone sees it.
import { printable } from './common.js';
import type { DnsOutcome, DnsQueryResult } from './query.js';
import type { DnsAnswer } from './wire.js';

const displayName = (name: string): string => (name === '' ? '.' : printable(name));

/** One record's data, without its type: "10 mx1.example.test", "\"v=spf1 -all\"". */
export const formatRdata = (a: DnsAnswer): string => {
  switch (a.type) {
    case 'A':
    case 'AAAA':
      return a.address;
    case 'MX':
      return `${a.preference} ${displayName(a.exchange)}`;
    case 'TXT':
      return JSON.stringify(printable(a.text));
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return displayName(a.target);
    case 'SRV':
      return `${a.priority} ${a.weight} ${a.port} ${displayName(a.target)}`;
    case 'TLSA':
      return `${a.usage} ${a.selector} ${a.matchingType} ${a.data}`;
    case 'SOA':
      return `${displayName(a.primary)} ${displayName(a.admin)} ${a.serial}`;
    case 'OTHER':
      return `\\# ${a.data.length / 2} ${a.data}`;
  }
};

export const answerTypeName = (a: DnsAnswer): string =>
  a.type === 'OTHER' ? `TYPE${a.typeCode}` : a.type;

/** Records grouped by consecutive type: "CNAME mail.example.test; A 127.0.0.1, 127.0.0.2". */
export const formatAnswers = (answers: readonly DnsAnswer[]): string => {
  const groups: Array<{ type: string; items: string[] }> = [];
  for (const a of answers) {
    const type = answerTypeName(a);
    const last = groups[groups.length - 1];
    if (last && last.type === type) last.items.push(formatRdata(a));
    else groups.push({ type, items: [formatRdata(a)] });
  }
  return groups.map((g) => `${g.type} ${g.items.join(', ')}`).join('; ');
};

export const OUTCOME_MEANING: Record<DnsOutcome, string> = {
  answer: 'the name has records of this type',
  nodata: 'NODATA: the name exists but has no record of this type',
  nxdomain: 'NXDOMAIN: the name does not exist at all',
  servfail:
    'SERVFAIL: the resolver could not get an answer (a broken or unreachable authoritative server, or failed DNSSEC validation)',
  refused:
    'REFUSED: the resolver will not answer this (it may serve only its own network or its own zones)',
  timeout: 'no reply before the deadline (the resolver is down, or packets to it are dropped)',
  malformed:
    'the reply could not be read (a broken server or something in between that damages packets)',
  unreachable:
    'the resolver could not be reached (nothing listens at that address and port, or no route to it)',
};

export const formatQuestion = (r: Pick<DnsQueryResult, 'type' | 'name' | 'resolver'>): string =>
  `${r.type} ${printable(r.name)}? @${r.resolver}`;

/** The reply line of the transcript. */
export const formatResult = (r: DnsQueryResult): string => {
  const took = `(${r.durationMs} ms${r.transport === 'tcp' ? ', TCP' : ''})`;
  switch (r.outcome) {
    case 'answer':
      return `${formatAnswers(r.answers)} ${took}`;
    case 'nodata': {
      const chain = r.answers.length > 0 ? ` (after ${formatAnswers(r.answers)})` : '';
      return `NODATA: no ${r.type} record for ${printable(r.name)}${chain} ${took}`;
    }
    case 'nxdomain':
      return `NXDOMAIN: ${printable(r.name)} does not exist ${took}`;
    case 'servfail':
      return `${r.rcode ?? 'SERVFAIL'}: the resolver could not answer ${took}`;
    case 'refused':
      return `REFUSED: the resolver will not answer this query ${took}`;
    case 'timeout':
      // The error already says how long it waited.
      return printable(r.error ?? 'timeout');
    default:
      return `${printable(r.error ?? r.outcome)} ${took}`;
  }
};
