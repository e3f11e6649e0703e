// Issue 12: the rules hold on more than Postfix's and Dovecot's wording (Exim, OpenSMTPD,
// Mailutils, smtp-server), never invent a code, and say what the customer's side must change.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../source/diagnosis/index.js';
import { finding } from '../../../source/diagnosis/rule.js';
import { readableTlsError } from '../../../source/diagnosis/tls-reason.js';
import { SessionBuilder, send, smtpPrefix } from '../build-session.js';
import { expectFinding, expectNone } from '../expect.js';

/** A port-25 session (no AUTH) whose STARTTLS certificate did not verify. */
const unverifiedRelay = (withAuth: boolean) => {
  const b = new SessionBuilder({ server: { host: 'mx.example.test', port: 25 } });
  smtpPrefix(b, { port: 25, tls: false });
  b.client('tls', 'STARTTLS');
  b.server('tls', '220 2.0.0 Ready to start TLS');
  b.note('tls', 'TLS TLSv1.3 TLS_AES_256_GCM_SHA384; certificate CN=mx issued by CN=mx');
  b.note('tls', 'certificate NOT verified: DEPTH_ZERO_SELF_SIGNED_CERT');
  b.tls({
    authorized: false,
    authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    certificate: { subject: 'CN=mx', issuer: 'CN=mx' },
  });
  if (withAuth) {
    b.step('tls', 'error', 'STARTTLS: certificate not verified; stopping before credentials');
    b.step('auth', 'skipped', 'not run: tls failed');
  } else {
    b.step(
      'tls',
      'warning',
      'STARTTLS: TLSv1.3, certificate not verified (DEPTH_ZERO_SELF_SIGNED_CERT); no credentials at stake, going on as a sending server would',
    );
    send(b, { endReply: ['250 OK id=1xWXor-0006uW-1h'] });
  }
  return b.build();
};

describe('opportunistic TLS on a relay port', () => {
  it('an unverified certificate without credentials is a warning that names MTA-STS and DANE', () => {
    expectFinding(unverifiedRelay(false), 'tls.cert-self-signed', {
      severity: 'warning',
      explanation: /MTA-STS.*DANE|DANE.*MTA-STS/,
    });
  });
  it('with credentials at stake it stays an error', () => {
    expectFinding(unverifiedRelay(true), 'tls.cert-self-signed', { severity: 'error' });
  });
});

describe('certificate findings for implicit TLS', () => {
  it('name the tls step, so no generic "the tls step failed" stands beside them', () => {
    const b = new SessionBuilder({ server: { host: 'mail.example.test', port: 465 } });
    b.note('connect', 'connecting to mail.example.test port 465 with implicit TLS');
    b.note('connect', 'certificate NOT verified: CERT_HAS_EXPIRED');
    b.step('connect', 'ok');
    b.tls({
      mode: 'implicit',
      authorized: false,
      authorizationError: 'CERT_HAS_EXPIRED',
      certificate: { validTo: '2025-01-01T00:00:00.000Z' },
    });
    b.server('banner', '220 mail.example.test ESMTP Exim 4.96');
    b.step('banner', 'ok');
    b.step('ehlo', 'ok');
    b.step('tls', 'error', 'implicit TLS: certificate not verified (CERT_HAS_EXPIRED)');
    b.step('auth', 'skipped', 'not run: tls failed');
    const s = b.build();
    expectFinding(s, 'tls.cert-expired', { severity: 'error', step: 'tls' });
    expectNone(s, 'tls.failed');
  });
});

describe('POP3 and IMAP certificates', () => {
  for (const [step, greeting] of [
    ['pop3', '+OK POP3 Ready <16832.1795696879@vm>'],
    ['imap', '* OK IMAP4rev1'],
  ] as const) {
    it(`${step}: an unverified certificate under --insecure is still a finding (Mailutils wording)`, () => {
      const b = new SessionBuilder({ input: 'mail.example.test' });
      b.note(step, 'connecting to mail.example.test port 9999 with implicit TLS');
      b.note(step, 'TLS TLSv1.3 TLS_AES_256_GCM_SHA384; certificate CN=mail issued by CN=private');
      b.note(
        step,
        'certificate NOT verified: UNABLE_TO_VERIFY_LEAF_SIGNATURE; going on because of --insecure',
      );
      b.server(step, greeting);
      b.fact(`${step}.tls`, {
        protocol: 'TLSv1.3',
        cipher: 'TLS_AES_256_GCM_SHA384',
        authorized: false,
        authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        mode: 'implicit',
        certificate: {
          subject: 'CN=mail',
          altNames: [],
          issuer: 'CN=private',
          validFrom: '',
          validTo: '',
          fingerprint256: '',
        },
      });
      b.step(step, 'ok', 'logged in as test@example.test; 0 message(s)');
      expectFinding(b.build(), `${step}.cert-invalid`, {
        severity: 'error',
        explanation: /--insecure/,
        next: /openssl s_client -connect mail\.example\.test:9999/,
      });
    });
  }
});

/** Submission with --tls none: EHLO offers STARTTLS and no AUTH; the auth step found nothing. */
const noStarttls = (refusal?: string) => {
  const b = new SessionBuilder({ server: { host: 'mail.example.test', port: 587 } });
  smtpPrefix(b, { port: 587, tls: false });
  b.step('tls', 'skipped', 'TLS not requested (--tls none)');
  if (refusal) {
    b.client('send', 'MAIL FROM:<alice@example.test>');
    b.server('send', refusal);
    b.step('send', 'error', `sender refused: ${refusal}`);
  } else {
    b.step('auth', 'error', 'the server offers no AUTH mechanism on this connection');
  }
  return b.build();
};

describe('the scanner without STARTTLS', () => {
  it('Exim-style (no reply to quote): the client must use STARTTLS, not "enable SASL"', () => {
    const f = expectFinding(noStarttls(), 'auth.not-offered', {
      severity: 'error',
      title: /client must use STARTTLS/,
      next: /STARTTLS.*587|nothing needs to change on the server/,
      action: { kind: 'starttls-first' },
    });
    assert.doesNotMatch(f.next.join(' '), /enable SASL/);
  });
  it('without --insecure mailmedic keeps the password, and still says the client must use STARTTLS', () => {
    const b = new SessionBuilder({ server: { host: 'mail.example.test', port: 587 } });
    smtpPrefix(b, { port: 587, tls: false });
    b.step('tls', 'skipped', 'TLS not requested (--tls none)');
    b.step(
      'auth',
      'error',
      'refusing to send credentials without TLS (use --insecure to allow it)',
    );
    expectFinding(b.build(), 'auth.no-tls', {
      severity: 'error',
      explanation: /client .* has to use STARTTLS/,
      next: /device or program to use STARTTLS/,
    });
  });
  it('Postfix: "530 5.7.0 Must issue a STARTTLS command first" says the client must change', () => {
    expectFinding(
      noStarttls('530 5.7.0 Must issue a STARTTLS command first'),
      'auth.tls-required',
      { severity: 'error', next: /client has to change/ },
    );
  });
});

/** AUTH with a mechanism the server does not take, in each server's words. */
const mechanismRefused = (reply: string) => {
  const b = new SessionBuilder({ server: { host: 'mail.example.test', port: 587 } });
  smtpPrefix(b);
  b.client('auth', 'AUTH CRAM-MD5');
  b.server('auth', reply);
  b.fact('auth', {
    mechanism: 'CRAM-MD5',
    code: Number(reply.slice(0, 3)),
    offered: ['PLAIN', 'LOGIN'],
  });
  b.step('auth', 'error', `authentication failed: ${reply}`);
  return b.build();
};

describe('an unsupported mechanism is not a wrong password', () => {
  for (const [server, reply] of [
    [
      'Postfix with Dovecot SASL',
      '535 5.7.8 Error: authentication failed: Invalid authentication mechanism',
    ],
    ['Exim', '504 CRAM-MD5 authentication mechanism not supported'],
    ['Sendmail', '504 5.3.3 AUTH mechanism CRAM-MD5 not available'],
    ['smtp-server', '504 Error: Unrecognized authentication type'],
  ] as const) {
    it(server, () => {
      const s = mechanismRefused(reply);
      const f = expectFinding(s, 'auth.mechanism-unsupported', {
        severity: 'error',
        title: /CRAM-MD5.*offers PLAIN LOGIN/,
        next: /--auth-mech plain/,
      });
      assert.doesNotMatch(f.explanation, /UGFzc3dvcmQ6/, 'no unrelated prompt quoted');
      expectNone(s, 'auth.failed');
    });
  }
  it('Postfix wrong password: the user-name advice is given once, not twice in other words', () => {
    const b = new SessionBuilder({ server: { host: 'mail.example.test', port: 587 } });
    smtpPrefix(b);
    b.client('auth', 'AUTH PLAIN ********', true);
    b.server('auth', '535 5.7.8 Error: authentication failed: authentication failure');
    b.fact('auth', {
      mechanism: 'PLAIN',
      code: 535,
      enhanced: '5.7.8',
      offered: ['PLAIN', 'LOGIN'],
    });
    b.step('auth', 'error', 'authentication failed: 535 5.7.8 Error: authentication failed');
    const f = expectFinding(b.build(), 'auth.failed', { severity: 'error' });
    assert.equal(f.next.filter((n) => /user ?name/i.test(n)).length, 1, JSON.stringify(f.next));
    assert.doesNotMatch(f.explanation, /UGFzc3dvcmQ6/, 'no prompt the reply does not contain');
  });
  it('a real wrong password stays auth.failed, quoting its own code', () => {
    const b = new SessionBuilder({ server: { host: 'mail.example.test', port: 587 } });
    smtpPrefix(b);
    b.client('auth', 'AUTH PLAIN ********', true);
    b.server('auth', '535 Incorrect authentication data');
    b.fact('auth', { mechanism: 'PLAIN', code: 535, offered: ['PLAIN', 'LOGIN'] });
    b.step('auth', 'error', 'authentication failed: 535 Incorrect authentication data');
    const f = expectFinding(b.build(), 'auth.failed', { severity: 'error' });
    assert.doesNotMatch(f.explanation, /5\.7\.8/, 'Exim sent no enhanced code');
  });
});

/** Port-25 session, not logged in, one refused recipient. */
const refusedRecipient = (to: string, reply: string, domain = 'example.test') => {
  const b = new SessionBuilder({ domain });
  smtpPrefix(b, { port: 25 });
  send(b, {
    to: [to],
    rcptReplies: [[reply]],
    status: 'error',
    summary: `every recipient refused: ${reply}`,
  });
  return b.build();
};

describe('no invented codes', () => {
  it('OpenSMTPD "550 Invalid recipient" for a foreign domain, unauthenticated: relaying is likely', () => {
    const f = expectFinding(
      refusedRecipient('someone@foreign.test', '550 Invalid recipient'),
      'send.recipient-unknown',
      {
        severity: 'error',
        title: /relay/,
        next: /MX of foreign\.test/,
      },
    );
    assert.doesNotMatch(f.explanation, /X\.1\.1|5\.1\.1/);
  });
  it('Exim "550 Unrouteable address" for a local user: unknown, and no code invented', () => {
    const f = expectFinding(
      refusedRecipient('nobody@example.test', '550 Unrouteable address'),
      'send.recipient-unknown',
      { severity: 'error', title: /does not exist/ },
    );
    assert.doesNotMatch(f.explanation, /X\.1\.1|5\.1\.1|enhanced status/);
  });
  it('Postfix "550 5.1.1 ... User unknown" keeps its real enhanced code', () => {
    expectFinding(
      refusedRecipient(
        'nobody@example.test',
        '550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in virtual mailbox table',
      ),
      'send.recipient-unknown',
      { severity: 'error', explanation: /enhanced status 5\.1\.1/ },
    );
  });
  it('a mailbox-full reply without an enhanced code cites none', () => {
    const f = expectFinding(
      refusedRecipient('bob@example.test', '452 Mailbox full'),
      'send.mailbox-full',
      { severity: 'error' },
    );
    assert.doesNotMatch(f.explanation, /X\.2\.2|enhanced status/);
  });
});

describe('relay advice for a mail client and for a sending server', () => {
  for (const [server, reply] of [
    ['Exim', '550 relay not permitted'],
    ['Postfix', '554 5.7.1 <x@foreign.test>: Relay access denied'],
  ] as const) {
    it(`${server}: both senders are told what to change`, () => {
      const s = refusedRecipient('x@foreign.test', reply);
      const f = expectFinding(s, 'send.relay-denied', { severity: 'error' });
      assert.match(f.next[0]!, /mail server delivering/, 'port 25: the server case first');
      assert.ok(f.next.some((n) => /mail client or a device/.test(n)));
    });
  }
});

describe('greetings', () => {
  const greeting = (text: string) => {
    const b = new SessionBuilder({ server: { host: '127.0.0.1', port: 25 } });
    smtpPrefix(b, { port: 25, banner: text });
    return b.build();
  };
  it('"220 vm ESMTP Postfix" names a host, just not a fully qualified one', () => {
    expectFinding(greeting('220 vm ESMTP Postfix'), 'banner.no-hostname', {
      severity: 'info',
      title: /"vm".*not fully qualified/,
    });
  });
  it('"220 ESMTP ready" has no name at all', () => {
    expectFinding(greeting('220 ESMTP ready'), 'banner.no-hostname', {
      severity: 'info',
      title: /does not start with/,
    });
  });
  it('"(evaluation)" is not an operating system; "(Debian/GNU)" is', () => {
    const evaluation = diagnose(greeting('220 mail.example.test ESMTP Postfix (evaluation)'));
    assert.ok(!evaluation.some((f) => /operating system/.test(f.title)), 'no OS named');
    expectFinding(
      greeting('220 mail.example.test ESMTP Postfix (Debian/GNU)'),
      'banner.software-disclosed',
      {
        severity: 'info',
        title: /operating system/,
      },
    );
  });
});

describe('silent ports', () => {
  it('a greeting timeout after a silent wait offers implicit TLS', () => {
    const b = new SessionBuilder({ server: { host: 'mail.example.test', port: 2465 } });
    b.note('connect', 'connecting to mail.example.test port 2465');
    b.step('connect', 'ok');
    b.fact('connect.remote', { host: 'mail.example.test', port: 2465, ms: 2 });
    b.note('banner', 'no greeting after 5 s: port 2465 may expect TLS from the first byte');
    b.fact('banner.silent', { ms: 5000, port: 2465 });
    b.fact('banner.error', { code: 'ETIMEDOUT', origin: 'network', message: 'no greeting' });
    b.step('banner', 'error', 'no greeting from mail.example.test:2465 within 30 s');
    expectFinding(b.build(), 'banner.timeout', {
      severity: 'error',
      title: /may expect TLS first/,
      next: /--tls implicit/,
      action: { kind: 'implicit-tls', params: { port: 2465 } },
    });
  });
});

describe('wording helpers', () => {
  it('findings list each next step once', () => {
    const f = finding({
      id: 'x',
      severity: 'info',
      title: 't',
      explanation: 'e',
      next: ['Do this.', 'Do that.', 'Do this.'],
    });
    assert.deepEqual(f.next, ['Do this.', 'Do that.']);
  });
  it('OpenSSL internals are reduced to their reason, without a literal \\n', () => {
    const raw =
      'TLS handshake with 127.0.0.1:465 failed: 80FC21E41C7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n';
    assert.equal(
      readableTlsError(raw),
      'TLS handshake with 127.0.0.1:465 failed: wrong version number',
    );
    assert.equal(
      readableTlsError(raw.replace('\n', '\\n')),
      'TLS handshake with 127.0.0.1:465 failed: wrong version number',
    );
    // As net/ hands it on: lines joined and the last colon dropped.
    assert.equal(
      readableTlsError(raw.replace(/:\n$/, '')),
      'TLS handshake with 127.0.0.1:465 failed: wrong version number',
    );
    assert.equal(readableTlsError('certificate has expired'), 'certificate has expired');
  });
});
