// Every vendor pattern recognises its own real examples and leaves ordinary replies alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  VENDOR_PATTERNS,
  explain,
  matchVendorPatterns,
  vendorPattern,
} from '../../source/knowledge/index.js';
import { isSoftwareVendor } from '../../source/knowledge/vendor-lookup.js';

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
  it('has at least 150 patterns across the vendors the issue names', () => {
    assert.ok(VENDOR_PATTERNS.length >= 150, `only ${VENDOR_PATTERNS.length} patterns`);
    const vendors = new Set(VENDOR_PATTERNS.map((entry) => entry.vendor));
    for (const vendor of [
      'Gmail',
      'Microsoft 365',
      'Outlook.com',
      'Yahoo',
      'iCloud',
      'Comcast',
      'Proofpoint',
      'Mimecast',
      'Barracuda',
      'Cisco Secure Email',
      'Trend Micro',
      'Cloudmark',
      'Spamhaus',
      'SpamCop',
      'Zimbra',
      'hMailServer',
      'MDaemon',
      'Cyrus',
      'Courier',
      'qmail',
      'Postfix',
      'Exim',
      'Sendmail',
      'OpenSMTPD',
      'Dovecot',
      'GMX',
      'WEB.DE',
      'T-Online',
      'Orange',
      'Free',
    ] as const) {
      assert.ok(vendors.has(vendor), `no pattern for ${vendor}`);
    }
  });

  it('has no two identical patterns, and every pattern names its documentation source', () => {
    const expressions = new Map<string, string>();
    const summaries = new Map<string, string>();
    const examples = new Map<string, string>();
    for (const entry of VENDOR_PATTERNS) {
      const key = `/${entry.pattern.source}/${entry.pattern.flags}`;
      assert.ok(
        !expressions.has(key),
        `${entry.id} repeats the expression of ${expressions.get(key)}`,
      );
      expressions.set(key, entry.id);
      assert.ok(
        !summaries.has(entry.summary),
        `${entry.id} repeats the summary of ${summaries.get(entry.summary)}`,
      );
      summaries.set(entry.summary, entry.id);
      for (const example of entry.examples) {
        assert.ok(
          !examples.has(example),
          `${entry.id} repeats an example of ${examples.get(example)}`,
        );
        examples.set(example, entry.id);
      }
      assert.match(
        entry.reference,
        /^https?:\/\/[^\s/]+\.[a-z]{2,}\//i,
        `${entry.id}: source is not a URL`,
      );
      assert.ok(entry.detail.trim().length >= 40, `${entry.id}: detail too short`);
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

// Generic wording that Postfix, Exim, Dovecot, Courier or any small server sends. None of these
// identifies a mailbox provider or a filtering service, so none may be labelled with one.
const GENERIC = [
  '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table',
  '554 5.7.1 <bob@example.com>: Relay access denied',
  '550 relay not permitted',
  '451 Temporary local problem - please try later',
  '-ERR [AUTH] Authentication failed.',
  'a1 NO [AUTHENTICATIONFAILED] Authentication failed.',
  '550 Invalid recipient',
  '550 Invalid recipient: <bob@example.com>',
  '454 4.7.0 Too many login attempts, please try again later.',
  '451 4.3.0 Resources temporarily unavailable. Please try again later.',
  '554 5.7.1 Message not accepted for policy reasons',
  '550 5.7.1 Message rejected due to content restrictions',
  '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using dnsbl.example.net',
  '421 4.7.0 mx.example.com Error: too many connections from 192.0.2.1',
  '450 4.2.0 <bob@example.com>: Recipient address rejected: Greylisted',
  '535 5.7.8 Error: authentication failed: authentication failure',
  '550 Mailbox unavailable',
  '554 Transaction failed',
  '550 5.7.1 Rejected by policy',
  '-ERR Authentication failed.',
  '-ERR Bad login',
  'a1 NO Login failed.',
  '* BYE Server shutting down.',
  '550 5.7.1 Delivery not authorized, message refused',
  '452 4.2.2 Over quota',
  '550 5.1.1 User unknown',
  '550 This mailbox is disabled',
  '421 Service not available, closing transmission channel',
  '550 5.7.26 Unauthenticated email is not accepted',
  '530 5.7.0 Must issue a STARTTLS command first',
  'a1 NO AUTHENTICATE Authentication failed',
  '550 Administrative prohibition - rejected by ACL',
  '554 5.7.1 Spam message rejected',
];

describe('generic server wording names no provider', () => {
  for (const text of GENERIC) {
    it(text, () => {
      const named = explain(text).vendor.filter((pattern) => !isSoftwareVendor(pattern.vendor));
      assert.deepEqual(
        named.map((pattern) => `${pattern.vendor} (${pattern.id})`),
        [],
      );
    });
  }

  it('names the block list, not Postfix, when the text names a known list', () => {
    const e = explain(
      '554 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1',
    );
    assert.deepEqual(
      e.vendor.map((pattern) => pattern.vendor),
      ['Barracuda'],
    );
  });
});
