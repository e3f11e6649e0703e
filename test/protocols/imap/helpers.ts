// Shared set-up for the IMAP engine tests: greeted, logged-in and selected engines, and feeding
// bytes one at a time to prove that framing does not depend on how the network splits them.
import { ImapEngine } from '../../../source/protocols/imap/engine.js';
import type { ImapEngineOptions, ImapEvent } from '../../../source/protocols/imap/engine.js';

export const b = (text: string): Buffer => Buffer.from(text, 'utf8');

export const GREETING =
  '* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready.\r\n';
/** A server that offers neither SASL-IR nor LITERAL+/-: every literal waits for "+". */
export const PLAIN_GREETING = '* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready\r\n';

export const greeted = (options: ImapEngineOptions = {}, greeting = PLAIN_GREETING): ImapEngine => {
  const engine = new ImapEngine(options);
  engine.receive(b(greeting));
  return engine;
};

export const loggedIn = (options: ImapEngineOptions = {}): ImapEngine => {
  const engine = greeted(options);
  const out = engine.send({ verb: 'LOGIN', user: 'bob', password: 's3cret' });
  engine.receive(b(`${out.tag} OK Logged in\r\n`));
  return engine;
};

export const selected = (options: ImapEngineOptions = {}): ImapEngine => {
  const engine = loggedIn(options);
  const out = engine.send({ verb: 'SELECT', mailbox: 'INBOX' });
  engine.receive(b(`* 2 EXISTS\r\n${out.tag} OK [READ-WRITE] Select completed\r\n`));
  return engine;
};

export const byteByByte = (engine: ImapEngine, bytes: Buffer): ImapEvent[] => {
  const events: ImapEvent[] = [];
  for (let i = 0; i < bytes.length; i += 1)
    events.push(...engine.receive(bytes.subarray(i, i + 1)));
  return events;
};

/** The single event of a given type, asserting there is exactly one. */
export const only = <T extends ImapEvent['type']>(
  events: ImapEvent[],
  type: T,
): Extract<ImapEvent, { type: T }> => {
  const matching = events.filter((e) => e.type === type);
  if (matching.length !== 1)
    throw new Error(
      `expected one ${type} event, got ${matching.length}: ${JSON.stringify(events)}`,
    );
  return matching[0] as Extract<ImapEvent, { type: T }>;
};
