// MAIL, RCPT and DATA refusals with the texts real servers send.
import { authOk, send, SessionBuilder, smtpPrefix } from '../build-session.js';
import type { Scenario, Scenarios } from './types.js';

export const session = (
  options: Parameters<typeof send>[1] & {
    port?: number;
    auth?: boolean;
    domain?: string;
    address?: string;
  },
) => {
  const port = options.port ?? 25;
  const b = new SessionBuilder(
    options.domain
      ? { domain: options.domain, input: options.domain }
      : { server: { host: '192.0.2.10', port } },
  );
  smtpPrefix(b, { port });
  if (options.address)
    b.fact('connect.remote', { host: options.address, port, address: options.address, ms: 3 });
  if (options.auth) authOk(b);
  const lines = send(b, options);
  return { b, lines };
};

/** One recipient refused at RCPT, so the step fails. */
const rcptRefused = (
  reply: string[],
  to = 'bob@example.net',
  extra: { auth?: boolean } = {},
): Scenario => {
  const { b, lines } = session({
    to: [to],
    rcptReplies: [reply],
    dataReply: '554 5.5.1 Error: no valid recipients',
    status: 'error',
    summary: `every recipient refused: ${reply[0]}`,
    ...extra,
  });
  return { session: b.build(), evidence: lines.rcpt[0]! };
};

/** The message refused at the end of DATA. */
const dataRefused = (reply: string[]): Scenario => {
  const { b, lines } = session({
    endReply: reply,
    status: 'error',
    summary: `message refused at end of data: ${reply[0]}`,
  });
  return { session: b.build(), evidence: lines.end };
};

const mailRefused = (reply: string): Scenario => {
  const { b, lines } = session({
    mailReply: reply,
    rcptReplies: [['503 5.5.1 Error: need MAIL command']],
    dataReply: '503 5.5.1 Error: need RCPT command',
    status: 'error',
    summary: `sender refused: ${reply}`,
  });
  return { session: b.build(), evidence: lines.mail };
};

export const relayDenied = () =>
  rcptRefused(['554 5.7.1 <x@elsewhere.test>: Relay access denied'], 'x@elsewhere.test');
export const relayDeniedAfterAuth = () =>
  rcptRefused(['554 5.7.1 <x@elsewhere.test>: Relay access denied'], 'x@elsewhere.test', {
    auth: true,
  });
export const microsoftRelay = () =>
  rcptRefused(
    ['550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain'],
    'x@elsewhere.test',
  );
export const authRequired = () =>
  mailRefused(
    '530 5.7.57 Client not authenticated to send mail. [AM0PR02CA0001.eurprd02.prod.outlook.com]',
  );
export const userUnknown = () =>
  rcptRefused(
    [
      '550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in virtual mailbox table',
    ],
    'nobody@example.test',
  );
export const domainNotFound = () =>
  rcptRefused(
    ['450 4.1.2 <x@nowhere.invalid>: Recipient address rejected: Domain not found'],
    'x@nowhere.invalid',
  );
export const senderDomain = () =>
  rcptRefused(['450 4.1.8 <alice@nowhere.invalid>: Sender address rejected: Domain not found']);
export const dmarc = () =>
  dataRefused([
    '550-5.7.26 This mail is unauthenticated, which poses a security risk to the',
    '550-5.7.26 sender and Gmail users, and has been blocked. The sender must',
    '550-5.7.26 authenticate with at least one of SPF or DKIM. For this message,',
    '550-5.7.26 DKIM checks did not pass and SPF check for [example.test] did not',
    '550-5.7.26 pass with ip: [192.0.2.1]. To best protect our users from spam, the',
    '550-5.7.26 message has been blocked. For instructions on setting up',
    '550-5.7.26 authentication, go to',
    '550 5.7.26  https://support.google.com/mail/answer/81126#authentication a1si1234567wrp.123 - gsmtp',
  ]);
export const ptrRequired = () =>
  rcptRefused(['450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]']);
export const greylisted = () =>
  rcptRefused(
    [
      '450 4.2.0 <bob@example.test>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.test.html',
    ],
    'bob@example.test',
  );
export const rateLimited = () =>
  rcptRefused([
    '421-4.7.28 Gmail has detected an unusual rate of email originating from your IP address 192.0.2.1. To protect our users from spam, email sent from your IP address has been temporarily rate limited.',
    '421 4.7.28 Please visit https://support.google.com/mail/?p=UnsolicitedRateLimitError to review our Bulk Email Senders Guidelines. a1si1234567wrp.12 - gsmtp',
  ]);
export const tooManyConnectionsInSession = () =>
  rcptRefused(['452 4.3.2 Too many concurrent SMTP connections; please try again later.']);
export const mailboxFull = () =>
  rcptRefused(['552 5.2.2 <bob@example.test>: Mailbox full'], 'bob@example.test');
export const tooLarge = () => dataRefused(['552 5.3.4 Message size exceeds fixed limit']);
export const blocklisted = () =>
  rcptRefused([
    '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1',
  ]);
export const contentRejected = () =>
  dataRefused([
    '550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.',
    '550 5.7.1 Please visit https://support.google.com/mail/?p=UnsolicitedMessageError for more information. a1si1234567wrp.1 - gsmtp',
  ]);
export const serverError = () =>
  rcptRefused(['451 4.3.0 <bob@example.test>: Temporary lookup failure'], 'bob@example.test');
export const otherRefusal = () =>
  rcptRefused(
    ['550 5.7.1 <bob@example.test>: Recipient address rejected: Access denied'],
    'bob@example.test',
  );

export const sizeOverLimit = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  const prefix = smtpPrefix(b);
  authOk(b);
  b.fact('send.size', { bytes: 12_000_000, limit: 10_240_000 });
  const note = b.note(
    'send',
    'the message (12000000 bytes) is larger than the advertised SIZE limit (10240000 bytes)',
  );
  b.client('send', 'MAIL FROM:<alice@example.test> SIZE=12000000');
  b.note('send', 'ECLOSED: 192.0.2.10:587 closed the connection');
  b.fact('send.error', { code: 'ECLOSED', origin: 'remote', message: 'closed' });
  b.step('send', 'error', '192.0.2.10:587 closed the connection');
  // "250-SIZE 10240000" before and after TLS.
  return { session: b.build(), evidence: [prefix.ehlo[2]!, prefix.tls[6]!, note] };
};

export const openRelay = (): Scenario => {
  const { b, lines } = session({
    domain: 'example.test',
    to: ['someone@elsewhere.test'],
    address: '198.51.100.7',
  });
  return { session: b.build(), evidence: lines.rcpt[0]! };
};

export const sendScenarios: Scenarios = {
  'send.relay-denied': relayDenied,
  'send.auth-required': authRequired,
  'send.recipient-unknown': userUnknown,
  'send.recipient-domain-unknown': domainNotFound,
  'send.sender-rejected': senderDomain,
  'send.spf-dmarc-rejected': dmarc,
  'send.ptr-required': ptrRequired,
  'send.greylisted': greylisted,
  'send.rate-limited': rateLimited,
  'send.too-many-connections': tooManyConnectionsInSession,
  'send.mailbox-full': mailboxFull,
  'send.message-too-large': tooLarge,
  'send.size-exceeds-limit': sizeOverLimit,
  'send.blocklisted': blocklisted,
  'send.content-rejected': contentRejected,
  'send.server-error': serverError,
  'send.refused': otherRefusal,
  'send.open-relay': openRelay,
};
