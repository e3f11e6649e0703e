// The lab's DNS records, per DNS world: what a learner can dig, and what the DNS step of every
// lesson reads. Everything points at loopback; the domain is under .test (RFC 2606), so no
// record here can ever leak into real mail routing.
import type { LabRecord, Zone } from './dns-server.js';
import type { DnsWorld } from './scenario-types.js';

export interface ZoneInput {
  world: DnsWorld;
  domain: string;
  mailHost: string;
  /** The loopback addresses the lab's servers listen on. */
  addresses: readonly string[];
  blocklisted?: boolean;
  dmarcReject?: boolean;
}

export const reverseName = (address: string): string => {
  if (address.includes('.')) return `${address.split('.').reverse().join('.')}.in-addr.arpa`;
  // Only ::1 is ever served here.
  return `1.${'0.'.repeat(31)}ip6.arpa`;
};

export const BLOCKLIST_ZONE = 'bl';

export const buildZone = (input: ZoneInput): Zone => {
  const { world, domain, mailHost, addresses } = input;
  const records: { name: string; record: LabRecord }[] = [];
  const add = (name: string, record: LabRecord): void => {
    records.push({ name, record });
  };
  const hostRecords = (name: string): void => {
    for (const address of addresses)
      add(name, address.includes(':') ? { type: 'AAAA', address } : { type: 'A', address });
  };

  if (world === 'null-mx') {
    add(domain, { type: 'MX', preference: 0, exchange: '' });
    add(domain, { type: 'TXT', text: 'v=spf1 -all' });
  } else {
    if (world === 'healthy' || world === 'broken-mx')
      add(domain, { type: 'MX', preference: 10, exchange: mailHost });
    add(domain, {
      type: 'TXT',
      text: input.dmarcReject ? `v=spf1 a:newsletter.${domain} -all` : 'v=spf1 mx -all',
    });
    add(`_mta-sts.${domain}`, { type: 'TXT', text: 'v=STSv1; id=20261126T000000' });
    add(`_smtp._tls.${domain}`, {
      type: 'TXT',
      text: `v=TLSRPTv1; rua=mailto:tls-reports@${domain}`,
    });
    add(`mta-sts.${domain}`, { type: 'A', address: '127.0.0.1' });
  }
  add(`_dmarc.${domain}`, {
    type: 'TXT',
    text: `v=DMARC1; p=${input.dmarcReject || world === 'null-mx' ? 'reject' : 'quarantine'}; rua=mailto:dmarc-reports@${domain}`,
  });
  if (input.dmarcReject) add(`newsletter.${domain}`, { type: 'A', address: '127.0.0.53' });
  // broken-mx: the MX names a host that was renamed; the old name is gone.
  if (world !== 'broken-mx') {
    hostRecords(mailHost);
    for (const address of addresses) add(reverseName(address), { type: 'PTR', target: mailHost });
  }
  add(`www.${domain}`, { type: 'A', address: '127.0.0.1' });
  if (input.blocklisted) {
    // The lab's own DNS blocklist lists loopback, as zen.spamhaus.org lists a spamming address.
    const listed = `${reverseName('127.0.0.1').replace(/\.in-addr\.arpa$/, '')}.${BLOCKLIST_ZONE}.${domain}`;
    add(listed, { type: 'A', address: '127.0.0.2' });
    add(listed, {
      type: 'TXT',
      text: 'Listed by the practice blocklist: this address sent spam to the lab trap addresses',
    });
  }
  return { apex: domain, records };
};
