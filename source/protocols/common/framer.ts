// Turns a byte stream into lines (or counted byte blocks, for IMAP literals) with hard bounds.
// Pull-based: the engine decides after each line whether it wants another line or N raw bytes.
import { RemoteProtocolError } from './errors.js';
import type { FramingLimits } from './limits.js';
import { DEFAULT_FRAMING_LIMITS } from './limits.js';

export interface FramedLine {
  /** The line without its terminator, decoded as UTF-8 (invalid sequences become U+FFFD). */
  text: string;
  /** The exact bytes, terminator included. */
  raw: Buffer;
  /** True when the line ended in a bare LF instead of CRLF (tolerated, but worth a note). */
  bareLf: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const decoder = new TextDecoder('utf-8', { fatal: false });

export class LineFramer {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly limits: FramingLimits;

  constructor(limits: Partial<FramingLimits> = {}) {
    this.limits = { ...DEFAULT_FRAMING_LIMITS, ...limits };
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.buffer =
      this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
  }

  /** Bytes received but not yet consumed. */
  get pending(): number {
    return this.buffer.length;
  }

  /** A copy of the start of the line still arriving (a greeting dripped a byte at a time). */
  peek(max = 256): Buffer {
    return Buffer.from(this.buffer.subarray(0, max));
  }

  /** Hands over (and forgets) everything not yet consumed. */
  drain(): Buffer {
    const rest = this.buffer;
    this.buffer = Buffer.alloc(0);
    return rest;
  }

  /** The next complete line, or undefined when more bytes are needed. Throws on NUL or overlong. */
  nextLine(): FramedLine | undefined {
    const lf = this.buffer.indexOf(LF);
    const limit = this.limits.maxLineBytes;
    if (lf === -1) {
      // A line still growing past the limit is refused before we wait longer; one byte over is
      // fine only while that byte is the CR of a CRLF whose LF has not arrived yet.
      const length = this.buffer.length;
      if (length > limit + 1 || (length === limit + 1 && this.buffer[limit] !== CR)) {
        throw new RemoteProtocolError(
          `line longer than ${limit} bytes`,
          this.buffer.subarray(0, 256),
          'ELIMIT',
        );
      }
      return undefined;
    }
    const raw = this.buffer.subarray(0, lf + 1);
    const bareLf = lf === 0 || this.buffer[lf - 1] !== CR;
    const content = raw.subarray(0, bareLf ? lf : lf - 1);
    if (content.length > limit) {
      throw new RemoteProtocolError(
        `line longer than ${limit} bytes`,
        raw.subarray(0, 256),
        'ELIMIT',
      );
    }
    if (content.includes(NUL)) {
      throw new RemoteProtocolError('NUL byte in a line', Buffer.from(raw));
    }
    this.buffer = this.buffer.subarray(lf + 1);
    return { text: decoder.decode(content), raw: Buffer.from(raw), bareLf };
  }

  /** Exactly n raw bytes (an IMAP literal), or undefined when fewer have arrived. */
  nextBytes(n: number): Buffer | undefined {
    if (this.buffer.length < n) return undefined;
    const out = Buffer.from(this.buffer.subarray(0, n));
    this.buffer = this.buffer.subarray(n);
    return out;
  }
}

/** Counts lines and bytes of one multi-line reply against the limits. */
export class ReplyBudget {
  private lines = 0;
  private bytes = 0;
  constructor(private readonly limits: FramingLimits = DEFAULT_FRAMING_LIMITS) {}

  add(line: FramedLine): void {
    this.lines += 1;
    this.bytes += line.raw.length;
    if (this.lines > this.limits.maxReplyLines) {
      throw new RemoteProtocolError(
        `reply longer than ${this.limits.maxReplyLines} lines`,
        line.raw,
        'ELIMIT',
      );
    }
    if (this.bytes > this.limits.maxReplyBytes) {
      throw new RemoteProtocolError(
        `reply larger than ${this.limits.maxReplyBytes} bytes`,
        line.raw,
        'ELIMIT',
      );
    }
  }

  reset(): void {
    this.lines = 0;
    this.bytes = 0;
  }
}
