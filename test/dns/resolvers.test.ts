import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../source/protocols/common/errors.js';
import { parseResolver, systemResolvers } from '../../source/dns/resolvers.js';

describe('dns/resolvers', () => {
  it('parses IP, IP:PORT, IPv6 and [IPv6]:PORT with labels that name the port', () => {
    assert.deepEqual(parseResolver('127.0.0.1'), {
      host: '127.0.0.1',
      port: 53,
      label: '127.0.0.1:53',
    });
    assert.deepEqual(parseResolver('127.0.0.1:5353'), {
      host: '127.0.0.1',
      port: 5353,
      label: '127.0.0.1:5353',
    });
    assert.deepEqual(parseResolver('::1'), { host: '::1', port: 53, label: '[::1]:53' });
    assert.deepEqual(parseResolver('[::1]:5353'), { host: '::1', port: 5353, label: '[::1]:5353' });
    assert.deepEqual(parseResolver('[2001:DB8:0::1]'), {
      host: '2001:db8::1',
      port: 53,
      label: '[2001:db8::1]:53',
    });
    assert.equal(parseResolver('[fe80::1%eth0]:53').host, 'fe80::1%eth0');
    assert.equal(parseResolver('[::ffff:127.0.0.1]:53').label, '127.0.0.1:53');
  });

  it('refuses names, bad ports and junk with an InputError naming --dns', () => {
    for (const bad of [
      '',
      'dns.example.test',
      '127.0.0.1:0',
      '127.0.0.1:65536',
      '127.0.0.1:x',
      '1.2.3',
      '[::1]:',
      '::1:53:x',
      '[::1',
      '127.0.0.1:53:53',
    ]) {
      assert.throws(
        () => parseResolver(bad),
        (e: unknown) => e instanceof InputError && e.field === '--dns',
        JSON.stringify(bad),
      );
    }
  });

  it('finds the system resolvers (never empty)', () => {
    const found = systemResolvers();
    assert.ok(found.length >= 1);
    for (const r of found) {
      assert.ok(r.port >= 1 && r.port <= 65535);
      assert.ok(r.label.endsWith(`:${r.port}`));
    }
  });
});
