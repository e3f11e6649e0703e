// IMAP in the manual console (RFC 3501, RFC 9051). The learner may leave the tag out: the engine
// adds one and the console says so. Untagged data is shown as it arrives, literals inline, and the
// tagged completion is explained as the end of the answer.
import { describeImapResponse } from '../../knowledge/index.js';
import { encodeCommand, isValidTag, verbOfRawLine } from '../../protocols/imap/commands.js';
import { ImapEngine } from '../../protocols/imap/engine.js';
import type { ConsoleAdapter, ConsoleEvent, CredentialUse, DisplayOverride } from './adapter.js';
import { bounded, hiddenNote, imapEndNote } from './multi-line.js';

/** Every command of IMAP4rev1, IMAP4rev2 and the common extensions: a first word not in here is a tag. */
const COMMANDS = new Set(
  (
    'CAPABILITY NOOP LOGOUT STARTTLS AUTHENTICATE LOGIN SELECT EXAMINE CREATE DELETE RENAME ' +
    'SUBSCRIBE UNSUBSCRIBE LIST LSUB NAMESPACE STATUS APPEND IDLE CHECK CLOSE UNSELECT EXPUNGE ' +
    'SEARCH FETCH STORE COPY MOVE UID ENABLE ID GETQUOTA GETQUOTAROOT SETQUOTA GETACL SETACL ' +
    'MYRIGHTS LISTRIGHTS DELETEACL COMPRESS SORT THREAD ESEARCH GETMETADATA SETMETADATA DONE'
  ).split(' '),
);

/** Splits a typed line into the user's tag (if any) and the command. */
export const splitTag = (line: string): { tag?: string; command: string } => {
  const trimmed = line.trim();
  const match = /^(\S+)\s+(\S.*)$/s.exec(trimmed);
  if (!match || COMMANDS.has(match[1]!.toUpperCase())) return { command: trimmed };
  return { tag: match[1]!, command: match[2]! };
};

const LITERAL_AT_END = /\{[0-9]+\+?\}$/;

/** The response's lines with each literal shown inline after the line that announced it. */
const withLiterals = (rawLines: readonly string[], literals: readonly Buffer[]): string[] => {
  const out: string[] = [];
  let next = 0;
  for (const line of rawLines) {
    out.push(line);
    const literal = LITERAL_AT_END.test(line) ? literals[next] : undefined;
    if (!literal) continue;
    next += 1;
    const text = literal.toString('utf8').split(/\r?\n/);
    if (text.at(-1) === '') text.pop();
    out.push(...text);
  }
  return out;
};

export interface ImapAdapterOptions {
  tls?: boolean;
  engine?: ImapEngine;
}

export const createImapAdapter = (options: ImapAdapterOptions = {}): ConsoleAdapter => {
  const engine = options.engine ?? new ImapEngine({ tls: options.tls ?? false });
  const inSasl = (): boolean => engine.state === 'authenticating';
  let explainedTags = false;
  /** Untagged lines seen since the last completion, to say what a tagged line ended. */
  let untaggedSince = 0;

  const notAdvertised = (command: string): string | undefined => {
    const caps = engine.capabilities;
    if (!caps) return undefined;
    const verb = verbOfRawLine(command);
    if (verb === 'STARTTLS' && !caps.startTls)
      return 'the server did not list STARTTLS in its capabilities';
    if (verb === 'LOGIN' && caps.loginDisabled)
      return engine.isSecure
        ? 'the server lists LOGINDISABLED: it refuses LOGIN'
        : 'the server lists LOGINDISABLED: it refuses LOGIN until STARTTLS';
    if (verb === 'AUTHENTICATE') {
      const mech = /^AUTHENTICATE\s+(\S+)/i.exec(command)?.[1]?.toUpperCase();
      if (mech && !caps.auth.includes(mech))
        return caps.auth.length > 0
          ? `the server offers AUTH=${caps.auth.join(' AUTH=')}, not ${mech}`
          : 'the server lists no AUTH= mechanism';
    }
    return undefined;
  };

  const whyNot = (line: string): string | undefined => {
    if (inSasl()) return engine.whyNot({ verb: 'RAW', line });
    const { tag, command } = splitTag(line);
    if (tag !== undefined && !isValidTag(tag)) return `"${tag}" is not a valid IMAP tag`;
    if (tag !== undefined && engine.awaiting.includes(tag))
      return `the tag "${tag}" is still in use by a command in progress`;
    return engine.whyNot({ verb: 'RAW', line: command }) ?? notAdvertised(command);
  };

  const credentials = (line: string): CredentialUse | undefined => {
    if (inSasl()) return { kind: 'sends' };
    const words = splitTag(line).command.split(/\s+/);
    const verb = words[0]?.toUpperCase();
    if (verb === 'LOGIN' && words.length > 2) return { kind: 'sends' };
    if (verb === 'AUTHENTICATE' && words.length > 2) return { kind: 'sends' };
    const mech = words[1]?.toUpperCase();
    if (verb === 'AUTHENTICATE' && words.length === 2 && (mech === 'LOGIN' || mech === 'PLAIN'))
      return { kind: 'helper', mechanism: mech };
    return undefined;
  };

  const preview = (line: string): string[] => {
    if (inSasl())
      return encodeCommand({ verb: 'RAW', line }, '', { saslResponse: true }).parts[0]!.display;
    const { tag, command } = splitTag(line);
    try {
      return encodeCommand({ verb: 'RAW', line: command }, tag ?? 'a?').parts[0]!.display;
    } catch {
      return [line];
    }
  };

  return {
    protocol: 'imap',
    get mode() {
      return inSasl() ? 'sasl' : 'command';
    },
    get isSecure() {
      return engine.isSecure;
    },
    get awaiting() {
      return engine.awaiting.length;
    },
    get isOver() {
      return engine.state === 'closed' || engine.state === 'logout';
    },
    get initialResponse() {
      return engine.capabilities?.saslIr ?? false;
    },
    whyNot,
    credentials,
    preview,
    authCommand: (mech, initial) =>
      initial === undefined ? `AUTHENTICATE ${mech}` : `AUTHENTICATE ${mech} ${initial}`,
    send: (line, override?: DisplayOverride) => {
      if (inSasl()) {
        const out = engine.send({ verb: 'RAW', line });
        return override
          ? { bytes: out.bytes, ...override, step: 'imap' }
          : {
              bytes: out.bytes,
              display: out.display,
              secret: out.secret,
              secrets: out.secrets,
              step: 'imap',
            };
      }
      const { tag, command } = splitTag(line);
      const out = engine.send({
        verb: 'RAW',
        line: command,
        ...(tag !== undefined ? { tag } : {}),
      });
      const notes: string[] = [];
      if (tag === undefined) {
        notes.push(
          explainedTags
            ? `tag "${out.tag}" added`
            : `tag "${out.tag}" added: every IMAP command starts with a tag of the client's choosing, and the server ends its answer with a line that starts with the same tag`,
        );
        explainedTags = true;
      }
      const display = override ? override.display.map((text) => `${out.tag} ${text}`) : out.display;
      return {
        bytes: out.bytes,
        display,
        secret: override?.secret ?? out.secret,
        secrets: [...out.secrets, ...(override?.secrets ?? [])],
        step: 'imap',
        ...(notes.length > 0 ? { notes } : {}),
      };
    },
    receive: (chunk): ConsoleEvent[] => {
      const events: ConsoleEvent[] = [];
      for (const event of engine.receive(chunk)) {
        if (event.type === 'note') {
          events.push({ type: 'note', text: event.text, step: 'imap' });
          continue;
        }
        const lines = withLiterals(event.rawLines, event.literals);
        const { shown, hidden } = bounded(lines);
        events.push({
          type: 'lines',
          lines: shown,
          explainIndex: 0,
          explanation: describeImapResponse(event.rawLines[0] ?? ''),
          step: event.type === 'greeting' ? 'banner' : 'imap',
        });
        if (hidden > 0) events.push({ type: 'note', text: hiddenNote(hidden), step: 'imap' });
        switch (event.type) {
          case 'greeting':
            events.push({ type: 'greeting', ok: event.response.status !== 'BYE' });
            break;
          case 'untagged':
            untaggedSince += 1;
            break;
          case 'continuation':
            events.push({
              type: 'challenge',
              raw: event.text,
              ...(event.decoded !== undefined ? { decoded: event.decoded } : {}),
            });
            break;
          case 'tagged':
            if (untaggedSince > 0)
              events.push({
                type: 'note',
                text: imapEndNote(event.tag, event.response.status),
                step: 'imap',
              });
            untaggedSince = 0;
            if (event.state === 'tls') events.push({ type: 'tls-ready' });
            break;
        }
      }
      return events;
    },
    tlsEstablished: () => engine.tlsEstablished(),
    closed: () => engine.closed(),
  };
};
