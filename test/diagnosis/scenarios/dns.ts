// A DNS step transcript with every kind of question, and the problems the step can name.
import { KNOWN_DNS_PROBLEMS } from '../../../source/diagnosis/rules/dns.js';
import { SessionBuilder } from '../build-session.js';
import type { Scenario, Scenarios } from './types.js';

const R = '@127.0.0.1:53';

/** Asks and answers one question; returns the index of the answer. */
const ask = (b: SessionBuilder, question: string, answer: string): number => {
  b.client('dns', `${question}? ${R}`);
  return b.server('dns', answer)[0]!;
};

export interface DnsLines {
  mx: number;
  mxNote: number;
  a: number;
  aaaa: number;
  txt: number;
  dmarc: number;
  mtaSts: number;
  tlsRpt: number;
  mxA: number;
  mxAaaa: number;
  tlsa: number;
  ptr: number;
  servfail: number;
  timeout: number;
  refused: number;
  differ: number;
}

export const dnsTranscript = (b: SessionBuilder): DnsLines => ({
  mx: ask(b, 'MX example.test', 'MX 10 mx1.example.test (4 ms)'),
  a: ask(b, 'A example.test', 'A 192.0.2.80 (3 ms)'),
  aaaa: ask(b, 'AAAA example.test', 'NODATA: no AAAA record for example.test (3 ms)'),
  txt: ask(b, 'TXT example.test', 'TXT "v=spf1 mx -all", "v=spf1 a -all" (3 ms)'),
  dmarc: ask(b, 'TXT _dmarc.example.test', 'NXDOMAIN: _dmarc.example.test does not exist (3 ms)'),
  mtaSts: ask(
    b,
    'TXT _mta-sts.example.test',
    'NXDOMAIN: _mta-sts.example.test does not exist (3 ms)',
  ),
  tlsRpt: ask(
    b,
    'TXT _smtp._tls.example.test',
    'NXDOMAIN: _smtp._tls.example.test does not exist (3 ms)',
  ),
  mxNote: b.note('dns', 'mail for example.test goes to preference 10: mx1.example.test'),
  mxA: ask(b, 'A mx1.example.test', 'CNAME mail.example.test; A 10.0.0.25 (2 ms)'),
  mxAaaa: ask(
    b,
    'AAAA mx1.example.test',
    'NODATA: no AAAA record for mx1.example.test (after CNAME mail.example.test) (2 ms)',
  ),
  tlsa: ask(b, 'TLSA _25._tcp.mx1.example.test', 'SERVFAIL: the resolver could not answer (40 ms)'),
  ptr: ask(
    b,
    'PTR 25.0.0.10.in-addr.arpa',
    'NXDOMAIN: 25.0.0.10.in-addr.arpa does not exist (2 ms)',
  ),
  servfail: ask(
    b,
    'SRV _submission._tcp.example.test',
    'SERVFAIL: the resolver could not answer (30 ms)',
  ),
  timeout: ask(b, 'SRV _imaps._tcp.example.test', 'no reply from 127.0.0.1:53 within 3 s'),
  refused: ask(
    b,
    'SRV _pop3s._tcp.example.test',
    'REFUSED: the resolver will not answer this query (1 ms)',
  ),
  differ: b.note(
    'dns',
    'resolvers differ on MX example.test: 127.0.0.1:53 says 10 mx1.example.test / 192.0.2.53:53 says (nothing)',
  ),
});

/** The transcript lines each problem should cite. */
export const expectedEvidence = (l: DnsLines): Record<string, number[]> => {
  const mx = [l.mx, l.mxNote];
  return {
    'dns.nxdomain': mx,
    'dns.mx-lookup-failed': [...mx, l.servfail, l.timeout, l.refused, l.tlsa],
    'dns.null-mx': mx,
    'dns.null-mx-mixed': mx,
    'dns.no-mail-host': [...mx, l.a, l.aaaa],
    'dns.no-mx-implicit': [...mx, l.a, l.aaaa],
    'dns.mx-ip-literal': mx,
    'dns.mx-cname': [l.mxA, l.mxAaaa],
    'dns.mx-no-address': [l.mxA, l.mxAaaa],
    'dns.mx-all-fail': [l.mxA, l.mxAaaa],
    'dns.private-address': [l.mxA, l.mxAaaa],
    'dns.ptr-missing': [l.ptr],
    'dns.ptr-not-confirmed': [l.ptr],
    'dns.spf-missing': [l.txt],
    'dns.spf-multiple': [l.txt],
    'dns.spf-syntax': [l.txt],
    'dns.spf-include-broken': [l.txt],
    'dns.spf-loop': [l.txt],
    'dns.spf-too-many-lookups': [l.txt],
    'dns.spf-pass-all': [l.txt],
    'dns.spf-advice': [l.txt],
    'dns.dmarc-missing': [l.dmarc],
    'dns.dmarc-multiple': [l.dmarc],
    'dns.dmarc-syntax': [l.dmarc],
    'dns.dmarc-none': [l.dmarc],
    'dns.mta-sts-missing': [l.mtaSts],
    'dns.mta-sts-multiple': [l.mtaSts],
    'dns.mta-sts-syntax': [l.mtaSts],
    'dns.tls-rpt-missing': [l.tlsRpt],
    'dns.tls-rpt-syntax': [l.tlsRpt],
    'dns.tlsa-servfail': [l.tlsa],
    'dns.tlsa-unvalidated': [l.tlsa],
    'dns.resolver-timeout': [l.timeout],
    'dns.resolver-unreachable': [],
    'dns.malformed-reply': [],
    'dns.servfail': [l.tlsa, l.servfail],
    'dns.refused': [l.refused],
    'dns.resolvers-differ': [l.differ],
    'dns.step-timeout': [l.timeout],
  };
};

/** A session whose DNS step found exactly the given problems. */
export const withProblems = (
  problems: Array<{
    id: string;
    severity: 'error' | 'warning' | 'info';
    title?: string;
    detail?: string;
  }>,
) => {
  const b = new SessionBuilder({ domain: 'example.test', input: 'example.test' });
  const lines = dnsTranscript(b);
  b.dns({
    domain: 'example.test',
    mx: [{ preference: 10, exchange: 'mx1.example.test', addresses: ['10.0.0.25'] }],
    problems: problems.map((p) => ({
      title: `Title of ${p.id}`,
      detail: `Detail of ${p.id}, long enough to read as an explanation of the problem.`,
      ...p,
    })),
  });
  const worst = problems.some((p) => p.severity === 'error')
    ? 'error'
    : problems.some((p) => p.severity === 'warning')
      ? 'warning'
      : 'ok';
  b.step('dns', worst, 'MX 10 mx1.example.test');
  return { session: b.build(), lines };
};

export const dnsScenarios: Scenarios = Object.fromEntries(
  KNOWN_DNS_PROBLEMS.map((id): [string, () => Scenario] => [
    id,
    () => {
      const { session, lines } = withProblems([{ id, severity: 'warning' }]);
      return { session, evidence: expectedEvidence(lines)[id] ?? [] };
    },
  ]),
);
