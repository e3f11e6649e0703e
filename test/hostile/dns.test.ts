// Hostile resolvers: records for names nobody asked about, compression loops, CNAME loops, escapes
// and links inside names and TXT strings, floods and drips over TCP after a truncated reply.
// Each runs `check DOMAIN --dns FAKE --steps dns` and ends as every hostile case does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Session } from '../../source/record/types.js';
import type { FakeQuestion, Handler, Zone } from '../helpers/fake-dns.js';
import { compressionLoopReply, reply, startFakeDns, TYPE, zone } from '../helpers/fake-dns.js';
import { assertEnding, run, transcriptOf } from './harness.js';

const ESCAPES = '\x1b]0;PWNED\x07\x1b[6n\u202e https://evil.example www.evil.example';
const DOMAIN = 'hostile.test';
const healthy: Zone = {
  [DOMAIN]: [
    { type: 'MX', preference: 10, exchange: `mx.${DOMAIN}` },
    { type: 'TXT', text: 'v=spf1 -all' },
  ],
  [`mx.${DOMAIN}`]: [{ type: 'A', address: '127.0.0.1' }],
};

interface DnsCase {
  name: string;
  handler: Handler;
  timeout?: number;
  then?: (session: Session) => void;
}

const truncatedThenTcp =
  (tcp: (q: FakeQuestion) => { bytes: Buffer; delayMs?: number }[]): Handler =>
  (q) =>
    q.transport === 'udp' ? [{ bytes: reply(q, { truncated: true }) }] : tcp(q);

/** 40 TXT strings of 240 bytes (10 KB, far beyond UDP); encoded once per question (dns2 is slow at it), the ID patched. */
const bigReplies = new Map<string, Buffer>();
const bigReply = (q: FakeQuestion): Buffer => {
  const key = `${q.name}/${q.type}`;
  let bytes = bigReplies.get(key);
  if (!bytes) {
    bytes = reply(q, {
      answers: Array.from({ length: 40 }, (_, i) => ({
        name: q.name,
        record: { type: 'TXT' as const, text: `${'t'.repeat(240)}${i}` },
      })),
    });
    bigReplies.set(key, bytes);
  }
  const copy = Buffer.from(bytes);
  copy.writeUInt16BE(q.id, 0);
  return copy;
};

const CASES: DnsCase[] = [
  {
    name: 'an MX record for another domain in the answer is ignored and noted',
    handler: (q) => [
      {
        bytes:
          q.type === TYPE.MX
            ? reply(q, {
                answers: [
                  {
                    name: 'evil.invalid',
                    record: { type: 'MX', preference: 0, exchange: 'mx.evil.invalid' },
                  },
                  {
                    name: DOMAIN,
                    record: { type: 'MX', preference: 10, exchange: `mx.${DOMAIN}` },
                  },
                ],
              })
            : zone(healthy)(q),
      },
    ],
    then: (s) => {
      const mx = (s.dns?.mx ?? []).map((m) => m.exchange);
      assert.deepEqual(mx, [`mx.${DOMAIN}`]);
      assert.match(
        transcriptOf(s, 'dns'),
        /evil\.invalid: neither hostile\.test nor on its CNAME chain/,
      );
    },
  },
  {
    name: 'an A record for an unrelated name does not become the mail host address',
    handler: (q) => [
      {
        bytes:
          q.type === TYPE.A
            ? reply(q, {
                answers: [
                  { name: 'attacker.invalid', record: { type: 'A', address: '127.0.0.66' } },
                ],
              })
            : zone(healthy)(q),
      },
    ],
    then: (s) => assert.ok(!JSON.stringify(s.dns?.mx).includes('127.0.0.66')),
  },
  { name: 'a compression pointer loop', handler: (q) => [{ bytes: compressionLoopReply(q) }] },
  {
    name: 'a CNAME loop',
    handler: (q) => [
      {
        bytes: reply(q, {
          answers: [
            { name: DOMAIN, record: { type: 'CNAME', target: `b.${DOMAIN}` } },
            { name: `b.${DOMAIN}`, record: { type: 'CNAME', target: DOMAIN } },
          ],
        }),
      },
    ],
  },
  {
    name: 'escapes and links in TXT (SPF) strings',
    handler: (q) => [
      {
        bytes: zone({
          ...healthy,
          [DOMAIN]: [
            { type: 'MX', preference: 10, exchange: `mx.${DOMAIN}` },
            { type: 'TXT', text: `v=spf1 include:${ESCAPES} -all` },
            { type: 'TXT', text: ESCAPES },
          ],
        })(q),
      },
    ],
  },
  {
    name: 'escapes in an MX host name',
    handler: (q) => [
      {
        bytes: zone({
          ...healthy,
          [DOMAIN]: [{ type: 'MX', preference: 10, exchange: `mx\x1b]0;PWNED\x07.${DOMAIN}` }],
        })(q),
      },
    ],
  },
  {
    name: 'over TCP after a truncated reply: a 10 KB TXT answer',
    handler: truncatedThenTcp((q) => [{ bytes: bigReply(q) }]),
  },
  {
    name: 'over TCP after a truncated reply: the answer comes after the deadline (drip)',
    timeout: 2,
    handler: truncatedThenTcp((q) => [{ bytes: zone(healthy)(q), delayMs: 20_000 }]),
  },
  {
    name: 'replies with the wrong ID, many, then silence',
    timeout: 2,
    handler: (q) =>
      Array.from({ length: 50 }, (_, i) => ({ bytes: reply(q, { id: (q.id + 1 + i) % 65536 }) })),
  },
];

describe('hostile resolvers', { concurrency: 2 }, () => {
  for (const c of CASES) {
    it(c.name, { timeout: 90_000 }, async () => {
      const dns = await startFakeDns(c.handler);
      try {
        const r = await run(
          [
            'check',
            DOMAIN,
            '--dns',
            dns.spec,
            '--steps',
            'dns',
            '--timeout',
            String(c.timeout ?? 5),
          ],
          { report: true },
        );
        assertEnding(r, { codes: [0, 1], step: 'dns', withinMs: ((c.timeout ?? 5) + 30) * 1000 });
        c.then?.(r.session!);
      } finally {
        await dns.close();
      }
    });
  }
});
