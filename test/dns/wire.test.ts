import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MalformedReplyError,
  decodeReply,
  encodeQuery,
  isQueryableName,
} from '../../source/dns/wire.js';
import type { FakeQuestion } from '../helpers/fake-dns.js';
import { TYPE, compressionLoopReply, reply } from '../helpers/fake-dns.js';

const q = (name: string, type: keyof typeof TYPE, id = 0x1234): FakeQuestion => ({
  id,
  name,
  type: TYPE[type],
  typeName: type,
  transport: 'udp',
});

describe('dns/wire', () => {
  it('encodes a recursive query for one question', () => {
    const bytes = encodeQuery(0xbeef, 'example.test', 'MX');
    assert.equal(bytes.readUInt16BE(0), 0xbeef);
    assert.equal(bytes[2], 0x01); // RD only
    assert.equal(bytes.readUInt16BE(4), 1);
    assert.equal(bytes.subarray(12).toString('latin1'), '\x07example\x04test\x00\x00\x0f\x00\x01');
  });

  it('decodes every record type the step uses', () => {
    const buf = reply(q('example.test', 'MX'), {
      authenticated: true,
      answers: [
        {
          name: 'example.test',
          record: { type: 'MX', preference: 10, exchange: 'mx1.example.test' },
        },
        { name: 'example.test', record: { type: 'MX', preference: 0, exchange: '.' } },
        { name: 'example.test', record: { type: 'A', address: '192.0.2.1' } },
        { name: 'example.test', record: { type: 'AAAA', address: '2001:db8::1' } },
        { name: 'example.test', record: { type: 'TXT', text: ['v=spf1 ', '-all'] } },
        { name: 'a.example.test', record: { type: 'CNAME', target: 'b.example.test' } },
        { name: '1.2.0.192.in-addr.arpa', record: { type: 'PTR', target: 'mail.example.test' } },
        {
          name: '_imaps._tcp.example.test',
          record: { type: 'SRV', priority: 0, weight: 5, port: 993, target: 'mail.example.test' },
        },
        {
          name: '_25._tcp.mx1.example.test',
          record: { type: 'TLSA', usage: 3, selector: 1, matchingType: 1, data: '00ff' },
        },
      ],
    });
    const decoded = decodeReply(buf);
    assert.equal(decoded.id, 0x1234);
    assert.ok(decoded.qr && decoded.authenticated && !decoded.truncated);
    assert.deepEqual(decoded.question, { name: 'example.test', type: 15, class: 1 });
    assert.deepEqual(
      decoded.answers.map(({ ttl: _ttl, ...rest }) => rest),
      [
        { type: 'MX', name: 'example.test', preference: 10, exchange: 'mx1.example.test' },
        { type: 'MX', name: 'example.test', preference: 0, exchange: '' },
        { type: 'A', name: 'example.test', address: '192.0.2.1' },
        { type: 'AAAA', name: 'example.test', address: '2001:db8::1' },
        { type: 'TXT', name: 'example.test', text: 'v=spf1 -all' },
        { type: 'CNAME', name: 'a.example.test', target: 'b.example.test' },
        { type: 'PTR', name: '1.2.0.192.in-addr.arpa', target: 'mail.example.test' },
        {
          type: 'SRV',
          name: '_imaps._tcp.example.test',
          priority: 0,
          weight: 5,
          port: 993,
          target: 'mail.example.test',
        },
        {
          type: 'TLSA',
          name: '_25._tcp.mx1.example.test',
          usage: 3,
          selector: 1,
          matchingType: 1,
          data: '00ff',
        },
      ],
    );
  });

  it('refuses a compression loop instead of following it', () => {
    assert.throws(
      () => decodeReply(compressionLoopReply(q('example.test', 'A'))),
      MalformedReplyError,
    );
  });

  it('refuses a two-pointer cycle, a cut-off reply, an RDLENGTH past the end and a short A record', () => {
    const base = reply(q('example.test', 'A'), {
      answers: [{ name: 'example.test', record: { type: 'A', address: '192.0.2.1' } }],
    });
    // The answer's owner name is a pointer to offset 12 (the question name); point it forward instead.
    const ownerAt = base.length - 16;
    assert.equal(base[ownerAt], 0xc0);
    const forward = Buffer.from(base);
    forward.writeUInt16BE(0xc000 | (ownerAt + 2), ownerAt);
    assert.throws(() => decodeReply(forward), /points forward/);

    assert.throws(() => decodeReply(base.subarray(0, base.length - 2)), MalformedReplyError);
    const longRdata = Buffer.from(base);
    longRdata.writeUInt16BE(200, base.length - 6);
    assert.throws(() => decodeReply(longRdata), /more data than the reply holds/);
    const shortA = Buffer.concat([
      base.subarray(0, base.length - 6),
      Buffer.from([0, 3, 192, 0, 2]),
    ]);
    assert.throws(() => decodeReply(shortA), /A record with 3 bytes/);
    assert.throws(() => decodeReply(Buffer.from([1, 2, 3])), /shorter than a DNS header/);
  });

  it('refuses an MX whose name runs past RDLENGTH', () => {
    const base = reply(q('example.test', 'MX'), {
      answers: [
        { name: 'example.test', record: { type: 'MX', preference: 10, exchange: 'mx.other.test' } },
      ],
    });
    const bad = Buffer.from(base);
    // Header 12, question 14 + 4, then the answer: owner pointer 2, type 2, class 2, TTL 4.
    const rdlengthAt = 12 + 18 + 10;
    assert.equal(base.readUInt16BE(rdlengthAt), base.length - rdlengthAt - 2);
    bad.writeUInt16BE(bad.readUInt16BE(rdlengthAt) - 1, rdlengthAt);
    assert.throws(() => decodeReply(bad), MalformedReplyError);
  });

  it('knows which names can be asked', () => {
    assert.ok(isQueryableName('_dmarc.example.test'));
    assert.ok(isQueryableName('example.test.'));
    assert.ok(!isQueryableName(''));
    assert.ok(!isQueryableName('a..b'));
    assert.ok(!isQueryableName(`${'a'.repeat(64)}.test`));
    assert.ok(!isQueryableName('bad name.test'));
  });
});
