import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../source/diagnosis/index.js';
import { expectFinding, expectNone } from '../expect.js';
import {
  authRequired,
  blocklisted,
  contentRejected,
  dmarc,
  domainNotFound,
  greylisted,
  mailboxFull,
  microsoftRelay,
  openRelay,
  otherRefusal,
  ptrRequired,
  rateLimited,
  relayDenied,
  relayDeniedAfterAuth,
  senderDomain,
  serverError,
  session,
  sizeOverLimit,
  tooLarge,
  tooManyConnectionsInSession,
  userUnknown,
} from '../scenarios/send.js';

const SEND_RULES = [
  'send.relay-denied',
  'send.auth-required',
  'send.recipient-unknown',
  'send.recipient-domain-unknown',
  'send.sender-rejected',
  'send.spf-dmarc-rejected',
  'send.ptr-required',
  'send.greylisted',
  'send.rate-limited',
  'send.too-many-connections',
  'send.mailbox-full',
  'send.message-too-large',
  'send.size-exceeds-limit',
  'send.blocklisted',
  'send.content-rejected',
  'send.server-error',
  'send.refused',
  'send.open-relay',
];

/** The only send finding is the expected one: one reply, one explanation. */
const onlySendFinding = (s: ReturnType<typeof relayDenied>['session'], id: string) => {
  const ids = diagnose(s)
    .map((f) => f.id)
    .filter((x) => x.startsWith('send.'));
  assert.deepEqual(ids, [id]);
};

describe('send rules', () => {
  it('send.relay-denied: Postfix "Relay access denied" without authentication', () => {
    const { session: s, evidence } = relayDenied();
    const f = expectFinding(s, 'send.relay-denied', {
      severity: 'error',
      step: 'send',
      evidence,
      next: /--auth-user/,
      action: { kind: 'retry-port', params: { port: 587 } },
      title: /x@elsewhere\.test/,
    });
    assert.ok(f.actions?.some((a) => a.kind === 'explain' && a.params?.['code'] === '5.7.1'));
    onlySendFinding(s, 'send.relay-denied');
  });

  it('send.relay-denied after AUTH points at the relay restrictions, and Microsoft 5.7.54 counts too', () => {
    expectFinding(relayDeniedAfterAuth().session, 'send.relay-denied', {
      severity: 'error',
      next: /permit_sasl_authenticated/,
      explanation: /did authenticate/,
    });
    expectFinding(microsoftRelay().session, 'send.relay-denied', { severity: 'error' });
  });

  it('send.auth-required: Microsoft 530 5.7.57', () => {
    const { session: s, evidence } = authRequired();
    expectFinding(s, 'send.auth-required', {
      severity: 'error',
      evidence,
      action: { kind: 'retry-port', params: { port: 587 } },
    });
    onlySendFinding(s, 'send.auth-required');
  });

  it('send.recipient-unknown: "User unknown in virtual mailbox table"', () => {
    const { session: s, evidence } = userUnknown();
    expectFinding(s, 'send.recipient-unknown', {
      severity: 'error',
      evidence,
      title: /nobody@example\.test/,
      next: /postmap -q/,
    });
    onlySendFinding(s, 'send.recipient-unknown');
  });

  it('send.recipient-unknown is still an error when another recipient was accepted', () => {
    const { b } = session({
      to: ['bob@example.test', 'nobody@example.test'],
      rcptReplies: [
        ['250 2.1.5 Ok'],
        [
          '550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in local recipient table',
        ],
      ],
      status: 'warning',
      summary: 'accepted for 1 of 2 recipients',
    });
    expectFinding(b.build(), 'send.recipient-unknown', {
      severity: 'error',
      title: /nobody@example\.test/,
    });
  });

  it('send.recipient-domain-unknown: "Recipient address rejected: Domain not found"', () => {
    const { session: s, evidence } = domainNotFound();
    expectFinding(s, 'send.recipient-domain-unknown', {
      severity: 'error',
      evidence,
      next: /dig nowhere\.invalid MX/,
    });
    onlySendFinding(s, 'send.recipient-domain-unknown');
  });

  it('send.sender-rejected: "Sender address rejected: Domain not found" at RCPT (smtpd_delay_reject)', () => {
    const { session: s, evidence } = senderDomain();
    expectFinding(s, 'send.sender-rejected', {
      severity: 'error',
      evidence,
      explanation: /smtpd_delay_reject/,
      next: /--from/,
    });
    onlySendFinding(s, 'send.sender-rejected');
  });

  it('send.spf-dmarc-rejected: Gmail 550-5.7.26 unauthenticated, all eight lines', () => {
    const { session: s, evidence } = dmarc();
    assert.equal(evidence.length, 8);
    expectFinding(s, 'send.spf-dmarc-rejected', {
      severity: 'error',
      evidence,
      next: /dig TXT DOMAIN/,
      action: { kind: 'explain', params: { code: '5.7.26' } },
    });
    onlySendFinding(s, 'send.spf-dmarc-rejected');
  });

  it('send.ptr-required: "cannot find your hostname"', () => {
    const { session: s, evidence } = ptrRequired();
    expectFinding(s, 'send.ptr-required', { severity: 'error', evidence, next: /PTR record/ });
    onlySendFinding(s, 'send.ptr-required');
  });

  it('send.greylisted: postgrey 450 4.2.0, retry later', () => {
    const { session: s, evidence } = greylisted();
    expectFinding(s, 'send.greylisted', {
      severity: 'error',
      evidence,
      explanation: /retries/,
      action: { kind: 'retry-later', params: { seconds: 300 } },
    });
    onlySendFinding(s, 'send.greylisted');
  });

  it('send.greylisted is a warning when the step still got the message through', () => {
    const { b } = session({
      to: ['bob@example.test', 'carol@example.test'],
      rcptReplies: [
        ['250 2.1.5 Ok'],
        [
          '451 4.7.1 <carol@example.test>: Recipient address rejected: Greylisting in action, please come back in 60 seconds',
        ],
      ],
      status: 'warning',
    });
    expectFinding(b.build(), 'send.greylisted', {
      severity: 'warning',
      action: { kind: 'retry-later', params: { seconds: 60 } },
    });
  });

  it('send.rate-limited: Gmail 421-4.7.28', () => {
    const { session: s, evidence } = rateLimited();
    expectFinding(s, 'send.rate-limited', {
      severity: 'error',
      evidence,
      next: /Slow down/,
      action: { kind: 'retry-later' },
    });
    onlySendFinding(s, 'send.rate-limited');
  });

  it('send.too-many-connections: a connection limit inside the session', () => {
    const { session: s, evidence } = tooManyConnectionsInSession();
    expectFinding(s, 'send.too-many-connections', { severity: 'error', evidence, next: /ss -tn/ });
    onlySendFinding(s, 'send.too-many-connections');
  });

  it('send.mailbox-full: 552 5.2.2 Mailbox full', () => {
    const { session: s, evidence } = mailboxFull();
    expectFinding(s, 'send.mailbox-full', {
      severity: 'error',
      evidence,
      title: /bob@example\.test/,
      next: /doveadm quota get/,
    });
    onlySendFinding(s, 'send.mailbox-full');
  });

  it('send.message-too-large: 552 5.3.4 Message size exceeds fixed limit', () => {
    const { session: s, evidence } = tooLarge();
    expectFinding(s, 'send.message-too-large', {
      severity: 'error',
      evidence,
      next: /message_size_limit/,
      action: { kind: 'explain', params: { code: '5.3.4' } },
    });
    onlySendFinding(s, 'send.message-too-large');
  });

  it('send.size-exceeds-limit: the message is over the advertised SIZE and the server hung up', () => {
    const { session: s, evidence } = sizeOverLimit();
    expectFinding(s, 'send.size-exceeds-limit', {
      severity: 'error',
      evidence,
      title: /12000000 bytes/,
    });
  });

  it('send.blocklisted: Spamhaus', () => {
    const { session: s, evidence } = blocklisted();
    expectFinding(s, 'send.blocklisted', {
      severity: 'error',
      evidence,
      next: /192\.0\.2\.1.*check\.spamhaus\.org/,
    });
    onlySendFinding(s, 'send.blocklisted');
  });

  it('send.content-rejected: Gmail "likely unsolicited" at the end of DATA', () => {
    const { session: s, evidence } = contentRejected();
    expectFinding(s, 'send.content-rejected', {
      severity: 'error',
      evidence,
      next: /plain test message/,
    });
    onlySendFinding(s, 'send.content-rejected');
  });

  it('send.server-error: 451 4.3.0 Temporary lookup failure', () => {
    const { session: s, evidence } = serverError();
    expectFinding(s, 'send.server-error', {
      severity: 'error',
      evidence,
      next: /mail\.log/,
      action: { kind: 'retry-later', params: { seconds: 300 } },
    });
    onlySendFinding(s, 'send.server-error');
  });

  it('send.refused: any other refusal, explained by its code', () => {
    const { session: s, evidence } = otherRefusal();
    expectFinding(s, 'send.refused', {
      severity: 'error',
      evidence,
      title: /bob@example\.test: 550 5\.7\.1/,
      action: { kind: 'explain', params: { code: '5.7.1' } },
    });
    onlySendFinding(s, 'send.refused');
  });

  it("send.open-relay: a domain's MX takes mail for elsewhere from an anonymous client", () => {
    const { session: s, evidence } = openRelay();
    expectFinding(s, 'send.open-relay', {
      severity: 'warning',
      evidence,
      next: /reject_unauth_destination/,
    });
  });

  it('stays quiet on accepted mail, including a 250 that mentions relaying', () => {
    const { b } = session({ to: ['bob@example.test'] });
    expectNone(b.build(), ...SEND_RULES);
    const nearMiss = session({
      rcptReplies: [['250 2.1.5 Ok, relay permitted for authenticated users']],
      endReply: [
        '250 2.0.0 Ok: queued as 4BqX1F2cZ3z (message size 420 does not exceed the limit)',
      ],
    });
    expectNone(nearMiss.b.build(), ...SEND_RULES);
    // Loopback clients are trusted by default: no open-relay alarm for a local test.
    const local = session({
      domain: 'example.test',
      to: ['someone@elsewhere.test'],
      address: '127.0.0.1',
    });
    expectNone(local.b.build(), 'send.open-relay');
  });
});
