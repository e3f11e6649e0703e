// Reading an MX answer the way a sending MTA does (RFC 5321 5.1): lowest preference first, equal
// preferences as one group a sender picks from at random, and the null MX of RFC 7505 ("0 .")
// meaning the domain accepts no mail at all.
import type { DnsAnswer } from './wire.js';

export interface MxName {
  preference: number;
  /** Without the trailing dot; "" is the root, i.e. the "." of a null MX. */
  exchange: string;
}

export interface MxReading {
  /** Sorted by preference, then name (so the order is stable); duplicates dropped; no null MX entries. */
  records: MxName[];
  /** Groups of equal preference, in order. */
  groups: Array<{ preference: number; exchanges: string[] }>;
  /** The only MX is "0 .": the domain has declared it takes no mail. */
  nullMx: boolean;
  /** A "." exchange next to real ones, which RFC 7505 3 forbids. */
  nullMxMixed: boolean;
}

export const readMx = (answers: readonly DnsAnswer[]): MxReading => {
  const seen = new Set<string>();
  const all: MxName[] = [];
  for (const a of answers) {
    if (a.type !== 'MX') continue;
    const exchange = a.exchange.toLowerCase().replace(/\.$/, '');
    const key = `${a.preference} ${exchange}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push({ preference: a.preference, exchange });
  }
  const roots = all.filter((r) => r.exchange === '');
  const records = all
    .filter((r) => r.exchange !== '')
    .sort((x, y) => x.preference - y.preference || x.exchange.localeCompare(y.exchange));
  const groups: MxReading['groups'] = [];
  for (const r of records) {
    const last = groups[groups.length - 1];
    if (last && last.preference === r.preference) last.exchanges.push(r.exchange);
    else groups.push({ preference: r.preference, exchanges: [r.exchange] });
  }
  return {
    records,
    groups,
    nullMx: roots.length > 0 && records.length === 0,
    nullMxMixed: roots.length > 0 && records.length > 0,
  };
};

/** "MX 10 mx1.example.test, 20 mx2.example.test" as one sentence for notes. */
export const describeGroups = (groups: MxReading['groups']): string =>
  groups
    .map((g) =>
      g.exchanges.length > 1
        ? `preference ${g.preference}: ${g.exchanges.join(', ')} (equal preference: senders pick among them at random)`
        : `preference ${g.preference}: ${g.exchanges[0] ?? ''}`,
    )
    .join('; then ');
