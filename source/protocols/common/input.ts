// Every user field goes through here before it becomes part of a command: a CR, LF or NUL in a
// field would let one field smuggle a second command onto the wire, and any other control
// character or direction override (ESC, BEL, RLO...) has no business in a host name, an address or
// an EHLO name: sent on, it would reach the server's logs and the terminals that read them.
import { InputError } from './errors.js';
import { needsEscaping } from './printable.js';

const FORBIDDEN: ReadonlyArray<[string, string]> = [
  ['\r', 'a carriage return (CR)'],
  ['\n', 'a line feed (LF)'],
  ['\0', 'a NUL byte'],
];

/** Returns the reason a value is refused, or undefined when it is acceptable. */
export const unsafeCharacterReason = (value: string): string | undefined => {
  for (const [char, name] of FORBIDDEN) {
    if (value.includes(char)) return `must not contain ${name}`;
  }
  if (needsEscaping(value))
    return 'must not contain control characters (ESC, BEL...) or text-direction overrides';
  return undefined;
};

export const assertSafeField = (field: string, value: string): string => {
  const reason = unsafeCharacterReason(value);
  if (reason) throw new InputError(field, reason);
  return value;
};
