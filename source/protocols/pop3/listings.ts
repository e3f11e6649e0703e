// The data in POP3 answers: STAT's drop listing, LIST's scan listings, UIDL's unique-id listings
// (RFC 1939 5 and 7). A line that does not fit the grammar is a protocol error with its bytes kept.
import { RemoteProtocolError } from '../common/errors.js';

export interface Pop3Stat {
  messages: number;
  octets: number;
}

export interface Pop3ListEntry {
  message: number;
  octets: number;
}

export interface Pop3UidEntry {
  message: number;
  /** RFC 1939 7: 1 to 70 characters in the range 0x21 to 0x7E. */
  uid: string;
}

// RFC 1939 leaves room for more information after the required fields, so only the start is strict.
const TWO_NUMBERS = /^([0-9]+) ([0-9]+)(?:[ \t].*)?$/s;
const UID_LINE = /^([0-9]+) ([\x21-\x7e]{1,70})(?:[ \t].*)?$/s;

const fail = (what: string, text: string): never => {
  throw new RemoteProtocolError(
    `malformed ${what}: ${JSON.stringify(text.slice(0, 80))}`,
    Buffer.from(text, 'utf8'),
  );
};

const safeNumber = (digits: string, what: string, text: string): number => {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : fail(what, text);
};

export const parseStat = (text: string): Pop3Stat => {
  const match = TWO_NUMBERS.exec(text) ?? fail('STAT drop listing', text);
  return {
    messages: safeNumber(match[1]!, 'STAT drop listing', text),
    octets: safeNumber(match[2]!, 'STAT drop listing', text),
  };
};

export const parseScanListing = (text: string): Pop3ListEntry => {
  const match = TWO_NUMBERS.exec(text) ?? fail('LIST scan listing', text);
  return {
    message: safeNumber(match[1]!, 'LIST scan listing', text),
    octets: safeNumber(match[2]!, 'LIST scan listing', text),
  };
};

export const parseUidListing = (text: string): Pop3UidEntry => {
  const match = UID_LINE.exec(text) ?? fail('UIDL listing', text);
  return { message: safeNumber(match[1]!, 'UIDL listing', text), uid: match[2]! };
};
