// EHLO replies as real servers send them (shapes from Postfix, Exchange and Gmail), for the
// capability parser and the engine tests. Addresses are from the documentation ranges.

const reply = (lines: string[]): string =>
  lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}\r\n`).join('');

/** Postfix 3.x on port 587 after STARTTLS, with broken_sasl_auth_clients = yes (hence AUTH=). */
export const POSTFIX_EHLO = reply([
  'mail.example.org',
  'PIPELINING',
  'SIZE 10240000',
  'VRFY',
  'ETRN',
  'AUTH PLAIN LOGIN',
  'AUTH=PLAIN LOGIN',
  'ENHANCEDSTATUSCODES',
  '8BITMIME',
  'DSN',
  'SMTPUTF8',
  'CHUNKING',
]);

/** Postfix on port 25 before STARTTLS. */
export const POSTFIX_EHLO_PLAIN = reply([
  'mx.example.org',
  'PIPELINING',
  'SIZE 52428800',
  'ETRN',
  'STARTTLS',
  'ENHANCEDSTATUSCODES',
  '8BITMIME',
  'DSN',
  'SMTPUTF8',
  'CHUNKING',
]);

/** Exchange Online (smtp.office365.com:587) after STARTTLS. */
export const OFFICE365_EHLO = reply([
  'AM6PR04CA0012.outlook.office365.com Hello [192.0.2.1]',
  'SIZE 157286400',
  'PIPELINING',
  'DSN',
  'ENHANCEDSTATUSCODES',
  'AUTH LOGIN XOAUTH2',
  '8BITMIME',
  'BINARYMIME',
  'CHUNKING',
  'SMTPUTF8',
]);

/** On-premises Exchange 2016 on port 25. */
export const EXCHANGE_EHLO = reply([
  'EXCH01.corp.example.com Hello [192.0.2.1]',
  'SIZE 37748736',
  'PIPELINING',
  'DSN',
  'ENHANCEDSTATUSCODES',
  'STARTTLS',
  'X-ANONYMOUSTLS',
  'AUTH NTLM',
  'X-EXPS GSSAPI NTLM',
  '8BITMIME',
  'BINARYMIME',
  'CHUNKING',
  'XRDST',
]);

/** smtp.gmail.com:587 before STARTTLS. */
export const GMAIL_EHLO = reply([
  'smtp.gmail.com at your service, [192.0.2.1]',
  'SIZE 35882577',
  '8BITMIME',
  'STARTTLS',
  'ENHANCEDSTATUSCODES',
  'PIPELINING',
  'CHUNKING',
  'SMTPUTF8',
]);

/** smtp.gmail.com:587 after STARTTLS. */
export const GMAIL_EHLO_TLS = reply([
  'smtp.gmail.com at your service, [192.0.2.1]',
  'SIZE 35882577',
  '8BITMIME',
  'AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH',
  'ENHANCEDSTATUSCODES',
  'PIPELINING',
  'CHUNKING',
  'SMTPUTF8',
]);
