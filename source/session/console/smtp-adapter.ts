// SMTP in the manual console. The user types raw lines; the engine still parses them and every
// reply, tracks the state and says when a line does not fit it. AUTH payloads are masked here,
// where the typed line becomes a command.
import { MASK, payloadIssues, secretsInPayload } from '../../protocols/common/sasl.js';
import { verbOfRawLine } from '../../protocols/smtp/commands.js';
import { SmtpEngine } from '../../protocols/smtp/engine.js';
import type { StepId } from '../../record/types.js';
import { explainReply } from '../smtp-conversation.js';
import type {
  ConsoleAdapter,
  ConsoleEvent,
  ConsoleOutgoing,
  CredentialUse,
  DisplayOverride,
} from './adapter.js';

const AUTH_WITH_PAYLOAD = /^(AUTH\s+\S+)\s+(\S+)\s*$/i;
const AUTH_ALONE = /^AUTH\s+(\S+)\s*$/i;

/** RFC 5321 4.5.2: a message line that starts with "." gets a second one on the wire. */
export const DOT_STUFFING_NOTE =
  'dot-stuffed: a line that starts with "." is sent with a second "." (RFC 5321 4.5.2), so the server cannot mistake it for the end of the message; it removes the extra dot';

const STEP_OF_VERB: Readonly<Record<string, StepId>> = {
  EHLO: 'ehlo',
  HELO: 'ehlo',
  STARTTLS: 'tls',
  AUTH: 'auth',
  MAIL: 'send',
  RCPT: 'send',
  DATA: 'send',
};

export interface SmtpAdapterOptions {
  tls?: boolean;
  /** A live engine taken over from the wizard, in whatever state it is. */
  engine?: SmtpEngine;
}

export const createSmtpAdapter = (options: SmtpAdapterOptions = {}): ConsoleAdapter => {
  const engine = options.engine ?? new SmtpEngine({ tls: options.tls ?? false });
  let mechanism = '';
  let step: StepId = engine.state === 'greeting' ? 'banner' : 'ehlo';
  const judged = (payload: string): Record<string, unknown> => ({
    'auth.payload': { mechanism, issues: payloadIssues(mechanism, payload) },
  });
  const inData = (): boolean => engine.projected === 'data';
  const inSasl = (): boolean => engine.projected === 'auth';

  const notAdvertised = (line: string): string | undefined => {
    const caps = engine.capabilities;
    if (!caps || inData() || inSasl()) return undefined;
    const verb = verbOfRawLine(line);
    if (verb === 'STARTTLS' && !caps.startTls && !engine.isSecure)
      return 'the server did not advertise STARTTLS in its EHLO reply';
    if (verb === 'AUTH') {
      const mech = /^AUTH\s+(\S+)/i.exec(line.trim())?.[1]?.toUpperCase();
      if (caps.auth.length === 0)
        return engine.isSecure
          ? 'the server did not advertise AUTH in its EHLO reply'
          : 'the server did not advertise AUTH (many offer it only after STARTTLS)';
      if (mech && !caps.auth.includes(mech))
        return `the server offers AUTH ${caps.auth.join(' ')}, not ${mech}`;
    }
    return undefined;
  };

  const credentials = (line: string): CredentialUse | undefined => {
    if (inSasl()) return { kind: 'sends' };
    if (inData()) return undefined;
    const auth = AUTH_WITH_PAYLOAD.exec(line.trim());
    if (auth && auth[2] !== '=') return { kind: 'sends' };
    const alone = AUTH_ALONE.exec(line.trim())?.[1]?.toUpperCase();
    if (alone === 'LOGIN' || alone === 'PLAIN') return { kind: 'helper', mechanism: alone };
    return undefined;
  };

  const preview = (line: string): string[] => {
    if (inSasl()) return [MASK];
    if (inData()) return [line.startsWith('.') && line !== '.' ? `.${line}` : line];
    const auth = AUTH_WITH_PAYLOAD.exec(line.trim());
    if (auth && auth[2] !== '=') return [`${auth[1]} ${MASK}`];
    return [line];
  };

  return {
    protocol: 'smtp',
    get mode() {
      return inData() ? 'data' : inSasl() ? 'sasl' : 'command';
    },
    get isSecure() {
      return engine.isSecure;
    },
    get awaiting() {
      return engine.awaiting;
    },
    get isOver() {
      return engine.state === 'closed';
    },
    initialResponse: true,
    whyNot: (line) => engine.whyNot({ verb: 'RAW', line }) ?? notAdvertised(line),
    credentials,
    preview,
    authCommand: (mech, initial) =>
      initial === undefined ? `AUTH ${mech}` : `AUTH ${mech} ${initial}`,
    send: (line, override?: DisplayOverride): ConsoleOutgoing => {
      if (inData()) {
        const stuffed = line.startsWith('.') && line !== '.';
        const out = engine.send({ verb: 'RAW', line: stuffed ? `.${line}` : line });
        return {
          bytes: out.bytes,
          display: out.display,
          secret: false,
          secrets: [],
          step: 'send',
          ...(stuffed ? { notes: [DOT_STUFFING_NOTE] } : {}),
        };
      }
      const sasl = inSasl();
      const verb = verbOfRawLine(line);
      if (!sasl && verb) step = STEP_OF_VERB[verb] ?? step;
      const out = engine.send({ verb: 'RAW', line });
      const started = /^AUTH\s+(\S+)/i.exec(line.trim());
      if (started && !sasl) mechanism = started[1]!.toUpperCase();
      if (override) return { bytes: out.bytes, ...override, step: 'auth' };
      const auth = AUTH_WITH_PAYLOAD.exec(line.trim());
      if (!sasl && auth && auth[2] !== '=') {
        return {
          bytes: out.bytes,
          display: [`${auth[1]} ${MASK}`],
          secret: true,
          secrets: secretsInPayload(auth[2]!),
          facts: judged(auth[2]!),
          step: 'auth',
        };
      }
      if (sasl) {
        // Answers to 334 challenges are masked whole: the console cannot tell a user name from a password.
        return {
          bytes: out.bytes,
          display: [MASK],
          secret: true,
          secrets: secretsInPayload(line.trim()),
          facts: judged(line),
          step: 'auth',
        };
      }
      return { bytes: out.bytes, display: out.display, secret: false, secrets: [], step };
    },
    receive: (chunk): ConsoleEvent[] => {
      const events: ConsoleEvent[] = [];
      for (const event of engine.receive(chunk)) {
        if (event.type === 'note') {
          events.push({ type: 'note', text: event.text });
          continue;
        }
        const replyStep: StepId = event.answers === 'GREETING' ? 'banner' : step;
        events.push({
          type: 'lines',
          lines: event.reply.rawLines,
          explanation: explainReply(event.reply),
          step: replyStep,
        });
        if (event.answers === 'GREETING')
          events.push({ type: 'greeting', ok: event.reply.code >= 200 && event.reply.code < 300 });
        if (event.reply.code === 354)
          events.push({
            type: 'note',
            text: 'DATA mode: every line you type now is part of the message (headers, an empty line, the body); a line with a lone "." ends it',
            step: 'send',
          });
        if (event.reply.code === 334) {
          const raw = event.reply.lines[0] ?? '';
          events.push({
            type: 'challenge',
            raw,
            ...(event.challenge !== undefined ? { decoded: event.challenge } : {}),
          });
        }
        if (event.state === 'tls') events.push({ type: 'tls-ready' });
      }
      return events;
    },
    tlsEstablished: () => engine.tlsEstablished(),
    closed: () => engine.closed(),
  };
};
