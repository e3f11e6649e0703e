// IP literals parsed to bytes, so the same code validates a --dns value, recognises an MX that is
// an address, builds reverse names and tells a loopback or private address from a routable one.

const IPV4 = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Dotted quad to 4 bytes; leading zeros are refused because some parsers read them as octal. */
export const parseIPv4 = (text: string): number[] | undefined => {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  const bytes = match.slice(1, 5).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
};

/** RFC 4291 text (with "::" and an optional dotted-quad tail, no zone) to 16 bytes. */
export const parseIPv6 = (text: string): number[] | undefined => {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const words: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] ?? '';
      if (piece.includes('.')) {
        // Only the very last piece of the whole address may be a dotted quad.
        if (i !== pieces.length - 1) return undefined;
        const v4 = parseIPv4(piece);
        if (!v4) return undefined;
        words.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else if (HEX_GROUP.test(piece)) {
        words.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return words;
  };
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  if (halves.length === 2 && (halves[0] ?? '').includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
};

export type AddressFamily = 4 | 6;

export const addressFamily = (text: string): AddressFamily | undefined => {
  if (parseIPv4(text)) return 4;
  if (parseIPv6(stripZone(text))) return 6;
  return undefined;
};

export const isIpLiteral = (text: string): boolean =>
  addressFamily(text.replace(/^\[|\]$/g, '')) !== undefined;

const stripZone = (text: string): string => {
  const at = text.indexOf('%');
  return at === -1 ? text : text.slice(0, at);
};

const formatIPv6 = (bytes: number[]): string => {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  // RFC 5952: compress the longest run of two or more zero groups, the first on a tie.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
};

const isV4Mapped = (bytes: number[]): boolean =>
  bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;

/**
 * One spelling per address, so answers from different resolvers and a socket's peer address
 * compare equal: IPv4-mapped IPv6 (how a dual-stack socket reports an IPv4 peer) becomes IPv4.
 */
export const canonicalAddress = (text: string): string | undefined => {
  const v4 = parseIPv4(text);
  if (v4) return v4.join('.');
  const v6 = parseIPv6(stripZone(text));
  if (!v6) return undefined;
  if (isV4Mapped(v6)) return v6.slice(12).join('.');
  return formatIPv6(v6);
};

export const sameAddress = (a: string, b: string): boolean => {
  const ca = canonicalAddress(a);
  return ca !== undefined && ca === canonicalAddress(b);
};

/** The PTR owner name: d.c.b.a.in-addr.arpa, or the 32 reversed nibbles under ip6.arpa. */
export const reverseName = (address: string): string | undefined => {
  const canonical = canonicalAddress(address);
  if (canonical === undefined) return undefined;
  const v4 = parseIPv4(canonical);
  if (v4) return `${[...v4].reverse().join('.')}.in-addr.arpa`;
  const v6 = parseIPv6(canonical) ?? [];
  const nibbles = v6.flatMap((b) => [b >> 4, b & 0xf]).map((n) => n.toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
};

export type AddressScope =
  | 'public'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unspecified'
  | 'documentation'
  | 'multicast'
  | 'reserved';

const inV4 = (bytes: number[], prefix: number[], bits: number): boolean => {
  for (let i = 0; i < 4; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    if (take === 0) return true;
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
};

const V4_SCOPES: ReadonlyArray<[number[], number, AddressScope]> = [
  [[0, 0, 0, 0], 8, 'unspecified'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'shared'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'reserved'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

/** Where an address can be reached from: only 'public' ones from the Internet at large. */
export const addressScope = (address: string): AddressScope | undefined => {
  const canonical = canonicalAddress(address);
  if (canonical === undefined) return undefined;
  const v4 = parseIPv4(canonical);
  if (v4) return V4_SCOPES.find(([prefix, bits]) => inV4(v4, prefix, bits))?.[2] ?? 'public';
  const v6 = parseIPv6(canonical) ?? [];
  const first = v6[0] ?? 0;
  const second = v6[1] ?? 0;
  if (v6.every((b) => b === 0)) return 'unspecified';
  if (v6.slice(0, 15).every((b) => b === 0) && v6[15] === 1) return 'loopback';
  if ((first & 0xfe) === 0xfc) return 'private';
  if (first === 0xfe && (second & 0xc0) === 0x80) return 'link-local';
  if (first === 0xff) return 'multicast';
  if (first === 0x20 && second === 0x01 && v6[2] === 0x0d && v6[3] === 0xb8) return 'documentation';
  return 'public';
};

/**
 * Names under these TLDs never resolve on the public Internet (RFC 2606, RFC 6761, RFC 6762,
 * RFC 8375), so a loopback or private address there is a lab or an intranet, not a mistake.
 */
const SPECIAL_USE_SUFFIXES = ['test', 'example', 'invalid', 'localhost', 'local', 'home.arpa'];

export const isSpecialUseDomain = (domain: string): boolean => {
  const name = domain.toLowerCase().replace(/\.$/, '');
  return SPECIAL_USE_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
};
