// SMTP replies (RFC 5321 4.2): one or more lines "NNN-text", the last "NNN text" or just "NNN".
// A malformed line or a continuation whose code changes is a remote protocol error that keeps
// the raw bytes, because a mangled reply is itself a diagnosis (a middlebox, a broken server).
import { RemoteProtocolError } from '../common/errors.js';
import type { FramedLine } from '../common/framer.js';
import { ReplyBudget } from '../common/framer.js';
import type { FramingLimits } from '../common/limits.js';
import { DEFAULT_FRAMING_LIMITS } from '../common/limits.js';

export interface EnhancedCode {
  class: 2 | 4 | 5;
  subject: number;
  detail: number;
  /** "5.7.1" */
  text: string;
}

export interface SmtpReply {
  code: number;
  /** Text of each line after the code and separator. */
  lines: string[];
  /** First enhanced status code found (RFC 3463 / RFC 2034), if any. */
  enhanced?: EnhancedCode;
  /** The lines as received, terminators removed, for the transcript. */
  rawLines: string[];
  bareLf: boolean;
}

const LINE = /^([0-9]{3})(?:([ -])(.*))?$/s;
const ENHANCED = /^([245])\.([0-9]{1,3})\.([0-9]{1,3})(?=\s|$)/;

/** Extracts "X.Y.Z" from the start of a reply line's text, only when its class matches the code's. */
export const parseEnhancedCode = (code: number, text: string): EnhancedCode | undefined => {
  const match = ENHANCED.exec(text);
  if (!match) return undefined;
  const cls = Number(match[1]) as 2 | 4 | 5;
  if (cls !== Math.floor(code / 100)) return undefined;
  return { class: cls, subject: Number(match[2]), detail: Number(match[3]), text: match[0] };
};

export const replyClass = (code: number): 2 | 3 | 4 | 5 => Math.floor(code / 100) as 2 | 3 | 4 | 5;
export const isPositive = (reply: SmtpReply): boolean => reply.code >= 200 && reply.code < 400;

/** The whole reply as one string, lines joined by newlines. */
export const replyText = (reply: SmtpReply): string => reply.lines.join('\n');

/** Collects framed lines into complete replies. */
export class SmtpReplyAssembler {
  private code: number | undefined;
  private lines: string[] = [];
  private raw: string[] = [];
  private bareLf = false;
  private readonly budget: ReplyBudget;

  constructor(limits: FramingLimits = DEFAULT_FRAMING_LIMITS) {
    this.budget = new ReplyBudget(limits);
  }

  /** Feeds one line; returns the reply when this line completes it. */
  add(line: FramedLine): SmtpReply | undefined {
    this.budget.add(line);
    const match = LINE.exec(line.text);
    if (!match) {
      this.reset();
      throw new RemoteProtocolError(
        `malformed SMTP reply line: ${JSON.stringify(line.text.slice(0, 80))}`,
        line.raw,
      );
    }
    const code = Number(match[1]);
    if (code < 200 || code > 599) {
      this.reset();
      throw new RemoteProtocolError(`reply code ${code} is outside 2xx-5xx`, line.raw);
    }
    if (this.code !== undefined && code !== this.code) {
      const previous = this.code;
      this.reset();
      throw new RemoteProtocolError(
        `multi-line reply changed its code from ${previous} to ${code}`,
        line.raw,
      );
    }
    this.code = code;
    this.lines.push(match[3] ?? '');
    this.raw.push(line.text);
    this.bareLf ||= line.bareLf;
    if (match[2] === '-') return undefined;

    const lines = this.lines;
    const enhanced = lines
      .map((text) => parseEnhancedCode(code, text))
      .find((e) => e !== undefined);
    const reply: SmtpReply = { code, lines, rawLines: this.raw, bareLf: this.bareLf };
    if (enhanced) reply.enhanced = enhanced;
    this.reset();
    return reply;
  }

  get inProgress(): boolean {
    return this.code !== undefined;
  }

  private reset(): void {
    this.code = undefined;
    this.lines = [];
    this.raw = [];
    this.bareLf = false;
    this.budget.reset();
  }
}
