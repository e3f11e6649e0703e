// --redact-identities: a copy of the session fit for a public ticket. Secrets never entered the
// session; this also hides who and where: addresses, host names and IP addresses, replaced
// consistently (the same host is always host-1) so the transcript still reads.
import type { Session } from './types.js';

const EMAIL = /[A-Za-z0-9._%+=-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
// Eight groups, or a "::" somewhere: a clock time like 18:01:52 in a Received header is neither.
const H = '[0-9a-fA-F]{1,4}';
const IPV6 = new RegExp(`(?:${H}:){7}${H}|(?:${H}(?::${H})*)?::(?:${H}(?::${H})*)?`, 'g');
const HOST = /\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\b/g;
const IDENTITY = new RegExp(
  `(${EMAIL.source})|(${IPV6.source})|(${IPV4.source})|${HOST.source}`,
  'g',
);

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
  // One pass over each text, so an alias is never scanned (and redacted) again.
  const scrub = (text: string): string =>
    text.replace(IDENTITY, (match, email?: string, ip6?: string, ip4?: string) => {
      if (email) return alias('email', match);
      if (ip6) return match.length > 2 ? alias('ip', match) : match;
      if (ip4) return alias('ip', match);
      return KEEP.has(match.toLowerCase()) ? match : alias('host', match);
    });
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
