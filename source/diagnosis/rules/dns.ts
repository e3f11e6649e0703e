// The DNS step names its problems itself (session.dns.problems, stable ids); these rules turn
// each into a finding with the answers that show it and what to do next. A problem id the table
// does not know yet still becomes a finding, through the catch-all rule.
import type { NextAction, Session, Severity } from '../../record/types.js';
import { compareResolver, nextMx } from '../actions.js';
import { factOf } from '../../record/facts.js';
import type { Rule } from '../rule.js';
import { finding, linesWhere } from '../rule.js';

interface DnsProblemView {
  id: string;
  severity: Severity;
  title: string;
  detail: string;
}

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info']);

/** The problems of the DNS step, each id once (the first wins), whatever else the record holds. */
export const dnsProblems = (session: Session): DnsProblemView[] => {
  const raw = session.dns?.['problems'];
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  return raw.flatMap((p: unknown) => {
    const { id, severity, title, detail } = (p ?? {}) as Record<string, unknown>;
    if (
      typeof id !== 'string' ||
      seen.has(id) ||
      typeof severity !== 'string' ||
      !SEVERITIES.has(severity)
    )
      return [];
    seen.add(id);
    return [
      {
        id,
        severity: severity as Severity,
        title: typeof title === 'string' ? title : id,
        detail: typeof detail === 'string' ? detail : '',
      },
    ];
  });
};

const domainOf = (session: Session): string => {
  const d = session.dns?.['domain'];
  return typeof d === 'string' ? d : (session.target.domain ?? 'DOMAIN');
};

const mxHosts = (session: Session): string[] =>
  (session.dns?.mx ?? []).map((m) => String(m.exchange).toLowerCase()).filter((h) => h !== '.');

const QUESTION = /^(\S+) (\S+)\? @/;

/** The answer lines (the line after each question) of DNS questions that match. */
export const dnsAnswers = (
  session: Session,
  match: (type: string, name: string) => boolean,
): number[] => {
  const out: number[] = [];
  let pending = false;
  session.transcript.forEach((e, i) => {
    if (e.step !== 'dns') return;
    if (e.dir === 'client') {
      const q = QUESTION.exec(e.text);
      pending = q !== null && match(q[1]!.toUpperCase(), q[2]!.toLowerCase().replace(/\.$/, ''));
    } else if (e.dir === 'server' && pending) {
      out.push(i);
      pending = false;
    }
  });
  return out;
};

const dnsNotes = (session: Session, pattern: RegExp): number[] =>
  linesWhere(session, (e) => e.step === 'dns' && e.dir === 'note' && pattern.test(e.text));

type Evidence = (session: Session) => number[];

const mxAnswer: Evidence = (s) => {
  const d = domainOf(s);
  return [
    ...dnsAnswers(s, (t, n) => t === 'MX' && n === d),
    ...dnsNotes(s, /null MX|implicit MX|goes to/),
  ];
};
const domainAddress: Evidence = (s) => {
  const d = domainOf(s);
  return dnsAnswers(s, (t, n) => (t === 'A' || t === 'AAAA') && n === d);
};
const hostAddresses: Evidence = (s) => {
  const hosts = new Set(mxHosts(s));
  return dnsAnswers(s, (t, n) => (t === 'A' || t === 'AAAA') && hosts.has(n));
};
const txtAt =
  (prefix: string): Evidence =>
  (s) =>
    dnsAnswers(
      s,
      (t, n) => t === 'TXT' && (prefix === '' ? !n.startsWith('_') : n.startsWith(prefix)),
    );
const ptrAnswers: Evidence = (s) => dnsAnswers(s, (t) => t === 'PTR');
const tlsaAnswers: Evidence = (s) => dnsAnswers(s, (t) => t === 'TLSA');
const failedAnswers =
  (pattern: RegExp): Evidence =>
  (s) =>
    linesWhere(s, (e) => e.step === 'dns' && e.dir === 'server' && pattern.test(e.text));

interface DnsRuleSpec {
  evidence: Evidence;
  /** When the session's own purpose makes the problem worse than the DNS step judged it. */
  escalate?: (domain: string, session: Session) => { severity: Severity; why: string } | undefined;
  next: (domain: string, session: Session) => string[];
  actions?: (session: Session) => (NextAction | undefined)[];
}

/** A null MX (RFC 7505): the owner says the domain takes no mail, and usually sends none. */
const nullMx = (s: Session): boolean => dnsProblems(s).some((p) => p.id === 'dns.null-mx');

const SPF_CHECK = (d: string) => `See the record as receivers do: \`dig +short TXT ${d}\`.`;

/** Offered when another MX host has an address to try. */
const anotherMx = (s: Session): NextAction | undefined =>
  (s.dns?.mx ?? []).some((m) => m.addresses.length > 0) ? nextMx() : undefined;

const RESOLVER_NEXT = (d: string): string[] => [
  `Ask the resolver directly: \`dig @RESOLVER ${d} MX\`, and another one for comparison.`,
  'Check that this machine may use the resolver (firewall, VPN, a resolver that serves only its own network).',
];

const TABLE: Record<string, DnsRuleSpec> = {
  'dns.nxdomain': {
    evidence: mxAnswer,
    next: (d) => [
      `Check the spelling of ${d}.`,
      `Check that ${d} is registered and not expired (\`whois ${d}\`), and that its name servers are delegated (\`dig NS ${d} +trace\`).`,
    ],
    actions: (s) => [compareResolver(s)],
  },
  'dns.mx-lookup-failed': {
    evidence: (s) => [
      ...mxAnswer(s),
      ...failedAnswers(/^(?:SERVFAIL|REFUSED|no reply|timeout)/i)(s),
    ],
    next: (d) => [
      'Ask another resolver: if it answers, the local resolver is broken or filtered.',
      `Ask the domain's own name servers: \`dig NS ${d}\`, then \`dig @NAMESERVER ${d} MX\`.`,
      `Check DNSSEC: if \`dig ${d} MX +cd\` answers while the normal query fails, the signatures are broken.`,
    ],
    actions: (s) => [compareResolver(s)],
  },
  'dns.null-mx': {
    evidence: mxAnswer,
    // A parked domain's null MX is its owner's choice; but when this session is about delivering
    // to an address at that domain (the target was the address, or a recipient is there), the
    // null MX is exactly why that mail bounces.
    escalate: (d, s) => {
      const at = (address: string) => address.toLowerCase().endsWith(`@${d.toLowerCase()}`);
      const recipients = [
        ...(factOf(s, 'run.settings')?.to ?? []),
        ...(s.target.input.includes('@') ? [s.target.input] : []),
      ].filter(at);
      return recipients.length > 0
        ? {
            severity: 'error',
            why: ` Mail to ${recipients.join(', ')} cannot be delivered: every sender bounces it at once (5.1.10 on servers that name it).`,
          }
        : undefined;
    },
    next: (d) => [
      `If ${d} should receive mail, replace "MX 0 ." with MX records naming its mail servers.`,
      `If it should not, nothing is broken: tell the sender that addresses at ${d} cannot receive mail.`,
    ],
  },
  'dns.null-mx-mixed': {
    evidence: mxAnswer,
    next: (d) => [
      `Remove the "MX 0 ." record of ${d}: it may make senders treat the domain as taking no mail.`,
    ],
  },
  'dns.no-mail-host': {
    evidence: (s) => [...mxAnswer(s), ...domainAddress(s)],
    next: (d) => [
      `Publish an MX record for ${d}, e.g. "${d}. MX 10 mail.${d}." with an A record for mail.${d}.`,
    ],
    actions: (s) => [compareResolver(s)],
  },
  'dns.no-mx-implicit': {
    evidence: (s) => [...mxAnswer(s), ...domainAddress(s)],
    next: (d) => [
      `Publish an MX record for ${d}, even if it names ${d} itself: it states the intent and survives a change of the web server's address.`,
      `Check that ${d}'s own address really runs a mail server on port 25.`,
    ],
  },
  'dns.mx-ip-literal': {
    evidence: mxAnswer,
    next: (d) => [
      `Create a host name (e.g. mail.${d}) with that address and point the MX record at the name.`,
    ],
  },
  'dns.mx-cname': {
    evidence: (s) => hostAddresses(s).filter((i) => /CNAME/.test(s.transcript[i]?.text ?? '')),
    next: () => [
      'Point the MX record at the canonical name (the target of the CNAME) instead of the alias.',
      'Make sure the server certificate names the MX host name that senders use.',
    ],
  },
  'dns.mx-no-address': {
    evidence: hostAddresses,
    next: () => [
      'Create the missing A (and AAAA) records for the MX host, or point the MX at a host that exists.',
      'Check each MX host yourself: `dig HOST A` and `dig HOST AAAA`.',
    ],
    actions: (s) => [anotherMx(s), compareResolver(s)],
  },
  'dns.mx-all-fail': {
    evidence: hostAddresses,
    next: () => [
      'Create address records for the MX hosts, or point the MX records at hosts that exist.',
      'Check each MX host yourself: `dig HOST A` and `dig HOST AAAA`.',
    ],
    actions: (s) => [compareResolver(s)],
  },
  'dns.private-address': {
    evidence: hostAddresses,
    next: () => [
      "Publish the mail server's public address in the public zone; keep internal addresses in an internal view.",
      'If this machine uses an internal resolver, compare with a public one to see what the Internet sees.',
    ],
    actions: (s) => [compareResolver(s)],
  },
  'dns.ptr-missing': {
    evidence: ptrAnswers,
    next: () => [
      "Ask whoever owns the address (the hosting or network provider, not the domain's DNS host) to set a PTR record naming the server, e.g. mail.example.com.",
      "Make that name resolve back to the same address, and use it as the server's EHLO name.",
    ],
  },
  'dns.ptr-not-confirmed': {
    evidence: (s) => [...ptrAnswers(s)],
    next: () => [
      'Give the PTR name an A/AAAA record with this address, or change the PTR to a name that has one.',
      'Check both directions: `dig -x ADDRESS +short`, then `dig +short NAME`.',
    ],
  },
  'dns.spf-missing': {
    evidence: txtAt(''),
    next: (d, s) => [
      nullMx(s)
        ? `${d} takes no mail (null MX); if it sends none either, say so: TXT "v=spf1 -all" at ${d} (nobody may send as ${d}). If something does send as ${d}, list exactly that (ip4:, include:) before -all.`
        : `Publish one TXT record at ${d}, e.g. "v=spf1 mx -all" (the MX hosts send, nobody else), with include: for each service that sends as ${d}.`,
      SPF_CHECK(d),
    ],
  },
  'dns.spf-multiple': {
    evidence: txtAt(''),
    next: (d) => [
      `Merge the SPF records of ${d} into one "v=spf1 ..." record (RFC 7208 3.2).`,
      SPF_CHECK(d),
    ],
  },
  'dns.spf-syntax': {
    evidence: txtAt(''),
    next: (d) => [
      `Correct the SPF record of ${d}: every term must be a known mechanism or modifier (RFC 7208 5, 6).`,
      SPF_CHECK(d),
    ],
  },
  'dns.spf-include-broken': {
    evidence: txtAt(''),
    next: () => [
      'Check every include: it must name a domain that has an SPF record; remove includes of services no longer used.',
    ],
  },
  'dns.spf-loop': {
    evidence: txtAt(''),
    next: () => ['Remove the include or redirect that leads back to a record already visited.'],
  },
  'dns.spf-too-many-lookups': {
    evidence: txtAt(''),
    next: () => [
      'Bring the record under 10 DNS-querying terms (RFC 7208 4.6.4): remove unused includes, replace a and mx by ip4:/ip6:, or flatten includes.',
    ],
  },
  'dns.spf-pass-all': {
    evidence: txtAt(''),
    next: (d) => [
      `Replace "+all" by "-all" (or "~all"): "+all" lets the whole Internet send as ${d}.`,
    ],
  },
  'dns.spf-advice': {
    evidence: txtAt(''),
    next: () => ['Consider the notes; none of them stops mail today.'],
  },
  'dns.dmarc-missing': {
    evidence: txtAt('_dmarc.'),
    next: (d, s) => [
      nullMx(s)
        ? `${d} takes no mail (null MX); if it sends none either, protect its name from forgery: _dmarc.${d} TXT "v=DMARC1; p=reject" together with "v=spf1 -all".`
        : `Start with a monitoring record: _dmarc.${d} TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@${d}", read the reports, then move to quarantine and reject.`,
    ],
  },
  'dns.dmarc-multiple': {
    evidence: txtAt('_dmarc.'),
    next: (d) => [
      `Keep exactly one "v=DMARC1" record at _dmarc.${d}: with several, receivers apply none (RFC 7489 6.6.3).`,
    ],
  },
  'dns.dmarc-syntax': {
    evidence: txtAt('_dmarc.'),
    next: () => [
      'Correct the DMARC record: it must start with "v=DMARC1;" and have a p= tag (none, quarantine or reject).',
    ],
  },
  'dns.dmarc-none': {
    evidence: txtAt('_dmarc.'),
    next: () => [
      'Once the reports show that all legitimate mail passes, move to p=quarantine and then p=reject.',
    ],
  },
  'dns.mta-sts-missing': {
    evidence: txtAt('_mta-sts.'),
    next: () => [
      'Optional: publish MTA-STS (RFC 8461) so that senders insist on TLS with a valid certificate: a TXT record at _mta-sts and a policy file at https://mta-sts.DOMAIN/.well-known/mta-sts.txt.',
    ],
  },
  'dns.mta-sts-multiple': {
    evidence: txtAt('_mta-sts.'),
    next: () => ['Keep exactly one "v=STSv1" record at _mta-sts.'],
  },
  'dns.mta-sts-syntax': {
    evidence: txtAt('_mta-sts.'),
    next: () => [
      'Correct the record: "v=STSv1; id=..." with an id that changes whenever the policy does.',
    ],
  },
  'dns.tls-rpt-missing': {
    evidence: txtAt('_smtp._tls.'),
    next: (d) => [
      `Optional: _smtp._tls.${d} TXT "v=TLSRPTv1; rua=mailto:tls-reports@${d}" to receive reports of TLS failures (RFC 8460).`,
    ],
  },
  'dns.tls-rpt-syntax': {
    evidence: txtAt('_smtp._tls.'),
    next: () => ['Correct the record: "v=TLSRPTv1; rua=mailto:..." (RFC 8460 3).'],
  },
  'dns.tlsa-servfail': {
    evidence: tlsaAnswers,
    next: () => [
      "Check the DNSSEC of the MX host's zone: `dig _25._tcp.HOST TLSA +dnssec`, and a DNSSEC analyser (e.g. dnsviz.net).",
    ],
    actions: (s) => [compareResolver(s)],
  },
  'dns.tlsa-unvalidated': {
    evidence: tlsaAnswers,
    next: () => [
      'Check that the zone is signed, and use a validating resolver to test (--dns with one that sets the AD bit).',
    ],
    actions: (s) => [compareResolver(s, 'Ask a validating resolver')],
  },
  'dns.resolver-timeout': {
    evidence: failedAnswers(/^(?:no reply|timeout)/i),
    next: RESOLVER_NEXT,
    actions: (s) => [compareResolver(s)],
  },
  'dns.resolver-unreachable': {
    evidence: failedAnswers(/unreachable|could not be reached|refused the connection/i),
    next: RESOLVER_NEXT,
    actions: (s) => [compareResolver(s)],
  },
  'dns.malformed-reply': {
    evidence: failedAnswers(/could not be read|malformed/i),
    next: RESOLVER_NEXT,
    actions: (s) => [compareResolver(s)],
  },
  'dns.servfail': {
    evidence: failedAnswers(/^SERVFAIL/),
    next: (d) => [
      `Compare with the domain's own name servers (\`dig NS ${d}\`): SERVFAIL often means broken DNSSEC or dead authoritative servers.`,
      `\`dig ${d} MX +cd\` answering while the normal query fails points to DNSSEC.`,
    ],
    actions: (s) => [compareResolver(s)],
  },
  'dns.refused': {
    evidence: failedAnswers(/^REFUSED/),
    next: () => ["Use a resolver that serves this machine (the system's own, or a public one)."],
    actions: (s) => [compareResolver(s)],
  },
  'dns.resolvers-differ': {
    evidence: (s) => dnsNotes(s, /^resolvers differ/),
    next: (d) => [
      'If the records were changed recently, wait for the old TTL to pass and compare again.',
      `Compare with the authoritative servers: \`dig NS ${d}\`, then \`dig @NAMESERVER ${d} MX\`.`,
    ],
    actions: (s) => [compareResolver(s)],
  },
  'dns.step-timeout': {
    evidence: failedAnswers(/^(?:no reply|timeout|not asked)/i),
    next: () => ['Run again with a longer --timeout, or with another resolver (--dns).'],
    actions: (s) => [compareResolver(s)],
  },
};

const dnsFinding = (session: Session, problem: DnsProblemView, spec: DnsRuleSpec | undefined) => {
  const worse = spec?.escalate?.(domainOf(session), session);
  return finding({
    id: problem.id,
    severity: worse?.severity ?? problem.severity,
    step: 'dns',
    title: problem.title,
    explanation: (problem.detail || problem.title) + (worse?.why ?? ''),
    evidence: spec?.evidence(session) ?? [],
    next: spec?.next(domainOf(session), session) ?? [
      'Read the detail and the DNS answers in the transcript; `dig` the records it names to see them as senders do.',
    ],
    actions: spec?.actions?.(session) ?? [],
  });
};

export const dnsRules: Rule[] = [
  ...Object.entries(TABLE).map(([id, spec]): Rule => ({
    id,
    step: 'dns',
    evaluate: (session) => {
      const problem = dnsProblems(session).find((p) => p.id === id);
      return problem ? [dnsFinding(session, problem, spec)] : [];
    },
  })),
  {
    // Problems the table does not know yet still reach the report, under their own ids.
    id: 'dns',
    step: 'dns',
    evaluate: (session) =>
      dnsProblems(session)
        .filter((p) => !Object.hasOwn(TABLE, p.id))
        .map((p) =>
          dnsFinding(session, p.id.startsWith('dns.') ? p : { ...p, id: `dns.${p.id}` }, undefined),
        ),
  },
];

export const KNOWN_DNS_PROBLEMS: readonly string[] = Object.keys(TABLE);
