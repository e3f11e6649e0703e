// Logins as the auth step (or the manual console) records them, with the replies of Postfix,
// Gmail and Microsoft 365.
import { capabilities, send, SessionBuilder, smtpPrefix } from '../build-session.js';
import type { Scenario, Scenarios } from './types.js';

const submission = (port = 587) => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port } });
  smtpPrefix(b, { port });
  return b;
};

/** mailmedic's own AUTH PLAIN with one final reply. */
export const automatedPlain = (reply: string[], code = Number(reply[0]!.slice(0, 3))): Scenario => {
  const b = submission();
  b.client('auth', 'AUTH PLAIN ********', true);
  const lines = b.server('auth', ...reply);
  b.fact('auth', {
    mechanism: 'PLAIN',
    code,
    enhanced: /^\d{3}[- ](\d\.\d+\.\d+)/.exec(reply[0]!)?.[1],
    offered: ['PLAIN', 'LOGIN'],
  });
  b.client('auth', 'QUIT');
  b.server('auth', '221 2.0.0 Bye');
  b.step('auth', code === 235 ? 'ok' : 'error', `authentication failed: ${reply[0]}`);
  return { session: b.build(), evidence: lines };
};

export const wrongPassword = () =>
  automatedPlain(['535 5.7.8 Error: authentication failed: authentication failure']);

export const loginUserRejected = (): Scenario => {
  const b = submission();
  b.client('auth', 'AUTH LOGIN');
  b.server('auth', '334 VXNlcm5hbWU6');
  b.note('auth', 'the server\'s challenge decodes to "Username:"');
  b.client('auth', 'bm9ib2R5QGV4YW1wbGUudGVzdA==');
  const lines = b.server('auth', '535 5.7.8 Error: authentication failed: VXNlcm5hbWU6');
  b.fact('auth', { mechanism: 'LOGIN', code: 535, enhanced: '5.7.8', offered: ['PLAIN', 'LOGIN'] });
  b.step(
    'auth',
    'error',
    'authentication failed: 535 5.7.8 Error: authentication failed: VXNlcm5hbWU6',
  );
  return { session: b.build(), evidence: lines };
};

/** A hand-typed AUTH LOGIN in the manual console: the answers are masked, no 'auth' fact. */
export const manualLogin = (final: string, payloadIssues?: string[]): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  b.note('auth', 'manual console: connecting to 192.0.2.10 port 587');
  b.note('auth', 'connected to 192.0.2.10');
  b.server('auth', '220 mail.example.test ESMTP Postfix');
  b.client('auth', 'EHLO client.example.test');
  b.server('auth', '250-mail.example.test', '250-AUTH PLAIN LOGIN', '250 8BITMIME');
  b.client('auth', 'AUTH LOGIN');
  b.server('auth', '334 VXNlcm5hbWU6');
  b.note('auth', 'the challenge decodes to "Username:"');
  b.client('auth', '********', true);
  let lines: number[];
  if (final.startsWith('501')) {
    lines = b.server('auth', final);
  } else {
    b.server('auth', '334 UGFzc3dvcmQ6');
    b.client('auth', '********', true);
    lines = b.server('auth', final);
  }
  if (payloadIssues) b.fact('auth.payload', { mechanism: 'LOGIN', issues: payloadIssues });
  return { session: b.build(), evidence: lines };
};

export const gmailAppPassword = () =>
  automatedPlain([
    '534-5.7.9 Application-specific password required. Learn more at',
    '534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor d2e1a72fcca58-6f8b0ab0b30sm1234567b3a.12 - gsmtp',
  ]);

export const gmailWebLogin = () =>
  automatedPlain([
    '534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbu>',
    '534-5.7.14 Please log in via your web browser and',
    '534-5.7.14 then try again.',
    '534-5.7.14  Learn more at',
    '534 5.7.14  https://support.google.com/mail/answer/78754 a1-20020a170906b00100b0099bd5d2c6a8sm9012345ejb.35 - gsmtp',
  ]);

export const microsoftSmtpAuthDisabled = () =>
  automatedPlain([
    '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [SN4PR0501CA0054.namprd05.prod.outlook.com]',
  ]);

export const imapAppPassword = (): Scenario => {
  const b = new SessionBuilder({ server: { host: 'imap.gmail.com', port: 993 } });
  b.note('imap', 'connecting to imap.gmail.com port 993 with implicit TLS');
  b.server('imap', '* OK Gimap ready for requests from 192.0.2.1 a1mb123456');
  b.client('imap', 'a1 LOGIN "user@gmail.com" ********', true);
  const lines = b.server(
    'imap',
    'a1 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)',
  );
  b.fact('imap.login', {
    status: 'NO',
    code: 'ALERT',
    text: 'Application-specific password required',
  });
  b.step('imap', 'error', 'login failed: NO [ALERT] Application-specific password required');
  return { session: b.build(), evidence: lines };
};

export const starttlsRequiredAtMail = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  smtpPrefix(b, { tls: false });
  b.step('tls', 'skipped', 'TLS not requested (--tls none)');
  const { mail } = send(b, {
    mailReply: '530 5.7.0 Must issue a STARTTLS command first',
    rcptReplies: [['503 5.5.1 Error: need MAIL command']],
    dataReply: '503 5.5.1 Error: need RCPT command',
    status: 'error',
    summary: 'sender refused: 530 5.7.0 Must issue a STARTTLS command first',
  });
  return { session: b.build(), evidence: mail };
};

export const mechanismUnsupported = (): Scenario => {
  const b = submission();
  b.client('auth', 'AUTH CRAM-MD5');
  const lines = b.server('auth', '504 5.7.4 Unrecognized authentication type');
  b.fact('auth', {
    mechanism: 'CRAM-MD5',
    code: 504,
    enhanced: '5.7.4',
    offered: ['PLAIN', 'LOGIN'],
  });
  b.step('auth', 'error', 'authentication failed: 504 5.7.4 Unrecognized authentication type');
  return { session: b.build(), evidence: lines };
};

export const noUsableMechanism = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  smtpPrefix(b);
  b.fact('ehlo.afterTls', capabilities(['AUTH NTLM GSSAPI'], ['NTLM', 'GSSAPI'], false));
  b.step('auth', 'error', 'no usable mechanism among those offered (NTLM GSSAPI)');
  return { session: b.build(), evidence: [] };
};

export const temporaryFailure = () =>
  automatedPlain(['454 4.7.0 Temporary authentication failure']);
export const tooManyLogins = () =>
  automatedPlain([
    '454-4.7.0 Too many login attempts, please try again later. Learn more at',
    '454 4.7.0  https://support.google.com/mail/answer/7126229 - gsmtp',
  ]);

export const noTls = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  const prefix = smtpPrefix(b, { tls: false });
  b.step('tls', 'skipped', 'TLS not requested (--tls none)');
  b.step('auth', 'error', 'refusing to send credentials without TLS (use --insecure to allow it)');
  return { session: b.build(), evidence: [prefix.ehlo[3]!] };
};

export const notOffered = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  b.note('connect', 'connecting to 192.0.2.10 port 587');
  b.step('connect', 'ok');
  b.fact('connect.remote', { host: '192.0.2.10', port: 587, address: '192.0.2.10', ms: 3 });
  b.server('banner', '220 mail.example.test ESMTP Postfix');
  b.step('banner', 'ok');
  b.client('ehlo', 'EHLO client.example.test');
  const first = b.server('ehlo', '250-mail.example.test', '250-STARTTLS', '250 8BITMIME');
  b.fact('ehlo', capabilities(['STARTTLS', '8BITMIME'], [], true));
  b.step('ehlo', 'ok');
  b.client('tls', 'STARTTLS');
  b.server('tls', '220 2.0.0 Ready to start TLS');
  b.client('tls', 'EHLO client.example.test');
  const second = b.server('tls', '250-mail.example.test', '250 8BITMIME');
  b.fact('ehlo.afterTls', capabilities(['8BITMIME'], [], false));
  b.tls({});
  b.step('tls', 'ok');
  b.step('auth', 'error', 'the server offers no AUTH mechanism on this connection');
  return { session: b.build(), evidence: [first.at(-1)!, second.at(-1)!] };
};

export const authScenarios: Scenarios = {
  'auth.failed': wrongPassword,
  'auth.manual-failed': () => manualLogin('535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6'),
  'auth.base64-invalid': () => manualLogin('501 5.5.2 Cannot decode response'),
  'auth.app-password-required': gmailAppPassword,
  'auth.app-password-mailbox': imapAppPassword,
  'auth.web-login-required': gmailWebLogin,
  'auth.basic-auth-disabled': microsoftSmtpAuthDisabled,
  'auth.tls-required': starttlsRequiredAtMail,
  'auth.mechanism-unsupported': mechanismUnsupported,
  'auth.temporary-failure': temporaryFailure,
  'auth.no-tls': noTls,
  'auth.not-offered': notOffered,
};
