import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { diagnose } from '../../../source/diagnosis/index.js';
import { KNOWN_DNS_PROBLEMS } from '../../../source/diagnosis/rules/dns.js';
import type { Session } from '../../../source/record/types.js';
import { expectFinding, expectNone } from '../expect.js';
import { expectedEvidence, withProblems } from '../scenarios/dns.js';

const fixture = (name: string): Session =>
  JSON.parse(
    readFileSync(new URL(`../../fixtures/sessions/${name}.json`, import.meta.url), 'utf8'),
  ) as Session;

/** The problem ids the DNS step can produce (source/dns), all of which the table must know. */
const STEP_PROBLEM_IDS = [
  'dns.nxdomain',
  'dns.mx-lookup-failed',
  'dns.null-mx',
  'dns.null-mx-mixed',
  'dns.no-mail-host',
  'dns.no-mx-implicit',
  'dns.mx-ip-literal',
  'dns.mx-cname',
  'dns.mx-no-address',
  'dns.mx-all-fail',
  'dns.private-address',
  'dns.ptr-missing',
  'dns.ptr-not-confirmed',
  'dns.spf-missing',
  'dns.spf-multiple',
  'dns.spf-syntax',
  'dns.spf-include-broken',
  'dns.spf-loop',
  'dns.spf-too-many-lookups',
  'dns.spf-pass-all',
  'dns.spf-advice',
  'dns.dmarc-missing',
  'dns.dmarc-multiple',
  'dns.dmarc-syntax',
  'dns.dmarc-none',
  'dns.mta-sts-missing',
  'dns.mta-sts-multiple',
  'dns.mta-sts-syntax',
  'dns.tls-rpt-missing',
  'dns.tls-rpt-syntax',
  'dns.tlsa-servfail',
  'dns.tlsa-unvalidated',
  'dns.resolver-timeout',
  'dns.resolver-unreachable',
  'dns.malformed-reply',
  'dns.servfail',
  'dns.refused',
  'dns.resolvers-differ',
  'dns.step-timeout',
];

describe('dns rules', () => {
  it('every problem id of the DNS step has its own rule', () => {
    assert.deepEqual([...KNOWN_DNS_PROBLEMS].sort(), [...STEP_PROBLEM_IDS].sort());
  });

  for (const id of KNOWN_DNS_PROBLEMS) {
    it(`${id}: the problem becomes a finding with its severity, the answers that show it, and next steps`, () => {
      for (const severity of ['error', 'warning', 'info'] as const) {
        const { session, lines } = withProblems([{ id, severity }]);
        const f = expectFinding(session, id, {
          severity,
          step: 'dns',
          evidence: [...(expectedEvidence(lines)[id] ?? [])].sort((a, b) => a - b),
          title: new RegExp(`Title of ${id.replace('.', '\\.')}`),
          explanation: /Detail of/,
        });
        assert.ok(f.next.every((n) => n.length > 10));
      }
    });
  }

  it('a problem listed twice becomes one finding; an unknown id still becomes a finding', () => {
    const { session } = withProblems([
      { id: 'dns.ptr-missing', severity: 'warning' },
      { id: 'dns.ptr-missing', severity: 'warning' },
      { id: 'dns.something-new', severity: 'warning' },
      { id: 'odd', severity: 'info' },
    ]);
    const ids = diagnose(session).map((f) => f.id);
    assert.deepEqual(
      ids.filter((id) => id === 'dns.ptr-missing'),
      ['dns.ptr-missing'],
    );
    assert.ok(ids.includes('dns.something-new'));
    assert.ok(ids.includes('dns.odd'));
  });

  it('actions: compare with another resolver, and try the next MX while one still has an address', () => {
    const { session } = withProblems([
      { id: 'dns.resolvers-differ', severity: 'warning' },
      { id: 'dns.mx-no-address', severity: 'warning' },
    ]);
    expectFinding(session, 'dns.resolvers-differ', {
      severity: 'warning',
      action: { kind: 'compare-resolver', params: { resolver: '1.1.1.1' } },
    });
    expectFinding(session, 'dns.mx-no-address', {
      severity: 'warning',
      action: { kind: 'next-mx' },
    });
  });

  it('a malformed problem list gives no finding and no crash', () => {
    const { session } = withProblems([]);
    session.dns!['problems'] = [null, 7, { id: 3 }, { id: 'dns.null-mx', severity: 'fatal' }];
    assert.deepEqual(
      diagnose(session).filter((f) => f.step === 'dns'),
      [],
    );
    session.dns!['problems'] = 'nonsense';
    assert.deepEqual(diagnose(session), []);
  });

  it('real null MX: dns.null-mx is the error that explains the failed step', () => {
    const session = fixture('real-dns-nullmx');
    const f = expectFinding(session, 'dns.null-mx', {
      severity: 'error',
      step: 'dns',
      next: /replace "MX 0 \."/,
    });
    assert.deepEqual(
      f.evidence.map((i) => session.transcript[i]!.text),
      ['MX 0 . (10 ms)', 'MX "0 ." is a null MX (RFC 7505): nullmx.test accepts no mail'],
    );
    expectNone(session, 'dns.failed');
  });

  it("a null MX is the owner's choice (info), and an error when this session delivers there", () => {
    const asInfo = (session: Session) => {
      for (const p of session.dns!['problems'] as Array<{ id: string; severity: string }>)
        if (p.id === 'dns.null-mx') p.severity = 'info';
      return session;
    };
    expectFinding(asInfo(fixture('real-dns-nullmx')), 'dns.null-mx', { severity: 'info' });
    const toThere = asInfo(fixture('real-dns-nullmx'));
    toThere.facts = { ...toThere.facts, 'run.settings': { to: ['bob@nullmx.test'] } };
    const f = expectFinding(toThere, 'dns.null-mx', { severity: 'error' });
    assert.match(f.explanation, /Mail to bob@nullmx\.test cannot be delivered/);
    const toElsewhere = asInfo(fixture('real-dns-nullmx'));
    toElsewhere.facts = { ...toElsewhere.facts, 'run.settings': { to: ['bob@example.test'] } };
    expectFinding(toElsewhere, 'dns.null-mx', { severity: 'info' });
    const address = asInfo(fixture('real-dns-nullmx'));
    address.target = { ...address.target, input: 'alice@nullmx.test' };
    expectFinding(address, 'dns.null-mx', { severity: 'error' });
  });

  it('real broken MX, CNAME MX, implicit MX and two SPF records', () => {
    const broken = fixture('real-dns-brokenmx');
    const mx = expectFinding(broken, 'dns.mx-no-address', { severity: 'error' });
    assert.ok(mx.evidence.every((i) => /nowhere\.brokenmx\.test/.test(broken.transcript[i]!.text)));
    const cname = fixture('real-dns-cnamemx');
    const c = expectFinding(cname, 'dns.mx-cname', { severity: 'warning' });
    assert.match(
      cname.transcript[c.evidence[0]!]!.text,
      /^CNAME mail\.example\.test; A 127\.0\.0\.1/,
    );
    // The certificate does not name the alias: the TLS finding says why.
    expectFinding(cname, 'tls.cert-wrong-name', {
      severity: 'error',
      explanation: /alias \(CNAME\)/,
    });
    expectFinding(fixture('real-dns-nomx'), 'dns.no-mx-implicit', { severity: 'warning' });
    const spf = fixture('real-dns-badspf');
    const s = expectFinding(spf, 'dns.spf-multiple', { severity: 'error' });
    assert.match(spf.transcript[s.evidence[0]!]!.text, /v=spf1/);
  });

  it('the healthy test zone gives no finding at all', () => {
    assert.deepEqual(diagnose(fixture('real-dns-example')), []);
  });
});
