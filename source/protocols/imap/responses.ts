// What a framed IMAP response means: status responses with their response codes (RFC 3501 7.1,
// RFC 9051 7.1, RFC 5530), continuation requests, and the untagged data retrieval needs.
import { RemoteProtocolError } from '../common/errors.js';
import type { ImapCapabilities } from './capabilities.js';
import { parseCapabilityList } from './capabilities.js';
import type { ImapFetch } from './fetch.js';
import { parseFetch } from './fetch.js';
import type { ImapRawResponse } from './reader.js';
import type { ImapValue } from './values.js';
import { ImapValueReader, listTexts } from './values.js';

export type ImapStatusWord = 'OK' | 'NO' | 'BAD' | 'PREAUTH' | 'BYE';

export interface ImapResponseCode {
  /** Upper-cased: "UIDVALIDITY", "AUTHENTICATIONFAILED". */
  name: string;
  /** Whatever followed the name inside the brackets, as sent. */
  argument?: string;
  /** One of the codes RFC 3501, RFC 9051, RFC 5530 or a common extension define. */
  known: boolean;
  /** For UIDVALIDITY, UIDNEXT, UNSEEN, HIGHESTMODSEQ... */
  number?: number;
  /** For CAPABILITY, PERMANENTFLAGS, BADCHARSET... */
  values?: string[];
}

export interface ImapStatusResponse {
  /** The tag, "*" for untagged responses. */
  tag: string;
  status: ImapStatusWord;
  code?: ImapResponseCode;
  text: string;
}

export interface ImapContinuation {
  code?: ImapResponseCode;
  /** Free text or a base64 SASL challenge. */
  text: string;
}

export type ImapUntaggedData =
  | { kind: 'status'; response: ImapStatusResponse }
  | { kind: 'capability'; capabilities: ImapCapabilities }
  | { kind: 'exists'; count: number }
  | { kind: 'recent'; count: number }
  | { kind: 'expunge'; number: number }
  | { kind: 'flags'; flags: string[] }
  | { kind: 'search'; numbers: number[] }
  | { kind: 'fetch'; fetch: ImapFetch }
  /** LIST, STATUS, ENABLED, ESEARCH, ID, NAMESPACE...: kept as parsed values. */
  | { kind: 'other'; name: string; number?: number; values: ImapValue[] };

export const KNOWN_RESPONSE_CODES: readonly string[] = [
  // RFC 3501 7.1
  'ALERT',
  'BADCHARSET',
  'CAPABILITY',
  'PARSE',
  'PERMANENTFLAGS',
  'READ-ONLY',
  'READ-WRITE',
  'TRYCREATE',
  'UIDNEXT',
  'UIDVALIDITY',
  'UNSEEN',
  // RFC 5530
  'UNAVAILABLE',
  'AUTHENTICATIONFAILED',
  'AUTHORIZATIONFAILED',
  'EXPIRED',
  'PRIVACYREQUIRED',
  'CONTACTADMIN',
  'NOPERM',
  'INUSE',
  'EXPUNGEISSUED',
  'CORRUPTION',
  'SERVERBUG',
  'CLIENTBUG',
  'CANNOT',
  'LIMIT',
  'OVERQUOTA',
  'ALREADYEXISTS',
  'NONEXISTENT',
  // RFC 9051 7.1, RFC 4315, RFC 7162, RFC 8474, RFC 4978
  'CLOSED',
  'HASCHILDREN',
  'NOTSAVED',
  'UIDNOTSTICKY',
  'APPENDUID',
  'COPYUID',
  'HIGHESTMODSEQ',
  'NOMODSEQ',
  'MODIFIED',
  'MAILBOXID',
  'COMPRESSIONACTIVE',
  'UNKNOWN-CTE',
];

const NUMERIC_CODES = new Set(['UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'HIGHESTMODSEQ']);
const STATUS_WORDS = new Set<string>(['OK', 'NO', 'BAD', 'PREAUTH', 'BYE']);

const fail = (message: string, raw: ImapRawResponse): never => {
  throw new RemoteProtocolError(`malformed IMAP response: ${message}`, raw.firstRaw);
};

export const parseResponseCode = (inner: string): ImapResponseCode => {
  const space = inner.indexOf(' ');
  const name = (space === -1 ? inner : inner.slice(0, space)).toUpperCase();
  const argument = space === -1 ? undefined : inner.slice(space + 1);
  const code: ImapResponseCode = { name, known: KNOWN_RESPONSE_CODES.includes(name) };
  if (argument !== undefined) code.argument = argument;
  if (argument !== undefined && NUMERIC_CODES.has(name) && /^[0-9]{1,15}$/.test(argument.trim())) {
    code.number = Number(argument.trim());
  }
  if (
    argument !== undefined &&
    (name === 'CAPABILITY' || name === 'PERMANENTFLAGS' || name === 'BADCHARSET')
  ) {
    code.values = argument
      .replace(/^\(|\)$/g, '')
      .split(/\s+/)
      .filter(Boolean);
  }
  return code;
};

/** resp-text: an optional "[CODE args]" then free text. */
export const parseResponseText = (text: string): { code?: ImapResponseCode; text: string } => {
  if (!text.startsWith('[')) return { text };
  const close = text.indexOf(']');
  if (close === -1) return { text };
  return {
    code: parseResponseCode(text.slice(1, close)),
    text: text.slice(close + 1).replace(/^ /, ''),
  };
};

const statusOf = (tag: string, rest: string, raw: ImapRawResponse): ImapStatusResponse => {
  const match = /^([A-Za-z]+)(?: (.*))?$/s.exec(rest);
  const word = match?.[1]?.toUpperCase() ?? '';
  if (!STATUS_WORDS.has(word))
    return fail(`expected OK, NO or BAD, got ${JSON.stringify(rest.slice(0, 40))}`, raw);
  return { tag, status: word as ImapStatusWord, ...parseResponseText(match?.[2] ?? '') };
};

/** A tagged response: "a1 OK [code] text". Only OK, NO and BAD may be tagged. */
export const interpretTagged = (raw: ImapRawResponse): ImapStatusResponse => {
  const line = raw.lines[0] ?? '';
  const status = statusOf(raw.tag!, line.slice(raw.tag!.length + 1), raw);
  if (status.status === 'BYE' || status.status === 'PREAUTH')
    fail(`${status.status} cannot be tagged`, raw);
  return status;
};

export const interpretContinuation = (raw: ImapRawResponse): ImapContinuation =>
  parseResponseText((raw.lines[0] ?? '').slice(2));

export const interpretUntagged = (raw: ImapRawResponse): ImapUntaggedData => {
  const line = raw.lines[0] ?? '';
  const rest = line.slice(2);
  const first = /^([^ ]*)(?: |$)/.exec(rest)![1]!;
  const word = first.toUpperCase();
  if (STATUS_WORDS.has(word)) return { kind: 'status', response: statusOf('*', rest, raw) };

  const reader = new ImapValueReader(raw, 0, 2 + first.length);
  if (/^[0-9]{1,15}$/.test(first)) {
    const number = Number(first);
    reader.skipSpaces();
    const nameValue = reader.readValue();
    if (nameValue.type !== 'atom') return fail('a message number without a data name', raw);
    const name = nameValue.value.toUpperCase();
    switch (name) {
      case 'EXISTS':
        return { kind: 'exists', count: number };
      case 'RECENT':
        return { kind: 'recent', count: number };
      case 'EXPUNGE':
        return { kind: 'expunge', number };
      case 'FETCH': {
        const fetch = parseFetch(number, reader.readValue(), raw.firstRaw);
        if (!reader.atEnd()) fail('data after the FETCH attributes', raw);
        return { kind: 'fetch', fetch };
      }
      default:
        return { kind: 'other', name, number, values: reader.readAll() };
    }
  }
  if (first === '') return fail('an untagged response without data', raw);
  switch (word) {
    case 'CAPABILITY':
      return {
        kind: 'capability',
        capabilities: parseCapabilityList(reader.restOfLine().split(' ')),
      };
    case 'FLAGS': {
      const flags = listTexts(reader.readValue());
      return flags ? { kind: 'flags', flags } : fail('FLAGS without a list', raw);
    }
    case 'SEARCH': {
      // RFC 7162 appends "(MODSEQ n)"; only the numbers are results.
      const numbers: number[] = [];
      for (const value of reader.readAll()) {
        if (value.type === 'number') numbers.push(value.value);
        else if (value.type !== 'list') fail(`a SEARCH result that is not a number`, raw);
      }
      return { kind: 'search', numbers };
    }
    default:
      return { kind: 'other', name: word, values: reader.readAll() };
  }
};
