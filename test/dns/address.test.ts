import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addressScope,
  canonicalAddress,
  isIpLiteral,
  isSpecialUseDomain,
  parseIPv4,
  parseIPv6,
  reverseName,
  sameAddress,
} from '../../source/dns/address.js';

describe('dns/address', () => {
  it('parses IPv4 strictly (no leading zeros, no short forms, octets <= 255)', () => {
    assert.deepEqual(parseIPv4('192.0.2.1'), [192, 0, 2, 1]);
    assert.equal(parseIPv4('192.0.2.01'), undefined);
    assert.equal(parseIPv4('127.1'), undefined);
    assert.equal(parseIPv4('256.0.0.1'), undefined);
    assert.equal(parseIPv4('1.2.3.4 '), undefined);
  });

  it('parses IPv6 with "::" and a dotted tail, refuses malformed forms', () => {
    assert.deepEqual(parseIPv6('::1'), [...new Array(15).fill(0), 1]);
    assert.deepEqual(parseIPv6('2001:db8::ff00:42:8329')?.slice(0, 4), [0x20, 0x01, 0x0d, 0xb8]);
    assert.deepEqual(parseIPv6('::ffff:192.0.2.1')?.slice(10), [0xff, 0xff, 192, 0, 2, 1]);
    assert.equal(parseIPv6('1::2::3'), undefined);
    assert.equal(parseIPv6('1:2:3:4:5:6:7:8:9'), undefined);
    assert.equal(parseIPv6('12345::'), undefined);
    assert.equal(parseIPv6('1:2:3:4:5:6:7'), undefined);
    assert.equal(parseIPv6('1.2.3.4::'), undefined);
  });

  it('canonicalises (RFC 5952) and maps IPv4-mapped IPv6 to IPv4', () => {
    assert.equal(canonicalAddress('2001:0DB8:0:0:0:0:0:1'), '2001:db8::1');
    assert.equal(canonicalAddress('2001:db8:0:1:0:0:0:1'), '2001:db8:0:1::1');
    assert.equal(canonicalAddress('::ffff:127.0.0.1'), '127.0.0.1');
    assert.equal(canonicalAddress('fe80::1%eth0'), 'fe80::1');
    assert.equal(canonicalAddress('mail.example.test'), undefined);
    assert.ok(sameAddress('::FFFF:7f00:1', '127.0.0.1'));
    assert.ok(!sameAddress('127.0.0.1', '127.0.0.2'));
  });

  it('builds reverse names for both families', () => {
    assert.equal(reverseName('192.0.2.10'), '10.2.0.192.in-addr.arpa');
    assert.equal(
      reverseName('2001:db8::567:89ab'),
      'b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
    );
    assert.equal(reverseName('::ffff:127.0.0.1'), '1.0.0.127.in-addr.arpa');
  });

  it('tells loopback, private and other internal ranges from public ones', () => {
    assert.equal(addressScope('127.0.0.2'), 'loopback');
    assert.equal(addressScope('::1'), 'loopback');
    assert.equal(addressScope('10.1.2.3'), 'private');
    assert.equal(addressScope('172.31.255.255'), 'private');
    assert.equal(addressScope('172.32.0.1'), 'public');
    assert.equal(addressScope('192.168.1.1'), 'private');
    assert.equal(addressScope('100.64.0.1'), 'shared');
    assert.equal(addressScope('169.254.1.1'), 'link-local');
    assert.equal(addressScope('fd00::1'), 'private');
    assert.equal(addressScope('fe80::1'), 'link-local');
    assert.equal(addressScope('2001:db8::1'), 'documentation');
    assert.equal(addressScope('8.8.8.8'), 'public');
    assert.equal(addressScope('2a00:1450::1'), 'public');
    assert.equal(addressScope('::ffff:10.0.0.1'), 'private');
  });

  it('recognises IP literals and the special-use TLDs', () => {
    assert.ok(isIpLiteral('192.0.2.1'));
    assert.ok(isIpLiteral('[2001:db8::1]'));
    assert.ok(!isIpLiteral('mx.example.test'));
    for (const d of [
      'example.test',
      'a.example',
      'x.invalid',
      'localhost',
      'printer.local',
      'nas.home.arpa',
    ]) {
      assert.ok(isSpecialUseDomain(d), d);
    }
    for (const d of ['example.com', 'test.com', 'mytest', 'localhost.org'])
      assert.ok(!isSpecialUseDomain(d), d);
  });
});
