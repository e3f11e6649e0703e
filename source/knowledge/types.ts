// The shapes of the knowledge base. Every record is plain data so a person can read it, correct
// it and add to it without touching the lookup code.

/** What every explained thing carries. */
export interface KnowledgeEntry {
  /** One line in plain words, at most 100 characters. */
  summary: string;
  /** A paragraph for the learner: what the protocol says, what usually causes it. */
  detail: string;
  /** Where it is defined: an RFC section or a vendor's documentation. */
  reference: string;
}

/** A three-digit SMTP reply code (RFC 5321 4.2 and the extensions that add codes). */
export interface SmtpCodeEntry extends KnowledgeEntry {
  code: number;
  /** The text the defining RFC gives for it, as servers often send it. */
  text: string;
}

/** An enhanced status code detail "X.subject.detail" as IANA registers it. */
export interface EnhancedCodeEntry extends KnowledgeEntry {
  /** "X.7.1": the class is left open because the detail means the same in 2, 4 and 5. */
  code: string;
  /** IANA's sample text. */
  sampleText: string;
  /**
   * Reply codes this status travels with: IANA's "associated basic status code" where the
   * registry gives one, otherwise the codes servers use it with in practice.
   */
  basicCodes: number[];
}

export interface EnhancedClassEntry extends KnowledgeEntry {
  class: 2 | 4 | 5;
  /** "Permanent failure" */
  name: string;
}

export interface EnhancedSubjectEntry extends KnowledgeEntry {
  subject: number;
  /** "Security or policy status" */
  name: string;
}

/** A POP3 status indicator or bracketed response code (RFC 1939, 2449, 3206, 6856). */
export interface Pop3CodeEntry extends KnowledgeEntry {
  code: string;
}

/** An IMAP status response or bracketed response code (RFC 3501, 9051, 5530 and the registry). */
export interface ImapCodeEntry extends KnowledgeEntry {
  code: string;
}

/** An EHLO keyword, a POP3 CAPA tag or an IMAP capability. */
export interface CapabilityEntry extends KnowledgeEntry {
  /** As the server announces it; a trailing "*" stands for any suffix ("AUTH=*"). */
  name: string;
  /** The words after the keyword and what they mean, when it takes any. */
  parameters?: string;
  /** Obsolete, private or deprecated: worth knowing, not worth relying on. */
  status?: 'standard' | 'experimental' | 'obsolete' | 'vendor';
}

export type DnsOutcomeName =
  | 'answer'
  | 'nodata'
  | 'nxdomain'
  | 'servfail'
  | 'refused'
  | 'timeout'
  | 'malformed'
  | 'formerr'
  | 'notimp';

export interface DnsOutcomeEntry extends KnowledgeEntry {
  name: DnsOutcomeName;
  /** What a mail server usually does when its own lookup ends like this. */
  mailImpact: string;
}

/** Mailbox providers and filtering services: they are named only when the text identifies them. */
export type ProviderVendor =
  | 'Gmail'
  | 'Microsoft 365'
  | 'Outlook.com'
  | 'Yahoo'
  | 'iCloud'
  | 'Comcast'
  | 'GMX'
  | 'WEB.DE'
  | 'T-Online'
  | 'Orange'
  | 'Free'
  | 'Proofpoint'
  | 'Mimecast'
  | 'Barracuda'
  | 'Cisco Secure Email'
  | 'Trend Micro'
  | 'Cloudmark'
  | 'Spamhaus'
  | 'SpamCop';

/** Server software: the name says whose default wording this is, not who runs the server. */
export type SoftwareVendor =
  | 'Postfix'
  | 'postgrey'
  | 'Exim'
  | 'Sendmail'
  | 'Dovecot'
  | 'qmail'
  | 'Courier'
  | 'Cyrus'
  | 'OpenSMTPD'
  | 'Zimbra'
  | 'hMailServer'
  | 'MDaemon';

export type Vendor = ProviderVendor | SoftwareVendor;

/** A reply text that a known product sends, matched by a regular expression over the text. */
export interface VendorPattern {
  /** Stable, kebab-case: "postfix-relay-access-denied". */
  id: string;
  vendor: Vendor;
  /** A few words for one-line descriptions: "relay denied". */
  label: string;
  pattern: RegExp;
  summary: string;
  detail: string;
  fix: string;
  /** The vendor's public documentation this entry was written from (a URL). */
  reference: string;
  /** Real reply lines this pattern must match (a test holds every pattern to its examples). */
  examples: string[];
  /** Said aloud when the vendor uses an enhanced code differently from the IANA registry. */
  caution?: string;
}
