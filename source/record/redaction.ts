// --redact-identities: a copy of the session fit for a public ticket. Secrets never entered the
// session; this also hides who and where: addresses, host names and IP addresses, replaced
// consistently (the same host is always host-1) so the transcript still reads. Names no pattern
// can tell from words (a single-label host like `srv01`, a user name like `bob`) are first
// harvested from where the protocols put them: EHLO/HELO, the greeting and EHLO reply, Received
// and Message-ID headers, USER and LOGIN commands, an AUTH LOGIN user name in base64, and our
// own sentences that name a user; then they are replaced wherever they appear.
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

/** Words a harvest must never take for a name: protocol vocabulary and our own. */
const NOT_NAMES = new Set(
  [
    'esmtp',
    'smtp',
    'lmtp',
    'pop3',
    'imap',
    'ok',
    'ready',
    'service',
    'mail',
    'from',
    'by',
    'with',
    'for',
    'id',
    'unknown',
    'localhost',
    'helo',
    'ehlo',
    'user',
    'login',
    'auth',
    'plain',
    'pass',
    'redacted.invalid',
    'mailmedic',
    'the',
    'and',
    'dovecot',
    'postfix',
    'exim',
    '********',
  ].map((w) => w.toLowerCase()),
);

/** A harvested token: a host (case-insensitive) or a user name. */
type Harvest = Map<string, 'host' | 'user'>;

const decodeLoginUser = (text: string): string | undefined => {
  if (!/^[A-Za-z0-9+/]{4,}={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  return /^[\x21-\x7e]{1,128}$/.test(decoded) ? decoded : undefined;
};

/** Names in protocol positions, from every text of the session. */
const harvest = (session: Session): Harvest => {
  const found: Harvest = new Map();
  const take = (kind: 'host' | 'user', raw: string | undefined): void => {
    const name = raw?.replace(/^[<("'[]+|[>)"'\],;:.]+$/g, '');
    if (!name || name.length < 2 || NOT_NAMES.has(name.toLowerCase())) return;
    if (/^\d+$/.test(name) || name.includes('*')) return;
    if (!found.has(name)) found.set(name, kind);
  };
  let afterLoginChallenge = false;
  for (const entry of session.transcript) {
    const t = entry.text;
    if (entry.dir === 'client') {
      take('host', /^(?:EHLO|HELO|LHLO)\s+(\S+)/i.exec(t)?.[1]);
      take('user', /^USER\s+(\S+)/i.exec(t)?.[1]);
      take('user', /^\S+\s+LOGIN\s+"?([^"\s]+)"?\s/i.exec(t)?.[1]);
      take('user', /^APOP\s+(\S+)/i.exec(t)?.[1]);
      if (afterLoginChallenge && !entry.secret) {
        const user = decodeLoginUser(t.trim());
        if (user) {
          take('user', user);
          take('user', t.trim());
        }
      }
    }
    afterLoginChallenge = entry.dir === 'server' && /^334 VXNlcm5hbWU6/i.test(t);
    if (entry.dir === 'server') {
      take('host', /^220[ -](\S+)/.exec(t)?.[1]);
      take('host', /^250[ -](\S+)/.exec(t)?.[1]);
    }
    for (const m of t.matchAll(/\b(?:from|by)\s+([A-Za-z0-9][A-Za-z0-9.-]*)/g)) take('host', m[1]);
    for (const m of t.matchAll(/\(([A-Za-z0-9][A-Za-z0-9.-]*)\s+\[/g)) take('host', m[1]);
    for (const m of t.matchAll(/Message-ID:\s*<([^@>\s]+)@([^>\s]+)>/gi)) take('host', m[2]);
  }
  const sentences = [
    ...session.steps.map((s) => s.summary),
    ...session.transcript.filter((e) => e.dir === 'note').map((e) => e.text),
  ];
  for (const text of sentences)
    for (const m of text.matchAll(
      /\b(?:authenticated as|logged in as|credentials of|password for|login of)\s+(\S+)/gi,
    ))
      take('user', m[1]);
  const facts = session.facts ?? {};
  const banner = facts['banner'] as { host?: unknown } | undefined;
  if (typeof banner?.host === 'string') take('host', banner.host);
  for (const key of ['ehlo', 'ehlo.afterTls']) {
    const caps = facts[key] as { serverName?: unknown } | undefined;
    if (typeof caps?.serverName === 'string') take('host', caps.serverName);
  }
  for (const key of ['auth.cleartext', 'pop3.cleartext', 'imap.cleartext']) {
    const fact = facts[key] as { user?: unknown } | undefined;
    if (typeof fact?.user === 'string') take('user', fact.user);
  }
  return found;
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const redactIdentities = (session: Session): Session => {
  const maps = {
    email: new Map<string, string>(),
    ip: new Map<string, string>(),
    host: new Map<string, string>(),
    user: new Map<string, string>(),
  };
  const harvested = harvest(session);
  // Longest first, and never inside a longer name: `srv01` alone, not in `srv01.example.net`
  // (the host pattern, tried first, takes that one whole).
  const names = [...harvested.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const HARVESTED =
    names.length > 0
      ? `|(?<=^|[\\s<(\\[{"'=,;:@]|^\\d{3}-)(${names.join('|')})(?![A-Za-z0-9_@+/=-])`
      : '';
  const identity = new RegExp(`${IDENTITY.source}${HARVESTED}`, 'gi');
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
            : kind === 'user'
              ? `user-${map.size + 1}`
              : `host-${map.size + 1}.redacted.invalid`;
      map.set(key, name);
    }
    return name;
  };
  // One pass over each text, so an alias is never scanned (and redacted) again.
  const harvestedKind = (match: string): 'host' | 'user' | undefined => {
    for (const [name, kind] of harvested)
      if (name.toLowerCase() === match.toLowerCase()) return kind;
    return undefined;
  };
  const scrub = (text: string): string =>
    text.replace(
      identity,
      (match, email?: string, ip6?: string, ip4?: string, ...rest: unknown[]) => {
        if (email) return alias('email', match);
        if (ip6) return match.length > 2 ? alias('ip', match) : match;
        if (ip4) return alias('ip', match);
        const named = typeof rest[0] === 'string' ? harvestedKind(rest[0]) : undefined;
        if (named === 'user') {
          // An AUTH LOGIN user name in base64 stays base64, of the alias.
          const decoded = decodeLoginUser(match);
          if (decoded && harvestedKind(decoded) === 'user')
            return Buffer.from(alias('user', decoded)).toString('base64');
          return alias('user', match);
        }
        if (named === 'host') return alias('host', match);
        return KEEP.has(match.toLowerCase()) ? match : alias('host', match);
      },
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
