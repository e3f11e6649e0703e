// Every vendor pattern recognises its own real examples and leaves ordinary replies alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  VENDOR_PATTERNS,
  matchVendorPatterns,
  vendorPattern,
} from '../../source/knowledge/index.js';

const NEUTRAL = [
  '250 2.0.0 Ok: queued as 4Xyz',
  '220 mail.example.com ESMTP Postfix (Debian/GNU)',
  '250-mail.example.com Hello client.example.org [192.0.2.1]',
  '250 2.1.5 Ok',
  '354 End data with <CR><LF>.<CR><LF>',
  '235 2.7.0 Authentication successful',
  '221 2.0.0 Bye',
  '+OK Dovecot ready.',
  '* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready.',
  'a1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in',
];

describe('vendor patterns', () => {
  it('has at least 40 patterns across the major vendors', () => {
    assert.ok(VENDOR_PATTERNS.length >= 40, `only ${VENDOR_PATTERNS.length} patterns`);
    const vendors = new Set(VENDOR_PATTERNS.map((entry) => entry.vendor));
    for (const vendor of [
      'Gmail',
      'Microsoft 365',
      'Outlook.com',
      'Yahoo',
      'Postfix',
      'Exim',
      'Sendmail',
      'Dovecot',
    ] as const) {
      assert.ok(vendors.has(vendor), `no pattern for ${vendor}`);
    }
  });

  it('gives every pattern a unique kebab-case id, a fix and at least one example', () => {
    const ids = new Set<string>();
    for (const entry of VENDOR_PATTERNS) {
      assert.match(entry.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.ok(!ids.has(entry.id), `duplicate id ${entry.id}`);
      ids.add(entry.id);
      assert.ok(entry.fix.trim().length > 10, `${entry.id}: no fix`);
      assert.ok(entry.label.trim().length > 0, `${entry.id}: no label`);
      assert.ok(entry.examples.length >= 1, `${entry.id}: no example`);
    }
  });

  it('uses stateless expressions (no g or y flag, so test() gives the same answer twice)', () => {
    for (const entry of VENDOR_PATTERNS) {
      assert.ok(!entry.pattern.global && !entry.pattern.sticky, `${entry.id} has a stateful flag`);
    }
  });

  for (const entry of VENDOR_PATTERNS) {
    it(`${entry.id} matches each of its examples`, () => {
      for (const example of entry.examples) {
        assert.ok(entry.pattern.test(example), `${entry.id} does not match: ${example}`);
        assert.ok(
          matchVendorPatterns(example).some((found) => found.id === entry.id),
          `matchVendorPatterns misses ${entry.id} for: ${example}`,
        );
      }
    });
  }

  it('matches nothing on neutral replies', () => {
    for (const line of NEUTRAL)
      assert.deepEqual(
        matchVendorPatterns(line).map((entry) => entry.id),
        [],
        line,
      );
  });

  it('warns where a vendor gives a registered enhanced code another meaning', () => {
    for (const id of [
      'gmail-bulk-spf',
      'gmail-bulk-dkim',
      'gmail-bulk-tls',
      'microsoft-recipient-not-found',
    ]) {
      assert.match(vendorPattern(id)?.caution ?? '', /IANA registry/, id);
    }
  });

  it('keeps the Postfix relay pattern apart from Microsoft tenant relay', () => {
    const microsoft = matchVendorPatterns('550 5.7.64 TenantAttribution; Relay Access Denied').map(
      (entry) => entry.id,
    );
    assert.deepEqual(microsoft, ['microsoft-relay-denied']);
    const postfix = matchVendorPatterns('554 5.7.1 <bob@example.com>: Relay access denied').map(
      (entry) => entry.id,
    );
    assert.deepEqual(postfix, ['postfix-relay-access-denied']);
  });

  it('tells Microsoft mailbox-full from the sending-limit exception', () => {
    const limit = matchVendorPatterns(
      '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed',
    );
    assert.deepEqual(
      limit.map((entry) => entry.id),
      ['microsoft-submission-quota'],
    );
  });
});
