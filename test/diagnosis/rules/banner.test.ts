import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../expect.js';
import {
  closed,
  disclosed,
  dripComplete,
  dripTimeout,
  silentTimeout,
  greetingTimeout,
  noHostname,
  notSmtp,
  pixFixup,
  ptrMismatch,
  rejected,
  slow,
  tooManyConnections,
  unavailable,
  withBanner,
} from '../scenarios/banner.js';

const BANNER_RULES = [
  'banner.pix-fixup',
  'banner.rejected',
  'banner.unavailable',
  'banner.too-many-connections',
  'banner.slow',
  'banner.ptr-mismatch',
  'banner.software-disclosed',
  'banner.no-hostname',
  'banner.closed',
  'banner.timeout',
  'banner.drip',
  'banner.not-smtp',
];

describe('banner rules', () => {
  it('banner.pix-fixup: asterisks and a 500 to EHLO are a Cisco fixup breaking ESMTP', () => {
    const { session, evidence } = pixFixup();
    expectFinding(session, 'banner.pix-fixup', {
      severity: 'error',
      step: 'banner',
      evidence,
      next: /no fixup protocol smtp 25/,
      action: { kind: 'retry-port', params: { port: 587 } },
    });
    // The consequences are explained by the cause, not again on their own.
    expectNone(session, 'ehlo.helo-only', 'tls.starttls-not-offered', 'banner.no-hostname');
  });

  it('banner.pix-fixup is a warning when EHLO still works', () => {
    const { b } = withBanner('220 *******************************************************');
    expectFinding(b.build(), 'banner.pix-fixup', { severity: 'warning' });
  });

  it('banner.rejected: a 554 greeting', () => {
    const { session, evidence } = rejected();
    expectFinding(session, 'banner.rejected', {
      severity: 'error',
      evidence,
      next: /another network/,
      action: { kind: 'explain', params: { code: '5.7.1' } },
    });
    expectNone(session, 'banner.unavailable', 'send.blocklisted');
  });

  it('banner.rejected leaves a blocklisting greeting to send.blocklisted', () => {
    const b = withBanner(
      '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1',
    ).b;
    expectNone(b.build(), 'banner.rejected');
    expectFinding(b.build(), 'send.blocklisted', { severity: 'error', step: 'banner' });
  });

  it('banner.unavailable: a 421 greeting (postscreen)', () => {
    const { session, evidence } = unavailable();
    expectFinding(session, 'banner.unavailable', {
      severity: 'error',
      evidence,
      explanation: /postscreen/,
      action: { kind: 'retry-later', params: { seconds: 300 } },
    });
    expectNone(session, 'send.server-error', 'banner.rejected');
  });

  it('banner.too-many-connections: Postfix "Error: too many connections"', () => {
    const { session, evidence } = tooManyConnections();
    expectFinding(session, 'banner.too-many-connections', {
      severity: 'error',
      evidence,
      next: /ss -tn/,
      action: { kind: 'retry-later', params: { seconds: 60 } },
    });
    expectNone(session, 'banner.unavailable', 'send.too-many-connections', 'send.rate-limited');
  });

  it('banner.slow: info below 30 s, warning above, quiet under 3 s', () => {
    const long = slow(45_000);
    expectFinding(long.session, 'banner.slow', {
      severity: 'warning',
      evidence: long.evidence,
      title: /45 s/,
      next: /dig -x/,
    });
    expectFinding(slow(6_000).session, 'banner.slow', {
      severity: 'info',
      explanation: /greet pause/,
    });
    expectNone(slow(900).session, 'banner.slow');
  });

  it('banner.ptr-mismatch: the banner name is not the PTR name', () => {
    const { session, evidence } = ptrMismatch();
    expectFinding(session, 'banner.ptr-mismatch', {
      severity: 'info',
      evidence,
      title: /mx3\.internal\.example\.net.*mail\.example\.test/,
      next: /myhostname/,
    });
  });

  it('banner.software-disclosed: Postfix with OS, Exchange, Exim and Sendmail versions', () => {
    for (const banner of [
      '220 mail.example.test ESMTP Postfix (Debian/GNU)',
      '220 mail.example.test Microsoft ESMTP MAIL Service, Version: 10.0.17763.1697 ready at Mon, 3 Mar 2025 10:00:00 +0000',
      '220 mail.example.test ESMTP Exim 4.96 Mon, 03 Mar 2025 10:00:00 +0000',
      '220 mail.example.test ESMTP Sendmail 8.15.2/8.15.2; Mon, 3 Mar 2025 10:00:00 GMT',
    ]) {
      const { session, evidence } = disclosed(banner);
      expectFinding(session, 'banner.software-disclosed', {
        severity: 'info',
        evidence,
        next: /updated/,
      });
    }
  });

  it('banner.no-hostname: a greeting that does not start with a name', () => {
    const { session, evidence } = noHostname();
    expectFinding(session, 'banner.no-hostname', {
      severity: 'info',
      evidence,
      next: /smtpd_banner/,
    });
  });

  it('banner.closed: closed before the greeting', () => {
    const { session, evidence } = closed();
    expectFinding(session, 'banner.closed', {
      severity: 'error',
      evidence,
      next: /hosts\.deny/,
    });
  });

  it('banner.timeout: on 465 without TLS, the implicit TLS explanation', () => {
    const { session, evidence } = greetingTimeout();
    expectFinding(session, 'banner.timeout', {
      severity: 'error',
      evidence,
      explanation: /SMTPS port/,
      next: /--tls implicit/,
    });
  });

  it('banner.drip: a greeting dripped until the deadline is a tarpit, not silence or TLS', () => {
    const { session, evidence } = dripTimeout();
    const f = expectFinding(session, 'banner.drip', {
      severity: 'error',
      evidence,
      title: /drips its greeting: 31 byte\(s\) in 30 s/,
      explanation:
        /"220 mail\.example\.test ESMTP Po" so far.*not silent and does not expect TLS.*tarpit/s,
      next: /exempt this client's address/,
    });
    assert.doesNotMatch(f.title, /No greeting/);
    assert.ok(!f.next.some((n) => /--tls implicit/.test(n)), 'no implicit TLS advice');
    assert.ok(!(f.actions ?? []).some((a) => a.kind === 'implicit-tls'));
    // One finding names the cause: the generic timeout stays quiet.
    expectNone(session, 'banner.timeout');
  });

  it('banner.drip stays quiet on silence; banner.timeout says no greeting, maybe TLS first', () => {
    for (const { session } of [silentTimeout(), greetingTimeout()]) {
      expectNone(session, 'banner.drip');
      expectFinding(session, 'banner.timeout', {
        severity: 'error',
        title: /^No greeting from .*: the port may expect TLS first$/,
        next: /--tls implicit/,
      });
    }
  });

  it('banner.timeout stays quiet on a drip; banner.drip on a greeting that ended in time', () => {
    expectNone(dripTimeout().session, 'banner.timeout');
    expectNone(dripComplete().session, 'banner.drip', 'banner.timeout');
  });

  it('banner.slow: a greeting dripped to its end says so; a plain pause says the server waited', () => {
    expectFinding(dripComplete().session, 'banner.slow', {
      severity: 'info',
      title: /took 12 s: it was dripped a little at a time/,
      explanation: /in 37 pieces over 12 s.*tarpit/s,
    });
    const plain = expectFinding(slow(12_000).session, 'banner.slow', {
      severity: 'info',
      explanation: /waited 12 s before saying 220/,
    });
    assert.doesNotMatch(plain.title, /dripped/);
  });

  it('banner.not-smtp: a POP3 greeting on the SMTP connection', () => {
    const { session, evidence } = notSmtp();
    const f = expectFinding(session, 'banner.not-smtp', {
      severity: 'error',
      evidence,
      action: { kind: 'retry-port' },
    });
    assert.match(f.title, /POP3 server/);
  });

  it('stays quiet on a plain healthy greeting (and its near misses)', () => {
    const { b } = withBanner('220 mail.example.test ESMTP Postfix');
    expectNone(b.build(), ...BANNER_RULES);
    // Two asterisks are not a firewall; "ESMTP" and a name are not a version.
    expectNone(withBanner('220 mail.example.test ESMTP ** ready **').b.build(), 'banner.pix-fixup');
    expectNone(
      withBanner('220 mail.example.test ESMTP Exim').b.build(),
      'banner.software-disclosed',
    );
  });
});
