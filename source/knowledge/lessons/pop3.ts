import type { Lesson } from './types.js';

export const POP3_BY_HAND: Lesson = {
  id: 3,
  title: 'POP3 by hand: USER/PASS, STAT, LIST, RETR, DELE, RSET, QUIT',
  protocol: 'pop3',
  port: 110,
  intro:
    'Connect to a POP3 server (110, or 995 with --tls implicit) where you have a mailbox. Dovecot and most servers refuse USER/PASS before STLS on port 110.',
  source: 'RFC 1939 (POP3), RFC 2595 (STLS), RFC 2449 (CAPA)',
  steps: [
    {
      type: 'CAPA',
      why: 'Ask what the server supports: STLS, USER, SASL mechanisms, TOP, UIDL.',
      reply: '+OK and a list that ends with a lone ".". No USER in the list means: STLS first.',
      done: '^CAPA\\b',
    },
    {
      type: 'STLS',
      why: 'Encrypt before the password crosses the network; the console does the handshake.',
      reply: '+OK: the TLS handshake follows. Afterwards CAPA again: the list may change.',
      done: '^STLS\\b',
    },
    {
      type: 'USER <your mailbox login>',
      why: 'The first half of a login, in the AUTHORIZATION state.',
      reply: '+OK: now PASS. Some servers say +OK for any name, so that names cannot be guessed.',
      done: '^USER\\b',
    },
    {
      type: 'PASS <your password>',
      why: 'The second half. The console masks it everywhere: screen, history, report.',
      reply:
        '+OK: logged in, the mailbox is locked for you (TRANSACTION state). -ERR [AUTH]: wrong credentials; -ERR [IN-USE]: another client holds the lock.',
      done: '^PASS\\b',
    },
    {
      type: 'STAT',
      why: 'How many messages and how many bytes.',
      reply: '+OK 3 4512 means 3 messages, 4512 bytes in all.',
      done: '^STAT\\b',
    },
    {
      type: 'LIST',
      why: 'Each message number with its size.',
      reply: '+OK, one "number size" line per message, and the lone "." that ends the list.',
      done: '^LIST\\b',
    },
    {
      type: 'RETR 1',
      why: 'Fetch message 1 whole: headers, empty line, body.',
      reply: '+OK, the message, the lone "."; lines that start with "." arrive with an extra dot.',
      done: '^RETR\\b',
    },
    {
      type: 'DELE 1',
      why: 'Mark message 1 for deletion.',
      reply: '+OK marked. Nothing is deleted yet: that happens only at QUIT.',
      done: '^DELE\\b',
    },
    {
      type: 'RSET',
      why: 'Undo every DELE mark of this session: deletions wait for QUIT, so they can be taken back.',
      reply: '+OK: the message is no longer marked; QUIT now deletes nothing.',
      done: '^RSET\\b',
    },
    {
      type: 'QUIT',
      why: 'End the session; the server now deletes what is still marked (the UPDATE state).',
      reply: '+OK and the server closes the connection.',
      done: '^QUIT\\b',
    },
  ],
};
