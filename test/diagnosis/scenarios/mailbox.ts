// POP3 and IMAP sessions as the mailbox steps record them, with Dovecot's and Gmail's answers.
import { SessionBuilder } from '../build-session.js';
import type { Scenario, Scenarios } from './types.js';

const pop3Start = (port = 995) => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  b.note('pop3', `connecting to 192.0.2.10 port ${port} with implicit TLS`);
  b.server('pop3', '+OK Dovecot ready.');
  b.client('pop3', 'CAPA');
  b.server(
    'pop3',
    '+OK',
    'CAPA',
    'TOP',
    'UIDL',
    'RESP-CODES',
    'LOGIN-DELAY 900',
    'USER',
    'SASL PLAIN LOGIN',
    '.',
  );
  return b;
};

/** A POP3 login answered with `reply`. */
export const pop3Login = (reply: string, options: { user?: boolean } = {}): Scenario => {
  const b = pop3Start();
  let lines: number[];
  if (options.user) {
    b.client('pop3', 'USER test@example.test');
    b.server('pop3', '+OK');
    b.client('pop3', 'PASS ********', true);
    lines = b.server('pop3', reply);
  } else {
    b.client('pop3', 'AUTH PLAIN ********', true);
    lines = b.server('pop3', reply);
  }
  const ok = reply.startsWith('+OK');
  b.fact('pop3.login', {
    ok,
    code: /\[([^\]]+)\]/.exec(reply)?.[1],
    text: reply,
    capa: ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'LOGIN-DELAY 900', 'USER', 'SASL PLAIN LOGIN'],
  });
  b.client('pop3', 'QUIT');
  b.server('pop3', '+OK Logging out.');
  b.step('pop3', ok ? 'ok' : 'error', ok ? 'logged in' : `login failed: ${reply}`);
  return { session: b.build(), evidence: lines };
};

export const pop3Plaintext = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  b.note('pop3', 'connecting to 192.0.2.10 port 110');
  b.server('pop3', '+OK Dovecot ready.');
  b.client('pop3', 'USER test@example.test');
  const lines = b.server(
    'pop3',
    '-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.',
  );
  b.step(
    'pop3',
    'error',
    'USER refused: -ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.',
  );
  return { session: b.build(), evidence: lines };
};

const imapStart = () => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  b.note('imap', 'connecting to 192.0.2.10 port 993 with implicit TLS');
  b.server(
    'imap',
    '* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] Dovecot ready.',
  );
  return b;
};

export const imapLogin = (reply: string, step: 'error' | 'warning' = 'error'): Scenario => {
  const b = imapStart();
  b.client('imap', 'a1 LOGIN "test@example.test" ********', true);
  const lines = b.server('imap', reply);
  b.client('imap', 'a2 LOGOUT');
  b.server('imap', '* BYE Logging out', 'a2 OK Logout completed (0.001 + 0.000 secs).');
  b.step('imap', step, `login failed: ${reply}`);
  return { session: b.build(), evidence: lines };
};

export const imapTooMany = (): Scenario => {
  const b = imapStart();
  b.client('imap', 'a1 LOGIN "test@example.test" ********', true);
  const lines = b.server(
    'imap',
    '* BYE Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)',
  );
  b.note('imap', 'ECLOSED: 192.0.2.10:993 closed the connection');
  b.fact('imap.error', { code: 'ECLOSED', origin: 'remote', message: 'closed' });
  b.step('imap', 'error', '192.0.2.10:993 closed the connection');
  return { session: b.build(), evidence: lines };
};

export const imapPlaintext = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  b.note('imap', 'connecting to 192.0.2.10 port 143');
  b.server('imap', '* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] Dovecot ready.');
  b.client('imap', 'a1 LOGIN "test@example.test" ********', true);
  const lines = b.server(
    'imap',
    '* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but your client did it anyway. If anyone was listening, the password was exposed.',
  );
  const tagged = b.server(
    'imap',
    'a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.',
  );
  b.step('imap', 'error', 'login failed: NO [PRIVACYREQUIRED] Plaintext authentication disallowed');
  return { session: b.build(), evidence: [...lines, ...tagged] };
};

/** The message was sent and accepted, but the mailbox never showed it. */
export const notArrived = (step: 'pop3' | 'imap'): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  b.client('send', 'DATA');
  b.server('send', '354 End data with <CR><LF>.<CR><LF>');
  b.client('send', '.');
  const accepted = b.server('send', '250 2.0.0 Ok: queued as 4BqX1F2cZ3z');
  b.step('send', 'ok', 'message accepted as 4BqX1F2cZ3z');
  b.delivery({ messageId: '<mailmedic.abc@client.example.test>', queueId: '4BqX1F2cZ3z' });
  b.note(step, 'connecting to 192.0.2.10 port 993 with implicit TLS');
  const rounds = [
    b.note(step, 'not delivered yet; looking again in 2 s (round 1)'),
    b.note(step, 'not delivered yet; looking again in 2 s (round 2)'),
  ];
  b.step(step, 'error', 'the test message did not arrive within 30 s');
  return { session: b.build(), evidence: [...accepted, ...rounds] };
};

export const noTls = (step: 'pop3' | 'imap'): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  const lines = [b.note(step, `connecting to 192.0.2.10 port ${step === 'pop3' ? 110 : 143}`)];
  lines.push(
    ...b.server(
      step,
      step === 'pop3' ? '+OK Dovecot ready.' : '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready.',
    ),
  );
  b.step(
    step,
    'error',
    `the server offers no ${step === 'pop3' ? 'STLS' : 'STARTTLS'}: refusing to send the password in clear text (use --insecure to allow it)`,
  );
  return { session: b.build(), evidence: lines };
};

export const certificate = (step: 'pop3' | 'imap', code = 'CERT_HAS_EXPIRED'): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  b.note(step, 'connecting to 192.0.2.10 port 993 with implicit TLS');
  const note = b.note(step, `TLS TLSv1.3; certificate NOT verified: ${code}`);
  b.step(
    step,
    'error',
    `certificate not verified (${code}); not sending the password (use --insecure to go on)`,
  );
  return { session: b.build(), evidence: [note] };
};

export const mailboxScenarios: Scenarios = {
  'pop3.in-use': () =>
    pop3Login('-ERR [IN-USE] Unable to lock maildrop: Resource temporarily unavailable', {
      user: true,
    }),
  'pop3.login-delay': () => pop3Login('-ERR [LOGIN-DELAY] Wait before logging in again'),
  'pop3.plaintext-disallowed': pop3Plaintext,
  'pop3.temporary-failure': () => pop3Login('-ERR [SYS/TEMP] Temporary authentication failure.'),
  'pop3.auth-failed': () => pop3Login('-ERR [AUTH] Authentication failed.'),
  'pop3.no-tls': () => noTls('pop3'),
  'pop3.cert-invalid': () => certificate('pop3'),
  'pop3.not-arrived': () => notArrived('pop3'),
  'imap.plaintext-disallowed': imapPlaintext,
  'imap.auth-failed': () => imapLogin('a1 NO [AUTHENTICATIONFAILED] Authentication failed.'),
  'imap.in-use': () => imapLogin('a1 NO [INUSE] Mailbox is locked by another session'),
  'imap.too-many-connections': imapTooMany,
  'imap.unavailable': () =>
    imapLogin(
      'a1 NO [UNAVAILABLE] Temporary authentication failure. [mail.example.test:2025-03-01 10:00:00]',
    ),
  'imap.no-tls': () => noTls('imap'),
  'imap.cert-invalid': () => certificate('imap', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
  'imap.not-arrived': () => notArrived('imap'),
};
