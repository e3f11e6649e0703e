import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpf, selectSpf } from '../../source/dns/spf.js';

describe('dns/spf', () => {
  it('selects only records that are exactly v=spf1 followed by a space or the end', () => {
    assert.deepEqual(
      selectSpf(['v=spf1 -all', 'V=SPF1', 'v=spf10 -all', 'google-site-verification=x', 'v=spf1']),
      ['v=spf1 -all', 'V=SPF1', 'v=spf1'],
    );
  });

  it('reads a sound record: terms, the all qualifier, lookups counted', () => {
    const spf = parseSpf(
      'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.test/24 include:_spf.example.test ~all',
    );
    assert.deepEqual(spf.errors, []);
    assert.equal(spf.all, '~');
    assert.equal(spf.lookups, 3);
    assert.deepEqual(spf.references, ['_spf.example.test']);
    assert.deepEqual(
      spf.terms.map((t) => [t.name, t.lookup]),
      [
        ['ip4', false],
        ['ip6', false],
        ['a', true],
        ['mx', true],
        ['include', true],
        ['all', false],
      ],
    );
  });

  it('counts include, a, mx, ptr, exists and redirect toward the limit, and nothing else', () => {
    const spf = parseSpf(
      'v=spf1 include:a.example.test include:b.example.test a mx ptr exists:%{i}.x.example.test a:c.example.test mx:d.example.test include:e.example.test include:f.example.test include:g.example.test ip4:192.0.2.1 redirect=h.example.test',
    );
    assert.deepEqual(spf.errors, []);
    assert.equal(spf.lookups, 12);
    assert.equal(spf.redirect, 'h.example.test');
    assert.ok(spf.warnings.some((w) => w.includes('ptr')));
  });

  it('does not count a redirect that "all" makes unreachable', () => {
    const spf = parseSpf('v=spf1 mx -all redirect=other.example.test');
    assert.equal(spf.lookups, 1);
    assert.equal(spf.redirect, undefined);
    assert.ok(spf.warnings.some((w) => w.includes('redirect= is ignored')));
  });

  it('names syntax errors', () => {
    const cases: Array<[string, RegExp]> = [
      ['v=spf1 ip4:300.1.1.1 -all', /not an IPv4 address/],
      ['v=spf1 ip4:192.0.2.0/33 -all', /not 0-32/],
      ['v=spf1 ip6:zz::1 -all', /not an IPv6 address/],
      ['v=spf1 include -all', /include needs a domain/],
      ['v=spf1 include:nodot -all', /not a fully qualified domain/],
      ['v=spf1 allow -all', /not an SPF mechanism/],
      ['v=spf1 -all:foo', /all takes no argument/],
      [
        'v=spf1 redirect=a.example.test redirect=b.example.test',
        /redirect= appears more than once/,
      ],
      ['v=spf1 a:%{z}.example.test -all', /malformed macro/],
      ['v=spf1 mx/24/ -all', /is not "mx\[:domain\]/],
      ['v=spf1 a/40 -all', /not 0-32/],
    ];
    for (const [record, pattern] of cases) {
      const spf = parseSpf(record);
      assert.ok(
        spf.errors.some((e) => pattern.test(e)),
        `${record}: ${JSON.stringify(spf.errors)}`,
      );
    }
  });

  it('warns about +all and terms after all', () => {
    const spf = parseSpf('v=spf1 +all mx');
    assert.equal(spf.all, '+');
    assert.ok(spf.warnings.some((w) => w.includes('+all')));
    assert.ok(spf.warnings.some((w) => w.includes('"mx" comes after "all"')));
  });
});
