import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DnsStepResult } from '../../source/dns/index.js';
import { parseResolver, reverseLookup, runDnsStep } from '../../source/dns/index.js';
import { InputError } from '../../source/protocols/common/errors.js';
import type { FakeDns, Zone, ZoneRecord } from '../helpers/fake-dns.js';
import { answerWith, reply, silent, startFakeDns, zone } from '../helpers/fake-dns.js';
import { settlesBefore } from '../helpers/timing.js';

const NET = { timeout: 15_000 };

const mx = (preference: number, exchange: string): ZoneRecord => ({
  type: 'MX',
  preference,
  exchange,
});
const a = (address: string): ZoneRecord => ({ type: 'A', address });
const txt = (text: string): ZoneRecord => ({ type: 'TXT', text });

const HEALTHY: Zone = {
  // Deliberately out of order: the step must sort by preference.
  'example.test': [
    mx(20, 'mx3.example.test'),
    mx(10, 'mx1.example.test'),
    mx(20, 'mx2.example.test'),
    a('127.0.0.1'),
    txt('v=spf1 ip4:127.0.0.0/8 -all'),
  ],
  'mx1.example.test': [a('127.0.0.1'), { type: 'AAAA', address: '::1' }],
  'mx2.example.test': [a('127.0.0.2')],
  'mx3.example.test': [a('127.0.0.3')],
  '1.0.0.127.in-addr.arpa': [{ type: 'PTR', target: 'mail.example.test' }],
  '2.0.0.127.in-addr.arpa': [{ type: 'PTR', target: 'mx2.example.test' }],
  // Claims a name that does not point back.
  '3.0.0.127.in-addr.arpa': [{ type: 'PTR', target: 'mail.example.test' }],
  'mail.example.test': [a('127.0.0.1')],
  '_dmarc.example.test': [txt('v=DMARC1; p=reject; rua=mailto:dmarc@example.test')],
  '_mta-sts.example.test': [txt('v=STSv1; id=20260101')],
  '_smtp._tls.example.test': [txt('v=TLSRPTv1; rua=mailto:tlsrpt@example.test')],
  '_submission._tcp.example.test': [
    { type: 'SRV', priority: 0, weight: 1, port: 587, target: 'mail.example.test' },
  ],
  '_imaps._tcp.example.test': [
    { type: 'SRV', priority: 0, weight: 1, port: 993, target: 'mail.example.test' },
  ],
  '_pop3._tcp.example.test': [{ type: 'SRV', priority: 0, weight: 0, port: 0, target: '.' }],
  '_25._tcp.mx1.example.test': [
    { type: 'TLSA', usage: 3, selector: 1, matchingType: 1, data: 'ab'.repeat(32) },
  ],
};

const ids = (r: DnsStepResult): string[] => r.problems.map((p) => p.id);
const problem = (r: DnsStepResult, id: string) => {
  const found = r.problems.find((p) => p.id === id);
  assert.ok(found, `expected problem ${id}, got ${ids(r).join(', ')}`);
  return found;
};

describe('dns/step against a scripted server', () => {
  let fake: FakeDns;
  const run = (domain: string, records: Zone, timeoutMs = 3000) => {
    fake.setHandler(answerWith(zone(records)));
    return runDnsStep(domain, { resolvers: [parseResolver(fake.spec)], timeoutMs });
  };

  before(async () => {
    fake = await startFakeDns(silent);
  });
  after(async () => {
    await fake.close();
  });

  it(
    'sorts MX by preference, groups equal ones, keeps every host and address in order',
    NET,
    async () => {
      const r = await run('Example.Test.', HEALTHY);
      assert.equal(r.domain, 'example.test');
      assert.deepEqual(r.resolvers, [fake.spec]);
      assert.deepEqual(r.mx, [
        { preference: 10, exchange: 'mx1.example.test', addresses: ['127.0.0.1', '::1'] },
        { preference: 20, exchange: 'mx2.example.test', addresses: ['127.0.0.2'] },
        { preference: 20, exchange: 'mx3.example.test', addresses: ['127.0.0.3'] },
      ]);
      assert.deepEqual(r.mxGroups, [
        { preference: 10, exchanges: ['mx1.example.test'] },
        { preference: 20, exchanges: ['mx2.example.test', 'mx3.example.test'] },
      ]);
      assert.deepEqual(
        r.mailHosts.map((h) => [h.host, h.port, h.preference, h.addresses]),
        [
          ['mx1.example.test', 25, 10, ['127.0.0.1', '::1']],
          ['mx2.example.test', 25, 20, ['127.0.0.2']],
          ['mx3.example.test', 25, 20, ['127.0.0.3']],
        ],
      );
      assert.equal(r.implicitMx, false);
      assert.equal(r.nullMx, false);
      assert.equal(r.summary, 'MX 10 mx1.example.test, 20 mx2.example.test, 20 mx3.example.test');
      assert.ok(r.log.some((l) => l.dir === 'note' && l.text.includes('equal preference')));
    },
  );

  it('writes the transcript as questions and answers', NET, async () => {
    const r = await run('example.test', HEALTHY);
    const first = r.log.slice(0, 2);
    assert.deepEqual(first[0], { dir: 'client', text: `MX example.test? @${fake.spec}` });
    assert.equal(first[1]?.dir, 'server');
    assert.match(
      first[1]?.text ?? '',
      /^MX 20 mx3\.example\.test, 10 mx1\.example\.test, 20 mx2\.example\.test \(\d+ ms\)$/,
    );
    assert.ok(
      r.log.some(
        (l) =>
          l.dir === 'server' &&
          /^NXDOMAIN: _submissions\._tcp\.example\.test does not exist/.test(l.text),
      ),
    );
  });

  it('checks reverse DNS and whether it resolves back', NET, async () => {
    const r = await run('example.test', HEALTHY);
    const byAddress = Object.fromEntries(r.ptr.map((p) => [p.address, p]));
    assert.deepEqual(byAddress['127.0.0.1']?.names, ['mail.example.test']);
    assert.equal(byAddress['127.0.0.1']?.forwardConfirmed, true);
    assert.equal(byAddress['127.0.0.2']?.forwardConfirmed, true);
    assert.deepEqual(byAddress['127.0.0.3']?.names, ['mail.example.test']);
    assert.equal(byAddress['127.0.0.3']?.forwardConfirmed, false);
    assert.equal(byAddress['::1']?.outcome, 'nxdomain');
    assert.match(problem(r, 'dns.ptr-not-confirmed').detail, /127\.0\.0\.3 -> mail\.example\.test/);
    assert.match(problem(r, 'dns.ptr-missing').detail, /::1/);
  });

  it('reads SPF, DMARC, MTA-STS, TLS-RPT, TLSA and the mail SRV records', NET, async () => {
    const r = await run('example.test', HEALTHY);
    assert.equal(r.spf.record, 'v=spf1 ip4:127.0.0.0/8 -all');
    assert.equal(r.spf.all, '-');
    assert.equal(r.spf.lookupsTotal, 0);
    assert.equal(r.dmarc.policy, 'reject');
    assert.deepEqual(r.dmarc.rua, ['mailto:dmarc@example.test']);
    assert.equal(r.mtaSts.id, '20260101');
    assert.deepEqual(r.tlsRpt.rua, ['mailto:tlsrpt@example.test']);
    assert.deepEqual(
      r.tlsa.map((t) => [t.host, t.outcome, t.records.length]),
      [
        ['mx1.example.test', 'answer', 1],
        ['mx2.example.test', 'nxdomain', 0],
        ['mx3.example.test', 'nxdomain', 0],
      ],
    );
    const srv = Object.fromEntries(r.srv.map((s) => [s.service, s]));
    assert.deepEqual(srv['_submission._tcp']?.records, [
      { priority: 0, weight: 1, port: 587, target: 'mail.example.test' },
    ]);
    assert.equal(srv['_imaps._tcp']?.records[0]?.port, 993);
    assert.equal(srv['_pop3._tcp']?.unavailable, true);
    assert.equal(srv['_submissions._tcp']?.outcome, 'nxdomain');
    for (const id of [
      'dns.spf-missing',
      'dns.dmarc-missing',
      'dns.mta-sts-missing',
      'dns.tls-rpt-missing',
      'dns.mx-cname',
    ]) {
      assert.ok(!ids(r).includes(id), id);
    }
    assert.equal(r.status, 'warning'); // only the PTR findings
  });

  it('serialises to JSON and back unchanged', NET, async () => {
    const r = await run('example.test', HEALTHY);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  });

  it('names an MX that is a CNAME', NET, async () => {
    const r = await run('cnamemx.test', {
      'cnamemx.test': [mx(10, 'alias.cnamemx.test')],
      'alias.cnamemx.test': [{ type: 'CNAME', target: 'mail.example.test' }],
      'mail.example.test': [a('127.0.0.1')],
    });
    assert.match(problem(r, 'dns.mx-cname').detail, /alias\.cnamemx\.test -> mail\.example\.test/);
    assert.equal(problem(r, 'dns.mx-cname').severity, 'warning');
    assert.deepEqual(r.mx, [
      { preference: 10, exchange: 'alias.cnamemx.test', addresses: ['127.0.0.1'] },
    ]);
  });

  it('names an MX that is an IP literal and does not look it up as a name', NET, async () => {
    const before = fake.questions.length;
    const r = await run('literal.test', {
      'literal.test': [mx(10, '192.0.2.25'), mx(20, 'mx.literal.test')],
      'mx.literal.test': [a('127.0.0.9')],
    });
    const p = problem(r, 'dns.mx-ip-literal');
    assert.equal(p.severity, 'error');
    assert.match(p.detail, /MX 10 192\.0\.2\.25/);
    assert.deepEqual(
      r.mailHosts.map((h) => [h.host, h.addresses]),
      [
        ['192.0.2.25', []],
        ['mx.literal.test', ['127.0.0.9']],
      ],
    );
    assert.ok(!fake.questions.slice(before).some((q) => q.name === '192.0.2.25'));
  });

  it('reports a null MX as a finding: no mail hosts, no lookups of "."', NET, async () => {
    const r = await run('nullmx.test', { 'nullmx.test': [mx(0, '.')] });
    assert.equal(r.nullMx, true);
    assert.deepEqual(r.mx, [{ preference: 0, exchange: '.', addresses: [] }]);
    assert.deepEqual(r.mailHosts, []);
    assert.equal(problem(r, 'dns.null-mx').severity, 'info', 'a deliberate statement, not a fault');
    assert.equal(r.summary, 'nullmx.test has a null MX: it accepts no mail');
    assert.ok(!ids(r).includes('dns.mx-no-address'));
    // Inbound TLS policy is moot for a domain that takes no mail.
    assert.ok(!ids(r).includes('dns.mta-sts-missing'));
    assert.ok(!ids(r).includes('dns.tls-rpt-missing'));
    assert.ok(ids(r).includes('dns.dmarc-missing'));
  });

  it(
    "uses the implicit MX (the domain's own address) when there is no MX, and says so",
    NET,
    async () => {
      const r = await run('nomx.test', { 'nomx.test': [a('127.0.0.1')] });
      assert.equal(r.implicitMx, true);
      assert.deepEqual(r.mx, []);
      assert.deepEqual(r.mailHosts, [
        { host: 'nomx.test', port: 25, preference: 0, addresses: ['127.0.0.1'], implicit: true },
      ]);
      assert.equal(problem(r, 'dns.no-mx-implicit').severity, 'warning');
      assert.ok(r.log.some((l) => l.dir === 'note' && /implicit MX/.test(l.text)));
      assert.deepEqual(
        r.tlsa.map((t) => t.name),
        ['_25._tcp.nomx.test'],
      );
    },
  );

  it('tells a missing domain (NXDOMAIN) from one with nowhere to deliver', NET, async () => {
    const gone = await run('gone.test', {});
    assert.equal(problem(gone, 'dns.nxdomain').severity, 'error');
    assert.equal(gone.status, 'error');
    assert.deepEqual(gone.mailHosts, []);
    // A missing domain is one finding, not a pile of missing records.
    for (const id of ['dns.spf-missing', 'dns.dmarc-missing', 'dns.mta-sts-missing'])
      assert.ok(!ids(gone).includes(id), id);

    const empty = await run('empty.test', { 'empty.test': [txt('hello')] });
    assert.equal(problem(empty, 'dns.no-mail-host').severity, 'error');
    assert.ok(ids(empty).includes('dns.spf-missing'));
    assert.ok(ids(empty).includes('dns.dmarc-missing'));
  });

  it('names MX hosts with no address, and all MX hosts failing', NET, async () => {
    const one = await run('brokenmx.test', { 'brokenmx.test': [mx(10, 'nowhere.brokenmx.test')] });
    const p = problem(one, 'dns.mx-no-address');
    assert.equal(p.severity, 'error');
    assert.match(p.detail, /nowhere\.brokenmx\.test does not exist \(NXDOMAIN\)/);

    const some = await run('half.test', {
      'half.test': [mx(10, 'ok.half.test'), mx(20, 'bad.half.test')],
      'ok.half.test': [a('127.0.0.1')],
      'bad.half.test': [txt('x')],
    });
    assert.equal(problem(some, 'dns.mx-no-address').severity, 'warning');
    assert.match(
      problem(some, 'dns.mx-no-address').detail,
      /bad\.half\.test has no A or AAAA record/,
    );

    const all = await run('allbad.test', {
      'allbad.test': [mx(10, 'a.allbad.test'), mx(20, 'b.allbad.test'), mx(30, 'c.allbad.test')],
    });
    assert.equal(problem(all, 'dns.mx-all-fail').severity, 'error');
    assert.match(problem(all, 'dns.mx-all-fail').title, /None of the 3 MX hosts/);
    assert.ok(!ids(all).includes('dns.mx-no-address'));
  });

  it(
    'names loopback and private addresses on a public domain, not on a .test one',
    NET,
    async () => {
      const records: Zone = {
        'corp.example.com': [mx(10, 'mail.corp.example.com'), mx(20, 'backup.corp.example.com')],
        'mail.corp.example.com': [a('10.1.2.3')],
        'backup.corp.example.com': [a('127.0.0.1')],
      };
      const r = await run('corp.example.com', records);
      const p = problem(r, 'dns.private-address');
      assert.equal(p.severity, 'error');
      assert.match(p.detail, /mail\.corp\.example\.com -> 10\.1\.2\.3 \(private network\)/);
      assert.match(p.detail, /backup\.corp\.example\.com -> 127\.0\.0\.1 \(loopback/);

      const lab = await run('lab.test', {
        'lab.test': [mx(10, 'mx.lab.test')],
        'mx.lab.test': [a('127.0.0.1')],
      });
      assert.ok(!ids(lab).includes('dns.private-address'));
    },
  );

  it('names more than one SPF record', NET, async () => {
    const r = await run('badspf.test', {
      'badspf.test': [
        mx(10, 'mail.example.test'),
        txt('v=spf1 ip4:127.0.0.0/8 -all'),
        txt('v=spf1 a mx ~all'),
      ],
      'mail.example.test': [a('127.0.0.1')],
    });
    assert.equal(r.spf.records.length, 2);
    assert.equal(problem(r, 'dns.spf-multiple').severity, 'error');
    assert.match(problem(r, 'dns.spf-multiple').title, /2 SPF records/);
  });

  it('counts SPF lookups past 10, in the record and through its includes', NET, async () => {
    const own = await run('many.test', {
      'many.test': [
        mx(10, 'mx.many.test'),
        txt(
          'v=spf1 a mx ptr exists:x.many.test a:b.many.test mx:c.many.test a:d.many.test a:e.many.test a:f.many.test a:g.many.test a:h.many.test -all',
        ),
      ],
      'mx.many.test': [a('127.0.0.1')],
    });
    assert.equal(own.spf.lookups, 11);
    assert.match(
      problem(own, 'dns.spf-too-many-lookups').title,
      /SPF needs 11 DNS lookups; the limit is 10/,
    );

    const before = fake.questions.length;
    const nested = await run('nested.test', {
      'nested.test': [
        mx(10, 'mx.nested.test'),
        txt('v=spf1 include:one.nested.test include:two.nested.test -all'),
      ],
      'mx.nested.test': [a('127.0.0.1')],
      'one.nested.test': [txt('v=spf1 a mx include:three.nested.test ~all')],
      'two.nested.test': [txt('v=spf1 a mx ptr ~all')],
      'three.nested.test': [txt('v=spf1 a mx exists:%{i}.x.nested.test a:y.nested.test ~all')],
    });
    assert.equal(nested.spf.lookups, 2);
    assert.equal(nested.spf.lookupsTotal, 2 + 3 + 3 + 4);
    assert.equal(nested.spf.expanded, true);
    assert.deepEqual(nested.spf.includes.map((i) => i.domain).sort(), [
      'one.nested.test',
      'three.nested.test',
      'two.nested.test',
    ]);
    assert.ok(
      fake.questions
        .slice(before)
        .some((q) => q.name === 'three.nested.test' && q.typeName === 'TXT'),
    );
    assert.match(problem(nested, 'dns.spf-too-many-lookups').title, /SPF needs 12 DNS lookups/);
  });

  it('names an SPF include that has no SPF record, and SPF syntax errors', NET, async () => {
    const r = await run('inc.test', {
      'inc.test': [
        mx(10, 'mx.inc.test'),
        txt('v=spf1 include:missing.inc.test ip4:999.1.1.1 -all'),
      ],
      'mx.inc.test': [a('127.0.0.1')],
    });
    assert.match(problem(r, 'dns.spf-include-broken').detail, /missing\.inc\.test does not exist/);
    assert.match(problem(r, 'dns.spf-syntax').detail, /999\.1\.1\.1/);
  });

  it('refuses a target that is not a domain name', async () => {
    await assert.rejects(
      () =>
        runDnsStep('bob@example.test', { resolvers: [parseResolver(fake.spec)], timeoutMs: 100 }),
      InputError,
    );
    await assert.rejects(
      () => runDnsStep('192.0.2.1', { resolvers: [parseResolver(fake.spec)], timeoutMs: 100 }),
      InputError,
    );
  });
});

describe('dns/step with several resolvers', () => {
  let first: FakeDns;
  let second: FakeDns;
  before(async () => {
    first = await startFakeDns(silent);
    second = await startFakeDns(silent);
  });
  after(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it('compares their answers and says where they differ', NET, async () => {
    first.setHandler(answerWith(zone(HEALTHY)));
    second.setHandler(
      answerWith(
        zone({
          ...HEALTHY,
          'example.test': [
            mx(10, 'mx1.example.test'),
            a('127.0.0.1'),
            txt('v=spf1 ip4:127.0.0.0/8 -all'),
          ],
        }),
      ),
    );
    const r = await runDnsStep('example.test', {
      resolvers: [parseResolver(first.spec), parseResolver(second.spec)],
      timeoutMs: 3000,
    });
    assert.deepEqual(r.resolvers, [first.spec, second.spec]);
    // The first resolver's answer is the one used.
    assert.equal(r.mx.length, 3);
    const d = r.differences.find((x) => x.type === 'MX' && x.name === 'example.test');
    assert.ok(d, JSON.stringify(r.differences));
    assert.deepEqual(d.answers[first.spec], [
      'MX 10 mx1.example.test',
      'MX 20 mx2.example.test',
      'MX 20 mx3.example.test',
    ]);
    assert.deepEqual(d.answers[second.spec], ['MX 10 mx1.example.test']);
    assert.equal(r.differences.length, 1);
    assert.match(problem(r, 'dns.resolvers-differ').detail, /MX example\.test/);
    // Each question went to both resolvers.
    assert.ok(r.log.some((l) => l.text === `MX example.test? @${first.spec}`));
    assert.ok(r.log.some((l) => l.text === `MX example.test? @${second.spec}`));
  });

  it(
    'falls back to a live resolver when the first is dead, and names the dead one',
    NET,
    async () => {
      first.setHandler(silent);
      second.setHandler(answerWith(zone(HEALTHY)));
      // The step's own deadline is far off: beating a reference well short of it shows each of
      // the four phases gave up on the dead resolver after its 300 ms query timeout.
      const r = await settlesBefore(
        runDnsStep('example.test', {
          resolvers: [parseResolver(first.spec), parseResolver(second.spec)],
          timeoutMs: 20_000,
          queryTimeoutMs: 300,
        }),
        8_000,
        'the fallback to the live resolver',
      );
      assert.equal(r.mx.length, 3);
      assert.equal(r.mailHosts[0]?.host, 'mx1.example.test');
      const p = problem(r, 'dns.resolver-timeout');
      assert.equal(p.severity, 'warning');
      assert.ok(p.detail.includes(first.spec) && !p.detail.includes(second.spec), p.detail);
      assert.deepEqual(r.differences, []);
    },
  );

  it('bounds the whole step when every resolver is dead', NET, async () => {
    first.setHandler(silent);
    second.setHandler(silent);
    // Each query would wait 20 s: the step's 600 ms deadline is what ends it.
    const r = await settlesBefore(
      runDnsStep('example.test', {
        resolvers: [parseResolver(first.spec), parseResolver(second.spec)],
        timeoutMs: 600,
        queryTimeoutMs: 20_000,
      }),
      8_000,
      'the DNS step with every resolver dead',
    );
    assert.equal(r.status, 'error');
    assert.equal(problem(r, 'dns.mx-lookup-failed').severity, 'error');
    const p = problem(r, 'dns.resolver-timeout');
    assert.equal(p.severity, 'error');
    assert.ok(p.detail.includes(first.spec) && p.detail.includes(second.spec));
    assert.match(r.summary, /MX lookup for example\.test failed \(timeout\)/);
  });

  it('says when the step ran out of time before every lookup was made', NET, async () => {
    first.setHandler((q) =>
      q.name === 'example.test' && q.typeName === 'MX' ? [{ bytes: zone(HEALTHY)(q) }] : [],
    );
    const r = await settlesBefore(
      runDnsStep('example.test', {
        resolvers: [parseResolver(first.spec)],
        timeoutMs: 400,
        queryTimeoutMs: 20_000,
      }),
      8_000,
      'the DNS step out of time',
    );
    assert.equal(r.mx.length, 3);
    assert.ok(ids(r).includes('dns.step-timeout'));
    assert.ok(r.queries.some((q) => q.error === 'not asked: the time for the DNS step ran out'));
  });

  it('reports a resolver that answers SERVFAIL', NET, async () => {
    first.setHandler(answerWith((q) => reply(q, { rcode: 2 })));
    const r = await runDnsStep('example.test', {
      resolvers: [parseResolver(first.spec)],
      timeoutMs: 2000,
    });
    assert.match(
      problem(r, 'dns.servfail').detail,
      new RegExp(`${first.spec}: \\d+ of \\d+ queries`),
    );
    assert.equal(problem(r, 'dns.mx-lookup-failed').severity, 'error');
  });
});

describe('dns/reverseLookup', () => {
  let fake: FakeDns;
  before(async () => {
    fake = await startFakeDns(answerWith(zone(HEALTHY)));
  });
  after(async () => {
    await fake.close();
  });

  it('returns the PTR names and whether they resolve back', NET, async () => {
    const options = { resolvers: [fake.resolver], timeoutMs: 2000 };
    const confirmed = await reverseLookup('127.0.0.1', options);
    assert.deepEqual(
      {
        names: confirmed.names,
        forwardConfirmed: confirmed.forwardConfirmed,
        outcome: confirmed.outcome,
      },
      { names: ['mail.example.test'], forwardConfirmed: true, outcome: 'answer' },
    );
    assert.equal((await reverseLookup('::ffff:127.0.0.1', options)).forwardConfirmed, true);
    const claimed = await reverseLookup('127.0.0.3', options);
    assert.equal(claimed.forwardConfirmed, false);
    assert.deepEqual(claimed.names, ['mail.example.test']);
    const none = await reverseLookup('192.0.2.99', options);
    assert.equal(none.outcome, 'nxdomain');
    assert.deepEqual(none.names, []);
    assert.ok(none.log.some((l) => l.text === `PTR 99.2.0.192.in-addr.arpa? @${fake.spec}`));
  });

  it('refuses what is not an address', async () => {
    await assert.rejects(
      () => reverseLookup('mail.example.test', { resolvers: [fake.resolver], timeoutMs: 100 }),
      InputError,
    );
  });
});
