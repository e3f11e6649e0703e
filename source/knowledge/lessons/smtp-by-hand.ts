import type { Lesson } from './types.js';

export const SMTP_BY_HAND: Lesson = {
  id: 1,
  title: 'SMTP by hand: greeting, EHLO, MAIL, RCPT, DATA, the lone dot, QUIT',
  protocol: 'smtp',
  port: 25,
  intro:
    'Connect to a mail server that accepts mail for a mailbox you may write to (port 25 of its MX, or your own server). The server speaks first: the 220 greeting.',
  source: 'RFC 5321 3 and 4.1; the telnet walk-through of the reference articles',
  steps: [
    {
      type: 'EHLO <your host name>',
      why: 'Introduce yourself. EHLO (not the older HELO) asks the server to list its extensions.',
      reply:
        '250 and one line per extension: SIZE is the largest message, STARTTLS offers encryption, AUTH lists login methods (often only after STARTTLS).',
      done: '^(EHLO|HELO)\\b',
    },
    {
      type: 'MAIL FROM:<you@your.domain>',
      why: 'Start a message: the envelope sender, where bounces go. It need not match the From: header.',
      reply:
        '250 means the transaction is open. 5xx here is usually a policy about the sender (SPF, a blocked domain, AUTH required).',
      done: '^MAIL\\s+FROM:',
    },
    {
      type: 'RCPT TO:<mailbox@the.server.domain>',
      why: 'One recipient per RCPT. Sending RCPT before MAIL gets 503: the order is the protocol.',
      reply:
        '250 accepted. "554 5.7.1 Relay access denied" means the server does not deliver to that domain for you: a relay must know who you are (AUTH on 587).',
      done: '^RCPT\\s+TO:',
    },
    {
      type: 'DATA',
      why: 'Ask to send the message itself, once at least one recipient was accepted.',
      reply: '354: go ahead. From now on every line is the message, until a line with only a dot.',
      done: '^DATA\\s*$',
    },
    {
      type: 'Subject: hello from the console',
      why: 'The message starts with its headers: Subject, From, To. They are what the reader sees, not the envelope.',
      reply: 'Nothing yet: the server answers once, after the final dot.',
      done: '^Subject:',
    },
    {
      type: '(an empty line, then a line of text)',
      why: 'An empty line ends the headers; the body follows. A line you start with "." is sent with a second dot (dot-stuffing), so it cannot end the message early.',
      reply: 'Still nothing: the server is collecting the message.',
      done: '^$',
    },
    {
      type: '.',
      why: 'A lone dot ends the message (the wire carries CRLF . CRLF).',
      reply:
        '250 with a queue ID: the server took responsibility for the message. 5xx: refused (size, content, policy): nothing was delivered.',
      done: '^\\.$',
    },
    {
      type: 'QUIT',
      why: 'End the session politely.',
      reply: '221: the server closes the connection.',
      done: '^QUIT\\b',
    },
  ],
};
