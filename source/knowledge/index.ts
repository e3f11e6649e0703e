// The knowledge base: readable data about mail protocols and the lookups over it.
export type {
  CapabilityEntry,
  DnsOutcomeEntry,
  DnsOutcomeName,
  EnhancedClassEntry,
  EnhancedCodeEntry,
  EnhancedSubjectEntry,
  ImapCodeEntry,
  KnowledgeEntry,
  Pop3CodeEntry,
  SmtpCodeEntry,
  ProviderVendor,
  SoftwareVendor,
  Vendor,
  VendorPattern,
} from './types.js';
export { SMTP_REPLY_CATEGORIES, SMTP_REPLY_CLASSES, SMTP_REPLY_CODES } from './smtp-codes.js';
export { ENHANCED_CLASSES, ENHANCED_CODES, ENHANCED_SUBJECTS } from './enhanced-codes.js';
export { POP3_RESPONSE_CODES, POP3_STATUS } from './pop3-codes.js';
export { IMAP_RESPONSE_CODES, IMAP_STATUS, IMAP_UNTAGGED_DATA } from './imap-codes.js';
export { DNS_OUTCOMES } from './dns-outcomes.js';
export { SMTP_EXTENSIONS } from './smtp-extensions.js';
export { POP3_CAPABILITIES } from './pop3-capabilities.js';
export { IMAP_CAPABILITIES } from './imap-capabilities.js';
export { VENDOR_PATTERNS } from './vendor-patterns.js';
export type { EnhancedCodeExplanation, SmtpCodeExplanation } from './smtp-lookup.js';
export { describeSmtpReply, enhancedCode, explainSmtpCode, smtpBasicCode } from './smtp-lookup.js';
export { matchVendorPatterns, vendorPattern } from './vendor-lookup.js';
export type { ImapLine, Pop3Line } from './mailbox-lookup.js';
export {
  describeImapResponse,
  describePop3Response,
  imapResponseCode,
  parseImapLine,
  parsePop3Line,
  pop3ResponseCode,
} from './mailbox-lookup.js';
export {
  dnsOutcome,
  dnsOutcomeName,
  imapCapability,
  pop3Capability,
  smtpExtension,
} from './capability-lookup.js';
export type {
  CapabilityExplanation,
  Explanation,
  ExplanationKind,
  ImapExplanation,
  LayerExplanation,
  Pop3Explanation,
  ReplyContext,
} from './explain.js';
export type { Extraction, LayerSource, ReplyLayer, SmtpStage } from './extract.js';
export { extractReplies } from './extract.js';
export { identifyVendors, isSoftwareVendor } from './vendor-lookup.js';
export { explain, isExplained } from './explain.js';
