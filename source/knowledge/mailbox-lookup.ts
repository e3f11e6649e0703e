// POP3 and IMAP status lines: parsing what a server said and describing it in one line.
import { IMAP_RESPONSE_CODES, IMAP_STATUS, IMAP_UNTAGGED_DATA } from './imap-codes.js';
import { POP3_RESPONSE_CODES, POP3_STATUS } from './pop3-codes.js';
import { lowerFirst } from './text.js';
import type { ImapCodeEntry, Pop3CodeEntry } from './types.js';
import { matchVendorPatterns } from './vendor-lookup.js';

const byCode = <T extends { code: string }>(entries: T[]): Map<string, T> =>
  new Map(entries.map((entry) => [entry.code.toUpperCase(), entry]));

const POP3_CODES = byCode(POP3_RESPONSE_CODES);
const POP3_STATUSES = byCode(POP3_STATUS);
const IMAP_CODES = byCode(IMAP_RESPONSE_CODES);
const IMAP_STATUSES = byCode(IMAP_STATUS);

/** "IN-USE", "[SYS/TEMP]"; hierarchical codes fall back to their parents ("SYS/TEMP/DB" -> SYS/TEMP). */
export const pop3ResponseCode = (code: string): Pop3CodeEntry | undefined => {
  const parts = code
    .trim()
    .replace(/^\[|\]$/g, '')
    .toUpperCase()
    .split('/');
  for (let length = parts.length; length > 0; length -= 1) {
    const entry = POP3_CODES.get(parts.slice(0, length).join('/'));
    if (entry) return entry;
  }
  return undefined;
};

/** "TRYCREATE", "[UIDVALIDITY 42]": the name is the first word inside the brackets. */
export const imapResponseCode = (code: string): ImapCodeEntry | undefined => {
  const name =
    code
      .trim()
      .replace(/^\[|\]$/g, '')
      .split(/\s+/)[0] ?? '';
  return IMAP_CODES.get(name.toUpperCase());
};

export interface Pop3Line {
  status: '+OK' | '-ERR';
  /** Bracketed response code without brackets, upper-cased: "IN-USE". */
  code?: string;
  text: string;
}

const POP3_LINE = /^(\+OK|-ERR)(?:[ \t]+(.*))?$/is;
const BRACKETED = /^\[([^\]]*)\][ \t]*(.*)$/s;

export const parsePop3Line = (line: string): Pop3Line | undefined => {
  const match = POP3_LINE.exec(line.trim());
  if (!match) return undefined;
  const status = match[1]?.toUpperCase() === '+OK' ? '+OK' : '-ERR';
  const rest = match[2] ?? '';
  const bracket = BRACKETED.exec(rest);
  if (bracket)
    return { status, code: (bracket[1] ?? '').trim().toUpperCase(), text: bracket[2] ?? '' };
  return { status, text: rest };
};

export interface ImapLine {
  /** "*" for untagged, "+" for a continuation request, otherwise the client's tag. */
  tag: string;
  /** OK, NO, BAD, PREAUTH or BYE, when the line is a status response. */
  status?: 'OK' | 'NO' | 'BAD' | 'PREAUTH' | 'BYE';
  /** First word of the bracketed code, upper-cased: "UIDVALIDITY". */
  code?: string;
  /** Everything inside the brackets: "UIDVALIDITY 3857529045". */
  codeText?: string;
  /** Untagged data keyword: "EXISTS", "CAPABILITY". */
  data?: string;
  text: string;
}

const IMAP_LINE = /^(\*|\+|[A-Za-z0-9._-]+)(?:[ \t]+(.*))?$/s;
const IMAP_STATUS_WORD = /^(OK|NO|BAD|PREAUTH|BYE)\b[ \t]*(.*)$/is;

export const parseImapLine = (line: string): ImapLine | undefined => {
  const match = IMAP_LINE.exec(line.trim());
  if (!match) return undefined;
  const tag = match[1] ?? '';
  const rest = match[2] ?? '';
  if (tag === '+') return { tag, text: rest };
  const status = IMAP_STATUS_WORD.exec(rest);
  if (status) {
    const word = (status[1] ?? '').toUpperCase() as NonNullable<ImapLine['status']>;
    if (tag !== '*' && (word === 'PREAUTH' || word === 'BYE')) return undefined;
    const after = status[2] ?? '';
    const bracket = BRACKETED.exec(after);
    if (bracket) {
      const codeText = (bracket[1] ?? '').trim();
      const code = (codeText.split(/\s+/)[0] ?? '').toUpperCase();
      return { tag, status: word, code, codeText, text: bracket[2] ?? '' };
    }
    return { tag, status: word, text: after };
  }
  if (tag !== '*') return undefined;
  const words = rest.split(/\s+/);
  const data = (/^\d+$/.test(words[0] ?? '') ? words[1] : words[0])?.toUpperCase();
  return data ? { tag, data, text: rest } : undefined;
};

const vendorTail = (line: string): string => {
  const vendor = matchVendorPatterns(line)[0];
  return vendor ? ` (${vendor.vendor}: ${vendor.label})` : '';
};

/** "+OK ..." / "-ERR [IN-USE] ..." -> "-ERR [IN-USE]: mailbox in use: another session has it locked". */
export const describePop3Response = (line: string): string => {
  try {
    const parsed = parsePop3Line(line);
    if (!parsed) return 'not a POP3 status line (it should start with +OK or -ERR)';
    const codeEntry = parsed.code ? pop3ResponseCode(parsed.code) : undefined;
    const statusEntry = POP3_STATUSES.get(parsed.status);
    const meaning = codeEntry?.summary ?? statusEntry?.summary ?? '';
    const head = parsed.code ? `${parsed.status} [${parsed.code}]` : parsed.status;
    return `${head}: ${lowerFirst(meaning)}${vendorTail(line)}`;
  } catch {
    return 'POP3 response (no description available)';
  }
};

/** Tagged or untagged IMAP responses, with their [CODE] when present. */
export const describeImapResponse = (line: string): string => {
  try {
    const parsed = parseImapLine(line);
    if (!parsed) return 'not an IMAP response line';
    if (parsed.tag === '+')
      return '+: continuation request: the server waits for more data from the client';
    if (parsed.data) {
      const meaning = IMAP_UNTAGGED_DATA[parsed.data] ?? 'untagged data from the server';
      return `* ${parsed.data}: ${meaning}`;
    }
    const statusEntry = parsed.status ? IMAP_STATUSES.get(parsed.status) : undefined;
    const codeEntry = parsed.code ? imapResponseCode(parsed.code) : undefined;
    const meaning = codeEntry?.summary ?? statusEntry?.summary ?? '';
    const head = [
      parsed.tag === '*' ? '* ' : '',
      parsed.status,
      parsed.code ? ` [${parsed.code}]` : '',
    ].join('');
    return `${head}: ${lowerFirst(meaning)}${vendorTail(line)}`;
  } catch {
    return 'IMAP response (no description available)';
  }
};
