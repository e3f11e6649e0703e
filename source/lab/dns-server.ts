// The lab's authoritative DNS: dns2's UDP and TCP servers on one loopback port, answering from a
// plain record table. Names not in the table are NXDOMAIN; a known name without the asked type
// is NODATA with the zone's SOA, as a real authoritative server answers (negative caching needs it).
import dns2 from 'dns2';
import type { Listener } from '../net/listener.js';
import { listenDatagramAndStream } from '../net/listener.js';

const { Packet, UDPServer, TCPServer } = dns2;

export type LabRecord =
  | { type: 'A' | 'AAAA'; address: string }
  | { type: 'MX'; preference: number; exchange: string }
  | { type: 'TXT'; text: string }
  | { type: 'PTR' | 'CNAME'; target: string };

export interface Zone {
  /** The apex, for the SOA of negative answers. */
  apex: string;
  records: ReadonlyArray<{ name: string; record: LabRecord }>;
}

const TYPES = { A: 1, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28 } as const;
const NXDOMAIN = 3;
const TTL = 60;

const lower = (name: string): string => name.toLowerCase().replace(/\.$/, '');

const resource = (name: string, record: LabRecord): Record<string, unknown> => {
  const base = { name, type: TYPES[record.type], class: 1, ttl: TTL };
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return { ...base, address: record.address };
    case 'MX':
      return { ...base, priority: record.preference, exchange: record.exchange };
    case 'TXT':
      // A character-string holds 255 bytes at most (RFC 1035 3.3); longer text is split.
      return { ...base, data: record.text.match(/.{1,255}/gs) ?? [''] };
    case 'PTR':
    case 'CNAME':
      return { ...base, domain: record.target };
  }
};

/** The answer to one question, from the table. */
export const answer = (
  zone: Zone,
  name: string,
  type: number,
): { rcode: number; answers: Record<string, unknown>[]; soa: boolean } => {
  const wanted = lower(name);
  const atName = zone.records.filter((r) => lower(r.name) === wanted);
  if (atName.length === 0) return { rcode: NXDOMAIN, answers: [], soa: true };
  const cname = atName.find((r) => r.record.type === 'CNAME');
  const matching = atName.filter((r) => TYPES[r.record.type] === type || type === 255);
  const chosen = matching.length > 0 ? matching : cname ? [cname] : [];
  return {
    rcode: 0,
    answers: chosen.map((r) => resource(name, r.record)),
    soa: chosen.length === 0,
  };
};

export interface LabDnsServer extends Listener {
  /** Questions answered so far, for the lab's log. */
  queries: () => number;
}

export const startDnsServer = async (zone: Zone): Promise<LabDnsServer> => {
  let count = 0;
  const handle: dns2.DnsHandler = (request, send) => {
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    const question = request.questions[0];
    if (question) {
      count += 1;
      const { rcode, answers, soa } = answer(zone, question.name, question.type);
      response.header.rcode = rcode;
      response.answers = answers as unknown as typeof response.answers;
      if (soa) {
        response.authorities = [
          {
            name: zone.apex,
            type: TYPES.SOA,
            class: 1,
            ttl: TTL,
            primary: `ns.${zone.apex}`,
            admin: `hostmaster.${zone.apex}`,
            serial: 1,
            refresh: 3600,
            retry: 600,
            expiration: 86400,
            minimum: TTL,
          },
        ] as unknown as typeof response.authorities;
      }
    }
    void send(response).catch(() => undefined);
  };
  const listener = await listenDatagramAndStream(
    () => {
      const udp = new UDPServer(handle);
      udp.on('requestError', () => undefined);
      return udp;
    },
    () => {
      const tcp = new TCPServer(handle);
      tcp.on('requestError', () => undefined);
      return tcp;
    },
  );
  return { ...listener, queries: () => count };
};
