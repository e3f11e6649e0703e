import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../source/diagnosis/index.js';
import { expectFinding, expectNone } from '../expect.js';
import { imapLogin, mailboxScenarios, pop3Login } from '../scenarios/mailbox.js';

const POP3_RULES = Object.keys(mailboxScenarios).filter((id) => id.startsWith('pop3.'));
const IMAP_RULES = Object.keys(mailboxScenarios).filter((id) => id.startsWith('imap.'));
const scenario = (id: string) => mailboxScenarios[id]!();

/** Exactly one finding of the step: the one under test. */
const alone = (id: string) => {
  const { session } = scenario(id);
  const step = id.split('.')[0]!;
  assert.deepEqual(
    diagnose(session)
      .filter((f) => f.step === step)
      .map((f) => f.id),
    [id],
  );
};

describe('pop3 rules', () => {
  it('pop3.in-use: Dovecot "-ERR [IN-USE] Unable to lock maildrop"', () => {
    const { session, evidence } = scenario('pop3.in-use');
    expectFinding(session, 'pop3.in-use', {
      severity: 'error',
      step: 'pop3',
      evidence,
      next: /doveadm who/,
      action: { kind: 'retry-later', params: { seconds: 60 } },
    });
    alone('pop3.in-use');
  });

  it('pop3.login-delay: waits as long as CAPA announced', () => {
    const { session, evidence } = scenario('pop3.login-delay');
    expectFinding(session, 'pop3.login-delay', {
      severity: 'error',
      evidence,
      explanation: /LOGIN-DELAY 900/,
      action: { kind: 'retry-later', params: { seconds: 900 } },
    });
    alone('pop3.login-delay');
  });

  it('pop3.plaintext-disallowed: Dovecot refuses USER before STLS', () => {
    const { session, evidence } = scenario('pop3.plaintext-disallowed');
    expectFinding(session, 'pop3.plaintext-disallowed', {
      severity: 'error',
      evidence,
      action: { kind: 'starttls-first' },
      next: /995/,
    });
    alone('pop3.plaintext-disallowed');
  });

  it('pop3.temporary-failure: [SYS/TEMP]', () => {
    const { session, evidence } = scenario('pop3.temporary-failure');
    expectFinding(session, 'pop3.temporary-failure', {
      severity: 'error',
      evidence,
      title: /temporary/,
      action: { kind: 'retry-later' },
    });
    alone('pop3.temporary-failure');
  });

  it('pop3.auth-failed: [AUTH] Authentication failed, after AUTH PLAIN and after PASS', () => {
    const { session, evidence } = scenario('pop3.auth-failed');
    expectFinding(session, 'pop3.auth-failed', {
      severity: 'error',
      evidence,
      next: /doveadm auth test/,
    });
    alone('pop3.auth-failed');
    expectFinding(
      pop3Login('-ERR [AUTH] Authentication failed.', { user: true }).session,
      'pop3.auth-failed',
      {
        severity: 'error',
      },
    );
  });

  it('pop3.no-tls, pop3.cert-invalid, pop3.not-arrived', () => {
    for (const id of ['pop3.no-tls', 'pop3.cert-invalid', 'pop3.not-arrived']) {
      const { session, evidence } = scenario(id);
      expectFinding(session, id, { severity: 'error', step: 'pop3', evidence });
      alone(id);
    }
    expectFinding(scenario('pop3.not-arrived').session, 'pop3.not-arrived', {
      severity: 'error',
      next: /grep 4BqX1F2cZ3z/,
      action: { kind: 'retry-later', params: { seconds: 300 } },
    });
    expectFinding(scenario('pop3.no-tls').session, 'pop3.no-tls', {
      severity: 'error',
      action: { kind: 'retry-port', params: { port: 995 } },
    });
  });

  it('stays quiet on a good login', () => {
    expectNone(pop3Login('+OK Logged in.').session, ...POP3_RULES);
  });
});

describe('imap rules', () => {
  it('imap.plaintext-disallowed: the untagged ALERT and the tagged PRIVACYREQUIRED', () => {
    const { session, evidence } = scenario('imap.plaintext-disallowed');
    expectFinding(session, 'imap.plaintext-disallowed', {
      severity: 'error',
      step: 'imap',
      evidence,
      action: { kind: 'retry-port', params: { port: 993 } },
    });
    alone('imap.plaintext-disallowed');
  });

  it('imap.auth-failed: NO [AUTHENTICATIONFAILED]', () => {
    const { session, evidence } = scenario('imap.auth-failed');
    expectFinding(session, 'imap.auth-failed', {
      severity: 'error',
      evidence,
      action: { kind: 'explain', params: { code: '[AUTHENTICATIONFAILED]' } },
    });
    alone('imap.auth-failed');
  });

  it('imap.in-use, imap.too-many-connections, imap.unavailable', () => {
    for (const id of ['imap.in-use', 'imap.too-many-connections', 'imap.unavailable']) {
      const { session, evidence } = scenario(id);
      expectFinding(session, id, {
        severity: 'error',
        step: 'imap',
        evidence,
        action: { kind: 'retry-later' },
      });
      alone(id);
    }
    expectFinding(scenario('imap.too-many-connections').session, 'imap.too-many-connections', {
      severity: 'error',
      explanation: /only 10 simultaneous/,
    });
  });

  it('imap.no-tls, imap.cert-invalid, imap.not-arrived', () => {
    for (const id of ['imap.no-tls', 'imap.cert-invalid', 'imap.not-arrived']) {
      const { session, evidence } = scenario(id);
      expectFinding(session, id, { severity: 'error', step: 'imap', evidence });
      alone(id);
    }
    expectFinding(scenario('imap.not-arrived').session, 'imap.not-arrived', {
      severity: 'error',
      next: /Junk/,
    });
  });

  it('stays quiet on a good login (the BYE of LOGOUT is no refusal)', () => {
    expectNone(
      imapLogin('a1 OK [CAPABILITY IMAP4rev1] Logged in', 'warning').session,
      ...IMAP_RULES,
    );
  });
});
