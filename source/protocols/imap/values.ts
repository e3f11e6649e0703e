// The values inside IMAP response data (RFC 3501 4, RFC 9051 4): atoms, numbers, quoted strings,
// literals, NIL and parenthesised lists. A response arrives as text lines with literals between
// them: a line ending in "{n}" is followed by literals[i], and parsing resumes on the next line.
import { RemoteProtocolError } from '../common/errors.js';

export type ImapValue =
  | { type: 'atom'; value: string }
  | { type: 'number'; value: number }
  | { type: 'string'; value: Buffer; literal: boolean }
  | { type: 'nil' }
  | { type: 'list'; items: ImapValue[] };

/** One response as framed: lines without terminators, and the literal after each "{n}" line. */
export interface ImapSegments {
  lines: string[];
  literals: Buffer[];
}

const LITERAL_AT_END = /^~?\{([0-9]+)\}$/;
// resp-specials and list/quote delimiters end an atom; "[" opens a section that may hold spaces.
const ATOM_END = new Set([' ', '(', ')', '"', '{']);

/** Reads values from a position in a response; every malformation is a RemoteProtocolError. */
export class ImapValueReader {
  private line: number;
  private pos: number;

  constructor(
    private readonly segments: ImapSegments,
    line = 0,
    pos = 0,
  ) {
    this.line = line;
    this.pos = pos;
  }

  private get text(): string {
    return this.segments.lines[this.line] ?? '';
  }

  private fail(message: string): never {
    throw new RemoteProtocolError(
      `malformed IMAP response: ${message} in ${JSON.stringify(this.text.slice(0, 80))}`,
      Buffer.from(this.text, 'utf8'),
    );
  }

  /** True when nothing but spaces remains. */
  atEnd(): boolean {
    this.skipSpaces();
    return this.line >= this.segments.lines.length - 1 && this.pos >= this.text.length;
  }

  skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos += 1;
  }

  /** The rest of the current line as text (for resp-text, which is free-form). */
  restOfLine(): string {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }

  readAll(): ImapValue[] {
    const values: ImapValue[] = [];
    while (!this.atEnd()) values.push(this.readValue());
    return values;
  }

  readValue(): ImapValue {
    this.skipSpaces();
    const c = this.text[this.pos];
    if (c === undefined) this.fail('a value is missing');
    if (c === '(') return this.readList();
    if (c === ')') this.fail('unbalanced ")"');
    if (c === '"') return this.readQuoted();
    if (c === '{' || (c === '~' && this.text[this.pos + 1] === '{')) return this.readLiteral();
    return this.readAtom();
  }

  private readList(): ImapValue {
    this.pos += 1;
    const items: ImapValue[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.text[this.pos];
      if (c === undefined) this.fail('a list is not closed');
      if (c === ')') {
        this.pos += 1;
        return { type: 'list', items };
      }
      items.push(this.readValue());
    }
  }

  private readQuoted(): ImapValue {
    let out = '';
    for (let i = this.pos + 1; i < this.text.length; i += 1) {
      const c = this.text[i]!;
      if (c === '\\') {
        const next = this.text[i + 1];
        if (next !== '\\' && next !== '"') this.fail('a bad escape in a quoted string');
        out += next;
        i += 1;
      } else if (c === '"') {
        this.pos = i + 1;
        return { type: 'string', value: Buffer.from(out, 'utf8'), literal: false };
      } else {
        out += c;
      }
    }
    return this.fail('a quoted string is not closed');
  }

  private readLiteral(): ImapValue {
    const match = LITERAL_AT_END.exec(this.text.slice(this.pos));
    if (!match) this.fail('a literal announcement that does not end the line');
    const value = this.segments.literals[this.line];
    if (value === undefined) this.fail('a literal without its data');
    this.line += 1;
    this.pos = 0;
    return { type: 'string', value, literal: true };
  }

  private readAtom(): ImapValue {
    const start = this.pos;
    while (this.pos < this.text.length && !ATOM_END.has(this.text[this.pos]!)) {
      if (this.text[this.pos] === '[') {
        const close = this.text.indexOf(']', this.pos);
        if (close === -1) this.fail('a "[" without "]"');
        this.pos = close + 1;
      } else {
        this.pos += 1;
      }
    }
    const atom = this.text.slice(start, this.pos);
    if (atom === '') this.fail(`an unexpected ${JSON.stringify(this.text[this.pos])}`);
    if (atom.toUpperCase() === 'NIL') return { type: 'nil' };
    if (/^[0-9]{1,15}$/.test(atom)) return { type: 'number', value: Number(atom) };
    return { type: 'atom', value: atom };
  }
}

/** Text of an atom, number or string value; undefined for NIL and lists. */
export const valueText = (value: ImapValue): string | undefined => {
  switch (value.type) {
    case 'atom':
      return value.value;
    case 'number':
      return String(value.value);
    case 'string':
      return value.value.toString('utf8');
    default:
      return undefined;
  }
};

/** The atoms of a list like "(\Seen \Deleted)", as text. */
export const listTexts = (value: ImapValue | undefined): string[] | undefined => {
  if (value?.type !== 'list') return undefined;
  return value.items.map((item) => valueText(item) ?? '');
};
