import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import dns2 from 'dns2';
import { query } from '../../source/dns/query.js';
import { parseResolver } from '../../source/dns/resolvers.js';
import { InputError } from '../../source/protocols/common/errors.js';
import type { FakeDns, Handler } from '../helpers/fake-dns.js';
import { settlesBefore } from '../helpers/timing.js';
import {
  answerWith,
  compressionLoopReply,
  reply,
  silent,
  startFakeDns,
  zone,
} from '../helpers/fake-dns.js';

const NET = { timeout: 10_000 };

const healthy = zone({
  'example.test': [{ type: 'MX', preference: 10, exchange: 'mx1.example.test' }],
  'mx1.example.test': [{ type: 'A', address: '192.0.2.1' }],
});

const aRecord = (address: string) => [
  { name: 'mx1.example.test', record: { type: 'A' as const, address } },
];

describe('dns/query against a scripted server', () => {
  let fake: FakeDns;
  const use = (handler: Handler) => fake.setHandler(handler);
  const ask = (name: string, type: 'A' | 'MX', timeoutMs = 1000) =>
    query(parseResolver(fake.spec), name, type, { timeoutMs });

  before(async () => {
    fake = await startFakeDns(answerWith(healthy));
  });
  after(async () => {
    await fake.close();
  });

  it('keeps answer, NODATA and NXDOMAIN apart', NET, async () => {
    use(answerWith(healthy));
    const mx = await ask('example.test', 'MX');
    assert.equal(mx.outcome, 'answer');
    assert.equal(mx.rcode, 'NOERROR');
    assert.equal(mx.resolver, fake.spec);
    assert.deepEqual(mx.answers, [
      { type: 'MX', name: 'example.test', ttl: 60, preference: 10, exchange: 'mx1.example.test' },
    ]);
    const nodata = await ask('mx1.example.test', 'MX');
    assert.equal(nodata.outcome, 'nodata');
    assert.deepEqual(nodata.answers, []);
    const nx = await ask('nowhere.example.test', 'A');
    assert.equal(nx.outcome, 'nxdomain');
    assert.equal(nx.rcode, 'NXDOMAIN');
    assert.equal(nx.error, undefined);
  });

  it(
    'reports SERVFAIL, REFUSED and FORMERR as resolver failures naming the resolver',
    NET,
    async () => {
      for (const [rcode, outcome, name] of [
        [2, 'servfail', 'SERVFAIL'],
        [5, 'refused', 'REFUSED'],
        [1, 'servfail', 'FORMERR'],
      ] as const) {
        use(answerWith((q) => reply(q, { rcode })));
        const r = await ask('example.test', 'MX');
        assert.equal(r.outcome, outcome);
        assert.equal(r.rcode, name);
        assert.equal(r.error, `${fake.spec} answered ${name}`);
      }
    },
  );

  it('times out within the deadline on a resolver that never answers, naming it', NET, async () => {
    use(silent);
    const before = fake.questions.length;
    const started = performance.now();
    // The 400 ms deadline must beat a reference timer of twice as long started with it.
    const r = await settlesBefore(ask('example.test', 'MX', 400), 800, 'the 400 ms deadline');
    const elapsed = performance.now() - started;
    assert.equal(r.outcome, 'timeout');
    assert.ok(elapsed >= 395, `took ${elapsed} ms, less than the deadline`);
    assert.equal(r.error, `no reply from ${fake.spec} within 400 ms`);
    // The same query was sent again while waiting, as a lost datagram needs.
    const sent = fake.questions.slice(before);
    assert.ok(sent.length >= 2, `sent ${sent.length}`);
    assert.equal(new Set(sent.map((q) => q.id)).size, 1);
  });

  it('retries over TCP after a truncated UDP reply', NET, async () => {
    use((q) => [{ bytes: q.transport === 'udp' ? reply(q, { truncated: true }) : healthy(q) }]);
    const before = fake.questions.length;
    const r = await ask('example.test', 'MX');
    assert.equal(r.outcome, 'answer');
    assert.equal(r.transport, 'tcp');
    assert.equal(r.truncatedRetriedOverTcp, true);
    assert.equal(r.answers.length, 1);
    // A retransmission or a late datagram from an earlier test may add UDP questions under load;
    // what matters is that exactly one TCP question followed the UDP one.
    const transports = fake.questions.slice(before).map((q) => q.transport);
    assert.equal(transports[0], 'udp');
    assert.equal(transports.at(-1), 'tcp');
    assert.equal(transports.filter((t) => t === 'tcp').length, 1);
  });

  it(
    'bounds the TCP retry by the same deadline when TCP accepts and never answers',
    NET,
    async () => {
      use((q) => (q.transport === 'udp' ? [{ bytes: reply(q, { truncated: true }) }] : []));
      const r = await settlesBefore(ask('example.test', 'MX', 500), 1000, 'the 500 ms deadline');
      assert.equal(r.outcome, 'timeout');
      assert.equal(r.truncatedRetriedOverTcp, true);
      assert.match(r.error ?? '', new RegExp(`no reply from ${fake.spec} within 500 ms over TCP`));
    },
  );

  it('ignores a reply with the wrong ID and keeps waiting for the real one', NET, async () => {
    use((q) => [
      { bytes: reply(q, { id: (q.id + 1) & 0xffff, answers: aRecord('203.0.113.66') }) },
      { bytes: reply(q, { answers: aRecord('192.0.2.1') }), delayMs: 50 },
    ]);
    const r = await ask('mx1.example.test', 'A');
    assert.equal(r.outcome, 'answer');
    assert.deepEqual(
      r.answers.map((a) => (a.type === 'A' ? a.address : '')),
      ['192.0.2.1'],
    );
    assert.ok(
      r.ignored?.some((i) => /with ID \d+ instead of \d+/.test(i)),
      JSON.stringify(r.ignored),
    );
  });

  it('never accepts a wrong-ID reply, even if nothing else comes', NET, async () => {
    use((q) => [
      { bytes: reply(q, { id: (q.id + 1) & 0xffff, answers: aRecord('203.0.113.66') }) },
    ]);
    const r = await ask('mx1.example.test', 'A', 300);
    assert.equal(r.outcome, 'timeout');
    assert.deepEqual(r.answers, []);
  });

  it('ignores a reply from the wrong port', NET, async () => {
    use((q) => [
      { bytes: reply(q, { answers: aRecord('203.0.113.66') }), fromOtherPort: true },
      { bytes: reply(q, { answers: aRecord('192.0.2.1') }), delayMs: 50 },
    ]);
    const r = await ask('mx1.example.test', 'A');
    assert.equal(r.outcome, 'answer');
    assert.deepEqual(
      r.answers.map((a) => (a.type === 'A' ? a.address : '')),
      ['192.0.2.1'],
    );
    use((q) => [{ bytes: reply(q, { answers: aRecord('203.0.113.66') }), fromOtherPort: true }]);
    const forged = await ask('mx1.example.test', 'A', 300);
    assert.equal(forged.outcome, 'timeout');
  });

  it('ignores a reply to a different question', NET, async () => {
    use((q) => [
      {
        bytes: reply(q, {
          question: { name: 'evil.example.test', type: q.type },
          answers: aRecord('203.0.113.66'),
        }),
      },
      { bytes: reply(q, { answers: aRecord('192.0.2.1') }), delayMs: 50 },
    ]);
    const r = await ask('mx1.example.test', 'A');
    assert.equal(r.outcome, 'answer');
    assert.ok(r.ignored?.some((i) => i.includes('another question')));
  });

  it('reports a compression loop as malformed, at once, without hanging', NET, async () => {
    use(answerWith(compressionLoopReply));
    const r = await ask('example.test', 'MX', 2000);
    // Malformed, not timeout: the reply was judged when it came, not when the deadline ran out.
    assert.equal(r.outcome, 'malformed');
    assert.match(r.error ?? '', new RegExp(`^malformed reply from ${fake.spec}: .*points forward`));
  });

  it('refuses a name that cannot be put in a query', async () => {
    await assert.rejects(() => ask('bad name.example.test', 'A'), InputError);
  });
});

describe('dns/query over IPv6', () => {
  it('asks a resolver on [::1] over a UDP6 socket', NET, async () => {
    const server = dgram.createSocket('udp6');
    await new Promise<void>((resolve) => server.bind(0, '::1', () => resolve()));
    server.on('message', (message, rinfo) => {
      const request = dns2.Packet.parse(message);
      const response = dns2.Packet.createResponseFromRequest(request);
      const name = request.questions[0]?.name ?? '';
      response.answers.push({ name, type: 1, class: 1, ttl: 5, address: '192.0.2.7' } as never);
      server.send(response.toBuffer(), rinfo.port, rinfo.address);
    });
    try {
      const resolver = parseResolver(`[::1]:${server.address().port}`);
      const r = await query(resolver, 'v6.example.test', 'A', { timeoutMs: 2000 });
      assert.equal(r.outcome, 'answer');
      assert.equal(r.resolver, `[::1]:${server.address().port}`);
      assert.deepEqual(r.answers, [
        { type: 'A', name: 'v6.example.test', ttl: 5, address: '192.0.2.7' },
      ]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('dns/query against dead resolvers', () => {
  it('fails at once, naming the resolver, when nothing listens on the UDP port', NET, async () => {
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', () => resolve()));
    const port = probe.address().port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await settlesBefore(
      query(parseResolver(`127.0.0.1:${port}`), 'example.test', 'MX', { timeoutMs: 2000 }),
      4000,
      'the 2000 ms deadline',
    );
    assert.ok(r.outcome === 'unreachable' || r.outcome === 'timeout');
    assert.ok(r.error?.includes(`127.0.0.1:${port}`), r.error);
  });

  it('fails within the deadline on a bound UDP port that never answers', NET, async () => {
    const sink = dgram.createSocket('udp4');
    let received = 0;
    sink.on('message', () => received++);
    await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', () => resolve()));
    const spec = `127.0.0.1:${sink.address().port}`;
    try {
      const r = await settlesBefore(
        query(parseResolver(spec), 'example.test', 'A', { timeoutMs: 350 }),
        700,
        'the 350 ms deadline',
      );
      assert.equal(r.outcome, 'timeout');
      assert.equal(r.error, `no reply from ${spec} within 350 ms`);
      assert.ok(received >= 1);
    } finally {
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
  });

  it('stops at once when cancelled', NET, async () => {
    const fake = await startFakeDns(silent);
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const r = await query(fake.resolver, 'example.test', 'A', {
        timeoutMs: 5000,
        signal: controller.signal,
      });
      // Ended by the cancel, not by the 5 s deadline, whose message would say "no reply".
      assert.equal(r.outcome, 'timeout');
      assert.match(r.error ?? '', /cancelled/);
    } finally {
      await fake.close();
    }
  });
});
