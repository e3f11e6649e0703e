// Small POP3 and IMAP servers on port 0 over a two-message mailbox, strict about login, for the
// guided mailbox steps: every line the client sent is kept, in order, per connection.
import { deadlinesFor } from '../../source/net/deadlines.js';
import type { RunConfig } from '../../source/session/config.js';
import type { FakeServer } from './fake-server.js';
import { startFakeServer } from './fake-server.js';

export const MAILBOX_USER = 'alice@fake.test';
export const MAILBOX_PASSWORD = 'mailbox-secret-41';
/** The Message-ID of message 2, the one a run looks for. */
export const TARGET_ID = '<target.7@fake.test>';

const message = (n: number): string =>
  `Message-ID: ${n === 2 ? TARGET_ID : `<other.${n}@fake.test>`}\r\nSubject: message ${n}\r\n\r\nbody of message ${n}\r\n`;
const MESSAGES = [message(1), message(2)];
const headerOf = (text: string): string => text.slice(0, text.indexOf('\r\n\r\n') + 2);

/** A run of only the mailbox step against one of these fakes, in plain text with consent. */
export const mailboxRunConfig = (protocol: 'pop3' | 'imap', port: number): RunConfig => ({
  target: { input: `127.0.0.1:${port}` },
  tls: 'none',
  insecure: false,
  plaintextAuth: true,
  ca: [],
  ehlo: 'guided.test',
  to: [],
  headers: [],
  [protocol]: { host: '127.0.0.1', port, tls: false },
  mailbox: { user: MAILBOX_USER, password: MAILBOX_PASSWORD },
  resolvers: [],
  deadlines: deadlinesFor(5),
  steps: [protocol],
  redactIdentities: false,
});

export interface FakeMailbox extends FakeServer {
  /** Lines the client sent, one array per connection. */
  sessions: string[][];
}

/** POP3 (RFC 1939) with CAPA USER TOP, no STLS: a run needs plaintextAuth. */
export const startFakePop3 = async (): Promise<FakeMailbox> => {
  const sessions: string[][] = [];
  const server = await startFakeServer(async (peer) => {
    const lines: string[] = [];
    sessions.push(lines);
    let user: string | undefined;
    let authed = false;
    peer.send('+OK fake POP3 ready\r\n');
    for (;;) {
      const line = await peer.line(10_000).catch(() => undefined);
      if (line === undefined) return;
      lines.push(line);
      const [verb = '', ...args] = line.split(' ');
      const n = Number(args[0]);
      const text = MESSAGES[n - 1];
      switch (verb.toUpperCase()) {
        case 'CAPA':
          peer.send('+OK capabilities\r\nUSER\r\nTOP\r\nUIDL\r\n.\r\n');
          break;
        case 'USER':
          user = args.join(' ');
          peer.send('+OK send PASS\r\n');
          break;
        case 'PASS':
          authed = user === MAILBOX_USER && args.join(' ') === MAILBOX_PASSWORD;
          peer.send(authed ? '+OK logged in\r\n' : '-ERR [AUTH] invalid login\r\n');
          break;
        case 'STAT':
          peer.send(authed ? `+OK 2 ${MESSAGES.join('').length}\r\n` : '-ERR log in first\r\n');
          break;
        case 'LIST':
          if (!authed) peer.send('-ERR log in first\r\n');
          else if (args[0])
            peer.send(text ? `+OK ${n} ${text.length}\r\n` : '-ERR no such message\r\n');
          else
            peer.send(
              `+OK 2 messages\r\n${MESSAGES.map((m, i) => `${i + 1} ${m.length}`).join('\r\n')}\r\n.\r\n`,
            );
          break;
        case 'UIDL':
          if (!authed) peer.send('-ERR log in first\r\n');
          else if (args[0]) peer.send(text ? `+OK ${n} uid-${n}\r\n` : '-ERR no such message\r\n');
          else
            peer.send(
              `+OK\r\n${MESSAGES.map((_m, i) => `${i + 1} uid-${i + 1}`).join('\r\n')}\r\n.\r\n`,
            );
          break;
        case 'TOP':
          peer.send(text && authed ? `+OK\r\n${headerOf(text)}.\r\n` : '-ERR no such message\r\n');
          break;
        case 'RETR':
          peer.send(
            text && authed
              ? `+OK ${text.length} octets\r\n${text}.\r\n`
              : '-ERR no such message\r\n',
          );
          break;
        case 'NOOP':
          peer.send('+OK\r\n');
          break;
        case 'QUIT':
          peer.send('+OK bye\r\n');
          return peer.close();
        default:
          peer.send('-ERR unknown command\r\n');
      }
    }
  });
  return Object.assign(server, { sessions });
};

/** IMAP4rev1 with LOGIN over plain text (no STARTTLS): a run needs plaintextAuth. */
export const startFakeImap = async (): Promise<FakeMailbox> => {
  const sessions: string[][] = [];
  const server = await startFakeServer(async (peer) => {
    const lines: string[] = [];
    sessions.push(lines);
    let authed = false;
    let selected = false;
    peer.send('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake IMAP ready\r\n');
    for (;;) {
      const line = await peer.line(10_000).catch(() => undefined);
      if (line === undefined) return;
      lines.push(line);
      const [tag = '*', verb = '', ...args] = line.split(' ');
      switch (verb.toUpperCase()) {
        case 'CAPABILITY':
          peer.send(`* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`);
          break;
        case 'LOGIN': {
          const [user = '', password = ''] = args.map((a) => a.replace(/^"|"$/g, ''));
          authed = user === MAILBOX_USER && password === MAILBOX_PASSWORD;
          peer.send(
            authed
              ? `${tag} OK [CAPABILITY IMAP4rev1] logged in\r\n`
              : `${tag} NO [AUTHENTICATIONFAILED] invalid\r\n`,
          );
          break;
        }
        case 'SELECT':
        case 'EXAMINE':
          if (!authed) {
            peer.send(`${tag} BAD log in first\r\n`);
            break;
          }
          selected = true;
          peer.send(
            `* 2 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] ok\r\n${tag} OK [${verb.toUpperCase() === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] opened\r\n`,
          );
          break;
        case 'SEARCH': {
          if (!selected) {
            peer.send(`${tag} BAD select first\r\n`);
            break;
          }
          const hit = line.includes(TARGET_ID)
            ? ' 2'
            : line.toUpperCase().includes('ALL')
              ? ' 1 2'
              : '';
          peer.send(`* SEARCH${hit}\r\n${tag} OK search done\r\n`);
          break;
        }
        case 'FETCH': {
          const n = Number(args[0]);
          const text = MESSAGES[n - 1];
          if (!selected || !text) {
            peer.send(`${tag} BAD no such message\r\n`);
            break;
          }
          const header = headerOf(text);
          peer.send(
            `* ${n} FETCH (UID ${n + 100} RFC822.SIZE ${text.length} BODY[HEADER] {${header.length}}\r\n${header})\r\n${tag} OK fetch done\r\n`,
          );
          break;
        }
        case 'NOOP':
          peer.send(`${tag} OK noop\r\n`);
          break;
        case 'LOGOUT':
          peer.send(`* BYE bye\r\n${tag} OK logged out\r\n`);
          return peer.close();
        default:
          peer.send(`${tag} BAD unknown command\r\n`);
      }
    }
  });
  return Object.assign(server, { sessions });
};
