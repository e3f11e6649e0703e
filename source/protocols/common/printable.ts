// Server text is attacker-controlled. Before it reaches a terminal or a report, every control
// character (ESC sequences could repaint the screen or retitle the window) and every bidi override
// (which can make text read differently than it is) is shown as a visible escape instead.

const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string): string => {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x09) return '\\t';
  if (code === 0x0d) return '\\r';
  if (code === 0x0a) return '\\n';
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** Escapes controls and bidi overrides; tabs stay tabs. Line feeds are escaped too: one line in, one line out. */
export const printable = (text: string): string =>
  text.replace(CONTROL, visible).replace(/\n/g, '\\n');

/** True when printable() would change the text. */
export const needsEscaping = (text: string): boolean => printable(text) !== text;

/**
 * Library error text on one line: OpenSSL ends its messages with ":\n" and may hold several lines
 * ("…ssl3_record.c:350:\n"), which would print as a literal \n or break a finding's indentation.
 */
export const oneLine = (text: string): string =>
  text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/:\s*$/, '')
    .trim();
