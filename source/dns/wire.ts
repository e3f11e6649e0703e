// DNS messages on the wire. dns2's Packet encodes our queries and decodes record data, but its
// parser skips records it cannot read and follows compression pointers anywhere, so a hostile or
// broken reply would quietly lose records. Every reply is therefore walked here first: each name,
// each pointer (only backwards, so no loop is possible), each RDLENGTH; one fault and the whole
// reply is malformed. Only then is a record handed to dns2 to decode.
import dns2 from 'dns2';

const { Packet } = dns2;

export const RR_TYPES = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  TLSA: 52,
} as const;

export type QueryType =
  'A' | 'AAAA' | 'MX' | 'TXT' | 'PTR' | 'CNAME' | 'SRV' | 'TLSA' | 'NS' | 'SOA';

const CLASS_IN = 1;

export const RCODE_NAMES: Record<number, string> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
};

export const rcodeName = (rcode: number): string => RCODE_NAMES[rcode] ?? `RCODE${rcode}`;

/** One decoded record, plain data so a session serialises it as is. */
export type DnsAnswer =
  | { type: 'A' | 'AAAA'; name: string; ttl: number; address: string }
  | { type: 'MX'; name: string; ttl: number; preference: number; exchange: string }
  | { type: 'TXT'; name: string; ttl: number; text: string }
  | { type: 'CNAME' | 'PTR' | 'NS'; name: string; ttl: number; target: string }
  | {
      type: 'SRV';
      name: string;
      ttl: number;
      priority: number;
      weight: number;
      port: number;
      target: string;
    }
  | {
      type: 'TLSA';
      name: string;
      ttl: number;
      usage: number;
      selector: number;
      matchingType: number;
      /** Certificate association data, lower-case hex. */
      data: string;
    }
  | {
      type: 'SOA';
      name: string;
      ttl: number;
      primary: string;
      admin: string;
      serial: number;
      refresh: number;
      retry: number;
      expire: number;
      minimum: number;
    }
  | { type: 'OTHER'; name: string; ttl: number; typeCode: number; data: string };

export interface DecodedReply {
  id: number;
  qr: boolean;
  opcode: number;
  authoritative: boolean;
  truncated: boolean;
  recursionAvailable: boolean;
  /** AD: the resolver says it validated the answer with DNSSEC. */
  authenticated: boolean;
  rcode: number;
  question?: { name: string; type: number; class: number };
  answers: DnsAnswer[];
}

export class MalformedReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedReplyError';
  }
}

/** The bytes of a standard recursive query (RD set, no EDNS: a reply too big for 512 bytes comes back truncated and is asked again over TCP). */
export const encodeQuery = (id: number, name: string, type: QueryType): Buffer => {
  const packet = new Packet();
  packet.header.id = id;
  packet.header.rd = 1;
  packet.questions.push({ name, type: RR_TYPES[type], class: CLASS_IN } as never);
  return packet.toBuffer();
};

const MAX_NAME_OCTETS = 255;
const MAX_POINTERS = 64;

/**
 * Walks one name starting at `offset`; returns where the name ends in the stream (after the
 * first pointer, if any). Pointers must point strictly backwards, which also rules out loops.
 */
const walkName = (buf: Buffer, offset: number): number => {
  let pos = offset;
  let end = -1;
  let octets = 1;
  let pointers = 0;
  for (;;) {
    if (pos >= buf.length)
      throw new MalformedReplyError(`name at offset ${offset} runs past the end`);
    const len = buf[pos] ?? 0;
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= buf.length)
        throw new MalformedReplyError(`compression pointer at ${pos} is cut off`);
      const target = ((len & 0x3f) << 8) | (buf[pos + 1] ?? 0);
      if (target >= pos) {
        throw new MalformedReplyError(
          `compression pointer at ${pos} points forward to ${target} (a loop)`,
        );
      }
      if (++pointers > MAX_POINTERS)
        throw new MalformedReplyError(`name at offset ${offset} has too many pointers`);
      if (end === -1) end = pos + 2;
      pos = target;
      continue;
    }
    if ((len & 0xc0) !== 0)
      throw new MalformedReplyError(`reserved label type 0x${len.toString(16)} at ${pos}`);
    if (len === 0) return end === -1 ? pos + 1 : end;
    octets += len + 1;
    if (octets > MAX_NAME_OCTETS)
      throw new MalformedReplyError(`name at offset ${offset} is longer than 255 octets`);
    if (pos + 1 + len > buf.length)
      throw new MalformedReplyError(`label at ${pos} runs past the end`);
    pos += 1 + len;
  }
};

interface RecordSpan {
  start: number;
  type: number;
  rdataStart: number;
  rdataEnd: number;
}

const u16 = (buf: Buffer, at: number): number => buf.readUInt16BE(at);

/** Checks that the names inside RDATA (for the types that carry them) end exactly where RDATA does. */
const checkRdata = (buf: Buffer, span: RecordSpan): void => {
  const { type, rdataStart: s, rdataEnd: e } = span;
  const len = e - s;
  const nameEndsAt = (from: number): number => {
    if (from >= e) throw new MalformedReplyError(`record data at ${s} is too short`);
    const end = walkName(buf, from);
    if (end > e)
      throw new MalformedReplyError(`a name in the record data at ${s} runs past RDLENGTH`);
    return end;
  };
  const exact = (end: number): void => {
    if (end !== e) throw new MalformedReplyError(`record data at ${s} does not match its RDLENGTH`);
  };
  switch (type) {
    case RR_TYPES.A:
      if (len !== 4) throw new MalformedReplyError(`A record with ${len} bytes of data`);
      return;
    case RR_TYPES.AAAA:
      if (len !== 16) throw new MalformedReplyError(`AAAA record with ${len} bytes of data`);
      return;
    case RR_TYPES.CNAME:
    case RR_TYPES.PTR:
    case RR_TYPES.NS:
      return exact(nameEndsAt(s));
    case RR_TYPES.MX:
      return exact(nameEndsAt(s + 2));
    case RR_TYPES.SRV:
      return exact(nameEndsAt(s + 6));
    case RR_TYPES.SOA:
      return exact(nameEndsAt(nameEndsAt(s)) + 20);
    case RR_TYPES.TXT: {
      if (len === 0) throw new MalformedReplyError('TXT record with no data');
      let at = s;
      while (at < e) at += 1 + (buf[at] ?? 0);
      return exact(at);
    }
    case RR_TYPES.TLSA:
      if (len < 3) throw new MalformedReplyError(`TLSA record with ${len} bytes of data`);
      return;
    default:
      return;
  }
};

interface Walked {
  question?: { start: number };
  answers: RecordSpan[];
}

const walkMessage = (buf: Buffer): Walked => {
  if (buf.length < 12)
    throw new MalformedReplyError(`reply of ${buf.length} bytes is shorter than a DNS header`);
  const counts = [u16(buf, 4), u16(buf, 6), u16(buf, 8), u16(buf, 10)] as const;
  if (counts[0] > 1) throw new MalformedReplyError(`reply carries ${counts[0]} questions`);
  let pos = 12;
  let question: Walked['question'];
  if (counts[0] === 1) {
    question = { start: pos };
    pos = walkName(buf, pos) + 4;
    if (pos > buf.length) throw new MalformedReplyError('question section is cut off');
  }
  const answers: RecordSpan[] = [];
  for (let section = 1; section <= 3; section++) {
    for (let i = 0; i < counts[section as 1 | 2 | 3]; i++) {
      const start = pos;
      pos = walkName(buf, pos);
      if (pos + 10 > buf.length) throw new MalformedReplyError(`record at ${start} is cut off`);
      const type = u16(buf, pos);
      const rdlength = u16(buf, pos + 8);
      const rdataStart = pos + 10;
      const rdataEnd = rdataStart + rdlength;
      if (rdataEnd > buf.length)
        throw new MalformedReplyError(`record at ${start} claims more data than the reply holds`);
      const span = { start, type, rdataStart, rdataEnd };
      // Only answers are decoded; the other sections must still be well-formed.
      if (section === 1) {
        checkRdata(buf, span);
        answers.push(span);
      }
      pos = rdataEnd;
    }
  }
  return { question, answers };
};

const TYPE_NAMES = new Map<number, keyof typeof RR_TYPES>(
  Object.entries(RR_TYPES).map(([name, code]) => [code, name as keyof typeof RR_TYPES]),
);

export const typeName = (code: number): string => TYPE_NAMES.get(code) ?? `TYPE${code}`;

const bareName = (name: string): string => name.replace(/\.$/, '');

interface Dns2Resource {
  name: string;
  type: number;
  ttl: number;
  address?: string;
  exchange?: string;
  priority?: number;
  domain?: string;
  ns?: string;
  data?: string | Buffer;
  primary?: string;
  admin?: string;
  serial?: number;
  refresh?: number;
  retry?: number;
  expiration?: number;
  minimum?: number;
  weight?: number;
  port?: number;
  target?: string;
}

// Types whose RDATA dns2 decodes; anything else (and TLSA, which dns2 does not know) is read here
// as raw bytes, so no dns2 decoder ever sees data it was not written for.
const DNS2_DECODED = new Set<number>([
  RR_TYPES.A,
  RR_TYPES.AAAA,
  RR_TYPES.MX,
  RR_TYPES.TXT,
  RR_TYPES.CNAME,
  RR_TYPES.PTR,
  RR_TYPES.NS,
  RR_TYPES.SRV,
  RR_TYPES.SOA,
]);

const decodeRecord = (buf: Buffer, span: RecordSpan): DnsAnswer => {
  const reader = new Packet.Reader(buf, span.start * 8);
  let r: Dns2Resource;
  if (DNS2_DECODED.has(span.type)) {
    r = Packet.Resource.parse(reader) as unknown as Dns2Resource;
    if (reader.offset !== span.rdataEnd * 8) {
      throw new MalformedReplyError(
        `record at ${span.start} decodes to a different length than it claims`,
      );
    }
  } else {
    r = {
      name: Packet.Name.decode(reader),
      type: span.type,
      ttl: Math.min(buf.readUInt32BE(span.rdataStart - 6), 0x7fffffff),
    };
  }
  const name = bareName(r.name);
  const ttl = r.ttl;
  switch (span.type) {
    case RR_TYPES.A:
    case RR_TYPES.AAAA:
      return { type: span.type === RR_TYPES.A ? 'A' : 'AAAA', name, ttl, address: r.address ?? '' };
    case RR_TYPES.MX:
      return {
        type: 'MX',
        name,
        ttl,
        preference: r.priority ?? 0,
        exchange: bareName(r.exchange ?? ''),
      };
    case RR_TYPES.TXT:
      return { type: 'TXT', name, ttl, text: typeof r.data === 'string' ? r.data : '' };
    case RR_TYPES.CNAME:
    case RR_TYPES.PTR:
      return {
        type: span.type === RR_TYPES.CNAME ? 'CNAME' : 'PTR',
        name,
        ttl,
        target: bareName(r.domain ?? ''),
      };
    case RR_TYPES.NS:
      return { type: 'NS', name, ttl, target: bareName(r.ns ?? '') };
    case RR_TYPES.SRV:
      return {
        type: 'SRV',
        name,
        ttl,
        priority: r.priority ?? 0,
        weight: r.weight ?? 0,
        port: r.port ?? 0,
        target: bareName(r.target ?? ''),
      };
    case RR_TYPES.SOA:
      return {
        type: 'SOA',
        name,
        ttl,
        primary: bareName(r.primary ?? ''),
        admin: bareName(r.admin ?? ''),
        serial: r.serial ?? 0,
        refresh: r.refresh ?? 0,
        retry: r.retry ?? 0,
        expire: r.expiration ?? 0,
        minimum: r.minimum ?? 0,
      };
    case RR_TYPES.TLSA: {
      // dns2 does not know TLSA; its raw RDATA is read straight from the reply.
      const raw = buf.subarray(span.rdataStart, span.rdataEnd);
      return {
        type: 'TLSA',
        name,
        ttl,
        usage: raw[0] ?? 0,
        selector: raw[1] ?? 0,
        matchingType: raw[2] ?? 0,
        data: raw.subarray(3).toString('hex'),
      };
    }
    default:
      return {
        type: 'OTHER',
        name,
        ttl,
        typeCode: span.type,
        data: buf.subarray(span.rdataStart, span.rdataEnd).toString('hex'),
      };
  }
};

/** The transaction ID, readable even from a reply too broken to decode; undefined under 2 bytes. */
export const peekId = (buf: Buffer): number | undefined =>
  buf.length >= 2 ? u16(buf, 0) : undefined;

/** Validates and decodes a whole reply; throws MalformedReplyError on any structural fault. */
export const decodeReply = (buf: Buffer): DecodedReply => {
  const walked = walkMessage(buf);
  let header: ReturnType<typeof Packet.Header.parse>;
  let question: DecodedReply['question'];
  let answers: DnsAnswer[];
  try {
    header = Packet.Header.parse(new Packet.Reader(buf, 0));
    if (walked.question) {
      const q = Packet.Question.parse(new Packet.Reader(buf, walked.question.start * 8));
      question = { name: bareName(q.name), type: q.type, class: q.class };
    }
    answers = walked.answers.map((span) => decodeRecord(buf, span));
  } catch (error) {
    if (error instanceof MalformedReplyError) throw error;
    throw new MalformedReplyError(`could not decode: ${(error as Error).message}`);
  }
  const flags = u16(buf, 2);
  return {
    id: header.id,
    qr: header.qr === 1,
    opcode: header.opcode,
    authoritative: header.aa === 1,
    truncated: header.tc === 1,
    recursionAvailable: header.ra === 1,
    authenticated: (flags & 0x0020) !== 0,
    rcode: header.rcode,
    question,
    answers,
  };
};

/** True when a name can be put in a query: 1-63 octet labels, 253 octets in all, no empty label. */
export const isQueryableName = (name: string): boolean => {
  const bare = bareName(name);
  if (bare === '' || bare.length > 253) return false;
  // Printable ASCII other than space and backslash: anything else would not survive display or
  // dns2's encoder (which splits on dots and writes char codes as bytes).
  const printableAscii = (label: string): boolean =>
    [...label].every((c) => c > ' ' && c <= '~' && c !== '\\');
  return bare
    .split('.')
    .every((label) => label.length >= 1 && label.length <= 63 && printableAscii(label));
};
