// The one gate for outside text. Server bytes, DNS strings, certificate fields, files, saved
// sessions and the user's own values echoed back all pass here before a terminal or a report:
// the recorder runs every text through it on the way in, the renderers and `open` run the whole
// session through it again on the way out, and usage errors run their message through it. It is
// idempotent, so passing twice is harmless and no path has to know whether it already passed.
import { printable } from '../protocols/common/printable.js';
import type { Session } from './types.js';

/** Anything that can mask registered secrets (the recorder's SecretRegistry). */
export interface Masker {
  mask(text: string): string;
}

/** One text: secrets masked first (an escape could split a secret), then made printable. */
export const gate = (text: string, secrets?: Masker): string =>
  printable(secrets ? secrets.mask(text) : text);

/** Deeper than this, a value is not ours (a hostile session file nests to overflow the stack). */
export const MAX_DEPTH = 64;
export const TOO_DEEP = '[nested too deep: not shown]';

/** Every string in a value, keys included; numbers and booleans as they are; no functions. */
export const gateDeep = <T>(value: T, secrets?: Masker): T => {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return gate(v, secrets);
    if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return v;
    if (depth >= MAX_DEPTH) return TOO_DEEP;
    if (Array.isArray(v)) return v.map((inner) => walk(inner, depth + 1));
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      // defineProperty, not assignment: a "__proto__" key in a session file stays a key.
      for (const [k, inner] of Object.entries(v))
        Object.defineProperty(out, gate(k, secrets), {
          value: walk(inner, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    return gate(String(v), secrets);
  };
  return walk(value, 0) as T;
};

/** A copy of the session with every text gated: what every renderer and `open` read. */
export const gateSession = (session: Session, secrets?: Masker): Session =>
  gateDeep(session, secrets);

/**
 * A message with outside values in it: the literal parts are ours, every interpolated value
 * passes the gate. `shown\`cannot read ${file}\`` can carry any file name to a terminal.
 */
export const shown = (parts: TemplateStringsArray, ...values: unknown[]): string =>
  parts.reduce(
    (out, part, i) => out + part + (i < values.length ? gate(String(values[i])) : ''),
    '',
  );
