// --redact-identities: a copy of the session fit for a public ticket. Secrets never entered the
// session; this also hides who and where: addresses, host names and IP addresses, replaced
// consistently (the same host is always host-1) so the transcript still reads.
import type { Session } from './types.js';

const EMAIL = /[A-Za-z0-9._%+=-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
const IPV6 = /\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}\b|::1\b/g;
const HOST = /\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\b/g;

/** Words that look like host names but are protocol vocabulary, kept readable. */
const KEEP = new Set(['mailmedic.session', 'example.com']);

export const redactIdentities = (session: Session): Session => {
  const maps = {
    email: new Map<string, string>(),
    ip: new Map<string, string>(),
    host: new Map<string, string>(),
  };
  const alias = (kind: keyof typeof maps, value: string): string => {
    const map = maps[kind];
    const key = value.toLowerCase();
    let name = map.get(key);
    if (!name) {
      name =
        kind === 'email'
          ? `user-${map.size + 1}@redacted.invalid`
          : kind === 'ip'
            ? `ip-${map.size + 1}`
            : `host-${map.size + 1}.redacted.invalid`;
      map.set(key, name);
    }
    return name;
  };
  const scrub = (text: string): string =>
    text
      .replace(EMAIL, (m) => alias('email', m))
      .replace(IPV6, (m) => (m.includes(':') && m.length > 2 ? alias('ip', m) : m))
      .replace(IPV4, (m) => alias('ip', m))
      .replace(HOST, (m) =>
        KEEP.has(m.toLowerCase()) || m.endsWith('.redacted.invalid') ? m : alias('host', m),
      );
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string')
      return key === 'schema' || key === 'startedAt' ? value : scrub(value);
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  const copy = walk(session) as Session;
  copy.tool = session.tool;
  copy.schema = session.schema;
  return copy;
};
