// How user values become IMAP strings (RFC 3501 4.3 and 5.1.3, RFC 7888). 7-bit text goes quoted;
// anything else goes as a literal, which may have to wait for the server's "+" before it is sent.
import { assertSafeField } from '../common/input.js';
import { MASK } from '../common/sasl.js';

/** A piece of a command line: text, a literal, or the point where the rest waits for "+". */
export type ImapToken =
  | { kind: 'text'; wire: string; display?: string; secret?: boolean }
  | { kind: 'literal'; bytes: Buffer; display: string; secret: boolean }
  | { kind: 'await-continuation' };

/** RFC 7888 4: LITERAL- allows non-synchronising literals up to this size. */
export const LITERAL_MINUS_MAX = 4096;

// Control characters are legal in a quoted string but often refused, so they go as literals too.
const QUOTABLE = /^[\x20-\x7e]*$/;
// ATOM-CHAR: any 7-bit CHAR except "(" ")" "{" SP CTL "%" "*" quoted-specials and "]".
const ATOM = /^[\x21\x23\x24\x26-\x27\x2b-\x5b\x5e-\x7a\x7c\x7e]+$/;

export const quoted = (value: string): string => `"${value.replace(/(["\\])/g, '\\$1')}"`;

export const text = (wire: string, display?: string, secret?: boolean): ImapToken => ({
  kind: 'text',
  wire,
  ...(display !== undefined ? { display } : {}),
  ...(secret ? { secret } : {}),
});

/**
 * An astring for a user value: quoted when it is 7-bit, a literal otherwise. A secret shows as the
 * mask in the transcript, in either form.
 */
export const astring = (field: string, value: string, secret = false): ImapToken => {
  assertSafeField(field, value);
  if (QUOTABLE.test(value)) {
    const wire = quoted(value);
    return text(wire, secret ? MASK : wire, secret);
  }
  return {
    kind: 'literal',
    bytes: Buffer.from(value, 'utf8'),
    display: secret ? MASK : value,
    secret,
  };
};

/** An atom when the value is one (a header name, say), else an astring. */
export const atomOrString = (field: string, value: string): ImapToken =>
  ATOM.test(value) ? text(value) : astring(field, value);

/** RFC 3501 5.1.3 modified UTF-7: printable ASCII stands for itself, "&" is "&-", the rest is base64 of UTF-16. */
export const encodeMailboxName = (name: string): string => {
  let out = '';
  let run: number[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const utf16 = Buffer.alloc(run.length * 2);
    run.forEach((unit, i) => utf16.writeUInt16BE(unit, i * 2));
    out += `&${utf16.toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    run = [];
  };
  for (let i = 0; i < name.length; i += 1) {
    const unit = name.charCodeAt(i);
    if (unit >= 0x20 && unit <= 0x7e) {
      flush();
      out += unit === 0x26 ? '&-' : name[i];
    } else {
      run.push(unit);
    }
  }
  flush();
  return out;
};

export interface ImapPart {
  bytes: Buffer;
  /** Transcript lines for this part; masked where secret. */
  display: string[];
  secret: boolean;
}

export interface LiteralMode {
  literalPlus?: boolean;
  literalMinus?: boolean;
}

const CRLF = Buffer.from('\r\n');

/**
 * Lays tokens out as wire parts. A synchronising literal ends a part: the server must answer "+"
 * before the next part may be sent (RFC 3501 7.5). Non-synchronising literals stay inline.
 */
export const assemble = (tokens: readonly ImapToken[], mode: LiteralMode): ImapPart[] => {
  const parts: ImapPart[] = [];
  let chunks: Buffer[] = [];
  let display: string[] = [];
  let current = '';
  let secret = false;
  const endLine = (wire: string): void => {
    chunks.push(Buffer.from(`${wire}\r\n`, 'utf8'));
    display.push(current + wire);
    current = '';
  };
  const endPart = (): void => {
    parts.push({ bytes: Buffer.concat(chunks), display, secret });
    chunks = [];
    display = [];
    secret = false;
  };
  for (const token of tokens) {
    if (token.kind === 'text') {
      chunks.push(Buffer.from(token.wire, 'utf8'));
      current += token.display ?? token.wire;
      secret ||= token.secret ?? false;
    } else if (token.kind === 'await-continuation') {
      endLine('');
      endPart();
    } else {
      const size = token.bytes.length;
      const nonSync =
        mode.literalPlus === true || (mode.literalMinus === true && size <= LITERAL_MINUS_MAX);
      endLine(`{${size}${nonSync ? '+' : ''}}`);
      if (!nonSync) endPart();
      chunks.push(token.bytes);
      current += token.display;
      secret ||= token.secret;
    }
  }
  chunks.push(CRLF);
  display.push(current);
  endPart();
  return parts;
};
