// What both transports share: the shape of one exchange's result, and the checks that decide
// whether a datagram or a TCP message is the reply to our query. RFC 5452: a reply counts only
// if it comes from the resolver we asked, carries our ID and repeats our question; anything else
// is ignored (spoofed, stale or stray) and we keep waiting until the deadline.
import type { DecodedReply } from './wire.js';
import { MalformedReplyError, decodeReply, peekId, typeName } from './wire.js';

export interface Expectation {
  id: number;
  name: string;
  typeCode: number;
}

export type ExchangeResult =
  | { kind: 'reply'; reply: DecodedReply; ignored: string[] }
  | { kind: 'malformed'; reason: string; ignored: string[] }
  | { kind: 'timeout'; ignored: string[] }
  | { kind: 'unreachable'; code: string; message: string; ignored: string[] }
  | { kind: 'aborted'; ignored: string[] };

export type Examined =
  | { kind: 'accept'; reply: DecodedReply }
  | { kind: 'ignore'; reason: string }
  | { kind: 'malformed'; reason: string };

const sameName = (a: string, b: string): boolean =>
  a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();

export const examine = (buf: Buffer, expect: Expectation): Examined => {
  const id = peekId(buf);
  if (id === undefined)
    return { kind: 'ignore', reason: `a ${buf.length}-byte datagram too short to be a reply` };
  if (id !== expect.id)
    return { kind: 'ignore', reason: `a reply with ID ${id} instead of ${expect.id}` };
  if (buf.length >= 3 && ((buf[2] ?? 0) & 0x80) === 0)
    return { kind: 'ignore', reason: 'a message that is a query, not a reply' };
  let reply: DecodedReply;
  try {
    reply = decodeReply(buf);
  } catch (error) {
    if (error instanceof MalformedReplyError) return { kind: 'malformed', reason: error.message };
    throw error;
  }
  if (reply.question) {
    const q = reply.question;
    if (!sameName(q.name, expect.name) || q.type !== expect.typeCode || q.class !== 1) {
      return {
        kind: 'ignore',
        reason: `a reply to another question (${typeName(q.type)} ${q.name})`,
      };
    }
  } else if (reply.rcode === 0) {
    return { kind: 'malformed', reason: 'a NOERROR reply that does not repeat the question' };
  }
  if (reply.opcode !== 0)
    return { kind: 'malformed', reason: `reply opcode ${reply.opcode}, expected 0 (QUERY)` };
  return { kind: 'accept', reply };
};

/** Milliseconds left until a deadline given in performance.now() time; never negative. */
export const remainingMs = (deadlineAt: number): number =>
  Math.max(0, deadlineAt - performance.now());
