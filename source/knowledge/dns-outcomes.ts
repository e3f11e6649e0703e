// How a DNS lookup can end, in the words a mail administrator needs. The response codes are
// RFC 1035's RCODEs; NODATA is RFC 2308's name for "the name exists, the type does not".
import type { DnsOutcomeEntry } from './types.js';

export const DNS_OUTCOMES: DnsOutcomeEntry[] = [
  {
    name: 'answer',
    summary: 'NOERROR with an answer: the records exist',
    detail:
      "The resolver returned records of the type asked for (MX, A, AAAA, TXT, PTR). For mail, the MX answer lists the servers that receive a domain's mail, lowest preference first; each MX target must itself have A or AAAA records and must not be an IP address or a CNAME.",
    mailImpact: 'Delivery proceeds to the listed hosts, trying them in order of preference.',
    reference: 'RFC 1035 §4.1.1; RFC 5321 §5.1',
  },
  {
    name: 'nodata',
    summary: 'NODATA: the name exists but has no records of this type',
    detail:
      'The response code is NOERROR, yet the answer section is empty: the name is real but has, for example, no MX record. For mail that is not fatal: RFC 5321 says to fall back to the domain\'s own A/AAAA record (the "implicit MX"). No TXT record at _dmarc or no SPF TXT record also shows up as NODATA.',
    mailImpact:
      "With no MX, senders try the domain's A/AAAA address; with neither, mail cannot be delivered.",
    reference: 'RFC 2308 §2.2; RFC 5321 §5.1',
  },
  {
    name: 'nxdomain',
    summary: 'NXDOMAIN: the name does not exist at all',
    detail:
      "Response code 3 (Name Error): the authoritative servers say this name does not exist, with any type. For a recipient domain it usually means a typo or an expired domain registration. Resolvers cache the negative answer for the SOA's minimum TTL, so a freshly created record can stay invisible for a while.",
    mailImpact:
      'Permanent failure: servers bounce with 5.1.2 (bad destination system) or 5.1.8 for a sender domain.',
    reference: 'RFC 1035 §4.1.1; RFC 2308 §2.1',
  },
  {
    name: 'servfail',
    summary: 'SERVFAIL: the resolver could not get an answer',
    detail:
      "Response code 2 (Server Failure): the resolver tried and failed. Common causes: the domain's name servers are down or unreachable, the delegation is broken (lame), or DNSSEC validation failed (expired signatures, a DS record that does not match the keys). Ask another resolver, and ask the authoritative servers directly, to tell which.",
    mailImpact:
      'Temporary failure: sending servers keep the message queued and retry (4.4.3 directory server failure).',
    reference: 'RFC 1035 §4.1.1; RFC 4035 §5.5',
  },
  {
    name: 'refused',
    summary: 'REFUSED: the DNS server will not answer this client',
    detail:
      'Response code 5: the server refused by policy, typically an authoritative-only server asked to recurse, or a resolver that only serves its own network. The question may be fine; it was sent to the wrong server.',
    mailImpact:
      'The lookup fails; a mail server configured with such a resolver cannot deliver anything until it uses a working one.',
    reference: 'RFC 1035 §4.1.1',
  },
  {
    name: 'timeout',
    summary: 'Timeout: no reply arrived from the DNS server',
    detail:
      'No answer within the time limit: the server is down, a firewall drops UDP or TCP port 53, or packets are lost. Large answers (many TXT records, DNSSEC) need TCP or EDNS; a path that blocks them times out on exactly those lookups.',
    mailImpact: 'Treated as temporary: messages stay queued and are retried.',
    reference: 'RFC 1035 §4.2; RFC 7766',
  },
  {
    name: 'malformed',
    summary: 'Malformed reply: the answer could not be parsed',
    detail:
      'Something answered on port 53 but the reply was not valid DNS (truncated, wrong ID, garbage). Middleboxes that rewrite DNS, or a non-DNS service on port 53, cause this.',
    mailImpact:
      'The lookup is treated as failed; retrying with another resolver helps tell a bad path from a bad server.',
    reference: 'RFC 1035 §4.1',
  },
  {
    name: 'formerr',
    summary: 'FORMERR: the DNS server could not understand the query',
    detail:
      'Response code 1 (Format Error): the server could not interpret the question. Old or broken servers answer FORMERR to queries with EDNS options; resolvers then retry without them.',
    mailImpact: 'The lookup fails unless the resolver retries in a simpler form.',
    reference: 'RFC 1035 §4.1.1; RFC 6891 §7',
  },
  {
    name: 'notimp',
    summary: 'NOTIMP: the DNS server does not implement this kind of query',
    detail:
      'Response code 4 (Not Implemented): the server does not support the requested operation.',
    mailImpact: 'The lookup fails; use another resolver.',
    reference: 'RFC 1035 §4.1.1',
  },
];
