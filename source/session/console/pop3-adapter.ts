// POP3 in the manual console (RFC 1939, 2449, 2595, 5034). The engine parses every typed line
// and response, tracks AUTHORIZATION / TRANSACTION, and collects multi-line answers whole; the
// adapter adds what a learner needs: why a line does not fit, where a PASS or SASL payload is.
import { describePop3Response } from '../../knowledge/index.js';
import { encodeCommand, verbOfRawLine } from '../../protocols/pop3/commands.js';
import { Pop3Engine } from '../../protocols/pop3/engine.js';
import type { ConsoleAdapter, ConsoleEvent, CredentialUse, DisplayOverride } from './adapter.js';
import { POP3_END_NOTE, bounded, hiddenNote } from './multi-line.js';

/** Plainer words for the POP3 states, where the engine's reason names them. */
const HINTS: Readonly<Record<string, string>> = {
  STAT: 'log in first (USER, then PASS): STAT works only in the TRANSACTION state',
  LIST: 'log in first (USER, then PASS): LIST works only in the TRANSACTION state',
  UIDL: 'log in first (USER, then PASS): UIDL works only in the TRANSACTION state',
  RETR: 'log in first (USER, then PASS): RETR works only in the TRANSACTION state',
  TOP: 'log in first (USER, then PASS): TOP works only in the TRANSACTION state',
  DELE: 'log in first (USER, then PASS): DELE works only in the TRANSACTION state',
  RSET: 'RSET undoes DELE marks, which exist only after login (TRANSACTION state)',
  PASS: 'PASS must follow an accepted USER',
};

export interface Pop3AdapterOptions {
  tls?: boolean;
  engine?: Pop3Engine;
}

export const createPop3Adapter = (options: Pop3AdapterOptions = {}): ConsoleAdapter => {
  const engine = options.engine ?? new Pop3Engine({ tls: options.tls ?? false });
  const inSasl = (): boolean => engine.state === 'sasl';
  /** The verbs typed, in order, to pair each response with what it answers (RAW to the engine). */
  const typed: string[] = [];

  const notAdvertised = (line: string): string | undefined => {
    const caps = engine.capabilities;
    if (!caps) return undefined;
    const verb = verbOfRawLine(line);
    if (verb === 'STLS' && !caps.stls) return 'the server did not list STLS in its CAPA answer';
    if (verb === 'TOP' && !caps.top) return 'the server did not list TOP in its CAPA answer';
    if (verb === 'UIDL' && !caps.uidl) return 'the server did not list UIDL in its CAPA answer';
    if ((verb === 'USER' || verb === 'PASS') && !caps.user && caps.tags.length > 0)
      return engine.isSecure
        ? 'the server did not list USER in its CAPA answer'
        : 'the server did not list USER in its CAPA answer (many offer it only after STLS)';
    if (verb === 'AUTH') {
      const mech = /^AUTH\s+(\S+)/i.exec(line.trim())?.[1]?.toUpperCase();
      if (mech && !caps.sasl.includes(mech))
        return caps.sasl.length > 0
          ? `the server offers SASL ${caps.sasl.join(' ')}, not ${mech}`
          : 'the server did not list SASL in its CAPA answer';
    }
    return undefined;
  };

  const whyNot = (line: string): string | undefined => {
    const reason = engine.whyNot({ verb: 'RAW', line });
    if (reason) {
      const verb = verbOfRawLine(line);
      return verb && HINTS[verb] && /not valid in state/.test(reason)
        ? `${reason}: ${HINTS[verb]}`
        : reason;
    }
    return notAdvertised(line);
  };

  const credentials = (line: string): CredentialUse | undefined => {
    if (inSasl()) return { kind: 'sends' };
    const words = line.trim().split(/\s+/);
    const verb = words[0]?.toUpperCase();
    if ((verb === 'PASS' || verb === 'APOP') && words.length > 1) return { kind: 'sends' };
    if (verb === 'AUTH' && words.length > 2) return { kind: 'sends' };
    const mech = words[1]?.toUpperCase();
    if (verb === 'AUTH' && words.length === 2 && (mech === 'LOGIN' || mech === 'PLAIN'))
      return { kind: 'helper', mechanism: mech };
    return undefined;
  };

  const preview = (line: string): string[] =>
    encodeCommand({ verb: 'RAW', line }, { saslResponse: inSasl() }).display;

  return {
    protocol: 'pop3',
    get mode() {
      return inSasl() ? 'sasl' : 'command';
    },
    get isSecure() {
      return engine.isSecure;
    },
    get awaiting() {
      return engine.awaiting;
    },
    get isOver() {
      return engine.state === 'closed' || engine.state === 'update';
    },
    initialResponse: true,
    whyNot,
    credentials,
    preview,
    authCommand: (mech, initial) =>
      initial === undefined ? `AUTH ${mech}` : `AUTH ${mech} ${initial}`,
    send: (line, override?: DisplayOverride) => {
      const sasl = inSasl();
      const out = engine.send({ verb: 'RAW', line });
      typed.push(sasl ? 'SASL' : (verbOfRawLine(line) ?? ''));
      if (override) return { bytes: out.bytes, ...override, step: 'pop3' };
      return {
        bytes: out.bytes,
        display: out.display,
        secret: out.secret,
        secrets: out.secrets,
        step: 'pop3',
      };
    },
    receive: (chunk): ConsoleEvent[] => {
      const events: ConsoleEvent[] = [];
      for (const event of engine.receive(chunk)) {
        if (event.type === 'note') {
          events.push({ type: 'note', text: event.text, step: 'pop3' });
          continue;
        }
        const raw = event.response.rawLines;
        const { shown, hidden } = bounded(raw);
        events.push({
          type: 'lines',
          lines: shown,
          explainIndex: 0,
          explanation: describePop3Response(raw[0] ?? ''),
          step: event.type === 'greeting' ? 'banner' : 'pop3',
        });
        if (hidden > 0) events.push({ type: 'note', text: hiddenNote(hidden), step: 'pop3' });
        if (event.type === 'greeting') {
          events.push({ type: 'greeting', ok: event.response.ok });
          continue;
        }
        const answers = event.answers === 'UNSOLICITED' ? '' : (typed.shift() ?? '');
        if (event.type === 'challenge') {
          events.push({
            type: 'challenge',
            raw: event.response.text,
            ...(event.decoded !== undefined ? { decoded: event.decoded } : {}),
          });
          continue;
        }
        if (raw.length > 1 && raw[raw.length - 1] === '.')
          events.push({ type: 'note', text: POP3_END_NOTE, step: 'pop3' });
        if (answers === 'RSET' && event.response.ok)
          events.push({
            type: 'note',
            text: 'RSET unmarked every message DELE marked: deletions happen only when QUIT ends the session (the UPDATE state), so nothing was lost',
            step: 'pop3',
          });
        if (answers === 'DELE' && event.response.ok)
          events.push({
            type: 'note',
            text: 'DELE only marks the message: the server deletes it when QUIT ends the session; RSET would undo the mark',
            step: 'pop3',
          });
        if (event.state === 'tls') events.push({ type: 'tls-ready' });
      }
      return events;
    },
    tlsEstablished: () => engine.tlsEstablished(),
    closed: () => engine.closed(),
  };
};
