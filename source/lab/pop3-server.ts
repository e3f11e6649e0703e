// A small, strict POP3 server (RFC 1939, 2449, 2595, 5034) over the practice mailbox. Like Dovecot
// by default it refuses passwords before STLS, and it holds the maildrop lock while a session is
// open; the pop3-in-use scenario keeps that lock taken, as a mail client left running would.
import type { Listener, Peer, SecureContext } from '../net/listener.js';
import { listenTcp } from '../net/listener.js';
import { LineReader } from './lines.js';
import type { LabMailbox, StoredMessage } from './mailbox.js';
import { headerBlock } from './mailbox.js';
import { decodePlain } from './plain-sasl.js';

export interface Pop3Options {
  mailbox: LabMailbox;
  context: SecureContext;
  /** Implicit TLS (POP3S). */
  implicit?: boolean;
  /** The maildrop is locked by another session: every login ends in [IN-USE]. */
  lockedElsewhere?: boolean;
  hostname: string;
}

type State = 'authorization' | 'transaction';

const dotStuff = (bytes: Buffer): string =>
  bytes
    .toString('utf8')
    .split(/\r?\n/)
    .map((l) => (l.startsWith('.') ? `.${l}` : l))
    .join('\r\n')
    .replace(/(\r\n)?$/, '\r\n');

const serve = (peer: Peer, options: Pop3Options): void => {
  const { mailbox } = options;
  let state: State = 'authorization';
  let user: string | undefined;
  let pendingAuth = false;
  let snapshot: StoredMessage[] = [];
  const deleted = new Set<number>();
  let holdsLock = false;
  const send = (line: string): void => peer.write(`${line}\r\n`);
  const reader = new LineReader(
    (line) => void onLine(line),
    () => {
      send('-ERR line too long');
      peer.close();
    },
  );
  peer.onData((chunk) => reader.push(chunk));
  peer.onClose(() => {
    if (holdsLock) mailbox.locked = false;
  });

  const capabilities = (): string[] => [
    'TOP',
    'UIDL',
    'RESP-CODES',
    'AUTH-RESP-CODE',
    'PIPELINING',
    ...(peer.secure ? ['USER', 'SASL PLAIN'] : ['STLS']),
  ];

  const login = (name: string, password: string): void => {
    if (name !== mailbox.user || password !== mailbox.password) {
      send('-ERR [AUTH] Authentication failed.');
      return;
    }
    if (options.lockedElsewhere || mailbox.locked) {
      send('-ERR [IN-USE] Unable to lock maildrop: another POP3 session has it open.');
      return;
    }
    mailbox.locked = true;
    holdsLock = true;
    state = 'transaction';
    snapshot = [...mailbox.messages];
    send('+OK Logged in.');
  };

  const message = (arg: string | undefined): StoredMessage | undefined => {
    const n = Number(arg);
    if (!Number.isInteger(n) || n < 1 || n > snapshot.length || deleted.has(n)) {
      send('-ERR There is no such message.');
      return undefined;
    }
    return snapshot[n - 1];
  };

  const onLine = async (line: string): Promise<void> => {
    if (pendingAuth) {
      pendingAuth = false;
      const creds = line === '*' ? undefined : decodePlain(line);
      if (!creds)
        send(line === '*' ? '-ERR Authentication aborted.' : '-ERR [AUTH] Invalid base64 data.');
      else login(creds.user, creds.password);
      return;
    }
    const [verbRaw = '', ...args] = line.split(' ');
    const verb = verbRaw.toUpperCase();
    const needsTls = (): boolean => {
      if (peer.secure) return false;
      send('-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.');
      return true;
    };
    switch (verb) {
      case 'CAPA':
        send('+OK');
        for (const c of capabilities()) send(c);
        send('.');
        return;
      case 'NOOP':
        send(state === 'transaction' ? '+OK' : '-ERR Unknown command.');
        return;
      case 'QUIT':
        if (state === 'transaction')
          mailbox.remove(new Set([...deleted].map((n) => snapshot[n - 1]!.uid)));
        send('+OK Logging out.');
        peer.close();
        return;
    }
    if (state === 'authorization') {
      switch (verb) {
        case 'STLS':
          if (peer.secure) return send('-ERR TLS is already active.');
          send('+OK Begin TLS negotiation now.');
          reader.takePending();
          await peer.startTls(options.context).catch(() => peer.destroy());
          return;
        case 'USER':
          if (needsTls()) return;
          user = args.join(' ');
          send('+OK');
          return;
        case 'PASS':
          if (needsTls()) return;
          if (user === undefined) return send('-ERR No username given.');
          login(user, args.join(' '));
          return;
        case 'AUTH': {
          if (needsTls()) return;
          if ((args[0] ?? '').toUpperCase() !== 'PLAIN')
            return send('-ERR [AUTH] Unsupported authentication mechanism.');
          if (args[1] === undefined || args[1] === '=') {
            pendingAuth = args[1] === undefined;
            if (pendingAuth) return send('+ ');
          }
          const creds = decodePlain(args[1] === '=' ? '' : (args[1] ?? ''));
          if (!creds) return send('-ERR [AUTH] Invalid base64 data.');
          login(creds.user, creds.password);
          return;
        }
        default:
          send('-ERR Unknown command.');
          return;
      }
    }
    switch (verb) {
      case 'STAT': {
        const live = snapshot.filter((_, i) => !deleted.has(i + 1));
        send(`+OK ${live.length} ${live.reduce((n, m) => n + m.bytes.length, 0)}`);
        return;
      }
      case 'LIST':
      case 'UIDL': {
        const value = (m: StoredMessage): string =>
          verb === 'LIST' ? String(m.bytes.length) : `uid${m.uid}`;
        if (args[0] !== undefined) {
          const m = message(args[0]);
          if (m) send(`+OK ${args[0]} ${value(m)}`);
          return;
        }
        send('+OK');
        snapshot.forEach((m, i) => !deleted.has(i + 1) && send(`${i + 1} ${value(m)}`));
        send('.');
        return;
      }
      case 'RETR': {
        const m = message(args[0]);
        if (!m) return;
        peer.write(`+OK ${m.bytes.length} octets\r\n${dotStuff(m.bytes)}.\r\n`);
        return;
      }
      case 'TOP': {
        const m = message(args[0]);
        if (!m) return;
        const lines = Number(args[1]);
        if (!Number.isInteger(lines) || lines < 0) return send('-ERR Invalid number of lines.');
        const head = headerBlock(m.bytes);
        const body = m.bytes.subarray(head.length).toString('utf8').split(/\r?\n/).slice(0, lines);
        const text = Buffer.concat([
          head,
          Buffer.from(body.length > 0 ? `${body.join('\r\n')}\r\n` : ''),
        ]);
        peer.write(`+OK\r\n${dotStuff(text)}.\r\n`);
        return;
      }
      case 'DELE': {
        const m = message(args[0]);
        if (!m) return;
        deleted.add(Number(args[0]));
        send('+OK Marked to be deleted.');
        return;
      }
      case 'RSET':
        deleted.clear();
        send('+OK');
        return;
      default:
        send('-ERR Unknown command.');
    }
  };

  send(`+OK ${options.hostname} POP3 practice server ready.`);
};

export const startPop3Server = (options: Pop3Options): Promise<Listener> =>
  listenTcp({
    ...(options.implicit ? { tls: options.context } : {}),
    onPeer: (peer) => serve(peer, options),
  });
