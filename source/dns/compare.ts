// Where resolvers disagree. TTLs and record order are ignored (they differ for honest reasons);
// a resolver that failed to answer is shown but is not by itself a disagreement, since that is
// reported as the resolver's own problem.
import type { Asked } from './asker.js';
import { answerTypeName, formatRdata } from './format.js';
import type { DnsQueryResult } from './query.js';

export interface DnsDifference {
  name: string;
  type: string;
  /** Per resolver label: its records as "TYPE data" (sorted), or its outcome in capitals. */
  answers: Record<string, string[]>;
}

const COMPARABLE = new Set(['answer', 'nodata', 'nxdomain', 'servfail', 'refused']);

const signature = (r: DnsQueryResult): string[] =>
  r.outcome === 'answer'
    ? r.answers.map((a) => `${answerTypeName(a)} ${formatRdata(a).toLowerCase()}`).sort()
    : [r.outcome.toUpperCase()];

export const findDifferences = (compared: readonly Asked[]): DnsDifference[] => {
  const out: DnsDifference[] = [];
  for (const asked of compared) {
    const comparable = asked.all.filter((r) => COMPARABLE.has(r.outcome));
    const keys = new Set(comparable.map((r) => JSON.stringify(signature(r))));
    if (comparable.length < 2 || keys.size < 2) continue;
    const answers: Record<string, string[]> = {};
    for (const r of asked.all) answers[r.resolver] = signature(r);
    out.push({ name: asked.primary.name, type: asked.primary.type, answers });
  }
  return out;
};
