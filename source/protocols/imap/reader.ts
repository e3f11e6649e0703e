// Frames IMAP responses (RFC 3501 7, RFC 9051 7): one line, unless the line ends in a literal
// announcement "{n}", in which case n raw bytes follow and the response goes on on the next line.
// The announced size is checked before a single byte of the literal is kept: a peer saying
// {999999999999} gets an error, not an allocation.
import { RemoteProtocolError } from '../common/errors.js';
import type { FramedLine } from '../common/framer.js';
import { LineFramer, ReplyBudget } from '../common/framer.js';
import type { FramingLimits } from '../common/limits.js';

export type ImapResponseKind = 'continuation' | 'tagged' | 'untagged';

export interface ImapRawResponse {
  kind: ImapResponseKind;
  /** For tagged responses: the tag as received. */
  tag?: string;
  /** Text lines without terminators; a line ending in "{n}" is followed by literals[i]. */
  lines: string[];
  literals: Buffer[];
  bareLf: boolean;
  /** The first line's bytes, for errors that want to quote them. */
  firstRaw: Buffer;
}

// Status responses carry free text, never literals, so a "{5}" at the end of their text is text.
const UNTAGGED_STATUS = /^\* (?:OK|NO|BAD|BYE|PREAUTH)(?: |$)/i;
const LITERAL_AT_END = /~?\{([0-9]+)\}$/;
/** Longer digit strings cannot be a size we would accept; not even worth converting. */
const MAX_SIZE_DIGITS = 15;

interface InProgress {
  response: ImapRawResponse;
  /** Literal bytes still expected, when inside a literal. */
  remaining?: number;
  chunks: Buffer[];
}

export class ImapResponseReader {
  private readonly framer: LineFramer;
  private readonly budget: ReplyBudget;
  private partial: InProgress | undefined;

  constructor(
    limits: FramingLimits,
    private readonly maxLiteralBytes: number,
  ) {
    this.framer = new LineFramer(limits);
    this.budget = new ReplyBudget(limits);
  }

  push(chunk: Uint8Array): void {
    this.framer.push(chunk);
  }

  /** Bytes received but not yet consumed. */
  get pending(): number {
    return this.framer.pending;
  }

  /** True while a response has started but not ended. */
  get inProgress(): boolean {
    return this.partial !== undefined;
  }

  drain(): Buffer {
    this.partial = undefined;
    this.budget.reset();
    return this.framer.drain();
  }

  /** The next complete response, or undefined when more bytes are needed. */
  next(): ImapRawResponse | undefined {
    for (;;) {
      const partial = this.partial;
      if (partial?.remaining !== undefined) {
        if (!this.readLiteral(partial)) return undefined;
        continue;
      }
      const line = this.framer.nextLine();
      if (!line) return undefined;
      this.budget.add(line);
      const response = partial ? this.continueWith(partial, line) : this.start(line);
      if (response) {
        this.partial = undefined;
        this.budget.reset();
        return response;
      }
    }
  }

  private start(line: FramedLine): ImapRawResponse | undefined {
    const text = line.text;
    const base = { lines: [text], literals: [], bareLf: line.bareLf, firstRaw: line.raw };
    if (text === '+' || text.startsWith('+ ')) return { kind: 'continuation', ...base };
    if (text.startsWith('* ')) {
      const response: ImapRawResponse = { kind: 'untagged', ...base };
      if (UNTAGGED_STATUS.test(text)) return response;
      return this.literalOrEnd({ response, chunks: [] }, line);
    }
    if (text.startsWith('*')) {
      throw new RemoteProtocolError(
        `malformed untagged response: ${JSON.stringify(text.slice(0, 80))}`,
        line.raw,
      );
    }
    const space = text.indexOf(' ');
    const tag = space === -1 ? text : text.slice(0, space);
    if (tag === '' || tag === '*' || tag.startsWith('+')) {
      throw new RemoteProtocolError(
        `malformed IMAP response line: ${JSON.stringify(text.slice(0, 80))}`,
        line.raw,
      );
    }
    return { kind: 'tagged', tag, ...base };
  }

  private continueWith(partial: InProgress, line: FramedLine): ImapRawResponse | undefined {
    partial.response.lines.push(line.text);
    partial.response.bareLf ||= line.bareLf;
    return this.literalOrEnd(partial, line);
  }

  /** Ends the response at this line, or announces the literal that follows it. */
  private literalOrEnd(partial: InProgress, line: FramedLine): ImapRawResponse | undefined {
    const match = LITERAL_AT_END.exec(line.text);
    if (!match) return partial.response;
    const digits = match[1]!.replace(/^0+(?=.)/, '');
    const size = digits.length > MAX_SIZE_DIGITS ? Number.POSITIVE_INFINITY : Number(digits);
    // The limit bounds the literals of one response together, so many small ones cannot add up.
    const before = partial.response.literals.reduce((sum, l) => sum + l.length, 0);
    if (before + size > this.maxLiteralBytes) {
      this.partial = undefined;
      this.budget.reset();
      const what =
        digits.length > MAX_SIZE_DIGITS ? `a ${digits.length}-digit size` : `${size} bytes`;
      throw new RemoteProtocolError(
        `literal of ${what} exceeds the ${this.maxLiteralBytes}-byte limit${before > 0 ? ` (with ${before} bytes of earlier literals in the same response)` : ''}`,
        line.raw,
        'ELIMIT',
      );
    }
    partial.remaining = size;
    partial.chunks = [];
    this.partial = partial;
    return undefined;
  }

  /** Takes whatever literal bytes have arrived; true once the literal is complete. */
  private readLiteral(partial: InProgress): boolean {
    const remaining = partial.remaining!;
    if (remaining > 0) {
      const take = Math.min(remaining, this.framer.pending);
      if (take === 0) return false;
      partial.chunks.push(this.framer.nextBytes(take)!);
      partial.remaining = remaining - take;
      if (partial.remaining > 0) return false;
    }
    partial.response.literals.push(Buffer.concat(partial.chunks));
    partial.chunks = [];
    delete partial.remaining;
    return true;
  }
}
