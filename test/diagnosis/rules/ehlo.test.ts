import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../source/diagnosis/index.js';
import { expectFinding, expectNone } from '../expect.js';
import { SessionBuilder, smtpPrefix } from '../build-session.js';
import {
  authAfterTls,
  authBeforeTls,
  heloOnly,
  heloRejected,
  starttlsMasked,
} from '../scenarios/ehlo.js';

describe('ehlo rules', () => {
  it('ehlo.rejected: "need fully-qualified hostname"', () => {
    const { session, evidence } = heloRejected();
    const f = expectFinding(session, 'ehlo.rejected', {
      severity: 'error',
      step: 'ehlo',
      evidence,
      next: /--ehlo NAME/,
      action: { kind: 'explain', params: { code: '5.5.2' } },
    });
    assert.match(f.title, /EHLO localhost/);
    // The step error is explained by this finding, not by the generic fallback.
    assert.ok(!diagnose(session).some((x) => x.id === 'ehlo.failed'));
  });

  it('ehlo.helo-only: 502 to EHLO, HELO accepted', () => {
    const { session, evidence } = heloOnly();
    expectFinding(session, 'ehlo.helo-only', { severity: 'warning', evidence, next: /firewall/ });
    // A 502 to EHLO is not a refusal of the name.
    expectNone(session, 'ehlo.rejected', 'banner.pix-fixup');
  });

  it('ehlo.starttls-masked: an ASA turned STARTTLS into XXXXXXXA', () => {
    const { session, evidence } = starttlsMasked();
    expectFinding(session, 'ehlo.starttls-masked', {
      severity: 'warning',
      evidence,
      next: /allow-tls/,
      action: { kind: 'retry-port', params: { port: 465 } },
    });
    expectNone(session, 'tls.starttls-not-offered');
  });

  it('ehlo.auth-before-tls: PLAIN and LOGIN offered in clear', () => {
    const { session, evidence } = authBeforeTls();
    expectFinding(session, 'ehlo.auth-before-tls', {
      severity: 'warning',
      evidence,
      next: /smtpd_tls_auth_only/,
    });
    expectNone(session, 'ehlo.auth-after-tls');
  });

  it('ehlo.auth-after-tls: AUTH only after STARTTLS is explained as good practice', () => {
    const { session, evidence } = authAfterTls();
    expectFinding(session, 'ehlo.auth-after-tls', {
      severity: 'info',
      evidence,
      explanation: /RFC 3207/,
      next: /openssl s_client -starttls smtp/,
    });
    expectNone(session, 'ehlo.auth-before-tls', 'auth.not-offered');
  });

  it('stays quiet: implicit TLS offers AUTH at once; a healthy port 25 without AUTH', () => {
    const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 465 } });
    smtpPrefix(b, { port: 465, tls: false });
    b.fact('ehlo', {
      serverName: 'mail.example.test',
      extensions: ['AUTH PLAIN LOGIN'],
      auth: ['PLAIN', 'LOGIN'],
      startTls: false,
      pipelining: true,
    });
    b.tls({ mode: 'implicit' });
    expectNone(
      b.build(),
      'ehlo.auth-before-tls',
      'ehlo.auth-after-tls',
      'ehlo.rejected',
      'ehlo.helo-only',
    );
    const port25 = new SessionBuilder({ server: { host: '192.0.2.10', port: 25 } });
    smtpPrefix(port25, { port: 25, tls: false });
    expectNone(
      port25.build(),
      'ehlo.auth-before-tls',
      'ehlo.auth-after-tls',
      'ehlo.starttls-masked',
    );
  });
});
