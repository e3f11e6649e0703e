// What a refusal is about. Each negative SMTP reply gets exactly one kind, tried in the order
// below (the most specific first), so two rules never explain the same reply twice: a Spamhaus
// rejection that also says "5.7.1" is a blocklisting, not a relay denial.
import type { VendorPattern } from '../knowledge/index.js';
import { matchVendorPatterns } from '../knowledge/index.js';
import type { Session } from '../record/types.js';
import type { SmtpReplyView } from './transcript.js';
import { replyLine, smtpReplies } from './transcript.js';

export type ReplyKind =
  | 'app-password'
  | 'web-login'
  | 'basic-auth-disabled'
  | 'tls-required'
  | 'blocklisted'
  | 'ptr-required'
  | 'spf-dmarc'
  | 'greylisted'
  | 'too-many-connections'
  | 'rate-limited'
  | 'relay-denied'
  | 'auth-required'
  | 'mailbox-full'
  | 'too-large'
  | 'recipient-domain-not-found'
  | 'recipient-unknown'
  | 'sender-rejected'
  | 'content-rejected'
  | 'server-error';

interface KindSpec {
  kind: ReplyKind;
  vendors?: readonly string[];
  pattern?: RegExp;
  /** Enhanced code details (subject.detail) that mean this kind whatever the text says. */
  enhanced?: readonly string[];
  /** Extra condition on the reply (the command it answers, its class). */
  when?: (r: SmtpReplyView) => boolean;
}

const answers =
  (...verbs: string[]) =>
  (r: SmtpReplyView): boolean =>
    verbs.includes(r.command?.verb ?? '');

const KINDS: readonly KindSpec[] = [
  {
    kind: 'app-password',
    vendors: ['gmail-app-password'],
    pattern: /Application-specific password required/i,
  },
  {
    kind: 'web-login',
    vendors: ['gmail-web-login-required'],
    pattern: /log in (?:via|with|through) your web browser/i,
  },
  {
    kind: 'basic-auth-disabled',
    vendors: [
      'microsoft-smtp-auth-disabled',
      'microsoft-basic-auth-disabled',
      'microsoft-security-defaults',
    ],
    pattern:
      /SmtpClientAuthentication is disabled|basic authentication is disabled|security defaults policy/i,
    enhanced: ['7.139'],
  },
  {
    kind: 'tls-required',
    vendors: ['postfix-starttls-required', 'gmail-tls-required'],
    pattern:
      /Must issue a STARTTLS command first|STARTTLS (?:is )?required|Encryption required|must use (?:TLS|encryption)|TLS (?:is )?required|requires? (?:a )?secure connection|secure connection required/i,
    enhanced: ['7.11'],
    when: (r) =>
      !/authentication required|not authenticated/i.test(r.text) || /STARTTLS/i.test(r.text),
  },
  {
    kind: 'blocklisted',
    vendors: [
      'postfix-rbl-blocked',
      'sendmail-dnsbl',
      'microsoft-spamhaus',
      'microsoft-banned-ip',
      'outlook-block-list',
    ],
    pattern:
      /blocked using|listed (?:at|in|on|by) [\w.-]+\.[a-z]{2,}|\b(?:RBL|DNSBL|blocklist(?:ed)?|blacklist(?:ed)?|block list|black list)\b|spamhaus|spamcop|barracudacentral|banned sending IP|(?:poor|low|bad) (?:IP )?reputation|\bS3150\b|\bS3140\b/i,
    enhanced: ['7.606'],
  },
  {
    kind: 'ptr-required',
    vendors: ['gmail-ptr', 'postfix-unknown-client-hostname'],
    pattern:
      /(?:does not|doesn't) have a PTR record|cannot find your (?:reverse )?hostname|reverse DNS|no PTR|rDNS/i,
    enhanced: ['7.25'],
  },
  {
    kind: 'spf-dmarc',
    vendors: [
      'gmail-unauthenticated',
      'gmail-dmarc-policy',
      'gmail-spf-hardfail',
      'gmail-bulk-spf',
      'gmail-bulk-dkim',
      'gmail-dmarc-missing',
      'gmail-dmarc-alignment',
      'microsoft-dmarc-reject',
      'yahoo-unauthenticated',
      'yahoo-policy',
    ],
    pattern:
      /\bSPF\b|\bDMARC\b|\bDKIM\b|sender is unauthenticated|requires all senders to authenticate|fails? to pass authentication checks/i,
    enhanced: ['7.23', '7.24', '7.26', '7.509'],
  },
  {
    kind: 'greylisted',
    vendors: ['postgrey-greylisted'],
    pattern: /gr[ae]y-?list|postgrey/i,
    when: (r) => r.code < 500,
  },
  {
    kind: 'too-many-connections',
    vendors: ['microsoft-concurrent-connections', 'dovecot-max-userip-connections'],
    pattern:
      /too many (?:concurrent |simultaneous )?(?:SMTP |IMAP |POP3? )?(?:connections|sessions)|connection (?:count |rate )?limit|Maximum number of connections/i,
  },
  {
    kind: 'rate-limited',
    vendors: [
      'gmail-unusual-rate',
      'gmail-sending-limit',
      'gmail-receiving-too-fast',
      'gmail-too-many-logins',
      'microsoft-server-busy',
      'microsoft-submission-quota',
      'microsoft-sender-thread-limit',
      'yahoo-ts-deferred',
      'yahoo-tss04',
      'yahoo-tss09',
      'sendmail-rate-control',
    ],
    pattern:
      /rate.?limit|too many (?:messages|mails|e-?mails|recipients|login attempts)|sending limit|too fast|throttl|exceeded (?:the |your )?(?:message |sending |daily |hourly |submission )(?:limit|quota|rate)|unusual rate|unexpected volume|server busy|try again in \d+ (?:seconds|minutes)/i,
    enhanced: ['7.28', '4.500'],
  },
  {
    kind: 'relay-denied',
    vendors: [
      'postfix-relay-access-denied',
      'exim-relay-not-permitted',
      'exim-relay-needs-auth',
      'sendmail-relaying-denied-auth',
      'sendmail-relaying-denied-ip',
      'microsoft-relay-denied',
    ],
    pattern:
      /relay(?:ing)? (?:access )?(?:is )?(?:denied|not permitted|prohibited|not allowed|refused)|unable to relay|not permitted to relay|we do not relay|relay not permitted|no relaying|relaying (?:is )?not allowed/i,
    enhanced: ['7.54', '7.64'],
  },
  {
    kind: 'auth-required',
    vendors: ['microsoft-client-not-authenticated', 'postfix-auth-not-enabled'],
    pattern:
      /authentication (?:is )?required|not authenticated|must (?:first )?authenticate|SMTP AUTH (?:is )?required|authenticate first|needs? authentication/i,
    enhanced: ['7.57'],
    when: (r) => r.code === 530 || !answers('AUTH', 'AUTH-RESPONSE')(r),
  },
  {
    kind: 'mailbox-full',
    vendors: ['gmail-over-quota', 'microsoft-mailbox-full', 'dovecot-quota-exceeded'],
    pattern:
      /mailbox (?:is )?full|over ?quota|quota exceeded|exceeded (?:the |its |their )?(?:storage|mailbox|disk) (?:quota|allocation|limit)|mailbox size limit|user has exceeded|storage allocation|insufficient (?:storage|space) (?:for|in) (?:the )?(?:user|mailbox|recipient)/i,
    enhanced: ['2.2'],
  },
  {
    kind: 'too-large',
    vendors: [
      'postfix-message-size',
      'exim-message-size',
      'sendmail-message-size',
      'gmail-message-too-big',
    ],
    pattern:
      /message (?:size )?(?:exceeds|too (?:big|large))|size (?:limit )?exceeds|exceeds (?:the )?(?:fixed|maximum|size)|message is too large|too large/i,
    enhanced: ['3.4', '2.3'],
  },
  {
    kind: 'recipient-domain-not-found',
    vendors: ['postfix-recipient-domain-not-found', 'microsoft-dns-nonexistent-domain'],
    pattern:
      /Recipient address rejected: Domain not found|recipient domain (?:not found|does not exist)|Domain of recipient address \S* does not exist/i,
    enhanced: ['1.2'],
    when: answers('RCPT'),
  },
  {
    kind: 'recipient-unknown',
    vendors: [
      'postfix-user-unknown',
      'gmail-no-such-user',
      'microsoft-recipient-not-found',
      'exim-unrouteable',
      'sendmail-user-unknown',
      'yahoo-no-account',
      'dovecot-user-doesnt-exist',
    ],
    pattern:
      /user unknown|unknown user|no such (?:user|mailbox|recipient)|does not exist|recipient not found|RecipientNotFound|invalid recipient|not a valid (?:mailbox|recipient)|mailbox (?:unavailable|not found)|unrouteable address|No mailbox here|address rejected: undeliverable/i,
    enhanced: ['1.1', '1.10', '1.6'],
    when: (r) => answers('RCPT')(r) || /^[245]\.1\.(?:1|10|6)$/.test(r.enhanced ?? ''),
  },
  {
    kind: 'sender-rejected',
    vendors: [
      'postfix-sender-domain-not-found',
      'postfix-sender-login-mismatch',
      'exim-sender-verify-failed',
      'sendmail-sender-domain',
      'microsoft-send-as-denied',
    ],
    pattern:
      /Sender address rejected|sender (?:address )?(?:verify failed|rejected|denied|not allowed)|sender login mismatch|not owned by (?:the )?user|send as this sender|SendAsDenied/i,
    enhanced: ['1.7', '1.8', '7.60'],
    when: (r) => !answers('DATA-END')(r),
  },
  {
    kind: 'content-rejected',
    vendors: ['gmail-likely-unsolicited', 'microsoft-spam-abuse'],
    pattern:
      /\bspam\b|unsolicited|content (?:rejected|not accepted)|virus|malware|message (?:was )?rejected/i,
    enhanced: ['6.0', '7.7'],
    when: answers('DATA-END', 'DATA'),
  },
  {
    kind: 'server-error',
    vendors: [
      'postfix-temporary-lookup-failure',
      'postfix-insufficient-storage',
      'exim-temporary-local-problem',
      'sendmail-disk-space',
    ],
    pattern:
      /local (?:error|problem)|insufficient system storage|temporary (?:local )?(?:failure|problem)|internal (?:server )?error|lookup fail|queue file write error|system resources/i,
    enhanced: ['3.0', '3.1', '3.2', '3.5', '4.3'],
  },
];

const detailOf = (enhanced: string | undefined): string | undefined =>
  enhanced ? enhanced.split('.').slice(1).join('.') : undefined;

/** The kind of a negative reply (4xx or 5xx), or undefined when it is none of the known ones. */
export const replyKind = (r: SmtpReplyView): ReplyKind | undefined => {
  if (r.code < 400) return undefined;
  const line = replyLine(r);
  const vendorIds = new Set(matchVendorPatterns(line).map((v) => v.id));
  const detail = detailOf(r.enhanced);
  for (const spec of KINDS) {
    const matched =
      (spec.vendors ?? []).some((id) => vendorIds.has(id)) ||
      (spec.pattern?.test(r.text) ?? false) ||
      (detail !== undefined && (spec.enhanced ?? []).includes(detail));
    if (matched && (spec.when?.(r) ?? true)) return spec.kind;
  }
  return undefined;
};

/** Every negative SMTP reply of one kind. */
export const repliesOfKind = (session: Session, kind: ReplyKind): SmtpReplyView[] =>
  smtpReplies(session).filter((r) => replyKind(r) === kind);

/** The known product behind a reply, when its text matches one. */
export const vendorOf = (r: SmtpReplyView): VendorPattern | undefined =>
  matchVendorPatterns(replyLine(r))[0];
