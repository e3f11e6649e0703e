// The DNS step: where should mail for this domain go, and is that path sound? Lookups run in
// phases, each phase in parallel: (1) the domain's MX, A, AAAA, TXT and policy names and the mail
// SRV records; (2) each MX host's addresses and TLSA, and the SPF includes; (3) PTR of every
// address; (4) forward confirmation of those PTR names. The whole step is bounded by one deadline.
import { domainToASCII } from 'node:url';
import { addressScope, canonicalAddress, isIpLiteral, isSpecialUseDomain } from './address.js';
import type { Asked, BeforeQuery, LogLine } from './asker.js';
import { Asker } from './asker.js';
import { InputError } from './common.js';
import type { DnsDifference } from './compare.js';
import { findDifferences } from './compare.js';
import { OUTCOME_MEANING } from './format.js';
import { describeGroups, readMx } from './mx.js';
import type { DnsProblem } from './problems.js';
import { ProblemList, listSome } from './problems.js';
import type { DnsOutcome, DnsQueryResult } from './query.js';
import { DEFINITIVE_OUTCOMES } from './query.js';
import type {
  DmarcResult,
  MtaStsResult,
  SpfResult,
  SrvResult,
  TlsRptResult,
  TlsaResult,
} from './records.js';
import {
  SRV_SERVICES,
  judgeDmarc,
  judgeMtaSts,
  judgeSpf,
  judgeTlsRpt,
  judgeTlsa,
  readSrv,
  readTlsa,
  srvSummary,
} from './records.js';
import type { PtrResult } from './reverse.js';
import { confirmReverse } from './reverse.js';
import type { Resolver } from './resolvers.js';
import { systemResolvers } from './resolvers.js';
import { isQueryableName } from './wire.js';

export interface DnsStepOptions {
  /** Empty: the system's resolvers. */
  resolvers: Resolver[];
  /** The bound for the whole step. */
  timeoutMs: number;
  /** The bound for one query (UDP, retransmissions and TCP retry together); default the step's. */
  queryTimeoutMs?: number;
  signal?: AbortSignal;
  /** The guided wizard's say before each question (see Asker); absent for `check`. */
  beforeQuery?: BeforeQuery;
  /** Each transcript line as it is made; the result's log holds the same objects, in order. */
  onLine?: (line: LogLine) => void;
}

/** SPEC.md's dns.mx entry. */
export interface MxEntry {
  preference: number;
  /** "." for a null MX. */
  exchange: string;
  /** IPv4 first, then IPv6, each in the order the resolver gave. */
  addresses: string[];
}

export interface MailHost {
  host: string;
  port: 25;
  preference: number;
  addresses: string[];
  /** The domain itself, used because it has no MX (RFC 5321 5.1). */
  implicit?: boolean;
}

export interface DnsStepResult {
  domain: string;
  /** Resolver labels, in the order asked. */
  resolvers: string[];
  /** The worst severity among the problems ('info' counts as ok). */
  status: 'ok' | 'warning' | 'error';
  summary: string;
  durationMs: number;
  mx: MxEntry[];
  mxGroups: Array<{ preference: number; exchanges: string[] }>;
  implicitMx: boolean;
  nullMx: boolean;
  /** What a sender tries, in order: each MX host (or the implicit one) with its addresses. */
  mailHosts: MailHost[];
  ptr: PtrResult[];
  spf: SpfResult;
  dmarc: DmarcResult;
  mtaSts: MtaStsResult;
  tlsRpt: TlsRptResult;
  tlsa: TlsaResult[];
  srv: SrvResult[];
  differences: DnsDifference[];
  problems: DnsProblem[];
  log: LogLine[];
  /** Every query made, per resolver, in the order asked. */
  queries: DnsQueryResult[];
}

/** MX hosts looked up; a domain with more is unusual and the rest are only listed. */
const MAX_MX_HOSTS = 16;
/** Addresses whose PTR is checked. */
const MAX_PTR = 16;

const failed = (outcome: DnsOutcome): boolean => !DEFINITIVE_OUTCOMES.has(outcome);

/** Lower case, no trailing dot, IDNA A-label form; refuses what is not a domain name. */
export const normalizeDomain = (input: string): string => {
  let domain = input.trim().replace(/\.$/, '');
  if (/[\u0080-\uffff]/.test(domain)) {
    const ascii = domainToASCII(domain);
    if (ascii === '')
      throw new InputError('domain', `"${input}" is not a valid internationalised domain name`);
    domain = ascii;
  }
  domain = domain.toLowerCase();
  if (
    !isQueryableName(domain) ||
    isIpLiteral(domain) ||
    domain.includes('@') ||
    domain.includes(':')
  ) {
    throw new InputError('domain', `"${input}" is not a domain name`);
  }
  return domain;
};

const addressesOf = (...asked: Asked[]): string[] => {
  const out: string[] = [];
  for (const a of asked) {
    for (const rr of a.primary.answers) {
      if (rr.type !== 'A' && rr.type !== 'AAAA') continue;
      if (rr.type !== a.primary.type) continue;
      const address = canonicalAddress(rr.address) ?? rr.address;
      if (!out.includes(address)) out.push(address);
    }
  }
  return out;
};

const cnameOf = (host: string, asked: Asked[]): string | undefined => {
  for (const a of asked) {
    const rr = a.primary.answers.find((r) => r.type === 'CNAME' && r.name.toLowerCase() === host);
    if (rr && rr.type === 'CNAME') return rr.target;
  }
  return undefined;
};

interface HostLookup {
  host: string;
  preference: number;
  kind: 'name' | 'ip-literal' | 'invalid' | 'not-looked-up';
  a?: Asked;
  aaaa?: Asked;
  tlsa?: Asked;
}

const noAddressReason = (h: HostLookup): string => {
  if (h.kind === 'ip-literal') return `${h.host} is an IP address, not a host name`;
  if (h.kind === 'invalid') return `${h.host} is not a valid host name`;
  if (h.kind === 'not-looked-up') return `${h.host} was not looked up (too many MX hosts)`;
  const outcomes = [h.a?.primary, h.aaaa?.primary].filter(
    (r): r is DnsQueryResult => r !== undefined,
  );
  const failure = outcomes.find((r) => failed(r.outcome));
  if (failure) return `${h.host}: lookup failed (${failure.error ?? failure.outcome})`;
  if (outcomes.some((r) => r.outcome === 'nxdomain')) return `${h.host} does not exist (NXDOMAIN)`;
  return `${h.host} has no A or AAAA record`;
};

const SCOPE_WORDS: Record<string, string> = {
  loopback: 'loopback: this machine itself',
  private: 'private network',
  shared: 'carrier-grade NAT range',
  'link-local': 'link-local',
  unspecified: 'unspecified',
  documentation: 'documentation range',
  multicast: 'multicast',
  reserved: 'reserved range',
};

const FAILURE_PROBLEMS: Partial<Record<DnsOutcome, { id: string; title: string }>> = {
  timeout: { id: 'dns.resolver-timeout', title: 'A resolver did not answer in time' },
  unreachable: { id: 'dns.resolver-unreachable', title: 'A resolver could not be reached' },
  malformed: { id: 'dns.malformed-reply', title: 'A resolver sent replies that could not be read' },
  servfail: { id: 'dns.servfail', title: 'A resolver answered SERVFAIL' },
  refused: { id: 'dns.refused', title: 'A resolver refused to answer' },
};

const judgeResolvers = (
  queries: readonly DnsQueryResult[],
  problems: ProblemList,
  routingUnknown: boolean,
): void => {
  for (const [outcome, spec] of Object.entries(FAILURE_PROBLEMS) as Array<
    [DnsOutcome, { id: string; title: string }]
  >) {
    // A TLSA SERVFAIL has its own, DANE-specific problem; "not asked" is the step's own deadline.
    const hits = queries.filter(
      (q) =>
        q.outcome === outcome &&
        !(outcome === 'servfail' && q.type === 'TLSA') &&
        !(q.error ?? '').startsWith('not asked'),
    );
    if (hits.length === 0) continue;
    const byResolver = new Map<string, DnsQueryResult[]>();
    for (const q of hits) byResolver.set(q.resolver, [...(byResolver.get(q.resolver) ?? []), q]);
    const parts = [...byResolver].map(([label, qs]) => {
      const asked = queries.filter(
        (q) => q.resolver === label && !(q.error ?? '').startsWith('not asked'),
      ).length;
      const first = qs[0]?.error ?? OUTCOME_MEANING[outcome];
      return `${label}: ${qs.length} of ${asked} queries (${listSome(
        qs.map((q) => `${q.type} ${q.name}`),
        3,
      )}); ${first}`;
    });
    problems.add(
      spec.id,
      routingUnknown ? 'error' : 'warning',
      spec.title,
      `${parts.join('. ')}. ${sentence(OUTCOME_MEANING[outcome])}.`,
    );
  }
};

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Runs the DNS step for a domain. Throws InputError only for a domain that is not a name; network trouble becomes problems. */
export const runDnsStep = async (
  input: string,
  options: DnsStepOptions,
): Promise<DnsStepResult> => {
  const domain = normalizeDomain(input);
  const resolvers = options.resolvers.length > 0 ? options.resolvers : systemResolvers();
  const started = performance.now();
  const perQuery = Math.min(options.queryTimeoutMs ?? options.timeoutMs, options.timeoutMs);
  const asker = new Asker(
    resolvers,
    started + options.timeoutMs,
    perQuery,
    options.signal,
    options.beforeQuery,
    options.onLine,
  );
  const problems = new ProblemList();
  if (domain !== input.trim().toLowerCase().replace(/\.$/, ''))
    asker.note(`${input.trim()} is ${domain} in DNS (IDNA)`);

  // Phase 1: everything that depends only on the domain name.
  const [mxAsked, aAsked, aaaaAsked, txtAsked, dmarcAsked, stsAsked, rptAsked, ...srvAsked] =
    await Promise.all([
      asker.ask(domain, 'MX'),
      asker.ask(domain, 'A'),
      asker.ask(domain, 'AAAA'),
      asker.ask(domain, 'TXT'),
      asker.ask(`_dmarc.${domain}`, 'TXT'),
      asker.ask(`_mta-sts.${domain}`, 'TXT'),
      asker.ask(`_smtp._tls.${domain}`, 'TXT'),
      ...SRV_SERVICES.map((s) => asker.ask(`${s.service}.${domain}`, 'SRV')),
    ]);
  if (!mxAsked || !aAsked || !aaaaAsked || !txtAsked || !dmarcAsked || !stsAsked || !rptAsked) {
    throw new Error('dns step: phase 1 lost a lookup');
  }
  const mxOutcome = mxAsked.primary.outcome;
  const domainExists = mxOutcome !== 'nxdomain';
  const reading = readMx(mxAsked.primary.answers);
  let nullMx = false;
  let implicitMx = false;
  let hosts: HostLookup[] = [];
  let implicitAddresses: string[] = [];

  if (mxOutcome === 'nxdomain') {
    problems.add(
      'dns.nxdomain',
      'error',
      `${domain} does not exist`,
      `The resolver answered NXDOMAIN for ${domain}: no such name in DNS, so no mail can be delivered to it. Check the spelling, that the domain is registered and not expired, and that its name servers are delegated.`,
    );
    asker.note(`${domain} does not exist (NXDOMAIN): nothing more to look up for mail routing`);
  } else if (failed(mxOutcome)) {
    problems.add(
      'dns.mx-lookup-failed',
      'error',
      'The MX lookup failed',
      `No resolver gave an answer for MX ${domain}: ${mxAsked.all.map((r) => r.error ?? r.outcome).join('; ')}. Senders whose resolvers fail the same way keep mail queued and retry, then bounce it after days.`,
    );
  } else if (reading.nullMx) {
    nullMx = true;
    // The owner's deliberate statement, not a fault: reported, never an error.
    problems.add(
      'dns.null-mx',
      'info',
      `${domain} accepts no mail (null MX)`,
      `${domain} publishes the null MX "0 ." (RFC 7505): its owner declares that it receives no mail, and senders bounce mail to it at once. That is a decision in the domain's DNS, not a fault of a server; if ${domain} should receive mail, replace the null MX with real MX records.`,
    );
    asker.note(`MX "0 ." is a null MX (RFC 7505): ${domain} accepts no mail`);
  } else if (reading.records.length === 0) {
    implicitAddresses = addressesOf(aAsked, aaaaAsked);
    if (implicitAddresses.length > 0) {
      implicitMx = true;
      problems.add(
        'dns.no-mx-implicit',
        'warning',
        "No MX record: mail goes to the domain's own address (implicit MX)",
        `${domain} has no MX record. RFC 5321 5.1: senders then deliver to ${domain}'s own A/AAAA address (${implicitAddresses.join(', ')}), as if it had "MX 0 ${domain}". That works only if that host runs a mail server; publish an MX record to say so explicitly.`,
      );
      asker.note(
        `no MX for ${domain}: RFC 5321 5.1 implicit MX, mail goes to ${domain} itself (${implicitAddresses.join(', ')})`,
      );
    } else {
      problems.add(
        'dns.no-mail-host',
        'error',
        `${domain} has no MX and no address`,
        `${domain} exists but has neither MX records nor an A/AAAA address for the implicit MX of RFC 5321 5.1, so senders have nowhere to deliver and bounce the mail. Publish MX records.`,
      );
    }
  } else {
    hosts = reading.records.map((r, i) => {
      const kind = isIpLiteral(r.exchange)
        ? 'ip-literal'
        : !isQueryableName(r.exchange)
          ? 'invalid'
          : i >= MAX_MX_HOSTS
            ? 'not-looked-up'
            : 'name';
      return { host: r.exchange, preference: r.preference, kind };
    });
    asker.note(`mail for ${domain} goes to ${describeGroups(reading.groups)}`);
    if (reading.nullMxMixed) {
      problems.add(
        'dns.null-mx-mixed',
        'error',
        'A null MX next to real MX records',
        `${domain} publishes "0 ." together with other MX records; RFC 7505 3 forbids that and senders may treat the domain as accepting no mail. Remove the "." record.`,
      );
    }
  }

  // Phase 2: MX hosts' addresses and TLSA, and the SPF includes, all at once.
  const lookedUp = hosts.filter((h) => h.kind === 'name');
  const tlsaHosts = implicitMx ? [domain] : lookedUp.map((h) => h.host);
  const [hostAnswers, tlsaAnswers, spf] = await Promise.all([
    Promise.all(
      lookedUp.map((h) => Promise.all([asker.ask(h.host, 'A'), asker.ask(h.host, 'AAAA')])),
    ),
    Promise.all(tlsaHosts.map((h) => asker.ask(`_25._tcp.${h}`, 'TLSA'))),
    judgeSpf(asker, domain, txtAsked, problems),
  ]);
  lookedUp.forEach((h, i) => {
    const [a, aaaa] = hostAnswers[i] ?? [];
    if (a) h.a = a;
    if (aaaa) h.aaaa = aaaa;
  });

  const hostAddresses = (h: HostLookup): string[] =>
    h.a && h.aaaa ? addressesOf(h.a, h.aaaa) : [];
  const mx: MxEntry[] = nullMx
    ? [{ preference: 0, exchange: '.', addresses: [] }]
    : hosts.map((h) => ({
        preference: h.preference,
        exchange: h.host,
        addresses: hostAddresses(h),
      }));
  const mailHosts: MailHost[] = implicitMx
    ? [{ host: domain, port: 25, preference: 0, addresses: implicitAddresses, implicit: true }]
    : hosts.map((h) => ({
        host: h.host,
        port: 25,
        preference: h.preference,
        addresses: hostAddresses(h),
      }));

  const literals = hosts.filter((h) => h.kind === 'ip-literal');
  if (literals.length > 0) {
    problems.add(
      'dns.mx-ip-literal',
      'error',
      'An MX record names an IP address',
      `${listSome(literals.map((h) => `MX ${h.preference} ${h.host}`))}: an MX must name a host, not an address (RFC 5321 5.1). Senders look the address up as a host name, find nothing, and skip it. Create a host name (e.g. mail.${domain}) with that address and point the MX at it.`,
    );
  }
  const cnames = lookedUp.flatMap((h) => {
    const target = cnameOf(
      h.host,
      [h.a, h.aaaa].filter((x): x is Asked => x !== undefined),
    );
    return target === undefined ? [] : [`${h.host} -> ${target}`];
  });
  if (cnames.length > 0) {
    problems.add(
      'dns.mx-cname',
      'warning',
      'An MX host is a CNAME (alias)',
      `${listSome(cnames)}: RFC 2181 10.3 and RFC 5321 5.1 require an MX to name a host with its own address records, not an alias. Many senders follow the alias anyway, some refuse or loop. Point the MX at the canonical name.`,
    );
  }
  const withoutAddress = hosts.filter((h) => hostAddresses(h).length === 0);
  // An IP-literal MX is already its own finding; it is named again only when every MX fails.
  const namedWithoutAddress = withoutAddress.filter((h) => h.kind !== 'ip-literal');
  if (withoutAddress.length > 0 && withoutAddress.length === hosts.length && hosts.length >= 2) {
    problems.add(
      'dns.mx-all-fail',
      'error',
      `None of the ${hosts.length} MX hosts has an address`,
      `${withoutAddress.map(noAddressReason).join('; ')}. Every MX fails, so senders cannot deliver at all; they retry for days, then bounce.`,
    );
  } else if (namedWithoutAddress.length > 0) {
    const all = withoutAddress.length === hosts.length;
    problems.add(
      'dns.mx-no-address',
      all ? 'error' : 'warning',
      all ? 'The MX host has no address' : 'Some MX hosts have no address',
      `${namedWithoutAddress.map(noAddressReason).join('; ')}. ${all ? 'Senders have no server to connect to and bounce the mail after retrying.' : 'Senders skip them and use the others, after wasted time; fix or remove these MX records.'}`,
    );
  }
  if (!isSpecialUseDomain(domain)) {
    const internal = mailHosts.flatMap((h) =>
      h.addresses.flatMap((address) => {
        const scope = addressScope(address);
        return scope && scope !== 'public'
          ? [`${h.host} -> ${address} (${SCOPE_WORDS[scope] ?? scope})`]
          : [];
      }),
    );
    const total = mailHosts.reduce((n, h) => n + h.addresses.length, 0);
    if (internal.length > 0) {
      problems.add(
        'dns.private-address',
        internal.length === total ? 'error' : 'warning',
        'A mail host has a loopback or private address',
        `${listSome(internal)}: ${domain} is a public domain, but senders on the Internet cannot reach these addresses (a sender that tries loopback talks to itself). Publish the server's public address; keep internal addresses in an internal view of the zone.`,
      );
    }
  }

  const tlsa = tlsaHosts.map((h, i) => readTlsa(h, tlsaAnswers[i] as Asked));
  judgeTlsa(tlsa, problems);

  // Phases 3 and 4: reverse DNS of every address, confirmed forward.
  const addresses = [...new Set(mailHosts.flatMap((h) => h.addresses))];
  if (addresses.length > MAX_PTR)
    asker.note(`PTR checked for the first ${MAX_PTR} of ${addresses.length} addresses`);
  const ptr = await confirmReverse(asker, addresses.slice(0, MAX_PTR));
  const noPtr = ptr.filter((p) => p.outcome === 'nxdomain' || p.outcome === 'nodata');
  if (noPtr.length > 0) {
    problems.add(
      'dns.ptr-missing',
      'warning',
      'A mail server address has no reverse DNS (PTR)',
      `${listSome(noPtr.map((p) => p.address))}: no PTR record at ${listSome(
        noPtr.map((p) => p.reverseName),
        2,
      )}. Receivers commonly reject or junk mail sent from an address without reverse DNS; if this server also sends, ask whoever owns the address (usually the hosting or network provider) to set a PTR that names the server.`,
    );
  }
  const unconfirmed = ptr.filter((p) => p.names.length > 0 && !p.forwardConfirmed);
  if (unconfirmed.length > 0) {
    problems.add(
      'dns.ptr-not-confirmed',
      'warning',
      'Reverse DNS does not resolve back (not forward-confirmed)',
      `${listSome(unconfirmed.map((p) => `${p.address} -> ${p.names.join(', ')}`))}: none of these names has the address back in its A/AAAA records, so receivers that check forward-confirmed reverse DNS treat it as missing. Make the PTR name resolve to the address.`,
    );
  }

  const spfDmarc = judgeDmarc(domain, dmarcAsked, problems, domainExists);
  // MTA-STS and TLS-RPT protect mail coming in; a domain that takes none has no use for them.
  const receivesMail = domainExists && !nullMx;
  const mtaSts = judgeMtaSts(domain, stsAsked, problems, receivesMail);
  const tlsRpt = judgeTlsRpt(domain, rptAsked, problems, receivesMail);
  const srv = SRV_SERVICES.map((s, i) => readSrv(s.service, srvAsked[i] as Asked));
  const srvFound = srvSummary(srv);
  if (srvFound.length > 0)
    asker.note(`mail client services (RFC 6186/8314 SRV): ${srvFound.join('; ')}`);

  const differences = findDifferences(asker.compared);
  if (differences.length > 0) {
    const described = differences.map(
      (d) =>
        `${d.type} ${d.name}: ${Object.entries(d.answers)
          .map(([r, a]) => `${r} says ${a.join(', ') || '(nothing)'}`)
          .join(' / ')}`,
    );
    for (const line of described) asker.note(`resolvers differ on ${line}`);
    problems.add(
      'dns.resolvers-differ',
      'warning',
      'Resolvers give different answers',
      `${listSome(described, 4)}. Different parts of the Internet may see different mail routing: a change still propagating (TTL), a split-horizon (internal) view, or a stale or tampering resolver.`,
    );
  }

  const routingUnknown = failed(mxOutcome);
  judgeResolvers(asker.queries, problems, routingUnknown);
  if (asker.ranOutOfTime) {
    problems.add(
      'dns.step-timeout',
      'warning',
      'The DNS step ran out of time',
      `Some lookups were not made within the step's ${options.timeoutMs} ms (slow or dead resolvers); the findings above may be incomplete.`,
    );
  }

  const sorted = problems.items
    .map((p, i) => ({ p, i }))
    .sort((x, y) => SEVERITY_ORDER[x.p.severity] - SEVERITY_ORDER[y.p.severity] || x.i - y.i)
    .map((x) => x.p);
  const status = sorted.some((p) => p.severity === 'error')
    ? 'error'
    : sorted.some((p) => p.severity === 'warning')
      ? 'warning'
      : 'ok';
  const summary =
    mxOutcome === 'nxdomain'
      ? `${domain} does not exist (NXDOMAIN)`
      : routingUnknown
        ? `MX lookup for ${domain} failed (${mxOutcome})`
        : nullMx
          ? `${domain} has a null MX: it accepts no mail`
          : implicitMx
            ? `no MX; implicit MX ${domain} (${implicitAddresses.join(', ')})`
            : hosts.length === 0
              ? `no MX and no address for ${domain}`
              : `MX ${mx.map((m) => `${m.preference} ${m.exchange}`).join(', ')}`;

  return {
    domain,
    resolvers: resolvers.map((r) => r.label),
    status,
    summary,
    durationMs: Math.round(performance.now() - started),
    mx,
    mxGroups: reading.groups,
    implicitMx,
    nullMx,
    mailHosts,
    ptr,
    spf,
    dmarc: spfDmarc,
    mtaSts,
    tlsRpt,
    tlsa,
    srv,
    differences,
    problems: sorted,
    log: asker.log,
    queries: asker.queries,
  };
};
