import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../source/diagnosis/index.js';
import { expectFinding, expectNone } from '../expect.js';
import {
  automatedPlain,
  gmailAppPassword,
  gmailWebLogin,
  imapAppPassword,
  loginUserRejected,
  manualLogin,
  mechanismUnsupported,
  microsoftSmtpAuthDisabled,
  noTls,
  notOffered,
  noUsableMechanism,
  starttlsRequiredAtMail,
  temporaryFailure,
  tooManyLogins,
  wrongPassword,
} from '../scenarios/auth.js';

const AUTH_RULES = [
  'auth.failed',
  'auth.manual-failed',
  'auth.base64-invalid',
  'auth.app-password-required',
  'auth.app-password-mailbox',
  'auth.web-login-required',
  'auth.basic-auth-disabled',
  'auth.tls-required',
  'auth.mechanism-unsupported',
  'auth.temporary-failure',
  'auth.no-tls',
  'auth.not-offered',
];

describe('auth rules', () => {
  it("auth.failed: a 535 to mailmedic's own AUTH is about the credentials, not the encoding", () => {
    const { session, evidence } = wrongPassword();
    const f = expectFinding(session, 'auth.failed', {
      severity: 'error',
      step: 'auth',
      evidence,
      next: /doveadm auth test/,
      explanation: /not an encoding mistake/,
      action: { kind: 'explain', params: { code: '5.7.8' } },
    });
    assert.match(f.explanation, /Postfix/, 'the knowledge base names the product');
    expectNone(session, 'auth.manual-failed', 'auth.failed'.replace('failed', 'temporary-failure'));
  });

  it('auth.failed: AUTH LOGIN refused right after the user name, with the base64 decoded', () => {
    const { session, evidence } = loginUserRejected();
    const f = expectFinding(session, 'auth.failed', {
      severity: 'error',
      evidence,
      title: /user name$/,
    });
    assert.match(f.explanation, /"VXNlcm5hbWU6" is base64 for "Username:"/);
  });

  it('auth.manual-failed: a hand-encoded AUTH LOGIN lists the base64 mistakes', () => {
    const { session, evidence } = manualLogin(
      '535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6',
    );
    const f = expectFinding(session, 'auth.manual-failed', {
      severity: 'error',
      evidence,
      next: /printf %s secret \| base64/,
      explanation: /"UGFzc3dvcmQ6" is base64 for "Password:"/,
    });
    assert.ok(f.next.some((n) => /leading NUL/.test(n)));
    expectNone(session, 'auth.failed');
  });

  it('auth.manual-failed names the mistake when the console recorded it', () => {
    const { session } = manualLogin('535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6', [
      'trailing-newline',
    ]);
    expectFinding(session, 'auth.manual-failed', {
      severity: 'error',
      title: /newline at the end/,
    });
  });

  it('auth.base64-invalid: "501 5.5.2 Cannot decode response"', () => {
    const { session, evidence } = manualLogin('501 5.5.2 Cannot decode response');
    expectFinding(session, 'auth.base64-invalid', {
      severity: 'error',
      evidence,
      next: /base64/,
      action: { kind: 'explain', params: { code: '5.5.2' } },
    });
    expectNone(session, 'auth.manual-failed', 'auth.failed', 'auth.mechanism-unsupported');
  });

  it('auth.app-password-required: Gmail 534-5.7.9, both reply lines as evidence', () => {
    const { session, evidence } = gmailAppPassword();
    assert.equal(evidence.length, 2);
    expectFinding(session, 'auth.app-password-required', {
      severity: 'error',
      evidence,
      next: /apppasswords/,
      action: { kind: 'explain', params: { code: '5.7.9' } },
    });
    expectNone(session, 'auth.failed', 'auth.web-login-required');
  });

  it('auth.app-password-mailbox: the same over IMAP', () => {
    const { session, evidence } = imapAppPassword();
    expectFinding(session, 'auth.app-password-mailbox', {
      severity: 'error',
      step: 'imap',
      evidence,
    });
    expectNone(session, 'imap.auth-failed');
  });

  it('auth.web-login-required: Gmail 534-5.7.14', () => {
    const { session, evidence } = gmailWebLogin();
    expectFinding(session, 'auth.web-login-required', {
      severity: 'error',
      evidence,
      next: /browser/,
    });
    expectNone(session, 'auth.failed', 'auth.app-password-required');
  });

  it('auth.basic-auth-disabled: Microsoft 535 5.7.139 SmtpClientAuthentication is disabled', () => {
    const { session, evidence } = microsoftSmtpAuthDisabled();
    expectFinding(session, 'auth.basic-auth-disabled', {
      severity: 'error',
      evidence,
      next: /Set-CASMailbox/,
    });
    expectNone(session, 'auth.failed');
  });

  it('auth.tls-required: 530 5.7.0 Must issue a STARTTLS command first, and no noise from the 503s after it', () => {
    const { session, evidence } = starttlsRequiredAtMail();
    expectFinding(session, 'auth.tls-required', {
      severity: 'error',
      step: 'send',
      evidence,
      action: { kind: 'starttls-first' },
    });
    expectNone(
      session,
      'send.refused',
      'send.auth-required',
      'send.sender-rejected',
      'send.failed',
    );
  });

  it('auth.mechanism-unsupported: 504, and a server that offers only NTLM and GSSAPI', () => {
    const { session, evidence } = mechanismUnsupported();
    expectFinding(session, 'auth.mechanism-unsupported', {
      severity: 'error',
      evidence,
      next: /PLAIN, LOGIN/,
    });
    expectNone(session, 'auth.failed');
    const ntlm = noUsableMechanism();
    expectFinding(ntlm.session, 'auth.mechanism-unsupported', {
      severity: 'error',
      evidence: [],
      explanation: /NTLM/,
    });
  });

  it('auth.temporary-failure: 454 Temporary authentication failure; Gmail too many login attempts', () => {
    const { session, evidence } = temporaryFailure();
    expectFinding(session, 'auth.temporary-failure', {
      severity: 'error',
      evidence,
      action: { kind: 'retry-later', params: { seconds: 120 } },
    });
    expectNone(session, 'auth.failed');
    const many = tooManyLogins();
    expectFinding(many.session, 'auth.temporary-failure', {
      severity: 'error',
      evidence: many.evidence,
      title: /Too many login attempts/,
      action: { kind: 'retry-later', params: { seconds: 900 } },
    });
    expectNone(many.session, 'send.rate-limited');
  });

  it('auth.no-tls: mailmedic would not send the password in clear', () => {
    const { session, evidence } = noTls();
    expectFinding(session, 'auth.no-tls', {
      severity: 'error',
      evidence,
      next: /--tls starttls/,
      action: { kind: 'starttls-first' },
    });
  });

  it('auth.not-offered: no AUTH before or after TLS on the submission port', () => {
    const { session, evidence } = notOffered();
    expectFinding(session, 'auth.not-offered', {
      severity: 'error',
      evidence,
      next: /smtpd_sasl_auth_enable/,
      action: { kind: 'retry-port', params: { port: 465 } },
    });
  });

  it('stays quiet on a successful login', () => {
    const { session } = automatedPlain(['235 2.7.0 Authentication successful']);
    expectNone(session, ...AUTH_RULES);
    assert.deepEqual(
      diagnose(session).filter((f) => f.severity === 'error'),
      [],
    );
  });
});
