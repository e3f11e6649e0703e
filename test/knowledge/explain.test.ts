// explain() on real lines from Postfix, Exim, Sendmail, Gmail, Microsoft, Yahoo and Dovecot:
// each must land on the specific entries that explain it, not just "something".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain, isExplained } from '../../source/knowledge/index.js';
import type { ExplanationKind } from '../../source/knowledge/index.js';

interface Case {
  line: string;
  kind: ExplanationKind;
  basic?: number;
  enhanced?: string;
  /** The registry row the enhanced code resolves to, or false for a vendor's own detail. */
  registry?: string | false;
  vendor?: string[];
  pop3?: string;
  imap?: string;
}

const CASES: Case[] = [
  {
    line: '550 5.7.1 <bob@example.com>: Relay access denied',
    kind: 'smtp-reply',
    basic: 550,
    enhanced: '5.7.1',
    registry: 'X.7.1',
    vendor: ['postfix-relay-access-denied'],
  },
  {
    line: '535 5.7.8 Error: authentication failed: authentication failure',
    kind: 'smtp-reply',
    basic: 535,
    enhanced: '5.7.8',
    registry: 'X.7.8',
    vendor: ['postfix-sasl-auth-failed'],
  },
  {
    line: '454 4.7.0 TLS not available due to local problem',
    kind: 'smtp-reply',
    basic: 454,
    enhanced: '4.7.0',
    registry: 'X.7.0',
    vendor: ['postfix-tls-unavailable'],
  },
  {
    line: '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
    kind: 'smtp-reply',
    basic: 421,
    enhanced: '4.7.0',
    vendor: ['yahoo-tss04'],
  },
  {
    line: '534-5.7.9 Application-specific password required',
    kind: 'smtp-reply',
    basic: 534,
    enhanced: '5.7.9',
    registry: 'X.7.9',
    vendor: ['gmail-app-password'],
  },
  {
    line: '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    kind: 'smtp-reply',
    basic: 550,
    enhanced: '5.1.1',
    registry: 'X.1.1',
    vendor: ['postfix-user-unknown'],
  },
  { line: '-ERR [IN-USE] Mailbox is locked by another POP3 session', kind: 'pop3', pop3: 'IN-USE' },
  {
    line: 'a1 NO [AUTHENTICATIONFAILED] Authentication failed.',
    kind: 'imap',
    imap: 'AUTHENTICATIONFAILED',
    vendor: ['dovecot-auth-failed'],
  },
  {
    line: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
    kind: 'smtp-reply',
    basic: 535,
    enhanced: '5.7.139',
    registry: false,
    vendor: ['microsoft-smtp-auth-disabled'],
  },
  {
    line: '550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/ and follow the directions.',
    kind: 'smtp-reply',
    basic: 550,
    enhanced: '5.7.606',
    registry: false,
    vendor: ['microsoft-banned-ip'],
  },
  {
    line: "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140).",
    kind: 'smtp-reply',
    basic: 550,
    enhanced: '5.7.1',
    vendor: ['outlook-block-list'],
  },
  {
    line: '450 4.2.0 <bob@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html',
    kind: 'smtp-reply',
    basic: 450,
    enhanced: '4.2.0',
    registry: 'X.2.0',
    vendor: ['postgrey-greylisted'],
  },
  {
    line: '450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]',
    kind: 'smtp-reply',
    basic: 450,
    enhanced: '4.7.1',
    vendor: ['postfix-unknown-client-hostname'],
  },
  {
    line: '550 5.7.1 <bob@example.com>... Relaying denied. Proper authentication required.',
    kind: 'smtp-reply',
    basic: 550,
    enhanced: '5.7.1',
    vendor: ['sendmail-relaying-denied-auth'],
  },
  {
    line: '-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.',
    kind: 'pop3',
    pop3: 'AUTH',
    vendor: ['dovecot-plaintext-disallowed'],
  },
  {
    line: "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.",
    kind: 'smtp-reply',
    basic: 550,
    enhanced: '5.7.26',
    registry: 'X.7.26',
    vendor: ['gmail-dmarc-policy'],
  },
  {
    line: '552-5.2.2 The email account that you tried to reach is over quota.',
    kind: 'smtp-reply',
    basic: 552,
    enhanced: '5.2.2',
    registry: 'X.2.2',
    vendor: ['gmail-over-quota'],
  },
  {
    line: '554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes',
    kind: 'smtp-reply',
    basic: 554,
    enhanced: '5.7.9',
    vendor: ['yahoo-policy'],
  },
  {
    line: '553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes',
    kind: 'smtp-reply',
    basic: 553,
    enhanced: '5.7.2',
    vendor: ['yahoo-tss09'],
  },
  {
    line: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
    kind: 'smtp-reply',
    basic: 550,
    enhanced: '5.1.10',
    registry: 'X.1.10',
    vendor: ['microsoft-recipient-not-found'],
  },
  {
    line: '451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77714)',
    kind: 'smtp-reply',
    basic: 451,
    enhanced: '4.7.500',
    registry: false,
    vendor: ['microsoft-server-busy'],
  },
  {
    line: '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/lookup.php (AS16012609)',
    kind: 'smtp-reply',
    basic: 550,
    enhanced: '5.7.1',
    vendor: ['microsoft-spamhaus'],
  },
  {
    line: '2024-05-01 10:00:00 H=(client.example.org) [192.0.2.1] F=<alice@example.org> rejected RCPT <bob@example.com>: relay not permitted',
    kind: 'text',
    vendor: ['exim-relay-not-permitted', 'exim-rejected-rcpt'],
  },
  {
    line: '535 Incorrect authentication data',
    kind: 'smtp-reply',
    basic: 535,
    vendor: ['exim-incorrect-auth'],
  },
  {
    line: '421-4.7.28 Gmail has detected an unusual rate of email originating from your IP address 192.0.2.1. To protect our users from spam, email sent from your IP address has been temporarily rate limited.',
    kind: 'smtp-reply',
    basic: 421,
    enhanced: '4.7.28',
    registry: 'X.7.28',
    vendor: ['gmail-unusual-rate'],
  },
  {
    line: 'a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.',
    kind: 'imap',
    imap: 'PRIVACYREQUIRED',
    vendor: ['dovecot-plaintext-disallowed'],
  },
];

describe('explain() on real replies', () => {
  for (const c of CASES) {
    it(c.line.slice(0, 90), () => {
      const e = explain(c.line);
      assert.equal(e.kind, c.kind);
      assert.equal(e.basic?.code, c.basic);
      assert.equal(e.enhanced?.code, c.enhanced);
      if (c.registry !== undefined) {
        assert.equal(e.enhanced?.registered, c.registry !== false);
        if (c.registry !== false) assert.equal(e.enhanced?.registryCode, c.registry);
      }
      for (const id of c.vendor ?? []) {
        assert.ok(
          e.vendor.some((pattern) => pattern.id === id),
          `expected ${id}, got ${e.vendor.map((p) => p.id).join(', ')}`,
        );
      }
      if (!c.vendor) assert.deepEqual(e.vendor, []);
      assert.equal(e.pop3?.code, c.pop3);
      if (c.pop3) assert.ok(e.pop3?.codeEntry, 'POP3 code has an entry');
      assert.equal(e.imap?.code, c.imap);
      if (c.imap) assert.ok(e.imap?.codeEntry, 'IMAP code has an entry');
    });
  }
});

describe('explain() input forms', () => {
  it('a bare basic code', () => {
    const e = explain('550');
    assert.equal(e.kind, 'smtp-code');
    assert.equal(e.basic?.code, 550);
    assert.equal(e.basic?.registered, true);
    assert.ok(e.notes.some((note) => note.startsWith('Permanent (5xx)')));
  });

  it('a bare enhanced code, with or without a class', () => {
    const e = explain('5.7.1');
    assert.equal(e.kind, 'enhanced-code');
    assert.equal(e.enhanced?.registryCode, 'X.7.1');
    assert.equal(e.enhanced?.class, 'Permanent failure');
    assert.equal(e.enhanced?.subject, 'Security or policy status');
    const any = explain('X.2.2');
    assert.equal(any.enhanced?.summary, 'The recipient mailbox is full (over quota)');
    assert.equal(any.enhanced?.class, 'Any class');
  });

  it('a multi-line Gmail reply, joined before matching', () => {
    const e = explain(
      [
        '550-5.7.1 [192.0.2.1] Our system has detected that this message is',
        '550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,',
        '550 5.7.1 this message has been blocked.',
      ].join('\n'),
    );
    assert.equal(e.kind, 'smtp-reply');
    assert.equal(e.basic?.code, 550);
    assert.deepEqual(
      e.vendor.map((pattern) => pattern.id),
      ['gmail-likely-unsolicited'],
    );
    assert.equal(
      e.replyText,
      '[192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.',
    );
  });

  it('notes a lone continuation line and mismatched codes', () => {
    const e = explain('534-5.7.9 Application-specific password required');
    assert.ok(e.notes.some((note) => note.includes('more lines follow')));
    const mixed = explain('250-first\n550 second');
    assert.ok(mixed.notes.some((note) => note.includes('different codes')));
    const classes = explain('550 4.7.1 odd');
    assert.ok(classes.notes.some((note) => note.includes('does not match')));
  });

  it('a reply inside a Postfix log line', () => {
    const e = explain(
      'May 22 10:45:17 mx postfix/smtpd[2768]: NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 554 5.7.1 <bob@example.com>: Relay access denied; from=<a@example.org> to=<bob@example.com> proto=ESMTP',
    );
    assert.equal(e.kind, 'smtp-reply');
    assert.equal(e.basic?.code, 554);
    assert.equal(e.enhanced?.code, '5.7.1');
    assert.deepEqual(
      e.vendor.map((pattern) => pattern.id),
      ['postfix-relay-access-denied'],
    );
  });

  it('a bounce Status: field without a reply, and not IP addresses', () => {
    const e = explain('Status: 5.1.1 (remote host 192.0.2.1 said no)');
    assert.equal(e.kind, 'text');
    assert.equal(e.enhanced?.registryCode, 'X.1.1');
    assert.equal(explain('connect to 192.0.2.1 failed').kind, 'unknown');
  });

  it('DNS outcomes, by prefix or by rcode name', () => {
    assert.equal(explain('dns:nxdomain').dns?.name, 'nxdomain');
    assert.equal(explain('SERVFAIL').dns?.name, 'servfail');
    assert.equal(explain('dns: NOERROR').dns?.name, 'answer');
    assert.equal(explain('dns:bogus').kind, 'unknown');
  });

  it('capability keywords, in every protocol that has them', () => {
    const starttls = explain('STARTTLS');
    assert.equal(starttls.kind, 'capability');
    assert.deepEqual(
      starttls.capabilities.map((c) => c.protocol),
      ['smtp', 'imap'],
    );
    assert.equal(explain('pop3:STLS').capabilities[0]?.entry.name, 'STLS');
    assert.equal(explain('imap:AUTH=XOAUTH2').capabilities[0]?.entry.name, 'AUTH=*');
    assert.equal(explain('smtp:SIZE 35882577').capabilities[0]?.entry.name, 'SIZE');
  });

  it('bare response codes', () => {
    const pop3 = explain('[IN-USE]');
    assert.equal(pop3.kind, 'pop3');
    assert.equal(pop3.pop3?.code, 'IN-USE');
    const imap = explain('TRYCREATE');
    assert.equal(imap.kind, 'imap');
    assert.equal(imap.imap?.code, 'TRYCREATE');
  });

  it('IMAP greetings list the capabilities they carry', () => {
    const e = explain('* OK [CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN] Dovecot ready.');
    assert.equal(e.kind, 'imap');
    assert.equal(e.imap?.code, 'CAPABILITY');
    assert.deepEqual(
      e.capabilities.map((c) => c.entry.name),
      ['IMAP4rev1', 'IDLE', 'AUTH=*'],
    );
  });

  it('known server text without any code', () => {
    const e = explain('Relay access denied');
    assert.equal(e.kind, 'text');
    assert.deepEqual(
      e.vendor.map((pattern) => pattern.id),
      ['postfix-relay-access-denied'],
    );
  });

  it('says unknown for things it cannot place, and never throws', () => {
    for (const input of ['', '   ', 'hello world', '999', '123', 'example.com', '\u001b[31mred']) {
      const e = explain(input);
      assert.equal(e.kind, 'unknown', input);
      assert.equal(isExplained(e), false);
    }
  });

  it('passes vendor cautions on when a code means something else in the registry', () => {
    const e = explain(
      "550-5.7.30 This message was blocked because it didn't pass DKIM authentication.",
    );
    assert.equal(e.enhanced?.registryCode, 'X.7.30');
    assert.ok(e.notes.some((note) => note.includes('REQUIRETLS')));
  });
});
