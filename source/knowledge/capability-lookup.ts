// Looking up EHLO keywords, POP3 CAPA tags, IMAP capabilities and DNS outcomes.
import { DNS_OUTCOMES } from './dns-outcomes.js';
import { IMAP_CAPABILITIES } from './imap-capabilities.js';
import { POP3_CAPABILITIES } from './pop3-capabilities.js';
import { SMTP_EXTENSIONS } from './smtp-extensions.js';
import type { CapabilityEntry, DnsOutcomeEntry, DnsOutcomeName } from './types.js';

/** Exact names first (case-insensitive), then families written "PREFIX*" ("AUTH=*"). */
const finder = (entries: CapabilityEntry[]) => {
  const exact = new Map(
    entries.filter((e) => !e.name.endsWith('*')).map((e) => [e.name.toUpperCase(), e]),
  );
  const families = entries
    .filter((e) => e.name.endsWith('*'))
    .map((e) => ({ prefix: e.name.slice(0, -1).toUpperCase(), entry: e }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (name: string): CapabilityEntry | undefined => {
    const key = name.trim().toUpperCase();
    if (key === '') return undefined;
    return (
      exact.get(key) ??
      families.find((f) => key.startsWith(f.prefix) && key.length > f.prefix.length)?.entry
    );
  };
};

const findSmtp = finder(SMTP_EXTENSIONS);
const findPop3 = finder(POP3_CAPABILITIES);
const findImap = finder(IMAP_CAPABILITIES);

/**
 * An EHLO line's keyword: "SIZE 35882577" and "AUTH=LOGIN PLAIN" both work (the old "AUTH="
 * form of early Microsoft servers means AUTH).
 */
export const smtpExtension = (keyword: string): CapabilityEntry | undefined => {
  const first = keyword.trim().split(/\s+/)[0] ?? '';
  return findSmtp(first) ?? findSmtp(first.split('=')[0] ?? '');
};

/** A CAPA line's tag: "SASL PLAIN LOGIN" works. */
export const pop3Capability = (tag: string): CapabilityEntry | undefined =>
  findPop3(tag.trim().split(/\s+/)[0] ?? '');

/** "IMAP4rev1", "AUTH=PLAIN", "THREAD=REFERENCES", "QUOTA=RES-STORAGE". */
export const imapCapability = (name: string): CapabilityEntry | undefined =>
  findImap(name.trim().split(/\s+/)[0] ?? '');

const DNS_BY_NAME = new Map(DNS_OUTCOMES.map((entry) => [entry.name, entry]));

export const dnsOutcome = (name: DnsOutcomeName): DnsOutcomeEntry => {
  const entry = DNS_BY_NAME.get(name);
  if (!entry) throw new RangeError(`no DNS outcome named ${String(name)}`);
  return entry;
};

/** Maps what people type or resolvers print ("NXDOMAIN", "NOERROR", "SERVFAIL") to an outcome. */
export const dnsOutcomeName = (word: string): DnsOutcomeName | undefined => {
  const key = word
    .trim()
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (key === 'noerror' || key === 'answer') return 'answer';
  if (key === 'timeout' || key === 'timedout' || key === 'etimeout') return 'timeout';
  const found = DNS_OUTCOMES.find((entry) => entry.name === key);
  return found?.name;
};
