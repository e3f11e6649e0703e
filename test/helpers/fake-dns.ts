// A scriptable DNS server on 127.0.0.1 (UDP and TCP on the same port) for tests. A handler sees
// each question and returns what to send back: well-formed replies built with dns2's Packet, raw
// bytes (for malformed replies), nothing at all (a dead resolver), a reply from another port, or
// several of these in turn. zone() turns a plain record table into such a handler.
import dgram from 'node:dgram';
import net from 'node:net';
import dns2 from 'dns2';

const { Packet } = dns2;

export const TYPE = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  TLSA: 52,
} as const;
const TYPE_NAMES = new Map<number, string>(Object.entries(TYPE).map(([k, v]) => [v, k]));

export interface FakeQuestion {
  id: number;
  name: string;
  type: number;
  typeName: string;
  transport: 'udp' | 'tcp';
}

export type ZoneRecord =
  | { type: 'A' | 'AAAA'; address: string }
  | { type: 'MX'; preference: number; exchange: string }
  | { type: 'TXT'; text: string | string[] }
  | { type: 'CNAME' | 'PTR' | 'NS'; target: string }
  | { type: 'SRV'; priority: number; weight: number; port: number; target: string }
  | { type: 'TLSA'; usage: number; selector: number; matchingType: number; data: string };

export interface ReplyOptions {
  answers?: Array<{ name: string; record: ZoneRecord }>;
  rcode?: number;
  truncated?: boolean;
  authenticated?: boolean;
  /** Overrides the ID (a wrong-ID reply). */
  id?: number;
  /** Overrides the question (a reply to another question). */
  question?: { name: string; type: number };
}

export interface Send {
  bytes: Buffer;
  /** Wait before sending. */
  delayMs?: number;
  /** UDP only: send from a different socket (wrong source port). */
  fromOtherPort?: boolean;
}

export type Handler = (q: FakeQuestion) => Send[] | Promise<Send[]>;

const toResource = (name: string, record: ZoneRecord): Record<string, unknown> => {
  const base = { name, type: TYPE[record.type], class: 1, ttl: 60 };
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return { ...base, address: record.address };
    case 'MX':
      return { ...base, priority: record.preference, exchange: record.exchange };
    case 'TXT':
      return { ...base, data: record.text };
    case 'CNAME':
    case 'PTR':
      return { ...base, domain: record.target };
    case 'NS':
      return { ...base, ns: record.target };
    case 'SRV':
      return {
        ...base,
        priority: record.priority,
        weight: record.weight,
        port: record.port,
        target: record.target,
      };
    case 'TLSA':
      return {
        ...base,
        data: Buffer.concat([
          Buffer.from([record.usage, record.selector, record.matchingType]),
          Buffer.from(record.data, 'hex'),
        ]),
      };
  }
};

/** A reply to q built with dns2's encoder. */
export const reply = (q: FakeQuestion, options: ReplyOptions = {}): Buffer => {
  const packet = new Packet();
  packet.header = new Packet.Header({
    id: options.id ?? q.id,
    qr: 1,
    rd: 1,
    ra: 1,
    tc: options.truncated ? 1 : 0,
    rcode: options.rcode ?? 0,
  });
  const question = options.question ?? { name: q.name, type: q.type };
  packet.questions.push({ name: question.name, type: question.type, class: 1 } as never);
  for (const answer of options.answers ?? [])
    packet.answers.push(toResource(answer.name, answer.record) as never);
  const bytes = packet.toBuffer();
  // dns2's header writer has no AD bit; set it by hand (byte 3, bit 0x20).
  if (options.authenticated) bytes[3] = (bytes[3] ?? 0) | 0x20;
  return bytes;
};

/** A reply whose answer's owner name is a compression pointer to itself. */
export const compressionLoopReply = (q: FakeQuestion): Buffer => {
  const head = reply(q);
  head.writeUInt16BE(1, 6); // ANCOUNT = 1
  const at = head.length;
  const rr = Buffer.alloc(12);
  rr.writeUInt16BE(0xc000 | at, 0); // the owner name points at itself
  rr.writeUInt16BE(q.type, 2);
  rr.writeUInt16BE(1, 4);
  rr.writeUInt32BE(60, 6);
  rr.writeUInt16BE(0, 10);
  return Buffer.concat([head, rr]);
};

export type Zone = Record<string, ZoneRecord[]>;

const bare = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/** Answers from a record table: CNAMEs are followed, an unknown name is NXDOMAIN, a known name without the type is NODATA. */
export const zone = (records: Zone): ((q: FakeQuestion) => Buffer) => {
  const table = new Map(Object.entries(records).map(([k, v]) => [bare(k), v]));
  return (q) => {
    const answers: Array<{ name: string; record: ZoneRecord }> = [];
    let name = bare(q.name);
    for (let hops = 0; hops < 8; hops++) {
      const rrs = table.get(name);
      if (!rrs) return reply(q, { answers, rcode: 3 });
      const wanted = rrs.filter((r) => TYPE[r.type] === q.type);
      if (wanted.length > 0) {
        answers.push(...wanted.map((record) => ({ name, record })));
        return reply(q, { answers });
      }
      const cname = rrs.find((r) => r.type === 'CNAME');
      if (!cname || cname.type !== 'CNAME') return reply(q, { answers });
      answers.push({ name, record: cname });
      name = bare(cname.target);
    }
    return reply(q, { answers, rcode: 2 });
  };
};

export interface FakeDns {
  port: number;
  /** "127.0.0.1:PORT", as parseResolver() takes it. */
  spec: string;
  resolver: { host: string; port: number; label: string };
  questions: FakeQuestion[];
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

const parseQuestion = (buf: Buffer, transport: 'udp' | 'tcp'): FakeQuestion | undefined => {
  try {
    const packet = Packet.parse(buf);
    const q = packet.questions[0];
    if (!q) return undefined;
    return {
      id: packet.header.id,
      name: q.name,
      type: q.type,
      typeName: TYPE_NAMES.get(q.type) ?? String(q.type),
      transport,
    };
  } catch {
    return undefined;
  }
};

const bindUdp = (socket: dgram.Socket, port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => {
      socket.removeListener('error', reject);
      resolve();
    });
  });

const listenTcp = (server: net.Server, port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });

export const startFakeDns = async (initial: Handler): Promise<FakeDns> => {
  let handler = initial;
  const questions: FakeQuestion[] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  const other = dgram.createSocket('udp4');
  await bindUdp(other, 0);

  // UDP and TCP must share one port number; retry while the kernel hands out a TCP-busy one.
  let udp: dgram.Socket | undefined;
  let tcp: net.Server | undefined;
  for (let attempt = 0; attempt < 20 && !tcp; attempt++) {
    const u = dgram.createSocket('udp4');
    await bindUdp(u, 0);
    const t = net.createServer();
    try {
      await listenTcp(t, u.address().port);
      udp = u;
      tcp = t;
    } catch {
      u.close();
      t.close();
    }
  }
  if (!udp || !tcp) throw new Error('fake-dns: no free port for UDP and TCP together');
  const port = udp.address().port;

  const later = async (ms: number): Promise<void> => {
    if (ms <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  };

  const udpSocket = udp;
  udpSocket.on('message', (msg, rinfo) => {
    const q = parseQuestion(msg, 'udp');
    if (!q) return;
    questions.push(q);
    void (async () => {
      for (const send of await handler(q)) {
        await later(send.delayMs ?? 0);
        if (closed) return;
        (send.fromOtherPort ? other : udpSocket).send(send.bytes, rinfo.port, rinfo.address);
      }
    })();
  });

  tcp.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const msg = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + msg.length);
        const q = parseQuestion(Buffer.from(msg), 'tcp');
        if (!q) continue;
        questions.push(q);
        void (async () => {
          for (const send of await handler(q)) {
            await later(send.delayMs ?? 0);
            if (closed || socket.destroyed) return;
            const len = Buffer.alloc(2);
            len.writeUInt16BE(send.bytes.length);
            socket.write(Buffer.concat([len, send.bytes]));
          }
        })();
      }
    });
  });

  const tcpServer = tcp;
  return {
    port,
    spec: `127.0.0.1:${port}`,
    resolver: { host: '127.0.0.1', port, label: `127.0.0.1:${port}` },
    questions,
    setHandler(next) {
      handler = next;
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udpSocket.close(() => resolve())),
        new Promise<void>((resolve) => other.close(() => resolve())),
        new Promise<void>((resolve) => tcpServer.close(() => resolve())),
      ]);
    },
  };
};

/** Handler helpers. */
export const answerWith =
  (make: (q: FakeQuestion) => Buffer): Handler =>
  (q) => [{ bytes: make(q) }];

export const silent: Handler = () => [];
