// POP3 responses (RFC 1939 3): a status line "+OK text" or "-ERR text", for some commands
// followed by dot-stuffed lines up to a lone ".". RFC 2449 8 adds "[CODE]" after the status, and
// RFC 5034 the "+ challenge" of a SASL exchange.
import { RemoteProtocolError } from '../common/errors.js';
import type { FramedLine } from '../common/framer.js';
import { ReplyBudget } from '../common/framer.js';
import type { FramingLimits } from '../common/limits.js';

export type Pop3Status = '+OK' | '-ERR' | '+';

/** RFC 2449 8 "[SYS/TEMP]": levels separated by slashes. */
export interface Pop3ResponseCode {
  /** As sent, upper-cased: "SYS/TEMP". */
  text: string;
  levels: string[];
  /** One of the codes RFC 2449, RFC 3206 and RFC 6856 define. */
  known: boolean;
}

export interface Pop3Response {
  status: Pop3Status;
  /** True for +OK only; a "+" SASL challenge is not a success. */
  ok: boolean;
  code?: Pop3ResponseCode;
  /** The status line's text after the status indicator and any code. */
  text: string;
  /** The payload of a dot-terminated list (CAPA, LIST, UIDL), unstuffed; empty otherwise. */
  lines: string[];
  /** The lines as received, terminators removed, for the transcript. */
  rawLines: string[];
  bareLf: boolean;
}

export interface Pop3Message {
  /** The message with CRLF line ends, unstuffed; ends with the truncation mark when truncated. */
  bytes: Buffer;
  /** Size of the whole message as the server sent it (unstuffed, CRLF line ends). */
  octets: number;
  lines: number;
  truncated: boolean;
}

export const KNOWN_RESPONSE_CODES: readonly string[] = [
  'IN-USE',
  'LOGIN-DELAY',
  'SYS/TEMP',
  'SYS/PERM',
  'AUTH',
  'UTF8',
];

const STATUS = /^(\+OK|-ERR)(?:[ \t](.*))?$/s;
const CONTINUATION = /^\+(?: (.*))?$/s;
const CODE = /^\[([^\]\s]+)\][ \t]*(.*)$/s;

export const parseResponseCode = (inner: string): Pop3ResponseCode | undefined => {
  const levels = inner.split('/');
  if (levels.some((l) => l === '')) return undefined;
  const text = inner.toUpperCase();
  return {
    text,
    levels: levels.map((l) => l.toUpperCase()),
    known: KNOWN_RESPONSE_CODES.includes(text),
  };
};

/** Parses a status line; `allowChallenge` when a SASL exchange may get "+ " instead. */
export const parseStatusLine = (line: FramedLine, allowChallenge: boolean): Pop3Response => {
  const base = { lines: [], rawLines: [line.text], bareLf: line.bareLf };
  const match = STATUS.exec(line.text);
  if (match) {
    const status = match[1] as '+OK' | '-ERR';
    let text = match[2] ?? '';
    let code: Pop3ResponseCode | undefined;
    const coded = CODE.exec(text);
    if (coded) {
      code = parseResponseCode(coded[1]!);
      if (code) text = coded[2] ?? '';
    }
    return { status, ok: status === '+OK', text, ...(code ? { code } : {}), ...base };
  }
  const challenge = CONTINUATION.exec(line.text);
  if (challenge && allowChallenge)
    return { status: '+', ok: false, text: challenge[1] ?? '', ...base };
  throw new RemoteProtocolError(
    `malformed POP3 status line: ${JSON.stringify(line.text.slice(0, 80))} (expected "+OK" or "-ERR")`,
    line.raw,
  );
};

/** RFC 1939 7 greeting: "<process-ID.clock@hostname>" is what APOP digests. */
export const apopTimestampOf = (text: string): string | undefined =>
  /<[^<>\s]*@[^<>\s]*>/.exec(text)?.[0];

const DOT = 0x2e;
const CRLF = Buffer.from('\r\n');

const contentOf = (line: FramedLine): Buffer =>
  line.raw.subarray(0, line.raw.length - (line.bareLf ? 1 : 2));

export const truncationMark = (kept: number, octets: number): string =>
  `[mailmedic: message truncated: kept ${kept} of ${octets} bytes, the rest was read and discarded]`;

/**
 * Collects the dot-terminated part of a response. Lists are bounded by the reply budget; messages
 * by a byte cap beyond which lines are read and dropped, so a huge message still ends cleanly.
 */
export class Pop3PayloadCollector {
  private readonly lines: string[] = [];
  private readonly rawLines: string[] = [];
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private octets = 0;
  private count = 0;
  private truncated = false;
  private readonly budget: ReplyBudget;

  constructor(
    private readonly kind: 'lines' | 'message',
    limits: FramingLimits,
    private readonly maxMessageBytes: number,
  ) {
    this.budget = new ReplyBudget(limits);
  }

  /** Feeds one line; true when it was the terminating dot. */
  add(line: FramedLine): boolean {
    if (line.text === '.') {
      this.rawLines.push('.');
      return true;
    }
    const stuffed = line.raw[0] === DOT;
    if (this.kind === 'lines') {
      this.budget.add(line);
      this.lines.push(stuffed ? line.text.slice(1) : line.text);
      this.rawLines.push(line.text);
      return false;
    }
    const content = contentOf(line);
    const body = stuffed ? content.subarray(1) : content;
    const size = body.length + 2;
    this.octets += size;
    this.count += 1;
    if (!this.truncated && this.kept + size <= this.maxMessageBytes) {
      this.chunks.push(body, CRLF);
      this.kept += size;
      this.rawLines.push(line.text);
    } else {
      this.truncated = true;
    }
    return false;
  }

  get payloadLines(): string[] {
    return this.lines;
  }

  get transcript(): string[] {
    return this.rawLines;
  }

  message(): Pop3Message {
    const chunks = [...this.chunks];
    if (this.truncated)
      chunks.push(Buffer.from(`${truncationMark(this.kept, this.octets)}\r\n`, 'utf8'));
    return {
      bytes: Buffer.concat(chunks),
      octets: this.octets,
      lines: this.count,
      truncated: this.truncated,
    };
  }
}
