// POP3 CAPA tags: the IANA "POP3 Capabilities" registry (RFC 2449 and later).
import type { CapabilityEntry } from './types.js';

export const POP3_CAPABILITIES: CapabilityEntry[] = [
  {
    name: 'TOP',
    summary: "TOP is available: fetch a message's headers and first lines",
    detail:
      'TOP <msg> <n> returns the headers and the first n body lines, so a client can preview without downloading the whole message.',
    reference: 'RFC 2449 §6.1; RFC 1939 §7',
    status: 'standard',
  },
  {
    name: 'USER',
    summary: 'USER/PASS login is available (plaintext password)',
    detail:
      'The classic login: USER name, then PASS password, both in clear. Only safe inside TLS; servers often hide USER until after STLS or on port 110 altogether.',
    reference: 'RFC 2449 §6.2; RFC 1939 §7',
    status: 'standard',
  },
  {
    name: 'SASL',
    parameters: 'the SASL mechanisms offered',
    summary: 'AUTH with the listed SASL mechanisms is available',
    detail:
      'The client may log in with AUTH <mechanism> (PLAIN, LOGIN, CRAM-MD5, XOAUTH2 ...), which works like SMTP AUTH with "+ " challenges.',
    reference: 'RFC 2449 §6.3; RFC 5034',
    status: 'standard',
  },
  {
    name: 'RESP-CODES',
    summary: 'Error replies carry bracketed response codes like [IN-USE]',
    detail:
      'When announced, "-ERR" replies may start with a code in brackets that tells a client why the command failed.',
    reference: 'RFC 2449 §6.4',
    status: 'standard',
  },
  {
    name: 'LOGIN-DELAY',
    parameters: 'minimum seconds between logins (USER: may differ per user after login)',
    summary: 'The server limits how often a user may log in',
    detail:
      'Clients should not check mail more often than this number of seconds; a login too soon fails with [LOGIN-DELAY].',
    reference: 'RFC 2449 §6.5',
    status: 'standard',
  },
  {
    name: 'PIPELINING',
    summary: 'The client may send several commands without waiting for each reply',
    detail:
      'Saves round trips, for example when deleting many messages with a series of DELE commands.',
    reference: 'RFC 2449 §6.6',
    status: 'standard',
  },
  {
    name: 'EXPIRE',
    parameters: 'days before the server deletes retrieved messages, or NEVER',
    summary: 'The server deletes messages on its own after this many days',
    detail:
      'EXPIRE 0 means messages are deleted once retrieved, whether or not the client sends DELE; NEVER means the server never deletes them itself.',
    reference: 'RFC 2449 §6.7',
    status: 'standard',
  },
  {
    name: 'UIDL',
    summary: 'UIDL is available: messages have unique IDs across sessions',
    detail:
      'Lets a client that leaves mail on the server remember which messages it has already downloaded.',
    reference: 'RFC 2449 §6.8; RFC 1939 §7',
    status: 'standard',
  },
  {
    name: 'IMPLEMENTATION',
    parameters: "the server software's name and version",
    summary: 'The server names its software',
    detail:
      'Informational only; useful when diagnosing, never something a client should depend on.',
    reference: 'RFC 2449 §6.9',
    status: 'standard',
  },
  {
    name: 'STLS',
    summary: 'The connection can be upgraded to TLS with STLS',
    detail:
      'The POP3 equivalent of STARTTLS: on port 110, send STLS and start TLS before logging in. Port 995 uses TLS from the first byte instead.',
    reference: 'RFC 2595 §4',
    status: 'standard',
  },
  {
    name: 'AUTH-RESP-CODE',
    summary: 'Login failures carry [AUTH] or [SYS/...] response codes',
    detail:
      'Tells the client that failed logins say whether the credentials or the server are at fault.',
    reference: 'RFC 3206 §6',
    status: 'standard',
  },
  {
    name: 'UTF8',
    parameters: 'USER: UTF-8 user names are accepted',
    summary: 'UTF-8 mode is available (UTF8 command)',
    detail:
      'After the UTF8 command the server may send UTF-8 headers and accept UTF-8 user names and passwords.',
    reference: 'RFC 6856',
    status: 'standard',
  },
  {
    name: 'LANG',
    summary: 'The LANG command is available: choose the language of reply texts',
    detail: 'LANG lists or selects the language for human-readable responses.',
    reference: 'RFC 6856',
    status: 'standard',
  },
];
