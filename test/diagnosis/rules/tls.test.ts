import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../source/diagnosis/index.js';
import { expectFinding, expectNone } from '../expect.js';
import {
  certificateCase,
  handshakeFailed,
  implicitOnPlainPort,
  starttlsNotOffered,
  starttlsRefused,
  tlsScenarios,
} from '../scenarios/tls.js';

const CERT_RULES = [
  'tls.cert-expired',
  'tls.cert-not-yet-valid',
  'tls.cert-self-signed',
  'tls.cert-untrusted',
  'tls.cert-wrong-name',
  'tls.cert-invalid',
];

describe('tls rules', () => {
  it('tls.starttls-not-offered: a warning on port 25, an error when TLS was required', () => {
    const { session, evidence } = starttlsNotOffered();
    expectFinding(session, 'tls.starttls-not-offered', {
      severity: 'warning',
      step: 'tls',
      evidence,
      next: /smtpd_tls_security_level/,
      explanation: /clear text/,
    });
    expectFinding(starttlsNotOffered(true).session, 'tls.starttls-not-offered', {
      severity: 'error',
    });
  });

  it('tls.starttls-refused: Postfix cannot load its certificate', () => {
    const { session, evidence } = starttlsRefused();
    expectFinding(session, 'tls.starttls-refused', {
      severity: 'error',
      evidence,
      explanation: /cannot load its own certificate/,
      next: /modulus/,
      action: { kind: 'explain', params: { code: '4.7.0' } },
    });
    assert.ok(!diagnose(session).some((f) => f.id === 'tls.failed'));
  });

  it('tls.handshake-failed: no shared cipher after STARTTLS', () => {
    const { session, evidence } = handshakeFailed();
    expectFinding(session, 'tls.handshake-failed', {
      severity: 'error',
      step: 'tls',
      evidence,
      next: /-tls1_2/,
    });
  });

  it('tls.handshake-failed: implicit TLS on a STARTTLS port says so and offers STARTTLS', () => {
    const { session, evidence } = implicitOnPlainPort();
    expectFinding(session, 'tls.handshake-failed', {
      severity: 'error',
      step: 'connect',
      evidence,
      title: /does not speak TLS from the first byte/,
      action: { kind: 'starttls-first' },
    });
  });

  it('tls.cert-expired: names the date, suggests renewal and a reload, offers --insecure', () => {
    const { session, evidence } = tlsScenarios['tls.cert-expired']!();
    const f = expectFinding(session, 'tls.cert-expired', {
      severity: 'error',
      step: 'tls',
      evidence,
      next: /certbot renew/,
      action: { kind: 'retry-insecure' },
      title: /2025-02-20/,
    });
    assert.match(f.explanation, /9 day\(s\) before this test/);
    for (const other of CERT_RULES.filter((id) => id !== 'tls.cert-expired'))
      expectNone(session, other);
  });

  it('tls.cert-not-yet-valid: points at clocks', () => {
    const { session, evidence } = tlsScenarios['tls.cert-not-yet-valid']!();
    expectFinding(session, 'tls.cert-not-yet-valid', {
      severity: 'error',
      evidence,
      next: /timedatectl/,
    });
  });

  it('tls.cert-self-signed: depth zero and a self-signed root in the chain', () => {
    const { session, evidence } = tlsScenarios['tls.cert-self-signed']!();
    expectFinding(session, 'tls.cert-self-signed', {
      severity: 'error',
      evidence,
      title: /self-signed/,
      explanation: /snakeoil/,
      next: /--ca-file/,
    });
    expectFinding(
      certificateCase({ error: 'SELF_SIGNED_CERT_IN_CHAIN' }).session,
      'tls.cert-self-signed',
      {
        severity: 'error',
        explanation: /TLS-inspecting proxy/,
      },
    );
  });

  it('tls.cert-untrusted: an incomplete chain, fullchain.pem', () => {
    const { session, evidence } = tlsScenarios['tls.cert-untrusted']!();
    expectFinding(session, 'tls.cert-untrusted', {
      severity: 'error',
      evidence,
      title: /incomplete/,
      next: /fullchain\.pem/,
    });
    expectFinding(
      certificateCase({ error: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }).session,
      'tls.cert-untrusted',
      { severity: 'error', title: /authority this machine does not know/ },
    );
  });

  it('tls.cert-wrong-name: lists the names the certificate covers', () => {
    const { session, evidence } = tlsScenarios['tls.cert-wrong-name']!();
    expectFinding(session, 'tls.cert-wrong-name', {
      severity: 'error',
      evidence,
      title: /smtp\.example\.test/,
      next: /mail\.example\.test/,
    });
  });

  it('tls.cert-invalid: any other verification error', () => {
    const { session, evidence } = tlsScenarios['tls.cert-invalid']!();
    expectFinding(session, 'tls.cert-invalid', {
      severity: 'error',
      evidence,
      title: /CERT_REVOKED/,
    });
  });

  it('with --insecure on port 25 a bad certificate is a warning, and no --insecure action is offered', () => {
    const session = certificateCase({
      error: 'CERT_HAS_EXPIRED',
      port: 25,
      insecure: true,
    }).session;
    const f = expectFinding(session, 'tls.cert-expired', { severity: 'warning' });
    assert.ok(!f.actions?.some((a) => a.kind === 'retry-insecure'));
    // On the submission port clients verify: an error even with --insecure.
    expectFinding(
      certificateCase({ error: 'CERT_HAS_EXPIRED', port: 587, insecure: true }).session,
      'tls.cert-expired',
      {
        severity: 'error',
      },
    );
  });

  it('tls.cert-expiring-soon, tls.weak-protocol, tls.weak-cipher', () => {
    const soon = tlsScenarios['tls.cert-expiring-soon']!();
    expectFinding(soon.session, 'tls.cert-expiring-soon', {
      severity: 'warning',
      evidence: soon.evidence,
      title: /4 day/,
    });
    const old = tlsScenarios['tls.weak-protocol']!();
    expectFinding(old.session, 'tls.weak-protocol', {
      severity: 'warning',
      evidence: old.evidence,
      next: /TLSv1\.2/,
    });
    const weak = tlsScenarios['tls.weak-cipher']!();
    expectFinding(weak.session, 'tls.weak-cipher', {
      severity: 'warning',
      evidence: weak.evidence,
      explanation: /Sweet32/,
    });
  });

  it('stays quiet on a verified TLS 1.3 session with months of validity', () => {
    const { session } = certificateCase();
    expectNone(
      session,
      ...CERT_RULES,
      'tls.cert-expiring-soon',
      'tls.weak-protocol',
      'tls.weak-cipher',
      'tls.starttls-not-offered',
      'tls.starttls-refused',
      'tls.handshake-failed',
    );
    // TLSv1.2 is not outdated; AES-GCM is not weak.
    expectNone(
      certificateCase({ protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' }).session,
      'tls.weak-protocol',
      'tls.weak-cipher',
    );
  });
});
