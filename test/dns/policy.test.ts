import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyseDmarc,
  analyseMtaSts,
  analyseTlsRpt,
  parseTags,
  selectTagged,
} from '../../source/dns/policy.js';

describe('dns/policy', () => {
  it('parses tag lists and requires the version first', () => {
    assert.deepEqual(parseTags('v=DMARC1; p=reject;', 'DMARC1'), {
      tags: { v: 'DMARC1', p: 'reject' },
      errors: [],
    });
    assert.ok(
      parseTags('p=reject; v=DMARC1', 'DMARC1').errors.some((e) => e.includes('must start with')),
    );
    assert.ok(parseTags('v=DMARC1; p', 'DMARC1').errors.some((e) => e.includes('not tag=value')));
    assert.ok(
      parseTags('v=DMARC1; p=none; p=reject', 'DMARC1').errors.some((e) =>
        e.includes('more than once'),
      ),
    );
  });

  it('selects records by version tag', () => {
    assert.deepEqual(
      selectTagged(
        ['v=DMARC1; p=none', 'v=spf1 -all', 'v=DMARC10; p=x', 'v = DMARC1;p=reject'],
        'DMARC1',
      ),
      ['v=DMARC1; p=none', 'v = DMARC1;p=reject'],
    );
  });

  it('reads DMARC policy, pct and report addresses, and names errors', () => {
    const ok = analyseDmarc(
      'v=DMARC1; p=Quarantine; sp=reject; pct=50; rua=mailto:a@example.test, mailto:b@example.test',
    );
    assert.deepEqual(ok.errors, []);
    assert.equal(ok.policy, 'quarantine');
    assert.equal(ok.subdomainPolicy, 'reject');
    assert.equal(ok.pct, 50);
    assert.deepEqual(ok.rua, ['mailto:a@example.test', 'mailto:b@example.test']);
    const bad = analyseDmarc('v=DMARC1; pct=150; adkim=x; rua=a@example.test');
    assert.ok(bad.errors.some((e) => e.includes('p= tag')));
    assert.ok(bad.errors.some((e) => e.includes('pct=150')));
    assert.ok(bad.errors.some((e) => e.includes('adkim=x')));
    assert.ok(bad.errors.some((e) => e.includes('not a URI')));
  });

  it('reads MTA-STS and TLS-RPT records', () => {
    assert.equal(analyseMtaSts('v=STSv1; id=20260101').id, '20260101');
    assert.ok(analyseMtaSts('v=STSv1;').errors.some((e) => e.includes('id=')));
    assert.ok(
      analyseMtaSts('v=STSv1; id=not-valid!').errors.some((e) => e.includes('letters and digits')),
    );
    assert.deepEqual(analyseTlsRpt('v=TLSRPTv1; rua=mailto:t@example.test').rua, [
      'mailto:t@example.test',
    ]);
    assert.ok(analyseTlsRpt('v=TLSRPTv1').errors.some((e) => e.includes('rua=')));
    assert.ok(
      analyseTlsRpt('v=TLSRPTv1; rua=ftp://x').errors.some((e) => e.includes('neither mailto')),
    );
  });
});
