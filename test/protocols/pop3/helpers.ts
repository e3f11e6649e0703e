// Shared set-up for the POP3 engine tests: a greeted engine, a logged-in engine, and feeding bytes
// one at a time to prove that framing does not depend on how the network splits them.
import { Pop3Engine } from '../../../source/protocols/pop3/engine.js';
import type { Pop3EngineOptions, Pop3Event } from '../../../source/protocols/pop3/engine.js';

export const b = (text: string): Buffer => Buffer.from(text, 'utf8');

/** RFC 1939 7's example greeting. */
export const GREETING = '+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n';

export const greeted = (options: Pop3EngineOptions = {}): Pop3Engine => {
  const engine = new Pop3Engine(options);
  engine.receive(b(GREETING));
  return engine;
};

export const loggedIn = (options: Pop3EngineOptions = {}): Pop3Engine => {
  const engine = greeted(options);
  engine.send({ verb: 'USER', user: 'bob' });
  engine.receive(b('+OK\r\n'));
  engine.send({ verb: 'PASS', password: 's3cret' });
  engine.receive(b('+OK maildrop locked and ready\r\n'));
  return engine;
};

export const byteByByte = (engine: Pop3Engine, bytes: Buffer): Pop3Event[] => {
  const events: Pop3Event[] = [];
  for (let i = 0; i < bytes.length; i += 1)
    events.push(...engine.receive(bytes.subarray(i, i + 1)));
  return events;
};

/** The single event of a given type, asserting there is exactly one. */
export const only = <T extends Pop3Event['type']>(
  events: Pop3Event[],
  type: T,
): Extract<Pop3Event, { type: T }> => {
  const matching = events.filter((e) => e.type === type);
  if (matching.length !== 1)
    throw new Error(
      `expected one ${type} event, got ${matching.length}: ${JSON.stringify(events)}`,
    );
  return matching[0] as Extract<Pop3Event, { type: T }>;
};
