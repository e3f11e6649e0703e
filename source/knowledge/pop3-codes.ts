// POP3 responses: the two status indicators of RFC 1939 and the bracketed response codes of the
// IANA "POP3 Response Codes" registry (RFC 2449, RFC 3206, RFC 6856). A code only appears when the
// server announces RESP-CODES (or AUTH-RESP-CODE) in its CAPA list.
import type { Pop3CodeEntry } from './types.js';

export const POP3_STATUS: Pop3CodeEntry[] = [
  {
    code: '+OK',
    summary: 'Success: the command worked',
    detail:
      'POP3 has only two answers. "+OK" means the command succeeded; for RETR, LIST, UIDL, TOP and CAPA it is followed by lines of data ending with a line holding only ".". The greeting is also "+OK", sometimes with an APOP timestamp in angle brackets.',
    reference: 'RFC 1939 §3',
  },
  {
    code: '-ERR',
    summary: 'Failure: the command did not work',
    detail:
      'The only failure indicator in POP3: a wrong password, an unknown command, a message number that does not exist, a locked mailbox. The text is for people and varies; a bracketed response code after "-ERR", when present, is the machine-readable reason.',
    reference: 'RFC 1939 §3',
  },
];

export const POP3_RESPONSE_CODES: Pop3CodeEntry[] = [
  {
    code: 'IN-USE',
    summary: 'Mailbox in use: another session has it locked',
    detail:
      'RFC 1939 gives a session exclusive access to the maildrop, so a second login is refused while another client (a phone, a desktop client, a stuck session) holds the lock. Close the other client or wait for the old session to time out; the credentials were fine.',
    reference: 'RFC 2449 §8.1',
  },
  {
    code: 'LOGIN-DELAY',
    summary: 'Logged in too soon after the last login; wait before trying again',
    detail:
      'The server limits how often a user may log in (the LOGIN-DELAY capability tells the minimum number of seconds). Set the client to check mail less often. The credentials were fine.',
    reference: 'RFC 2449 §8.1',
  },
  {
    code: 'SYS/TEMP',
    summary: "A temporary system problem on the server, not the user's fault",
    detail:
      'The failure is on the server side and expected to pass (a backend down, a resource exhausted). Do not change the password; try again later.',
    reference: 'RFC 3206 §4',
  },
  {
    code: 'SYS/PERM',
    summary: "A permanent system problem on the server, not the user's fault",
    detail:
      'The failure is on the server side and will not clear by itself (for example the account is not enabled for POP3). Retrying will not help; contact the provider or administrator.',
    reference: 'RFC 3206 §4',
  },
  {
    code: 'AUTH',
    summary: 'Authentication failed: the credentials (or the way they were sent) are wrong',
    detail:
      'The failure is about the credentials, so the user should check them: a wrong user name or password, an app password being required, or, with Dovecot, plaintext login refused because the connection is not encrypted.',
    reference: 'RFC 3206 §5',
  },
  {
    code: 'UTF8',
    summary: 'UTF-8 needed: send the UTF8 command before this request',
    detail:
      'The request involves UTF-8 (a UTF-8 user name, or a message with UTF-8 headers) and the session has not enabled UTF-8 mode with the UTF8 command, so the server refuses rather than send it.',
    reference: 'RFC 6856 §2.1',
  },
];
