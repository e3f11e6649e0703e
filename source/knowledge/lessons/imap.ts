import type { Lesson } from './types.js';

export const IMAP_BY_HAND: Lesson = {
  id: 4,
  title: 'IMAP by hand: LOGIN, SELECT INBOX, FETCH, LOGOUT',
  protocol: 'imap',
  port: 143,
  intro:
    'Connect to an IMAP server (143, or 993 with --tls implicit). Every command starts with a tag; leave it out and the console adds one (a1, a2...) and shows it.',
  source: 'RFC 3501 / RFC 9051 (IMAP)',
  steps: [
    {
      type: 'CAPABILITY',
      why: 'What the server can do. LOGINDISABLED means: STARTTLS before LOGIN.',
      reply: '* CAPABILITY ..., then "a1 OK": the tagged line ends the answer.',
      done: '^(\\S+\\s+)?CAPABILITY\\b',
    },
    {
      type: 'STARTTLS',
      why: 'Encrypt first when the server lists LOGINDISABLED (or always, on port 143).',
      reply: 'OK: the TLS handshake follows; then CAPABILITY again.',
      done: '^(\\S+\\s+)?STARTTLS\\b',
    },
    {
      type: 'LOGIN <user> <password>',
      why: 'Log in; quote a value with spaces ("my password"). The password is masked everywhere.',
      reply: 'OK: authenticated. NO [AUTHENTICATIONFAILED]: wrong credentials.',
      done: '^(\\S+\\s+)?LOGIN\\b',
    },
    {
      type: 'SELECT INBOX',
      why: 'Open the mailbox; the server tells you how many messages it has.',
      reply: '* 3 EXISTS (messages), * FLAGS, [UIDVALIDITY ...], then OK [READ-WRITE].',
      done: '^(\\S+\\s+)?SELECT\\b',
    },
    {
      type: 'FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])',
      why: 'Read parts of message 1 without marking it \\Seen (PEEK).',
      reply:
        '* 1 FETCH (...) with the headers as a literal {n}: n bytes follow; then the tagged OK.',
      done: '^(\\S+\\s+)?(UID\\s+)?FETCH\\b',
    },
    {
      type: 'LOGOUT',
      why: 'End the session.',
      reply: '* BYE, then the tagged OK; the server closes the connection.',
      done: '^(\\S+\\s+)?LOGOUT\\b',
    },
  ],
};
