// The domain's policy records read and judged: SPF (with its includes fetched while that stays
// cheap, to count lookups as a receiver would), DMARC, MTA-STS, TLS-RPT, DANE TLSA and the SRV
// records of RFC 6186/8314 that say where a mail client should connect.
import type { Asked, Asker } from './asker.js';
import { OUTCOME_MEANING } from './format.js';
import type { TagRecord } from './policy.js';
import { analyseDmarc, analyseMtaSts, analyseTlsRpt, selectTagged } from './policy.js';
import type { ProblemList } from './problems.js';
import { listSome } from './problems.js';
import type { DnsOutcome } from './query.js';
import { DEFINITIVE_OUTCOMES } from './query.js';
import type { SpfAnalysis, SpfQualifier, SpfTerm } from './spf.js';
import { SPF_LOOKUP_LIMIT, parseSpf, selectSpf } from './spf.js';
import { isQueryableName } from './wire.js';

const txtOf = (asked: Asked): string[] =>
  asked.primary.answers.flatMap((a) => (a.type === 'TXT' ? [a.text] : []));

const failed = (outcome: DnsOutcome): boolean => !DEFINITIVE_OUTCOMES.has(outcome);

// ---- SPF -------------------------------------------------------------------------------------

export interface SpfInclude {
  domain: string;
  outcome: DnsOutcome;
  record?: string;
  /** DNS-querying terms in that record alone. */
  lookups: number;
  error?: string;
}

export interface SpfResult {
  name: string;
  outcome: DnsOutcome;
  /** Every v=spf1 record found (more than one is itself the problem). */
  records: string[];
  record?: string;
  terms: SpfTerm[];
  all?: SpfQualifier;
  /** DNS-querying terms in the domain's own record. */
  lookups: number;
  /** Including the records reached through include: and redirect=. */
  lookupsTotal: number;
  /** False when some include was not fetched (too many, or no time left): lookupsTotal is then a lower bound. */
  expanded: boolean;
  includes: SpfInclude[];
  errors: string[];
  warnings: string[];
}

/** Fetching stops here; past 10 lookups the verdict is already permerror. */
const MAX_SPF_FETCHES = 12;

interface Fetched {
  analysis?: SpfAnalysis;
  entry: SpfInclude;
}

const fetchIncludes = async (
  asker: Asker,
  own: SpfAnalysis,
): Promise<{ fetched: Map<string, Fetched>; complete: boolean }> => {
  const fetched = new Map<string, Fetched>();
  let complete = true;
  let frontier = [...new Set(own.references)];
  while (frontier.length > 0) {
    const fresh = frontier.filter((d) => !fetched.has(d) && isQueryableName(d));
    const batch = fresh.slice(0, Math.max(0, MAX_SPF_FETCHES - fetched.size));
    if (batch.length < fresh.length) complete = false;
    if (batch.length === 0) break;
    const results = await Promise.all(batch.map((domain) => asker.ask(domain, 'TXT', 'first')));
    const next: string[] = [];
    batch.forEach((domain, i) => {
      const asked = results[i];
      const outcome = asked?.primary.outcome ?? 'timeout';
      const records = asked ? selectSpf(txtOf(asked)) : [];
      const entry: SpfInclude = { domain, outcome, lookups: 0 };
      let analysis: SpfAnalysis | undefined;
      if (failed(outcome)) {
        entry.error = asked?.primary.error ?? OUTCOME_MEANING[outcome];
        complete = false;
      } else if (records.length === 0) {
        entry.error =
          outcome === 'nxdomain' ? `${domain} does not exist` : `${domain} has no SPF record`;
      } else if (records.length > 1) {
        entry.error = `${domain} has ${records.length} SPF records`;
      } else {
        entry.record = records[0];
        analysis = parseSpf(records[0] ?? '');
        entry.lookups = analysis.lookups;
        if (analysis.errors.length > 0) entry.error = `${domain}: ${analysis.errors.join('; ')}`;
        next.push(...analysis.references);
      }
      fetched.set(domain, { analysis, entry });
    });
    frontier = [...new Set(next)];
  }
  return { fetched, complete };
};

/** Lookups as an evaluator counts them: each reference costs its record's lookups, every time. */
const countTotal = (
  own: SpfAnalysis,
  fetched: Map<string, Fetched>,
): { total: number; loop?: string } => {
  let loop: string | undefined;
  const walk = (analysis: SpfAnalysis, path: string[]): number => {
    let total = analysis.lookups;
    for (const ref of analysis.references) {
      if (path.includes(ref)) {
        loop = [...path, ref].join(' -> ');
        return Number.POSITIVE_INFINITY;
      }
      const child = fetched.get(ref)?.analysis;
      if (child) total += walk(child, [...path, ref]);
      if (total > 100) return total;
    }
    return total;
  };
  const total = walk(own, ['(the domain)']);
  return loop ? { total, loop } : { total };
};

const lookupBreakdown = (terms: readonly SpfTerm[]): string => {
  const counts = new Map<string, number>();
  for (const t of terms) if (t.lookup) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${name} x${n}` : name)).join(', ');
};

export const judgeSpf = async (
  asker: Asker,
  domain: string,
  txt: Asked,
  problems: ProblemList,
): Promise<SpfResult> => {
  const outcome = txt.primary.outcome;
  const records = selectSpf(txtOf(txt));
  const result: SpfResult = {
    name: domain,
    outcome,
    records,
    terms: [],
    lookups: 0,
    lookupsTotal: 0,
    expanded: true,
    includes: [],
    errors: [],
    warnings: [],
  };
  if (failed(outcome) || outcome === 'nxdomain') return result;
  if (records.length === 0) {
    problems.add(
      'dns.spf-missing',
      'warning',
      'No SPF record',
      `${domain} publishes no "v=spf1" TXT record, so receivers cannot tell which servers may send its mail; many junk or reject such mail. Publish one, e.g. "v=spf1 mx -all".`,
    );
    return result;
  }
  if (records.length > 1) {
    problems.add(
      'dns.spf-multiple',
      'error',
      `${records.length} SPF records (there must be exactly one)`,
      `${domain} has ${records.length} "v=spf1" records: ${records.map((r) => JSON.stringify(r)).join(' and ')}. RFC 7208 4.5: with more than one, SPF fails with permerror for every message. Merge them into one record.`,
    );
    return result;
  }
  const record = records[0] ?? '';
  const own = parseSpf(record);
  Object.assign(result, {
    record,
    terms: own.terms,
    lookups: own.lookups,
    errors: own.errors,
    warnings: own.warnings,
  });
  if (own.all !== undefined) result.all = own.all;
  if (own.errors.length > 0) {
    problems.add(
      'dns.spf-syntax',
      'error',
      'The SPF record has syntax errors',
      `${JSON.stringify(record)}: ${own.errors.join('; ')}. Receivers treat a record they cannot parse as permerror.`,
    );
  }

  const { fetched, complete } = await fetchIncludes(asker, own);
  result.includes = [...fetched.values()].map((f) => f.entry);
  result.expanded = complete;
  const { total, loop } = countTotal(own, fetched);
  result.lookupsTotal = Number.isFinite(total) ? total : own.lookups;
  const broken = result.includes.filter(
    (i) => i.error !== undefined && DEFINITIVE_OUTCOMES.has(i.outcome),
  );
  if (broken.length > 0) {
    problems.add(
      'dns.spf-include-broken',
      'error',
      'An SPF include or redirect points to a broken record',
      `${broken.map((b) => b.error).join('; ')}. An include: or redirect= whose target has no single valid SPF record makes the whole check permerror.`,
    );
  }
  if (loop) {
    problems.add(
      'dns.spf-loop',
      'error',
      'SPF includes loop',
      `${loop}: evaluation never ends and receivers stop with permerror.`,
    );
  } else if (total > SPF_LOOKUP_LIMIT) {
    problems.add(
      'dns.spf-too-many-lookups',
      'error',
      `SPF needs ${total}${complete ? '' : ' or more'} DNS lookups; the limit is ${SPF_LOOKUP_LIMIT}`,
      `Each include, a, mx, ptr, exists and redirect costs a lookup, nested includes too. ${domain}'s own record has ${own.lookups} (${lookupBreakdown(own.terms)})` +
        `${total > own.lookups ? `, its includes ${total - own.lookups} more` : ''}. Past ${SPF_LOOKUP_LIMIT}, receivers stop with permerror (RFC 7208 4.6.4), which DMARC counts as a failure. Replace includes with ip4:/ip6: ranges or drop ones no longer used.`,
    );
  }
  if (own.all === '+') {
    problems.add(
      'dns.spf-pass-all',
      'warning',
      'SPF allows everyone ("+all")',
      `${JSON.stringify(record)} lets any host on the Internet pass SPF as ${domain}. End the record with "-all" or "~all".`,
    );
  }
  const advice = own.warnings.filter((w) => !w.startsWith('"+all"'));
  if (advice.length > 0)
    problems.add('dns.spf-advice', 'info', 'Notes on the SPF record', advice.join('; '));
  return result;
};

// ---- DMARC, MTA-STS, TLS-RPT -----------------------------------------------------------------

const tagged = <T extends TagRecord>(
  asked: Asked,
  version: string,
  analyse: (record: string) => T,
): { name: string; outcome: DnsOutcome; records: string[]; record?: string; analysis?: T } => {
  const records = selectTagged(txtOf(asked), version);
  const base = { name: asked.primary.name, outcome: asked.primary.outcome, records };
  if (records.length !== 1) return base;
  const record = records[0] ?? '';
  return { ...base, record, analysis: analyse(record) };
};

export interface DmarcResult {
  name: string;
  outcome: DnsOutcome;
  records: string[];
  record?: string;
  tags: Record<string, string>;
  policy?: string;
  subdomainPolicy?: string;
  pct?: number;
  rua: string[];
  errors: string[];
}

export const judgeDmarc = (
  domain: string,
  asked: Asked,
  problems: ProblemList,
  domainExists: boolean,
): DmarcResult => {
  const t = tagged(asked, 'DMARC1', analyseDmarc);
  const a = t.analysis;
  const result: DmarcResult = {
    name: t.name,
    outcome: t.outcome,
    records: t.records,
    ...(t.record !== undefined ? { record: t.record } : {}),
    tags: a?.tags ?? {},
    ...(a?.policy !== undefined ? { policy: a.policy } : {}),
    ...(a?.subdomainPolicy !== undefined ? { subdomainPolicy: a.subdomainPolicy } : {}),
    ...(a?.pct !== undefined ? { pct: a.pct } : {}),
    rua: a?.rua ?? [],
    errors: a?.errors ?? [],
  };
  if (failed(t.outcome) || !domainExists) return result;
  if (t.records.length === 0) {
    problems.add(
      'dns.dmarc-missing',
      'warning',
      'No DMARC record',
      `_dmarc.${domain} has no "v=DMARC1" record (receivers then look at the organisational domain's, if any). Without DMARC, receivers decide alone what to do with mail that fails SPF/DKIM, and large mailbox providers expect one from bulk senders. Start with "v=DMARC1; p=none; rua=mailto:...".`,
    );
  } else if (t.records.length > 1) {
    problems.add(
      'dns.dmarc-multiple',
      'warning',
      'More than one DMARC record',
      `_dmarc.${domain} has ${t.records.length} "v=DMARC1" records; RFC 7489 6.6.3: receivers then apply no DMARC policy at all. Keep one.`,
    );
  } else if (result.errors.length > 0) {
    problems.add(
      'dns.dmarc-syntax',
      'warning',
      'The DMARC record has errors',
      `${JSON.stringify(t.record)}: ${result.errors.join('; ')}.`,
    );
  } else if (result.policy === 'none') {
    problems.add(
      'dns.dmarc-none',
      'info',
      'DMARC policy is "none" (monitoring only)',
      `_dmarc.${domain} asks receivers to deliver mail that fails DMARC as usual and only report it.`,
    );
  }
  return result;
};

export interface MtaStsResult {
  name: string;
  outcome: DnsOutcome;
  records: string[];
  record?: string;
  id?: string;
  errors: string[];
}

export const judgeMtaSts = (
  domain: string,
  asked: Asked,
  problems: ProblemList,
  receivesMail: boolean,
): MtaStsResult => {
  const t = tagged(asked, 'STSv1', analyseMtaSts);
  const result: MtaStsResult = {
    name: t.name,
    outcome: t.outcome,
    records: t.records,
    ...(t.record !== undefined ? { record: t.record } : {}),
    ...(t.analysis?.id !== undefined ? { id: t.analysis.id } : {}),
    errors: t.analysis?.errors ?? [],
  };
  if (failed(t.outcome) || !receivesMail) return result;
  if (t.records.length === 0) {
    problems.add(
      'dns.mta-sts-missing',
      'info',
      'No MTA-STS',
      `_mta-sts.${domain} has no "v=STSv1" record, so senders fall back to opportunistic TLS, which an attacker on the path can strip.`,
    );
  } else if (t.records.length > 1) {
    problems.add(
      'dns.mta-sts-multiple',
      'warning',
      'More than one MTA-STS record',
      `_mta-sts.${domain} has ${t.records.length} "v=STSv1" records; RFC 8461 3.1: senders then assume there is no policy.`,
    );
  } else if (result.errors.length > 0) {
    problems.add(
      'dns.mta-sts-syntax',
      'warning',
      'The MTA-STS record has errors',
      `${JSON.stringify(t.record)}: ${result.errors.join('; ')}.`,
    );
  }
  return result;
};

export interface TlsRptResult {
  name: string;
  outcome: DnsOutcome;
  records: string[];
  record?: string;
  rua: string[];
  errors: string[];
}

export const judgeTlsRpt = (
  domain: string,
  asked: Asked,
  problems: ProblemList,
  receivesMail: boolean,
): TlsRptResult => {
  const t = tagged(asked, 'TLSRPTv1', analyseTlsRpt);
  const result: TlsRptResult = {
    name: t.name,
    outcome: t.outcome,
    records: t.records,
    ...(t.record !== undefined ? { record: t.record } : {}),
    rua: t.analysis?.rua ?? [],
    errors: t.analysis?.errors ?? [],
  };
  if (failed(t.outcome) || !receivesMail) return result;
  if (t.records.length === 0) {
    problems.add(
      'dns.tls-rpt-missing',
      'info',
      'No TLS reporting (TLS-RPT)',
      `_smtp._tls.${domain} has no "v=TLSRPTv1" record, so senders cannot report TLS failures when delivering to ${domain}.`,
    );
  } else if (t.records.length > 1 || result.errors.length > 0) {
    problems.add(
      'dns.tls-rpt-syntax',
      'warning',
      'The TLS-RPT record has errors',
      t.records.length > 1
        ? `_smtp._tls.${domain} has ${t.records.length} "v=TLSRPTv1" records; senders use none.`
        : `${JSON.stringify(t.record)}: ${result.errors.join('; ')}.`,
    );
  }
  return result;
};

// ---- SRV and TLSA ----------------------------------------------------------------------------

export const SRV_SERVICES = [
  {
    service: '_submission._tcp',
    use: 'message submission with STARTTLS (RFC 6409), usually port 587',
  },
  {
    service: '_submissions._tcp',
    use: 'message submission over implicit TLS (RFC 8314), usually port 465',
  },
  { service: '_imap._tcp', use: 'IMAP, usually port 143 with STARTTLS' },
  { service: '_imaps._tcp', use: 'IMAP over implicit TLS, usually port 993' },
  { service: '_pop3._tcp', use: 'POP3, usually port 110 with STARTTLS' },
  { service: '_pop3s._tcp', use: 'POP3 over implicit TLS, usually port 995' },
] as const;

export interface SrvTarget {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface SrvResult {
  service: string;
  name: string;
  outcome: DnsOutcome;
  /** Priority ascending, then weight descending: the order a client tries them. */
  records: SrvTarget[];
  /** A single target "." (RFC 2782, RFC 6186 3.4): the service is deliberately not offered. */
  unavailable: boolean;
}

export const readSrv = (service: string, asked: Asked): SrvResult => {
  const records = asked.primary.answers
    .flatMap((a) =>
      a.type === 'SRV'
        ? [{ priority: a.priority, weight: a.weight, port: a.port, target: a.target.toLowerCase() }]
        : [],
    )
    .sort(
      (x, y) => x.priority - y.priority || y.weight - x.weight || x.target.localeCompare(y.target),
    );
  return {
    service,
    name: asked.primary.name,
    outcome: asked.primary.outcome,
    records: records.filter((r) => r.target !== ''),
    unavailable: records.length === 1 && records[0]?.target === '',
  };
};

export interface TlsaRecord {
  usage: number;
  selector: number;
  matchingType: number;
  data: string;
}

export interface TlsaResult {
  host: string;
  name: string;
  outcome: DnsOutcome;
  /** The resolver set AD: the records were DNSSEC-validated, the only way DANE means anything. */
  authenticated: boolean;
  records: TlsaRecord[];
}

export const readTlsa = (host: string, asked: Asked): TlsaResult => ({
  host,
  name: asked.primary.name,
  outcome: asked.primary.outcome,
  authenticated: asked.primary.authenticated === true,
  records: asked.primary.answers.flatMap((a) =>
    a.type === 'TLSA'
      ? [{ usage: a.usage, selector: a.selector, matchingType: a.matchingType, data: a.data }]
      : [],
  ),
});

export const judgeTlsa = (results: readonly TlsaResult[], problems: ProblemList): void => {
  const servfail = results.filter((t) => t.outcome === 'servfail');
  if (servfail.length > 0) {
    problems.add(
      'dns.tlsa-servfail',
      'warning',
      'TLSA lookup fails (SERVFAIL)',
      `${listSome(servfail.map((t) => t.name))}: a DANE-aware sender (RFC 7672 2.2) cannot tell whether TLSA records exist and defers mail to these hosts. Often a DNSSEC signing problem in the MX host's zone.`,
    );
  }
  const unvalidated = results.filter((t) => t.records.length > 0 && !t.authenticated);
  if (unvalidated.length > 0) {
    problems.add(
      'dns.tlsa-unvalidated',
      'info',
      'TLSA records not DNSSEC-validated here',
      `${listSome(unvalidated.map((t) => t.name))} has TLSA records but the resolver did not mark them validated (AD bit). DANE only applies when the zone is signed and the sender validates; check the zone's DNSSEC or use a validating resolver.`,
    );
  }
};

export const srvSummary = (srv: readonly SrvResult[]): string[] =>
  srv.flatMap((s) =>
    s.unavailable
      ? [`${s.service}: not offered (target ".")`]
      : s.records.length > 0
        ? [`${s.service}: ${s.records.map((r) => `${r.target}:${r.port}`).join(', ')}`]
        : [],
  );
