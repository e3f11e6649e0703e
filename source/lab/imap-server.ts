// A small, strict IMAP4rev1 server (RFC 3501) over the practice mailbox: enough for a client to
// log in, open INBOX read-only, search by header and fetch. Like Dovecot by default it advertises
// LOGINDISABLED and refuses passwords until STARTTLS. No literals: a client that sends one is told
// so (BAD), which keeps every read a bounded line.
import type { Listener, Peer, SecureContext } from '../net/listener.js';
import { listenTcp } from '../net/listener.js';
import { LineReader } from './lines.js';
import type { LabMailbox, StoredMessage } from './mailbox.js';
import { headerBlock, headerOf } from './mailbox.js';
import { decodePlain } from './plain-sasl.js';

export interface ImapOptions {
  mailbox: LabMailbox;
  context: SecureContext;
  implicit?: boolean;
  hostname: string;
}

type State = 'not-authenticated' | 'authenticated' | 'selected';

/** Atoms, "quoted strings" and parenthesised lists, flattened; undefined on a literal. */
export const tokenize = (text: string): string[] | undefined => {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ') {
      i += 1;
    } else if (c === '"') {
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i += 1;
        value += text[i];
        i += 1;
      }
      i += 1;
      out.push(value);
    } else if (c === '{') {
      return undefined;
    } else if (c === '(' || c === ')') {
      out.push(c);
      i += 1;
    } else {
      const m = /^[^ ()"]+/.exec(text.slice(i))!;
      // BODY.PEEK[HEADER] keeps its brackets as one token.
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
};

const sequenceNumbers = (set: string, count: number): number[] | undefined => {
  const out = new Set<number>();
  for (const part of set.split(',')) {
    const [a = '', b] = part.split(':');
    const value = (s: string): number => (s === '*' ? count : Number(s));
    const from = value(a);
    const to = b === undefined ? from : value(b);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < 1) return undefined;
    for (let n = Math.min(from, to); n <= Math.max(from, to) && n <= count; n += 1) out.add(n);
  }
  return [...out].sort((x, y) => x - y);
};

const literal = (bytes: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`{${bytes.length}}\r\n`), bytes]);

const serve = (peer: Peer, options: ImapOptions): void => {
  const { mailbox } = options;
  let state: State = 'not-authenticated';
  let selected: StoredMessage[] = [];
  let pendingAuth: string | undefined;
  const send = (line: string): void => peer.write(`${line}\r\n`);
  const capabilities = (): string =>
    peer.secure ? 'IMAP4rev1 AUTH=PLAIN' : 'IMAP4rev1 STARTTLS LOGINDISABLED';
  const reader = new LineReader(
    (line) => void onLine(line),
    () => {
      send('* BYE Line too long.');
      peer.close();
    },
  );
  peer.onData((chunk) => reader.push(chunk));

  const login = (tag: string, user: string, password: string): void => {
    if (user !== mailbox.user || password !== mailbox.password) {
      send(`${tag} NO [AUTHENTICATIONFAILED] Authentication failed.`);
      return;
    }
    state = 'authenticated';
    send(`${tag} OK [CAPABILITY ${capabilities()}] Logged in`);
  };

  const fetchItems = (m: StoredMessage, n: number, items: string[]): Buffer => {
    const parts: Buffer[] = [];
    for (const raw of items) {
      const item = raw.toUpperCase();
      if (item === 'UID') parts.push(Buffer.from(`UID ${m.uid}`));
      else if (item === 'RFC822.SIZE') parts.push(Buffer.from(`RFC822.SIZE ${m.bytes.length}`));
      else if (item === 'FLAGS') parts.push(Buffer.from('FLAGS ()'));
      else if (item === 'BODY.PEEK[HEADER]' || item === 'BODY[HEADER]' || item === 'RFC822.HEADER')
        parts.push(
          Buffer.concat([
            Buffer.from(item === 'RFC822.HEADER' ? 'RFC822.HEADER ' : 'BODY[HEADER] '),
            literal(headerBlock(m.bytes)),
          ]),
        );
      else if (item === 'BODY.PEEK[]' || item === 'BODY[]' || item === 'RFC822')
        parts.push(
          Buffer.concat([Buffer.from(item === 'RFC822' ? 'RFC822 ' : 'BODY[] '), literal(m.bytes)]),
        );
      else return Buffer.alloc(0);
    }
    const joined: Buffer[] = [];
    parts.forEach((p, i) => joined.push(...(i > 0 ? [Buffer.from(' ')] : []), p));
    return Buffer.concat([Buffer.from(`* ${n} FETCH (`), ...joined, Buffer.from(')\r\n')]);
  };

  const onLine = async (line: string): Promise<void> => {
    if (pendingAuth !== undefined) {
      const tag = pendingAuth;
      pendingAuth = undefined;
      const creds = line === '*' ? undefined : decodePlain(line);
      if (!creds)
        send(
          `${tag} ${line === '*' ? 'BAD Authentication aborted' : 'NO [AUTHENTICATIONFAILED] Invalid base64 data'}`,
        );
      else login(tag, creds.user, creds.password);
      return;
    }
    const space = line.indexOf(' ');
    const tag = space === -1 ? line : line.slice(0, space);
    if (!/^[^\s(){%*"\\\]]+$/.test(tag) || space === -1) {
      send('* BAD Error in IMAP command received by server.');
      return;
    }
    const tokens = tokenize(line.slice(space + 1));
    if (!tokens || tokens.length === 0) {
      send(
        `${tag} BAD ${tokens ? 'Empty command' : 'Literals are not supported by this practice server; send "quoted strings"'}.`,
      );
      return;
    }
    let [verbRaw = '', ...args] = tokens;
    let uid = false;
    if (verbRaw.toUpperCase() === 'UID') {
      uid = true;
      [verbRaw = '', ...args] = args;
    }
    const verb = verbRaw.toUpperCase();
    const words = args.filter((a) => a !== '(' && a !== ')');
    switch (verb) {
      case 'CAPABILITY':
        send(`* CAPABILITY ${capabilities()}`);
        return send(`${tag} OK Capability completed.`);
      case 'NOOP':
        if (state === 'selected' && mailbox.messages.length !== selected.length) {
          selected = [...mailbox.messages];
          send(`* ${selected.length} EXISTS`);
        }
        return send(`${tag} OK NOOP completed.`);
      case 'LOGOUT':
        send('* BYE Logging out');
        send(`${tag} OK Logout completed.`);
        peer.close();
        return;
    }
    if (state === 'not-authenticated') {
      switch (verb) {
        case 'STARTTLS':
          if (peer.secure) return send(`${tag} BAD TLS is already active.`);
          send(`${tag} OK Begin TLS negotiation now.`);
          reader.takePending();
          await peer.startTls(options.context).catch(() => peer.destroy());
          return;
        case 'LOGIN':
          if (!peer.secure)
            return send(
              `${tag} NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.`,
            );
          if (words.length !== 2) return send(`${tag} BAD LOGIN needs a user name and a password.`);
          return login(tag, words[0]!, words[1]!);
        case 'AUTHENTICATE': {
          if (!peer.secure)
            return send(
              `${tag} NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.`,
            );
          if ((words[0] ?? '').toUpperCase() !== 'PLAIN')
            return send(`${tag} NO Unsupported authentication mechanism.`);
          if (words[1] === undefined) {
            pendingAuth = tag;
            return send('+ ');
          }
          const creds = decodePlain(words[1] === '=' ? '' : words[1]);
          if (!creds) return send(`${tag} NO [AUTHENTICATIONFAILED] Invalid base64 data`);
          return login(tag, creds.user, creds.password);
        }
        default:
          return send(`${tag} BAD Command not valid before login (or unknown).`);
      }
    }
    switch (verb) {
      case 'SELECT':
      case 'EXAMINE': {
        if ((words[0] ?? '').toUpperCase() !== 'INBOX')
          return send(`${tag} NO [NONEXISTENT] Mailbox doesn't exist: ${words[0] ?? ''}`);
        state = 'selected';
        selected = [...mailbox.messages];
        send('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)');
        send(`* ${selected.length} EXISTS`);
        send('* 0 RECENT');
        send('* OK [UIDVALIDITY 1] UIDs valid');
        send(`* OK [UIDNEXT ${(selected.at(-1)?.uid ?? 0) + 1}] Predicted next UID`);
        return send(
          `${tag} OK [${verb === 'EXAMINE' ? 'READ-ONLY' : 'READ-WRITE'}] ${verb === 'EXAMINE' ? 'Examine' : 'Select'} completed.`,
        );
      }
      case 'LIST':
        send('* LIST (\\HasNoChildren) "/" INBOX');
        return send(`${tag} OK List completed.`);
      case 'CLOSE':
        if (state !== 'selected') return send(`${tag} BAD No mailbox selected.`);
        state = 'authenticated';
        return send(`${tag} OK Close completed.`);
      case 'SEARCH': {
        if (state !== 'selected') return send(`${tag} BAD No mailbox selected.`);
        const key = (words[0] ?? '').toUpperCase();
        let hits: number[];
        if (key === 'ALL') hits = selected.map((_, i) => i + 1);
        else if (key === 'HEADER' && words.length === 3)
          hits = selected.flatMap((m, i) =>
            (headerOf(m.bytes, words[1]!) ?? '').toLowerCase().includes(words[2]!.toLowerCase())
              ? [i + 1]
              : [],
          );
        else return send(`${tag} BAD This practice server searches ALL or HEADER name value.`);
        const shown = uid ? hits.map((n) => selected[n - 1]!.uid) : hits;
        send(`* SEARCH${shown.map((n) => ` ${n}`).join('')}`);
        return send(`${tag} OK Search completed.`);
      }
      case 'FETCH': {
        if (state !== 'selected') return send(`${tag} BAD No mailbox selected.`);
        const [set = '', ...items] = words;
        const numbers = uid
          ? sequenceNumbers(set, selected.at(-1)?.uid ?? 0)?.flatMap((u) => {
              const i = selected.findIndex((m) => m.uid === u);
              return i === -1 ? [] : [i + 1];
            })
          : sequenceNumbers(set, selected.length);
        if (!numbers || items.length === 0) return send(`${tag} BAD Invalid arguments.`);
        const wanted =
          uid && !items.some((i) => i.toUpperCase() === 'UID') ? ['UID', ...items] : items;
        for (const n of numbers) {
          const out = fetchItems(selected[n - 1]!, n, wanted);
          if (out.length === 0)
            return send(
              `${tag} BAD This practice server fetches UID, FLAGS, RFC822.SIZE, BODY[HEADER] and BODY[].`,
            );
          peer.write(out);
        }
        return send(`${tag} OK Fetch completed.`);
      }
      default:
        return send(`${tag} BAD Unknown command.`);
    }
  };

  send(`* OK [CAPABILITY ${capabilities()}] ${options.hostname} IMAP practice server ready.`);
};

export const startImapServer = (options: ImapOptions): Promise<Listener> =>
  listenTcp({
    ...(options.implicit ? { tls: options.context } : {}),
    onPeer: (peer) => serve(peer, options),
  });
