// SMTP in the manual console. The user types raw lines; the engine still parses them and every
// reply, tracks the state and says when a line does not fit it. AUTH payloads are masked here,
// where the typed line becomes a command.
import { MASK, payloadIssues, secretsInPayload } from '../../protocols/common/sasl.js';
import { SmtpEngine } from '../../protocols/smtp/engine.js';
import { explainReply } from '../smtp-conversation.js';
import type { ConsoleAdapter, ConsoleEvent, ConsoleOutgoing } from './adapter.js';

const AUTH_WITH_PAYLOAD = /^(AUTH\s+\S+)\s+(\S+)\s*$/i;

export const createSmtpAdapter = (options: { tls?: boolean } = {}): ConsoleAdapter => {
  const engine = new SmtpEngine({ tls: options.tls ?? false });
  let mechanism = '';
  const judged = (payload: string): Record<string, unknown> => ({
    'auth.payload': { mechanism, issues: payloadIssues(mechanism, payload) },
  });
  return {
    protocol: 'smtp',
    get awaiting() {
      return engine.awaiting;
    },
    whyNot: (line) => engine.whyNot({ verb: 'RAW', line }),
    send: (line): ConsoleOutgoing => {
      const inAuth = engine.state === 'auth';
      const out = engine.send({ verb: 'RAW', line });
      const started = /^AUTH\s+(\S+)/i.exec(line);
      if (started) mechanism = started[1]!.toUpperCase();
      const auth = AUTH_WITH_PAYLOAD.exec(line);
      if (auth && auth[2] !== '=') {
        return {
          bytes: out.bytes,
          display: [`${auth[1]} ${MASK}`],
          secret: true,
          secrets: secretsInPayload(auth[2]!),
          facts: judged(auth[2]!),
        };
      }
      if (inAuth) {
        // Answers to 334 challenges are masked whole: the console cannot tell a user name from a password.
        return {
          bytes: out.bytes,
          display: [MASK],
          secret: true,
          secrets: secretsInPayload(line.trim()),
          facts: judged(line),
        };
      }
      return { bytes: out.bytes, display: out.display, secret: false, secrets: [] };
    },
    receive: (chunk): ConsoleEvent[] => {
      const events: ConsoleEvent[] = [];
      for (const event of engine.receive(chunk)) {
        if (event.type === 'note') events.push({ type: 'note', text: event.text });
        else {
          events.push({
            type: 'lines',
            lines: event.reply.rawLines,
            explanation: explainReply(event.reply),
          });
          if (event.challenge !== undefined)
            events.push({ type: 'note', text: `the challenge decodes to "${event.challenge}"` });
          if (event.state === 'tls') events.push({ type: 'tls-ready' });
        }
      }
      return events;
    },
    tlsEstablished: () => engine.tlsEstablished(),
  };
};
