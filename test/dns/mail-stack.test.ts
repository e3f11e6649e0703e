// The DNS step against the real dnsmasq of the project's mail stack (scripts/mail-stack).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DnsStepResult, Resolver } from '../../source/dns/index.js';
import { parseResolver, query, reverseLookup, runDnsStep } from '../../source/dns/index.js';
import { getMailStack } from '../helpers/mail-stack.js';

const NET = { timeout: 60_000 };

type Stack = Awaited<ReturnType<typeof getMailStack>>;

const ids = (r: DnsStepResult): string[] => r.problems.map((p) => p.id);

describe("dns step against the mail stack's dnsmasq", () => {
  let stack: Stack;
  let resolver: Resolver;
  const step = (domain: string) =>
    runDnsStep(domain, { resolvers: [resolver], timeoutMs: 10_000, queryTimeoutMs: 3000 });

  before(async () => {
    stack = await getMailStack();
    resolver = parseResolver(`${stack.host}:${stack.dns}`);
  }, NET);

  it(
    "finds the healthy domain's MX hosts, addresses, policy records and mail services",
    NET,
    async () => {
      const r = await step(stack.zones.healthy);
      assert.deepEqual(r.mx, [
        { preference: 10, exchange: 'mx1.example.test', addresses: ['127.0.0.1', '::1'] },
        { preference: 20, exchange: 'mx2.example.test', addresses: ['127.0.0.2'] },
      ]);
      assert.deepEqual(
        r.mailHosts.map((h) => h.host),
        ['mx1.example.test', 'mx2.example.test'],
      );
      assert.equal(r.implicitMx, false);
      assert.equal(r.nullMx, false);
      assert.equal(r.spf.record, 'v=spf1 ip4:127.0.0.0/8 -all');
      assert.equal(r.dmarc.policy, 'reject');
      assert.equal(r.mtaSts.id, '20260101');
      assert.deepEqual(r.tlsRpt.rua, ['mailto:tlsrpt@example.test']);
      const srv = Object.fromEntries(r.srv.map((s) => [s.service, s.records]));
      assert.deepEqual(srv['_submission._tcp'], [
        { priority: 0, weight: 1, port: stack.submission, target: 'mail.example.test' },
      ]);
      assert.deepEqual(srv['_imaps._tcp'], [
        { priority: 0, weight: 1, port: stack.imaps, target: 'mail.example.test' },
      ]);
      assert.deepEqual(srv['_pop3s._tcp'], [
        { priority: 0, weight: 1, port: stack.pop3s, target: 'mail.example.test' },
      ]);
      for (const id of [
        'dns.spf-missing',
        'dns.dmarc-missing',
        'dns.mx-no-address',
        'dns.private-address',
        'dns.resolver-timeout',
      ]) {
        assert.ok(!ids(r).includes(id), `${id} in ${ids(r).join(', ')}`);
      }
      const loopback = r.ptr.find((p) => p.address === '127.0.0.1');
      assert.ok(loopback?.names.includes('mail.example.test'), JSON.stringify(loopback));
      assert.equal(loopback?.forwardConfirmed, true);
      assert.notEqual(r.status, 'error');
    },
  );

  it(
    'names the null MX, the MX with no address, the missing MX, the CNAME MX and the double SPF',
    NET,
    async () => {
      const [nullMx, broken, noMx, cname, badSpf] = await Promise.all([
        step(stack.zones.nullMx),
        step(stack.zones.brokenMx),
        step(stack.zones.noMx),
        step(stack.zones.cnameMx),
        step(stack.zones.badSpf),
      ]);
      assert.equal(nullMx.nullMx, true);
      assert.deepEqual(nullMx.mailHosts, []);
      assert.ok(ids(nullMx).includes('dns.null-mx'));

      assert.ok(ids(broken).includes('dns.mx-no-address'), ids(broken).join(', '));
      assert.deepEqual(broken.mx, [
        { preference: 10, exchange: 'nowhere.brokenmx.test', addresses: [] },
      ]);

      assert.equal(noMx.implicitMx, true);
      assert.deepEqual(noMx.mailHosts, [
        { host: 'nomx.test', port: 25, preference: 0, addresses: ['127.0.0.1'], implicit: true },
      ]);
      assert.ok(ids(noMx).includes('dns.no-mx-implicit'));

      assert.ok(ids(cname).includes('dns.mx-cname'), ids(cname).join(', '));
      assert.deepEqual(cname.mx[0]?.addresses, ['127.0.0.1']);

      assert.ok(ids(badSpf).includes('dns.spf-multiple'));
      assert.equal(badSpf.spf.records.length, 2);
    },
  );

  it(
    'answers NXDOMAIN for a name outside the zones, and reverse DNS for the server',
    NET,
    async () => {
      const missing = await query(resolver, 'nowhere.example.test', 'A', { timeoutMs: 3000 });
      assert.equal(missing.outcome, 'nxdomain');
      const reverse = await reverseLookup('127.0.0.1', { resolvers: [resolver], timeoutMs: 5000 });
      assert.ok(reverse.names.includes('mail.example.test'));
      assert.equal(reverse.forwardConfirmed, true);
    },
  );
});
