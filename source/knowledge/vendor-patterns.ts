// Reply texts that real products send, each recognised by a regular expression over the text.
// The examples are real replies with the addresses and IPs replaced by documentation values
// (example.com, 192.0.2.0/24); a test holds every pattern to its own examples, so a new entry
// needs at least one. Order matters only for display: all matching patterns are reported.
import type { VendorPattern } from './types.js';
import { FILTER_PATTERNS } from './vendor-patterns-filters.js';
import { PROVIDER_PATTERNS } from './vendor-patterns-providers.js';
import { SERVER_PATTERNS } from './vendor-patterns-servers.js';

const GMAIL_ERRORS = 'https://support.google.com/a/answer/3726730';
const GMAIL_SENDERS = 'https://support.google.com/a/answer/81126';
const MS_NDR =
  'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online';
const MS_SMTP_AUTH =
  'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission';
const OUTLOOK_POSTMASTER = 'https://sendersupport.olc.protection.outlook.com/pm/';
const YAHOO_ERRORS = 'https://senders.yahooinc.com/smtp-error-codes/';
const POSTCONF = 'https://www.postfix.org/postconf.5.html';
const EXIM_ACL =
  'https://www.exim.org/exim-html-current/doc/html/spec_html/ch-access_control_lists.html';
// The cf/README that ships with sendmail ("ANTI-SPAM CONFIGURATION CONTROL"), as published online.
const SENDMAIL_CF = 'https://www.sendmail.org/~ca/email/doc8.12/cf/m4/anti_spam.html';
const DOVECOT_SSL = 'https://doc.dovecot.org/2.3/configuration_manual/dovecot_ssl_configuration/';
const DOVECOT_AUTH = 'https://doc.dovecot.org/2.3/configuration_manual/authentication/';

const CORE_PATTERNS: VendorPattern[] = [
  // ---------------------------------------------------------------- Gmail / Google Workspace
  {
    id: 'gmail-app-password',
    vendor: 'Gmail',
    label: 'app password required',
    pattern: /Application-specific password required/i,
    summary: 'Google wants an app password (or OAuth), not the account password',
    detail:
      'The account has 2-Step Verification, so Google refuses the normal password over SMTP, IMAP and POP3 with 534 5.7.9 (or an IMAP [ALERT]). The password may well be right; it is the wrong kind of credential for a mail client.',
    fix: 'Create an app password in the Google account (Security > App passwords) and use it instead, or switch the client to OAuth2 (XOAUTH2).',
    reference: 'https://support.google.com/accounts/answer/185833',
    examples: [
      '534-5.7.9 Application-specific password required. Learn more at https://support.google.com/mail/?p=InvalidSecondFactor',
      'a1 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)',
    ],
  },
  {
    id: 'gmail-bad-credentials',
    vendor: 'Gmail',
    label: 'username and password not accepted',
    pattern: /Username and Password not accepted/i,
    summary: 'Google rejected the user name and password',
    detail:
      'Gmail answers 535 5.7.8 when the credentials are wrong, and also when the account may no longer sign in with a plain password (Google stopped "less secure app" access; plain passwords work only as app passwords).',
    fix: 'Check the full address as user name; use an app password (with 2-Step Verification) or OAuth2 instead of the account password.',
    reference: GMAIL_ERRORS,
    examples: [
      '535-5.7.8 Username and Password not accepted. Learn more at https://support.google.com/mail/?p=BadCredentials',
      '-ERR [AUTH] Username and password not accepted.',
    ],
  },
  {
    id: 'gmail-web-login-required',
    vendor: 'Gmail',
    label: 'web sign-in required',
    pattern: /Please log in (?:via|with|through) your web browser/i,
    summary: 'Google blocked the sign-in until the user signs in through a browser',
    detail:
      'Google saw a sign-in it considers suspicious (new place, new device, automated client) and wants the user to confirm it on the web first (534 5.7.14).',
    fix: 'Sign in to the account in a browser, confirm the security alert, then retry; for servers, use an app password or OAuth2.',
    reference: GMAIL_ERRORS,
    examples: ['534-5.7.14 Please log in via your web browser and then try again.'],
  },
  {
    id: 'gmail-likely-unsolicited',
    vendor: 'Gmail',
    label: 'likely unsolicited, spam',
    pattern: /likely unsolicited (?:e-?)?mail/i,
    summary: 'Gmail blocked this message as likely spam',
    detail:
      "Gmail's filters judged this message (550 5.7.1) to be unsolicited, from its content, links, the sender's reputation or missing authentication. It is a verdict on this message and sender, not on the recipient address.",
    fix: 'Make sure SPF, DKIM and DMARC pass and align, check the sending IP and domain in Google Postmaster Tools, and review the content and list practices before sending again.',
    reference: 'https://support.google.com/mail/answer/188131',
    examples: [
      '550-5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.',
      '550 5.7.1 This message is likely unsolicited email. To reduce the amount of spam sent to Gmail, this message has been blocked.',
    ],
  },
  {
    id: 'gmail-unusual-rate',
    vendor: 'Gmail',
    label: 'unusual rate of mail, rate limited',
    pattern: /unusual (?:rate|amount) of (?:unsolicited )?(?:e-?)?mail/i,
    summary: 'Gmail saw an unusual rate of mail from this IP, domain or netblock and throttled it',
    detail:
      'Gmail rate-limits (421 4.7.28 or the older 421 4.7.0) or blocks (550 5.7.28) sources that suddenly send a lot, or send mail users mark as spam. New IPs that send at full speed at once trigger it too.',
    fix: 'Slow down and let the queue retry; warm up new IPs gradually; check complaint rates in Google Postmaster Tools; make sure the mail is wanted.',
    reference: GMAIL_SENDERS,
    examples: [
      '421-4.7.28 Gmail has detected an unusual rate of email originating from your IP address 192.0.2.1. To protect our users from spam, email sent from your IP address has been temporarily rate limited.',
      '421-4.7.0 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily blocked.',
      '550-5.7.28 There is an unusual rate of unsolicited email originating from your IP address. To protect our users from spam, email sent from your IP address has been blocked.',
    ],
  },
  {
    id: 'gmail-unauthenticated',
    vendor: 'Gmail',
    label: 'sender unauthenticated, no SPF/DKIM pass',
    pattern:
      /Gmail requires all senders to authenticate|rate limited because it is unauthenticated|does not have authentication information or fails to pass authentication checks/i,
    summary: 'Gmail refused or throttled the message because neither SPF nor DKIM passed',
    detail:
      'Since 2024 Gmail requires every sender to pass SPF or DKIM; unauthenticated mail is rate limited (421 4.7.26) or rejected (550 5.7.26). The reply lists the results it saw.',
    fix: 'Publish an SPF record that includes the sending server, sign outgoing mail with DKIM, and check the Authentication-Results header of a test message.',
    reference: GMAIL_SENDERS,
    examples: [
      '550-5.7.26 This email has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.',
      '421-4.7.26 This email has been rate limited because it is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.',
    ],
  },
  {
    id: 'gmail-dmarc-policy',
    vendor: 'Gmail',
    label: 'DMARC policy rejection',
    pattern: /not accepted due to domain'?s DMARC policy/i,
    summary: "The From: domain's DMARC policy says reject, and the message failed DMARC",
    detail:
      'The domain in the From: header publishes p=reject, and neither SPF nor DKIM passed in alignment with it. Common with forwarding, mailing lists, and third-party services sending "as" the domain without its DKIM key. 451 4.7.26 is the temporary variant when DNS failed.',
    fix: "Have every service that sends as this domain sign with the domain's DKIM key (or use an aligned envelope sender), or send with a From: address in a domain you control.",
    reference: 'https://support.google.com/mail/answer/2451690',
    examples: [
      "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy. Please contact the administrator of example.com domain if this was a legitimate mail.",
    ],
  },
  {
    id: 'gmail-spf-hardfail',
    vendor: 'Gmail',
    label: 'SPF hard fail',
    pattern: /SPF record with a hard fail policy/i,
    summary: "The envelope sender's SPF record ends in -all and this IP is not in it",
    detail:
      'The MAIL FROM domain says (with -all) that only the listed servers may send for it, and this message came from another IP (550 5.7.26).',
    fix: "Add the sending server or service to the domain's SPF record (include: or ip4:), keeping within 10 DNS lookups.",
    reference: GMAIL_SENDERS,
    examples: [
      '550-5.7.26 The (E)MAIL FROM domain [example.com] has an SPF record with a hard fail policy (-all) but it fails to pass SPF checks with the ip: [192.0.2.1]. To best protect our users from spam and phishing, the message has been blocked.',
    ],
  },
  {
    id: 'gmail-bulk-spf',
    vendor: 'Gmail',
    label: 'SPF did not pass, bulk sender rules',
    pattern: /SPF authentication didn't pass|didn't pass SPF authentication/i,
    summary: 'Gmail requires SPF from bulk senders and SPF did not pass',
    detail:
      "Gmail's bulk sender requirements (421 4.7.27 to rate limit, 550 5.7.27 to block) need SPF to pass for the sending domain.",
    fix: 'Publish or fix the SPF record of the envelope sender domain so it covers the sending IP.',
    reference: GMAIL_SENDERS,
    caution:
      'Gmail uses 4.7.27/5.7.27 for SPF failures; in the IANA registry X.7.27 means "sender address has null MX".',
    examples: [
      "421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate their email with SPF.",
      "550-5.7.27 This message was blocked because it didn't pass SPF authentication. Gmail requires bulk email senders to authenticate their email with SPF.",
    ],
  },
  {
    id: 'gmail-bulk-dkim',
    vendor: 'Gmail',
    label: 'DKIM did not pass, bulk sender rules',
    pattern: /DKIM authentication didn't pass|didn't pass DKIM authentication/i,
    summary: 'Gmail requires DKIM from bulk senders and DKIM did not pass',
    detail:
      'The message was unsigned or its DKIM signature failed (body changed, key missing from DNS); 421 4.7.30 rate limits, 550 5.7.30 blocks.',
    fix: 'Sign outgoing mail with DKIM for the sending domain and publish the public key at selector._domainkey.',
    reference: GMAIL_SENDERS,
    caution:
      'Gmail uses 4.7.30/5.7.30 for DKIM failures; in the IANA registry X.7.30 means "REQUIRETLS support required".',
    examples: [
      "421-4.7.30 Your email has been rate limited because DKIM authentication didn't pass for this message. Gmail requires all email bulk senders to authenticate their email with DKIM.",
      "550-5.7.30 This message was blocked because it didn't pass DKIM authentication. Gmail requires bulk email senders to authenticate their email with DKIM.",
    ],
  },
  {
    id: 'gmail-bulk-tls',
    vendor: 'Gmail',
    label: 'not sent over TLS, bulk sender rules',
    pattern: /not using a TLS connection|wasn't sent over a TLS connection/i,
    summary: 'Gmail requires bulk senders to use TLS and this message came in clear text',
    detail:
      'The sending server delivered without STARTTLS; 421 4.7.29 rate limits and 550 5.7.29 blocks.',
    fix: 'Enable opportunistic TLS on the sending server (for Postfix: smtp_tls_security_level = may) and make sure STARTTLS works.',
    reference: GMAIL_SENDERS,
    caution:
      'Gmail uses 4.7.29/5.7.29 for missing TLS; in the IANA registry X.7.29 means "ARC validation failure".',
    examples: [
      "421-4.7.29 Your email has been rate limited because you're not using a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections.",
    ],
  },
  {
    id: 'gmail-dmarc-missing',
    vendor: 'Gmail',
    label: 'no DMARC record, bulk sender rules',
    pattern: /doesn't have a DMARC record/i,
    summary: 'Gmail requires bulk senders to publish DMARC and the domain has none',
    detail:
      "The sending domain has no _dmarc TXT record, or it lacks a policy (p=); 421 4.7.40 rate limits, 550 5.7.40 blocks. 4.7.40 is Gmail's own code, not in the IANA registry.",
    fix: 'Publish a DMARC record such as "v=DMARC1; p=none; rua=mailto:dmarc@example.com" at _dmarc.<domain>.',
    reference: GMAIL_SENDERS,
    examples: [
      "421-4.7.40 Your email has been rate limited because the sending domain doesn't have a DMARC record, or the DMARC record doesn't specify a DMARC policy.",
    ],
  },
  {
    id: 'gmail-dmarc-alignment',
    vendor: 'Gmail',
    label: 'From: not aligned with SPF or DKIM',
    pattern: /isn't aligned with either the authenticated SPF or DKIM/i,
    summary: 'SPF or DKIM passed, but not for the domain in the From: header',
    detail:
      "DMARC alignment failed: the authenticated domains differ from the From: domain (4.7.32 rate limits, 5.7.32 blocks; Gmail's own codes).",
    fix: 'Sign with DKIM for the From: domain, or use an envelope sender in the same organisational domain.',
    reference: GMAIL_SENDERS,
    examples: [
      "421-4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain.",
    ],
  },
  {
    id: 'gmail-ptr',
    vendor: 'Gmail',
    label: 'no PTR record for the sending IP',
    pattern: /(?:does not|doesn't) have a PTR record/i,
    summary: 'The sending IP has no reverse DNS (PTR), or it does not match forward DNS',
    detail:
      'Gmail requires the sending IP to have a PTR record whose name resolves back to the same IP (4.7.23 or 4.7.0 to rate limit, 5.7.25 to block).',
    fix: "Ask whoever owns the IP (hosting or access provider) to set a PTR record to the server's name, and make that name's A/AAAA record point back to the IP.",
    reference: GMAIL_SENDERS,
    examples: [
      "550-5.7.25 This message was blocked because the sending IP address doesn't have a PTR record, or the forwarding DNS entry doesn't reference the sending IP address.",
      '421-4.7.0 The IP address sending this message does not have a PTR record, or the corresponding forward DNS entry does not point to the sending IP.',
    ],
  },
  {
    id: 'gmail-ipv6-guidelines',
    vendor: 'Gmail',
    label: 'IPv6 sending guidelines not met',
    pattern: /does not meet IPv6 sending guidelines/i,
    summary: 'Over IPv6 Gmail requires a PTR record and authentication',
    detail:
      'Mail over IPv6 is held to stricter rules: the IPv6 address needs matching reverse DNS and the message must pass SPF or DKIM.',
    fix: "Set reverse DNS for the server's IPv6 address and authenticate the mail, or send to Gmail over IPv4 only.",
    reference: GMAIL_SENDERS,
    examples: [
      '550-5.7.1 [2001:db8::1] Our system has detected that this message does not meet IPv6 sending guidelines regarding PTR records and authentication.',
    ],
  },
  {
    id: 'gmail-ip-not-authorized',
    vendor: 'Gmail',
    label: 'IP not allowed to send directly',
    pattern:
      /IP you're using to send (?:e-?)?mail is not authorized to send (?:e-?)?mail directly to our servers/i,
    summary: 'The IP looks like a home or dynamic address that should not send directly',
    detail:
      "Gmail refuses direct delivery from addresses listed as end-user ranges (for example the Spamhaus PBL). Mail from such networks should go through the provider's relay.",
    fix: "Relay through your ISP's or mail provider's submission server (smarthost) with authentication, instead of delivering directly.",
    reference: GMAIL_ERRORS,
    examples: [
      "550-5.7.1 [192.0.2.1] The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead.",
    ],
  },
  {
    id: 'gmail-tls-required',
    vendor: 'Gmail',
    label: 'TLS required for recipient domain',
    pattern: /TLS required for RCPT domain/i,
    summary: "The recipient's Google Workspace domain requires TLS, and this connection has none",
    detail:
      'The Workspace administrator of the recipient domain enforces TLS for incoming mail; Gmail closes the connection with 421 4.7.0.',
    fix: 'Use STARTTLS when delivering to this domain (and make sure the TLS handshake actually succeeds).',
    reference: GMAIL_ERRORS,
    examples: ['421-4.7.0 TLS required for RCPT domain, closing connection.'],
  },
  {
    id: 'gmail-no-such-user',
    vendor: 'Gmail',
    label: 'account does not exist',
    pattern: /The email account that you tried to reach does not exist/i,
    summary: 'There is no Gmail account with this address',
    detail: 'A permanent 550 5.1.1: the address is mistyped, or the account was deleted.',
    fix: 'Check the spelling of the address; remove it from lists if it keeps bouncing.',
    reference: GMAIL_ERRORS,
    examples: [
      "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.",
    ],
  },
  {
    id: 'gmail-over-quota',
    vendor: 'Gmail',
    label: 'mailbox over quota',
    pattern:
      /The email account that you tried to reach is over quota|recipient's inbox is out of storage space/i,
    summary: "The recipient's Google storage is full",
    detail:
      'The recipient has used all their Google storage (mail, Drive and Photos share it). 452 4.2.2 keeps retrying; 552 5.2.2 bounces at once.',
    fix: 'Nothing to fix on the sending side: tell the recipient by other means to free space, then resend.',
    reference: GMAIL_ERRORS,
    examples: [
      '552-5.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm',
      "452-4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp",
    ],
  },
  {
    id: 'gmail-account-disabled',
    vendor: 'Gmail',
    label: 'account disabled or inactive',
    pattern: /The email account that you tried to reach is (?:disabled|inactive)/i,
    summary: 'The Gmail account exists but is disabled or inactive',
    detail:
      'A permanent 550 5.2.1: the account was suspended or has been inactive for a long time.',
    fix: 'Reach the recipient by other means for a current address.',
    reference: GMAIL_ERRORS,
    examples: ['550-5.2.1 The email account that you tried to reach is disabled.'],
  },
  {
    id: 'gmail-message-too-big',
    vendor: 'Gmail',
    label: 'message too large',
    pattern: /exceeded Google's message (?:header )?size limits/i,
    summary: 'The message is larger than Gmail accepts',
    detail:
      'Gmail limits incoming messages (including encoding overhead) to 25 MB, and limits header sizes separately (552 5.3.4).',
    fix: 'Send large files by link (Drive, a file share) instead of as attachments.',
    reference: GMAIL_ERRORS,
    examples: ["552-5.3.4 Your message exceeded Google's message size limits."],
  },
  {
    id: 'gmail-sending-limit',
    vendor: 'Gmail',
    label: 'daily sending limit exceeded',
    pattern: /Daily user sending limit exceeded|Daily SMTP relay (?:sending )?limit exceeded/i,
    summary: 'The Google account or Workspace relay hit its daily sending limit',
    detail:
      'Google limits how many messages and recipients one account or relay customer may send per day (550 5.4.5 or 5.7.1). The limit resets after about 24 hours.',
    fix: 'Wait for the limit to reset; for bulk mail use a service built for it rather than a mailbox account.',
    reference: 'https://support.google.com/a/answer/166852',
    examples: ['550-5.4.5 Daily user sending limit exceeded.'],
  },
  {
    id: 'gmail-receiving-too-fast',
    vendor: 'Gmail',
    label: 'recipient receiving mail too fast',
    pattern: /receiving (?:e-?)?mail (?:too quickly|at a rate that prevents additional messages)/i,
    summary: 'The recipient is receiving mail too fast; Gmail defers more for now',
    detail:
      'A per-recipient rate limit (450 4.2.1). The sending server retries and the mail is delivered once the rate drops.',
    fix: 'Nothing needed for a one-off; for automated mail, send fewer messages to the same recipient.',
    reference: GMAIL_ERRORS,
    examples: [
      '450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time.',
    ],
  },
  {
    id: 'gmail-too-many-logins',
    vendor: 'Gmail',
    label: 'too many login attempts',
    pattern: /Too many login attempts, please try again later\.?[^]*gsmtp/i,
    summary: 'Too many sign-in attempts: Google is refusing logins for a while',
    detail:
      'After repeated attempts (often a client retrying a wrong password), Google temporarily refuses authentication (454 4.7.0).',
    fix: 'Stop the client that keeps retrying, fix its credentials, and wait before trying again.',
    reference: GMAIL_ERRORS,
    examples: ['454-4.7.0 Too many login attempts, please try again later. a1si123 - gsmtp'],
  },
  {
    id: 'gmail-domain-policy',
    vendor: 'Gmail',
    label: 'blocked by a domain policy',
    pattern: /has a policy that prohibit(?:s|ed) the (?:e-?)?mail that you sent|- gcdp /i,
    summary: "A Google Workspace administrator's rule blocked this message",
    detail:
      'The recipient\'s (or sender\'s) Workspace domain has a custom compliance or content rule that matched. "gcdp" in the reply marks Google Custom Domain Policies.',
    fix: 'Ask the administrator of the domain which policy matched; nothing in the sending setup will change it.',
    reference: GMAIL_ERRORS,
    examples: [
      '550-5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail that you sent.',
      '550 5.7.1 This message violates example.com email policy. - gcdp <sessionid> - gsmtp',
    ],
  },
  {
    id: 'gmail-imap-not-enabled',
    vendor: 'Gmail',
    label: 'IMAP or POP not enabled',
    pattern: /Your account is not enabled for (?:IMAP|POP)/i,
    summary: 'IMAP or POP access is switched off for this Gmail account',
    detail:
      'The credentials may be right, but the account (or the Workspace administrator) has not enabled this protocol.',
    fix: 'Enable IMAP or POP in Gmail settings (Forwarding and POP/IMAP), or ask the Workspace administrator to allow it.',
    reference: 'https://support.google.com/mail/answer/7126229',
    examples: [
      'a1 NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access. (Failure)',
    ],
  },
  {
    id: 'gmail-imap-invalid-credentials',
    vendor: 'Gmail',
    label: 'invalid credentials, IMAP',
    pattern: /\[AUTHENTICATIONFAILED\] Invalid credentials \(Failure\)/,
    summary: 'Gmail refused the IMAP login',
    detail: 'Wrong password, or a plain password where Gmail wants an app password or OAuth2.',
    fix: 'Use an app password or OAuth2, and the full address as user name.',
    reference: 'https://support.google.com/accounts/answer/185833',
    examples: ['a1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)'],
  },

  // ---------------------------------------------------------------- Microsoft 365 / Outlook.com
  {
    id: 'microsoft-smtp-auth-disabled',
    vendor: 'Microsoft 365',
    label: 'SMTP AUTH disabled for the tenant',
    pattern: /SmtpClientAuthentication is disabled/i,
    summary: 'SMTP AUTH is switched off for this Microsoft 365 tenant or mailbox',
    detail:
      'Exchange Online disables authenticated SMTP submission by default. The password may be right; the tenant (or the mailbox) simply does not allow SMTP AUTH (535 5.7.139).',
    fix: 'An administrator enables Authenticated SMTP for the mailbox (Microsoft 365 admin center > user > Mail > Email apps) and for the organisation (Set-TransportConfig -SmtpClientAuthenticationDisabled $false), or the app moves to OAuth2 or Graph.',
    reference: MS_SMTP_AUTH,
    examples: [
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
    ],
  },
  {
    id: 'microsoft-basic-auth-disabled',
    vendor: 'Microsoft 365',
    label: 'basic authentication disabled',
    pattern: /Authentication unsuccessful, basic authentication is disabled/i,
    summary: 'Microsoft 365 no longer accepts a password here; OAuth2 is required',
    detail:
      'Basic authentication (user name and password) is turned off for the tenant or this protocol (535 5.7.139).',
    fix: 'Configure the client for OAuth2 (XOAUTH2), or have an administrator allow SMTP AUTH with basic authentication where Microsoft still permits it.',
    reference: MS_SMTP_AUTH,
    examples: [
      '535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
    ],
  },
  {
    id: 'microsoft-security-defaults',
    vendor: 'Microsoft 365',
    label: 'blocked by security defaults',
    pattern: /locked by your organization's security defaults policy/i,
    summary: 'Entra ID security defaults block legacy authentication for this user',
    detail: 'With security defaults on, Microsoft blocks SMTP AUTH with a password (535 5.7.139).',
    fix: 'Use OAuth2, or have an administrator replace security defaults with Conditional Access policies that allow this sender.',
    reference: MS_SMTP_AUTH,
    examples: [
      "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.",
    ],
  },
  {
    id: 'microsoft-auth-unsuccessful',
    vendor: 'Microsoft 365',
    label: 'authentication unsuccessful',
    pattern: /5\.7\.3 Authentication unsuccessful/i,
    summary: 'Exchange Online rejected the SMTP login',
    detail:
      'A generic 535 5.7.3: wrong credentials, SMTP AUTH not allowed for the mailbox, or a password where MFA requires something else.',
    fix: 'Check the user name (the full UPN) and password, confirm Authenticated SMTP is enabled for the mailbox, or use OAuth2.',
    reference: MS_SMTP_AUTH,
    examples: ['535 5.7.3 Authentication unsuccessful [BN6PR01CA0001.prod.exchangelabs.com]'],
  },
  {
    id: 'microsoft-client-not-authenticated',
    vendor: 'Microsoft 365',
    label: 'client not authenticated',
    pattern: /Client (?:was )?not authenticated to send (?:anonymous )?mail/i,
    summary: 'The client sent mail to Exchange Online without authenticating',
    detail:
      'Submission to smtp.office365.com needs AUTH before MAIL FROM (5.7.57). Often the client skipped AUTH because it was not offered before STARTTLS, or AUTH failed silently.',
    fix: 'Use port 587 with STARTTLS, then AUTH with the mailbox credentials, before sending.',
    reference: MS_NDR,
    examples: [
      '530 5.7.57 Client not authenticated to send mail. [BN6PR01CA0001.prod.exchangelabs.com]',
      '550 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM',
    ],
  },
  {
    id: 'microsoft-send-as-denied',
    vendor: 'Microsoft 365',
    label: 'no permission to send as this sender',
    pattern: /Client does not have permissions to send as this sender/i,
    summary: 'The authenticated user may not send with this From address',
    detail:
      'Exchange requires the MAIL FROM / From address to be the authenticated mailbox or one it has Send As rights for (550 5.7.60).',
    fix: 'Send from the mailbox you log in as, or grant that user Send As permission on the other address.',
    reference: MS_NDR,
    examples: ['550 5.7.60 SMTP; Client does not have permissions to send as this sender'],
  },
  {
    id: 'microsoft-banned-ip',
    vendor: 'Microsoft 365',
    label: 'banned sending IP',
    pattern: /banned sending IP/i,
    summary: "Microsoft's Exchange Online Protection has the sending IP on its block list",
    detail:
      'Codes 5.7.606 to 5.7.649 mean the IP is listed by Microsoft because of spam or poor reputation. Every Microsoft 365 recipient refuses it until it is delisted.',
    fix: 'Request delisting at https://sender.office.com/ after fixing the cause (compromised accounts, open relay, bad lists).',
    reference: MS_NDR,
    examples: [
      '550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/ and follow the directions.',
    ],
  },
  {
    id: 'microsoft-banned-sender',
    vendor: 'Microsoft 365',
    label: 'banned sender',
    pattern: /Access denied, banned sender/i,
    summary: 'Microsoft has banned this sender (5.7.511)',
    detail:
      "The sending IP or sender is on Microsoft's block list; the portal cannot remove this one.",
    fix: 'Forward the full NDR to delist@microsoft.com as the reply says, after fixing the cause.',
    reference: MS_NDR,
    examples: [
      '550 5.7.511 Access denied, banned sender[192.0.2.1]. To request removal from this list, forward this message to delist@microsoft.com.',
    ],
  },
  {
    id: 'microsoft-spam-abuse',
    vendor: 'Microsoft 365',
    label: 'spam abuse detected, outbound',
    pattern: /Access denied, spam abuse detected/i,
    summary: 'Microsoft blocked outbound mail from this account as spam',
    detail:
      'Exchange Online detected spam being sent from the account (5.7.501), often a compromised mailbox, and restricted it.',
    fix: 'Secure the account (reset the password, enable MFA, check rules and forwarding), then ask an admin to release it in the Restricted entities list.',
    reference: MS_NDR,
    examples: [
      '550 5.7.501 Access denied, spam abuse detected. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653',
    ],
  },
  {
    id: 'microsoft-spamhaus',
    vendor: 'Microsoft 365',
    label: 'client host blocked using Spamhaus',
    pattern: /Service unavailable, Client host \[[^\]]*\] blocked using Spamhaus/i,
    summary: 'Exchange Online refused the connection because Spamhaus lists the sending IP',
    detail:
      'The sending IP is in a Spamhaus list (SBL, XBL, PBL). Home and dynamic IPs are in the PBL by design and should not deliver mail directly.',
    fix: "Look the IP up at https://check.spamhaus.org/ and follow its removal steps, or relay through a provider's server.",
    reference: MS_NDR,
    examples: [
      '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/lookup.php (AS16012609)',
    ],
  },
  {
    id: 'outlook-block-list',
    vendor: 'Outlook.com',
    label: 'IP on block list, S3140',
    pattern: /part of their network is on our block list/i,
    summary: 'Outlook.com/Hotmail blocks the sending IP or its network (S3140, S3150, SC-001)',
    detail:
      "Microsoft's consumer mail service has the IP or its range on its internal block list, usually because of spam from that network or no sending history.",
    fix: 'Request mitigation through the Outlook.com sender support form (https://olcsupport.office.com/) and check the IP in SNDS; use a reputable relay meanwhile.',
    reference: OUTLOOK_POSTMASTER,
    examples: [
      "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140).",
      "550 SC-001 (SNT004-MC4F53) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your Internet service provider since part of their network is on our block list.",
    ],
  },
  {
    id: 'outlook-authentication-level',
    vendor: 'Outlook.com',
    label: 'required authentication level not met',
    pattern: /(?:does not|doesn't) meet the required authentication level/i,
    summary: 'Outlook.com requires SPF, DKIM and DMARC from this high-volume domain',
    detail:
      'Since May 2025 Outlook.com rejects (550 5.7.515) mail from domains sending over 5,000 messages a day that do not pass SPF, DKIM and DMARC.',
    fix: 'Make SPF and DKIM pass and publish DMARC (at least p=none) aligned with the From: domain.',
    reference: OUTLOOK_POSTMASTER,
    examples: [
      '550 5.7.515 Access denied, sending domain [example.com] does not meet the required authentication level.',
    ],
  },
  {
    id: 'microsoft-recipient-not-found',
    vendor: 'Microsoft 365',
    label: 'recipient not found',
    pattern: /RESOLVER\.ADR\.Recip(?:ient)?NotFound/i,
    summary: 'Exchange has no recipient with this address',
    detail:
      "The address does not exist in the organisation's directory (550 5.1.10 or 5.1.1). Check the spelling; an old cached address in Outlook's autocomplete is a common cause.",
    fix: "Correct the address (and clear the stale autocomplete entry); the recipient's admin can check that the address is assigned.",
    reference: MS_NDR,
    caution:
      'Microsoft uses 5.1.10 for "recipient not found"; in the IANA registry X.1.10 means "recipient address has null MX".',
    examples: [
      '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
    ],
  },
  {
    id: 'microsoft-dbeb-access-denied',
    vendor: 'Microsoft 365',
    label: 'recipient rejected, directory-based edge blocking',
    pattern: /5\.4\.1 (?:\[[^\]]*\]: )?Recipient address rejected: Access denied/i,
    summary: "Exchange Online refused an address that is not in the recipient domain's directory",
    detail:
      "Directory-Based Edge Blocking rejects unknown recipients at the edge (550 5.4.1). The address may be wrong, or the domain's MX points to Microsoft 365 but the mailbox lives elsewhere.",
    fix: "Check the address; the recipient's admin checks the accepted-domain type (authoritative vs internal relay) and the mailbox.",
    reference: MS_NDR,
    examples: [
      '550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [BN8NAM11FT001.eop-nam11.prod.protection.outlook.com]',
      '550 5.4.1 [bob@example.com]: Recipient address rejected: Access denied [CY1GCC01FT007.eop-gcc01.prod.protection.outlook.com]',
    ],
  },
  {
    id: 'microsoft-server-busy',
    vendor: 'Microsoft 365',
    label: 'server busy, throttling',
    pattern: /4\.7\.5\d\d Server busy/i,
    summary: 'Exchange Online is throttling this sender: try again later',
    detail:
      'Codes 4.7.500 to 4.7.699 defer mail from sources with suspicious patterns or new IPs with no reputation. The sending server keeps retrying.',
    fix: 'Let the queue retry; if it persists, warm up the IP slowly and check its reputation.',
    reference: MS_NDR,
    examples: [
      '451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77714) [DM6NAM11FT001.eop-nam11.prod.protection.outlook.com]',
    ],
  },
  {
    id: 'microsoft-relay-denied',
    vendor: 'Microsoft 365',
    label: 'relay denied',
    pattern:
      /Unable to relay recipient in non-accepted domain|TenantAttribution; Relay Access Denied/i,
    summary: 'Exchange Online will not relay to this domain for this client',
    detail:
      "The recipient domain is not one of the tenant's accepted domains and the connection was not recognised as the tenant's own (no authentication, no matching inbound connector by IP or certificate) (5.7.54, 5.7.64).",
    fix: 'Authenticate (SMTP AUTH on port 587), or create an inbound connector that identifies the sending server by IP or certificate.',
    reference: MS_NDR,
    examples: [
      '550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain',
      '550 5.7.64 TenantAttribution; Relay Access Denied [DM6NAM11FT001.eop-nam11.prod.protection.outlook.com]',
    ],
  },
  {
    id: 'microsoft-dmarc-reject',
    vendor: 'Microsoft 365',
    label: 'DMARC policy rejection',
    pattern: /does not pass DMARC verification and has a DMARC policy of reject/i,
    summary: "The From: domain's DMARC policy is reject, and the message failed DMARC",
    detail:
      'Neither SPF nor DKIM passed in alignment with the From: domain, which publishes p=reject (550 5.7.509).',
    fix: "Sign with the From: domain's DKIM key or send through servers in its SPF record.",
    reference: MS_NDR,
    examples: [
      '550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and has a DMARC policy of reject.',
    ],
  },
  {
    id: 'microsoft-mailbox-full',
    vendor: 'Microsoft 365',
    label: 'mailbox full',
    pattern: /Deliver\.Exception:QuotaExceededException/i,
    summary: "The recipient's Exchange mailbox is full",
    detail: "The recipient's mailbox is over its quota (554 5.2.2).",
    fix: 'The recipient must free space or get a larger quota; then resend.',
    reference: MS_NDR,
    examples: [
      '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded',
    ],
  },
  {
    id: 'microsoft-submission-quota',
    vendor: 'Microsoft 365',
    label: 'sending limit exceeded',
    pattern: /SubmissionQuotaExceededException/i,
    summary: "The mailbox exceeded Exchange Online's sending limits",
    detail:
      'Exchange Online limits recipients per day and messages per minute per mailbox; over the limit, submission fails (554 5.2.0).',
    fix: 'Wait (limits reset within 24 hours); for bulk mail use a service meant for it.',
    reference:
      'https://learn.microsoft.com/en-us/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits',
    examples: [
      '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message',
    ],
  },
  {
    id: 'microsoft-sender-thread-limit',
    vendor: 'Microsoft 365',
    label: 'too many concurrent submissions',
    pattern: /sender thread limit exceeded/i,
    summary: 'Too many simultaneous SMTP connections are submitting for this mailbox',
    detail:
      'Exchange Online allows only a few concurrent submissions per mailbox (432 4.3.2); extra parallel connections are deferred.',
    fix: 'Send over fewer parallel connections (for example one at a time from the application).',
    reference: MS_NDR,
    examples: [
      '432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded [Hostname=BN6PR01MB0001.prod.outlook.com]',
    ],
  },
  {
    id: 'microsoft-concurrent-connections',
    vendor: 'Microsoft 365',
    label: 'connection limit',
    pattern: /maximum number of concurrent server connections has exceeded a limit/i,
    summary: 'The receiving Exchange server limits concurrent connections from this source',
    detail: 'A temporary 421 4.3.2: too many connections from the same IP at once.',
    fix: 'Use fewer parallel connections to this destination; the queue will retry.',
    reference: MS_NDR,
    examples: [
      '421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel',
    ],
  },
  {
    id: 'microsoft-external-forwarding',
    vendor: 'Microsoft 365',
    label: 'external forwarding not allowed',
    pattern: /does not allow external forwarding/i,
    summary: 'The organisation forbids automatic forwarding to external addresses',
    detail:
      'Outbound spam policy blocks auto-forwarding (5.7.520), a common defence against compromised mailboxes.',
    fix: 'Remove the forwarding rule, or have an admin allow forwarding for this mailbox in the outbound spam policy.',
    reference: MS_NDR,
    examples: [
      '550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your administrator for further assistance.',
    ],
  },
  {
    id: 'microsoft-unregistered-domain',
    vendor: 'Microsoft 365',
    label: 'sending from unregistered domain',
    pattern: /Client blocked from sending from unregistered domains/i,
    summary: 'The tenant tried to send from a domain it has not verified',
    detail:
      'Exchange Online blocks tenants that send large volumes from domains not added and verified in the tenant (550 5.7.750).',
    fix: 'Add and verify the sending domain in the Microsoft 365 admin center, or send from a verified domain.',
    reference: MS_NDR,
    examples: [
      '550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.',
    ],
  },
  {
    id: 'microsoft-dns-nonexistent-domain',
    vendor: 'Microsoft 365',
    label: 'recipient domain does not exist',
    pattern:
      /SMTPSEND\.DNS\.NonExistentDomain|DNS domain \S+ does not exist \[Message=InfoDomainNonexistent\]/i,
    summary: 'Exchange could not find the recipient domain in DNS',
    detail:
      'The DNS lookup for the domain returned NXDOMAIN: a typo in the domain, or the domain lapsed.',
    fix: "Check the recipient's domain for typos; check that it resolves (MX or A records).",
    reference: MS_NDR,
    examples: [
      '451 4.4.0 DNS query failed. The error was: SMTPSEND.DNS.NonExistentDomain; nonexistent domain',
      '550 5.4.310 DNS domain example.invalid does not exist [Message=InfoDomainNonexistent] [LastAttemptedServerName=example.invalid]',
    ],
  },
  {
    id: 'microsoft-queue-expired',
    vendor: 'Microsoft 365',
    label: 'message expired in queue',
    pattern: /QUEUE\.Expired/i,
    summary: 'Exchange gave up after retrying for too long',
    detail:
      'The message kept getting temporary failures until it expired (4.4.7). The earlier deferral reason is the real problem.',
    fix: 'Find the earlier error (connection timeouts, 4xx replies) in message trace and fix that.',
    reference: MS_NDR,
    examples: ['550 4.4.7 QUEUE.Expired; message expired'],
  },

  // ---------------------------------------------------------------- Yahoo / AOL
  {
    id: 'yahoo-tss04',
    vendor: 'Yahoo',
    label: 'temporarily deferred, TSS04',
    pattern: /\[TSS04\]/,
    summary: 'Yahoo defers mail from this IP: unexpected volume or user complaints',
    detail:
      'A 421 4.7.0 deferral: Yahoo sees unusual traffic, complaints, or spam-like content from the IP. The sending server keeps retrying; it clears when the reputation improves.',
    fix: 'Slow down, check complaint rates (Yahoo complaint feedback loop), remove unengaged recipients, and authenticate the mail.',
    reference: YAHOO_ERRORS,
    examples: [
      '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
    ],
  },
  {
    id: 'yahoo-tss09',
    vendor: 'Yahoo',
    label: 'permanently deferred, TSS09',
    pattern: /\[TSS09\]/,
    summary: 'Yahoo permanently refuses mail from this IP',
    detail:
      'A 553 5.7.2 block for serious reputation or policy problems, including Spamhaus listings. Retrying will not work.',
    fix: 'Stop sending from this IP to Yahoo, fix the cause (listings, authentication, list quality) and contact Yahoo sender support.',
    reference: YAHOO_ERRORS,
    examples: [
      '553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes',
    ],
  },
  {
    id: 'yahoo-ts-deferred',
    vendor: 'Yahoo',
    label: 'deferred, TS01-TS03',
    pattern: /\[TS0[1-3]\]/,
    summary: 'Yahoo defers or blocks the IP for traffic patterns or complaints',
    detail:
      'Older Yahoo TS codes: unusual traffic or complaints from the IP (TS01, TS02) or volume typical of unsolicited bulk mail (TS03).',
    fix: 'Review list practices and complaint rates; retry later.',
    reference: YAHOO_ERRORS,
    examples: [
      '421 4.7.1 [TS03] All messages from 192.0.2.1 permanently deferred; Retrying will NOT succeed.',
      '421 4.7.0 [TS02] Temporarily deferred',
    ],
  },
  {
    id: 'yahoo-policy',
    vendor: 'Yahoo',
    label: 'not accepted for policy reasons',
    pattern:
      /Message not accepted for policy reasons\.?\s+(?:\[PH\d\d\]\s+)?See https?:\/\/\S*yahoo/i,
    summary: 'Yahoo refused the message for policy reasons, usually failed DMARC/DKIM',
    detail:
      'A permanent 554 5.7.9, most often a DMARC failure against a p=reject domain (forwarded mail, lists, services sending as the domain).',
    fix: 'Make DKIM pass for the From: domain (or SPF aligned); for forwarders, use SRS and ARC.',
    reference: YAHOO_ERRORS,
    caution:
      'Yahoo uses 5.7.9 for policy refusals; in the IANA registry X.7.9 means "authentication mechanism is too weak".',
    examples: [
      '554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes',
    ],
  },
  {
    id: 'yahoo-unauthenticated',
    vendor: 'Yahoo',
    label: 'sender unauthenticated',
    pattern: /Yahoo requires all senders to authenticate/i,
    summary: 'Yahoo refused the message because neither SPF nor DKIM passed',
    detail:
      'Yahoo requires SPF or DKIM from every sender (550 5.7.9) and lists the results it saw.',
    fix: 'Publish SPF for the sending IP and sign with DKIM; check the Authentication-Results header of a test message.',
    reference: YAHOO_ERRORS,
    examples: [
      '550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = FAILURE - SPF example.com with ip 192.0.2.1 = FAILURE.',
    ],
  },
  {
    id: 'yahoo-no-account',
    vendor: 'Yahoo',
    label: 'no such account',
    pattern: /This user doesn't have an? \S+ account/i,
    summary: 'There is no Yahoo account with this address',
    detail: 'A permanent refusal: the address is mistyped or the account was closed.',
    fix: 'Check the address; remove it from lists.',
    reference: YAHOO_ERRORS,
    examples: [
      "554 delivery error: dd This user doesn't have a yahoo.com account (nobody@yahoo.com) [-5] - mta123.mail.mud.yahoo.com",
    ],
  },
  {
    id: 'yahoo-mailbox-disabled',
    vendor: 'Yahoo',
    label: 'mailbox disabled',
    pattern: /This mailbox is disabled \(554\.30\)/i,
    summary: 'The Yahoo mailbox exists but is disabled',
    detail: 'The account is inactive or suspended and does not accept mail.',
    fix: 'Reach the recipient by other means for a current address.',
    reference: YAHOO_ERRORS,
    examples: [
      '554 30 Sorry, your message to bob@yahoo.com cannot be delivered. This mailbox is disabled (554.30).',
    ],
  },
  {
    id: 'yahoo-resources-unavailable',
    vendor: 'Yahoo',
    label: 'resources temporarily unavailable',
    pattern:
      /Resources temporarily (?:un|not )available\.? Please try again later \[#4\.16\.\d+\]/i,
    summary: "Yahoo's servers are busy; the message will be retried",
    detail: 'A temporary 451: Yahoo could not process the transaction at that moment.',
    fix: 'Let the queue retry.',
    reference: YAHOO_ERRORS,
    examples: [
      '451 mta1001.mail.bf1.yahoo.com Resources temporarily unavailable. Please try again later [#4.16.1].',
    ],
  },

  // ---------------------------------------------------------------- Postfix
  {
    id: 'postfix-relay-access-denied',
    vendor: 'Postfix',
    label: 'relay access denied',
    pattern: /(?:^|: )Relay access denied/,
    summary: 'Postfix will not relay: the client is not trusted and the recipient is not local',
    detail:
      'Postfix only accepts mail for its own domains, or from clients it trusts (mynetworks, or authenticated with SASL). This client is neither, so mail to an outside domain is refused (554 5.7.1 by default; relay_domains_reject_code). Typical cause: a mail client sending without logging in, or on port 25 instead of 587.',
    fix: 'Authenticate (AUTH on port 587 with STARTTLS); or, on the server, check smtpd_relay_restrictions, mynetworks and relay_domains.',
    reference: `${POSTCONF}#smtpd_relay_restrictions`,
    examples: [
      '554 5.7.1 <bob@example.com>: Relay access denied',
      '550 5.7.1 <bob@example.com>: Relay access denied',
      '454 4.7.1 <bob@example.com>: Relay access denied',
    ],
  },
  {
    id: 'postfix-user-unknown',
    vendor: 'Postfix',
    label: 'user unknown',
    pattern:
      /User unknown in (?:virtual mailbox|local recipient|relay recipient|virtual alias) table/,
    summary: 'Postfix has no such recipient in the table it checks',
    detail:
      'The table named in the reply (virtual mailbox, local recipient, relay recipient) has no entry for this address, so Postfix rejects it at RCPT TO (550 5.1.1). Either the address is wrong, or the map is missing the user or was not rebuilt (postmap) after editing.',
    fix: 'Check the address; on the server, add it to the table named in the reply, run postmap, and test with "postmap -q address table".',
    reference: 'https://www.postfix.org/VIRTUAL_README.html',
    examples: [
      '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
      '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table',
    ],
  },
  {
    id: 'postgrey-greylisted',
    vendor: 'postgrey',
    label: 'greylisted',
    pattern: /Recipient address rejected: Greylisted/,
    summary: 'Greylisting: the first attempt is deferred on purpose; a retry will be accepted',
    detail:
      'Postgrey (a Postfix policy service) answers the first delivery attempt from an unknown client/sender/recipient combination with 450 4.2.0, because many spam senders never retry. A real mail server retries a few minutes later and gets through.',
    fix: 'Nothing but patience: let the sending server retry (typically after 5 minutes). On the receiving side, whitelist senders that retry from changing IPs.',
    reference: 'https://postgrey.schweikert.ch/',
    examples: [
      '450 4.2.0 <bob@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html',
    ],
  },
  {
    id: 'postfix-unknown-client-hostname',
    vendor: 'Postfix',
    label: 'client hostname not found, rDNS',
    pattern: /Client host rejected: cannot find your (?:reverse )?hostname/,
    summary: 'The sending IP has no valid reverse DNS, and this server requires it',
    detail:
      'reject_unknown_client_hostname (or reject_unknown_reverse_client_hostname) requires the client IP to have a PTR record whose name resolves back to the IP. Home connections and freshly set up servers often lack it (450 4.7.1 or 4.7.25 by default, so the sender retries).',
    fix: "Have the IP's owner set a PTR record to the server's host name with a matching A/AAAA record; or relay through a server that has one.",
    reference: `${POSTCONF}#reject_unknown_client_hostname`,
    examples: [
      '450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]',
      '450 4.7.25 Client host rejected: cannot find your reverse hostname, [192.0.2.1]',
    ],
  },
  {
    id: 'postfix-helo-fqdn',
    vendor: 'Postfix',
    label: 'HELO needs a fully-qualified name',
    pattern: /Helo command rejected: need fully-qualified hostname/,
    summary: "The client's EHLO/HELO name is not a fully-qualified domain name",
    detail: 'reject_non_fqdn_helo_hostname refuses names like "localhost" or "mypc" (504 5.5.2).',
    fix: 'Configure the client to announce its full host name (mail.example.com); with mailmedic, use --ehlo.',
    reference: `${POSTCONF}#reject_non_fqdn_helo_hostname`,
    examples: ['504 5.5.2 <mypc>: Helo command rejected: need fully-qualified hostname'],
  },
  {
    id: 'postfix-helo-host-not-found',
    vendor: 'Postfix',
    label: 'HELO name does not resolve',
    pattern: /Helo command rejected: Host not found/,
    summary: "The client's EHLO/HELO name has no DNS address",
    detail: 'reject_unknown_helo_hostname requires the EHLO name to have an A or MX record.',
    fix: "Use a HELO name that exists in DNS, ideally the same as the IP's PTR name.",
    reference: `${POSTCONF}#reject_unknown_helo_hostname`,
    examples: ['450 4.7.1 <mail.example.invalid>: Helo command rejected: Host not found'],
  },
  {
    id: 'postfix-sender-domain-not-found',
    vendor: 'Postfix',
    label: 'sender domain not found',
    pattern: /Sender address rejected: Domain not found/,
    summary: 'The domain of the MAIL FROM address does not resolve',
    detail:
      "reject_unknown_sender_domain: the envelope sender's domain has no MX or A record (450 4.1.8 by default, since DNS may only be slow).",
    fix: 'Use a sender address in a domain that exists in DNS.',
    reference: `${POSTCONF}#reject_unknown_sender_domain`,
    examples: ['450 4.1.8 <bob@example.invalid>: Sender address rejected: Domain not found'],
  },
  {
    id: 'postfix-recipient-domain-not-found',
    vendor: 'Postfix',
    label: 'recipient domain not found',
    pattern: /Recipient address rejected: Domain not found/,
    summary: 'The domain of the recipient address does not resolve',
    detail:
      'reject_unknown_recipient_domain: the recipient domain has no MX or A record (450 4.1.2).',
    fix: 'Check the recipient domain for typos and its DNS.',
    reference: `${POSTCONF}#reject_unknown_recipient_domain`,
    examples: ['450 4.1.2 <bob@example.invalid>: Recipient address rejected: Domain not found'],
  },
  {
    id: 'postfix-rbl-blocked',
    vendor: 'Postfix',
    label: 'client listed in a DNS blocklist',
    pattern: /Service unavailable; Client host \[[^\]]+\] blocked using /,
    summary: 'The sending IP is listed in a DNS blocklist this server uses',
    detail:
      'reject_rbl_client looked the IP up in a DNSBL (zen.spamhaus.org, bl.spamcop.net, ...) and found it (554 5.7.1). Dynamic and home IPs are listed in policy lists such as the Spamhaus PBL by design.',
    fix: 'Check the IP on the list named in the reply and follow its delisting procedure after fixing the cause; or send through a relay.',
    reference: `${POSTCONF}#reject_rbl_client`,
    examples: [
      '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1',
    ],
  },
  {
    id: 'postfix-sasl-auth-failed',
    vendor: 'Postfix',
    label: 'SASL authentication failed',
    pattern: /Error: authentication failed/,
    summary: 'Postfix (via Dovecot or Cyrus SASL) rejected the login',
    detail:
      'The user name or password did not check out (535 5.7.8). The text after "failed:" comes from the SASL backend; "UGFzc3dvcmQ6" is just the base64 "Password:" prompt echoed by Dovecot. Check the server log for the real reason (unknown user, wrong password, realm).',
    fix: 'Check the user name format the server expects (often the full address) and the password; on the server, read the mail log for the SASL error.',
    reference: 'https://www.postfix.org/SASL_README.html',
    examples: [
      '535 5.7.8 Error: authentication failed: authentication failure',
      '535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6',
    ],
  },
  {
    id: 'postfix-tls-unavailable',
    vendor: 'Postfix',
    label: 'TLS not available, server problem',
    pattern: /TLS not available due to local problem/,
    summary: 'The server offered STARTTLS but cannot start TLS: its own configuration is broken',
    detail:
      'Postfix could not load its certificate or key (wrong path, wrong permissions, key not matching the certificate), so STARTTLS fails with 454 4.7.0. The mail log has a "cannot load certificate" or similar warning.',
    fix: 'Server side: check smtpd_tls_cert_file / smtpd_tls_key_file (or smtpd_tls_chain_files), permissions, and the warnings in the mail log.',
    reference: 'https://www.postfix.org/TLS_README.html',
    examples: ['454 4.7.0 TLS not available due to local problem'],
  },
  {
    id: 'postfix-starttls-required',
    vendor: 'Postfix',
    label: 'STARTTLS required first',
    pattern: /Must issue a STARTTLS command first/,
    summary: 'The server requires TLS before this command (530 5.7.0)',
    detail:
      'Postfix with smtpd_tls_security_level = encrypt (usual on port 587), and Gmail, refuse MAIL FROM or AUTH before STARTTLS, so that passwords and mail never travel in clear.',
    fix: 'Send STARTTLS and complete the handshake first (then EHLO again), or use implicit TLS on port 465.',
    reference: 'https://www.postfix.org/TLS_README.html',
    examples: ['530 5.7.0 Must issue a STARTTLS command first'],
  },
  {
    id: 'postfix-auth-not-enabled',
    vendor: 'Postfix',
    label: 'AUTH not enabled',
    pattern: /Error: authentication not enabled/,
    summary: 'This Postfix service does not offer authentication',
    detail:
      'AUTH was sent to a Postfix listener with smtpd_sasl_auth_enable = no (503 5.5.1), typically port 25 where submission is not configured.',
    fix: 'Use the submission port (587 or 465) where AUTH is enabled; on the server, enable SASL for that service in master.cf.',
    reference: 'https://www.postfix.org/SASL_README.html',
    examples: ['503 5.5.1 Error: authentication not enabled'],
  },
  {
    id: 'postfix-message-size',
    vendor: 'Postfix',
    label: 'message too large',
    pattern: /Message size exceeds fixed limit/,
    summary: "The message is larger than Postfix's message_size_limit",
    detail:
      'Postfix refuses messages over message_size_limit (default 10240000 bytes, about 10 MB) with 552 5.3.4.',
    fix: 'Send a smaller message; on the server, raise message_size_limit (and the mailbox_size_limit that must stay larger).',
    reference: `${POSTCONF}#message_size_limit`,
    examples: ['552 5.3.4 Message size exceeds fixed limit'],
  },
  {
    id: 'postfix-too-many-recipients',
    vendor: 'Postfix',
    label: 'too many recipients',
    pattern: /Error: too many recipients/,
    summary: 'More recipients than Postfix accepts in one message',
    detail:
      'smtpd_recipient_limit (default 1000) was reached (452 4.5.3); a proper client sends the rest in another transaction.',
    fix: 'Split the recipients across several messages.',
    reference: `${POSTCONF}#smtpd_recipient_limit`,
    examples: ['452 4.5.3 Error: too many recipients'],
  },
  {
    id: 'postfix-sender-login-mismatch',
    vendor: 'Postfix',
    label: 'sender not owned by the logged-in user',
    pattern: /Sender address rejected: not owned by user/,
    summary: 'The logged-in user may not send with this MAIL FROM address',
    detail:
      'reject_sender_login_mismatch checks smtpd_sender_login_maps: the envelope sender must belong to the authenticated user (553 5.7.1).',
    fix: 'Send from your own address, or have the administrator map this address to your login.',
    reference: `${POSTCONF}#reject_sender_login_mismatch`,
    examples: [
      '553 5.7.1 <boss@example.com>: Sender address rejected: not owned by user bob@example.com',
    ],
  },
  {
    id: 'postfix-access-denied',
    vendor: 'Postfix',
    label: 'rejected by an access table',
    pattern:
      /<[^<>\s]*>: (?:Sender|Recipient) address rejected: Access denied|Client host rejected: Access denied/,
    summary:
      'An access table (check_*_access) on the server rejects this client, sender or recipient',
    detail:
      'The administrator listed the client, sender or recipient with REJECT in an access map (554 5.7.1).',
    fix: "Ask the server's administrator; nothing on the client side changes an explicit rule.",
    reference: 'https://www.postfix.org/access.5.html',
    examples: [
      '554 5.7.1 <bob@example.com>: Sender address rejected: Access denied',
      '554 5.7.1 <unknown[192.0.2.1]>: Client host rejected: Access denied',
    ],
  },
  {
    id: 'postfix-temporary-lookup-failure',
    vendor: 'Postfix',
    label: 'temporary lookup failure',
    pattern: /Temporary lookup failure/,
    summary: 'Postfix could not query one of its tables (SQL, LDAP, a map file)',
    detail:
      'A lookup table failed (database down, wrong credentials, missing .db file), so Postfix defers with 451 4.3.0 rather than guess.',
    fix: 'Server side: the mail log names the failing table; fix its backend or run postmap.',
    reference: 'https://www.postfix.org/DATABASE_README.html',
    examples: ['451 4.3.0 <bob@example.com>: Temporary lookup failure'],
  },
  {
    id: 'postfix-too-many-errors',
    vendor: 'Postfix',
    label: 'too many errors',
    pattern: /Error: too many errors/,
    summary: 'The client made too many errors and Postfix hung up',
    detail:
      'After smtpd_hard_error_limit errors (default 20) Postfix sends 421 4.7.0 and closes the connection.',
    fix: "Look at the earlier errors in the conversation; fix the client's commands.",
    reference: `${POSTCONF}#smtpd_hard_error_limit`,
    examples: ['421 4.7.0 mail.example.com Error: too many errors'],
  },
  {
    id: 'postfix-postscreen',
    vendor: 'Postfix',
    label: 'postscreen deferral',
    pattern: /Service currently unavailable/,
    summary: 'Postfix postscreen is testing this client and defers it for now',
    detail:
      'postscreen runs extra protocol tests on unknown clients and defers them (450 4.3.2) until a retry passes, much like greylisting.',
    fix: 'A real mail server retries and gets through; for a hand test, connect again after a minute.',
    reference: 'https://www.postfix.org/POSTSCREEN_README.html',
    examples: ['450 4.3.2 Service currently unavailable'],
  },
  {
    id: 'postfix-insufficient-storage',
    vendor: 'Postfix',
    label: 'insufficient system storage',
    pattern: /Insufficient system storage/,
    summary: 'The Postfix server is short of disk space for its queue',
    detail: 'Free space in the queue file system fell below queue_minfree (452 4.3.1).',
    fix: 'Server side: free disk space; senders retry automatically.',
    reference: `${POSTCONF}#queue_minfree`,
    examples: ['452 4.3.1 Insufficient system storage'],
  },

  // ---------------------------------------------------------------- Exim
  {
    id: 'exim-relay-not-permitted',
    vendor: 'Exim',
    label: 'relay not permitted',
    pattern: /relay not permitted/i,
    summary: 'Exim will not relay for this client',
    detail:
      'Exim\'s default ACL accepts mail only for local domains or from relay_from_hosts / authenticated clients; anything else gets "550 relay not permitted".',
    fix: 'Authenticate before sending; on the server check relay_from_hosts and the acl_check_rcpt rules.',
    reference:
      'https://www.exim.org/exim-html-current/doc/html/spec_html/ch-the_default_configuration_file.html',
    examples: ['550 relay not permitted'],
  },
  {
    id: 'exim-relay-needs-auth',
    vendor: 'Exim',
    label: 'relay needs authentication, cPanel',
    pattern: /is not permitted to relay through this server without authentication/i,
    summary: 'This Exim server (cPanel) requires login before relaying',
    detail: 'The client tried to send to another domain without authenticating.',
    fix: 'Turn on SMTP authentication in the mail client, with the full address as user name.',
    reference: EXIM_ACL,
    examples: [
      '550-Please turn on SMTP Authentication in your mail client. (mypc) [192.0.2.1]:42630 is not permitted to relay through this server without authentication.',
    ],
  },
  {
    id: 'exim-rejected-rcpt',
    vendor: 'Exim',
    label: 'rejected RCPT, log line',
    pattern: /\brejected RCPT <[^<>\s]*>:/,
    summary: 'An Exim log line: the ACL rejected a recipient, with the reason after the colon',
    detail:
      'Exim logs each refused RCPT as "H=host [ip] F=<sender> rejected RCPT <recipient>: reason". The reason is what the client was told; the H= and F= fields tell who tried.',
    fix: 'Read the reason after the colon; the other patterns here explain the common ones.',
    reference: 'https://www.exim.org/exim-html-current/doc/html/spec_html/ch-log_files.html',
    examples: [
      '2024-05-01 10:00:00 H=(client.example.org) [192.0.2.1] F=<alice@example.org> rejected RCPT <bob@example.com>: relay not permitted',
    ],
  },
  {
    id: 'exim-unrouteable',
    vendor: 'Exim',
    label: 'unrouteable address',
    pattern: /Unrouteable address/i,
    summary: 'Exim found no router that can deliver to this address',
    detail:
      'Recipient verification failed: no router accepted the address (unknown local user, or a domain with no usable DNS).',
    fix: "Check the address and the domain's DNS; on the server check the routers and local users.",
    reference: EXIM_ACL,
    examples: ['550 Unrouteable address'],
  },
  {
    id: 'exim-sender-verify-failed',
    vendor: 'Exim',
    label: 'sender verify failed',
    pattern: /Sender verify failed/i,
    summary: 'Exim could not verify the MAIL FROM address',
    detail:
      'With "verify = sender" Exim checks that the envelope sender is routable; a sender domain without MX/A records fails.',
    fix: 'Use a sender address in a real, resolvable domain.',
    reference: EXIM_ACL,
    examples: ['550 Sender verify failed'],
  },
  {
    id: 'exim-incorrect-auth',
    vendor: 'Exim',
    label: 'incorrect authentication data',
    pattern: /Incorrect authentication data/,
    summary: 'Exim rejected the login: wrong user name or password',
    detail: 'The SMTP AUTH credentials did not match (535).',
    fix: 'Check the user name (often the full address) and password.',
    reference:
      'https://www.exim.org/exim-html-current/doc/html/spec_html/ch-smtp_authentication.html',
    examples: ['535 Incorrect authentication data'],
  },
  {
    id: 'exim-administrative-prohibition',
    vendor: 'Exim',
    label: 'administrative prohibition',
    pattern: /(?:^|\s)Administrative prohibition\s*$/i,
    summary: 'An Exim ACL refused this without giving a specific reason',
    detail: "Exim's default message when an ACL denies without its own message.",
    fix: "Ask the server's administrator which rule matched.",
    reference: EXIM_ACL,
    examples: ['550 Administrative prohibition'],
  },
  {
    id: 'exim-temporary-local-problem',
    vendor: 'Exim',
    label: 'temporary local problem',
    pattern: /Temporary local problem - please try later/,
    summary: 'Exim hit a temporary internal problem',
    detail: 'A lookup, a spool write or a scanner failed on the server (451); the sender retries.',
    fix: 'Server side: check the Exim main and panic logs.',
    reference: EXIM_ACL,
    examples: ['451 Temporary local problem - please try later'],
  },
  {
    id: 'exim-message-size',
    vendor: 'Exim',
    label: 'message too large',
    pattern: /Message size exceeds maximum permitted/i,
    summary: "The message is larger than Exim's message_size_limit",
    detail: 'Exim refuses messages larger than message_size_limit (552).',
    fix: 'Send a smaller message or share the file by link.',
    reference:
      'https://www.exim.org/exim-html-current/doc/html/spec_html/ch-main_configuration.html',
    examples: ['552 Message size exceeds maximum permitted'],
  },
  {
    id: 'exim-auth-not-advertised',
    vendor: 'Exim',
    label: 'AUTH not advertised',
    pattern: /AUTH command used when not advertised/,
    summary: 'The client sent AUTH although Exim did not offer it',
    detail:
      'Exim offers AUTH only to hosts matching auth_advertise_hosts, often only after STARTTLS (503).',
    fix: 'Send STARTTLS first, EHLO again, then AUTH; use the submission port.',
    reference:
      'https://www.exim.org/exim-html-current/doc/html/spec_html/ch-smtp_authentication.html',
    examples: ['503 AUTH command used when not advertised'],
  },

  // ---------------------------------------------------------------- Sendmail
  {
    id: 'sendmail-relaying-denied-auth',
    vendor: 'Sendmail',
    label: 'relaying denied, authentication required',
    pattern: /Relaying denied\. Proper authentication required/,
    summary: 'Sendmail will not relay until the client authenticates',
    detail:
      'The client is not in the relay access list and did not AUTH, so mail to outside domains is refused (550 5.7.1).',
    fix: 'Authenticate with AUTH (over TLS, port 587); on the server, check the access database and relay-domains.',
    reference: SENDMAIL_CF,
    examples: ['550 5.7.1 <bob@example.com>... Relaying denied. Proper authentication required.'],
  },
  {
    id: 'sendmail-relaying-denied-ip',
    vendor: 'Sendmail',
    label: 'relaying denied, IP name lookup failed',
    pattern: /Relaying denied\. IP name (?:lookup failed|possibly forged)/,
    summary: "Sendmail refused relaying and could not resolve the client's IP name",
    detail:
      "Relaying is permitted by host name in the access database, and the client IP's reverse DNS failed or did not match.",
    fix: "Fix the client's reverse DNS, permit it by IP address, or authenticate.",
    reference: SENDMAIL_CF,
    examples: ['550 5.7.1 <bob@example.com>... Relaying denied. IP name lookup failed [192.0.2.1]'],
  },
  {
    id: 'sendmail-user-unknown',
    vendor: 'Sendmail',
    label: 'user unknown',
    pattern: /\.\.\. User unknown/,
    summary: 'Sendmail has no such local user',
    detail: 'The recipient does not exist on this host (550 5.1.1).',
    fix: 'Check the address; on the server check the aliases and virtusertable.',
    reference: SENDMAIL_CF,
    examples: ['550 5.1.1 <nobody@example.com>... User unknown'],
  },
  {
    id: 'sendmail-sender-domain',
    vendor: 'Sendmail',
    label: 'sender domain does not exist / resolve',
    pattern: /Domain of sender address \S+ does not (?:exist|resolve)/,
    summary: 'The domain of the MAIL FROM address does not exist or does not resolve',
    detail:
      'Sendmail checks the envelope sender\'s domain; "does not exist" is permanent (553 5.1.8), "does not resolve" temporary (451 4.1.8).',
    fix: 'Use a sender address in a domain that resolves.',
    reference: SENDMAIL_CF,
    examples: [
      '553 5.1.8 <bob@example.invalid>... Domain of sender address bob@example.invalid does not exist',
      '451 4.1.8 Domain of sender address bob@example.com does not resolve',
    ],
  },
  {
    id: 'sendmail-disk-space',
    vendor: 'Sendmail',
    label: 'insufficient disk space',
    pattern: /Insufficient disk space; try again later/,
    summary: 'The Sendmail server is short of disk space',
    detail: 'Free space for the queue fell below MinFreeBlocks (452 4.4.5); senders retry.',
    fix: 'Server side: free disk space in the queue directory.',
    reference: SENDMAIL_CF,
    examples: ['452 4.4.5 Insufficient disk space; try again later'],
  },
  {
    id: 'sendmail-rate-control',
    vendor: 'Sendmail',
    label: 'connection rate or count limit',
    pattern: /Connection rate limit exceeded|Too many open connections/,
    summary: 'Sendmail limits connections from this client (ratecontrol / conncontrol)',
    detail: 'The client opened connections too fast or too many at once (421 4.3.2).',
    fix: 'Open fewer connections, more slowly.',
    reference: SENDMAIL_CF,
    examples: ['421 4.3.2 Connection rate limit exceeded.', '421 4.3.2 Too many open connections.'],
  },
  {
    id: 'sendmail-dnsbl',
    vendor: 'Sendmail',
    label: 'listed in a DNS blocklist',
    pattern: /Rejected: \S+ listed at \S+/,
    summary: "Sendmail's dnsbl feature found the sending IP in a blocklist",
    detail: 'FEATURE(dnsbl) rejects clients listed in the named DNSBL.',
    fix: 'Check the IP on the named list and request delisting after fixing the cause.',
    reference: SENDMAIL_CF,
    examples: ['550 5.7.1 Rejected: 192.0.2.1 listed at zen.spamhaus.org'],
  },
  {
    id: 'sendmail-message-size',
    vendor: 'Sendmail',
    label: 'message too large',
    pattern: /Message size exceeds maximum value/,
    summary: "The message is larger than Sendmail's MaxMessageSize",
    detail: 'Sendmail refuses messages over MaxMessageSize (552 5.2.3).',
    fix: 'Send a smaller message.',
    reference: SENDMAIL_CF,
    examples: ['552 5.2.3 Message size exceeds maximum value'],
  },

  // ---------------------------------------------------------------- Dovecot
  {
    id: 'dovecot-plaintext-disallowed',
    vendor: 'Dovecot',
    label: 'plaintext login refused without TLS',
    pattern: /Plaintext authentication disallowed on non-secure/,
    summary: 'Dovecot refuses a password login on an unencrypted connection',
    detail:
      'With disable_plaintext_auth = yes (or auth_allow_cleartext = no), USER/PASS, LOGIN and AUTH PLAIN are refused until TLS is active, so the password never crosses the network in clear. The credentials were not even checked.',
    fix: 'Use STARTTLS/STLS first, or connect to 993 (IMAP) or 995 (POP3) with TLS.',
    reference: DOVECOT_SSL,
    examples: [
      '-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.',
      'a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.',
    ],
  },
  {
    id: 'dovecot-plaintext-exposed',
    vendor: 'Dovecot',
    label: 'password sent without TLS',
    pattern: /Plaintext authentication not allowed without SSL\/TLS, but your client did it anyway/,
    summary: 'The client sent a password in clear although the server forbids it',
    detail: 'LOGIN was sent despite LOGINDISABLED. Anyone on the path may have seen the password.',
    fix: 'Change the password, and configure the client to use TLS (port 993 or STARTTLS).',
    reference: DOVECOT_SSL,
    examples: [
      '* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but your client did it anyway. If anyone was listening, the password was exposed.',
    ],
  },
  {
    id: 'dovecot-auth-failed',
    vendor: 'Dovecot',
    label: 'authentication failed',
    pattern: /\[(?:AUTHENTICATIONFAILED|AUTH)\] Authentication failed/,
    summary: 'Dovecot rejected the login: wrong user name or password',
    detail:
      'The passdb did not accept the credentials. Dovecot does not say whether the user or the password was wrong; its log does (auth_verbose = yes).',
    fix: 'Check the user name format (user or user@domain) and the password; read the Dovecot log for the reason.',
    reference: DOVECOT_AUTH,
    examples: [
      'a1 NO [AUTHENTICATIONFAILED] Authentication failed.',
      '-ERR [AUTH] Authentication failed.',
    ],
  },
  {
    id: 'dovecot-temporary-auth-failure',
    vendor: 'Dovecot',
    label: 'temporary authentication failure',
    pattern: /Temporary authentication failure/,
    summary: 'Dovecot could not check the credentials now (backend problem)',
    detail:
      'The authentication backend (SQL, LDAP, auth process) failed. The password may be right.',
    fix: 'Retry later; server side, check the Dovecot log for the auth backend error.',
    reference: DOVECOT_AUTH,
    examples: [
      'a1 NO [UNAVAILABLE] Temporary authentication failure. [mail.example.com:2024-05-01 10:00:00]',
    ],
  },
  {
    id: 'dovecot-quota-exceeded',
    vendor: 'Dovecot',
    label: 'quota exceeded',
    pattern: /Quota exceeded \(mailbox for user is full\)/,
    summary: 'The Dovecot mailbox is over its quota',
    detail:
      "Dovecot's default quota_exceeded_message: the user's storage is full. Over LMTP it bounces incoming mail (552 5.2.2); over IMAP APPEND fails with [OVERQUOTA].",
    fix: 'Delete or archive mail (empty Trash), or raise the quota.',
    reference: 'https://doc.dovecot.org/2.3/configuration_manual/quota_plugin/',
    examples: [
      'a1 NO [OVERQUOTA] Quota exceeded (mailbox for user is full)',
      '552 5.2.2 <bob@example.com> Quota exceeded (mailbox for user is full)',
    ],
  },
  {
    id: 'dovecot-max-userip-connections',
    vendor: 'Dovecot',
    label: 'too many connections for user+IP',
    pattern: /Maximum number of connections from user\+IP exceeded/,
    summary: 'Too many simultaneous IMAP connections from this user and IP',
    detail:
      'mail_max_userip_connections (default 10) limits connections per user and client IP; phones, desktops and NAT add up.',
    fix: 'Close idle clients or reduce their connection count; the administrator may raise the limit.',
    reference:
      'https://doc.dovecot.org/2.3/settings/core/#core_setting-mail_max_userip_connections',
    examples: [
      '* BYE Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)',
    ],
  },
  {
    id: 'dovecot-inactivity',
    vendor: 'Dovecot',
    label: 'disconnected for inactivity',
    pattern: /Disconnected for inactivity/,
    summary: 'The server closed an idle connection',
    detail: "No command arrived within the server's idle timeout. Normal for forgotten sessions.",
    fix: 'Reconnect; clients should use IDLE or NOOP to keep sessions alive.',
    reference: DOVECOT_AUTH,
    examples: ['* BYE Disconnected for inactivity.'],
  },
  {
    id: 'dovecot-login-auth-failed-log',
    vendor: 'Dovecot',
    label: 'login log: auth failed',
    pattern:
      /(?:imap|pop3|submission|managesieve)-login: (?:Disconnected|Aborted login|Login aborted)[^(]*\((?:auth failed|auth unsupported), \d+ attempts?/i,
    summary: "Dovecot's log: a client tried to sign in and every attempt failed",
    detail:
      'The line counts the attempts and names the user and the client IP (rip=). A wrong password, a user name without the domain part, or a client trying a mechanism the server does not allow (auth unsupported) all end like this.',
    fix: 'Check the user name form the server expects (full address or local part) and the password; run doveadm auth test USER on the server to see which passdb refuses it.',
    reference: DOVECOT_AUTH,
    examples: [
      'dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<bob>, method=PLAIN, rip=192.0.2.1, lip=192.0.2.2, TLS',
    ],
  },
  {
    id: 'dovecot-user-doesnt-exist',
    vendor: 'Dovecot',
    label: 'user does not exist, LMTP',
    pattern: /User doesn't exist: /,
    summary: 'Dovecot LMTP has no such user',
    detail:
      'The MTA handed the message to Dovecot over LMTP, and the userdb has no such user (550 5.1.1).',
    fix: 'Check the address; make sure the MTA and Dovecot use the same user database.',
    reference: DOVECOT_AUTH,
    examples: ["550 5.1.1 <nobody@example.com> User doesn't exist: nobody@example.com"],
  },
  {
    id: 'dovecot-too-many-invalid-commands',
    vendor: 'Dovecot',
    label: 'too many invalid commands',
    pattern: /Too many invalid IMAP commands/,
    summary: 'Dovecot hung up after too many invalid commands',
    detail:
      'The client (or someone typing by hand) sent several commands Dovecot could not parse. IMAP commands need a tag first: "a1 LOGIN user pass".',
    fix: 'Prefix every command with a tag and check the syntax.',
    reference: 'https://www.rfc-editor.org/rfc/rfc9051#section-2.2.1',
    examples: ['* BYE Too many invalid IMAP commands.'],
  },
];

/**
 * Every pattern, plain data. The expressions are literals: V8 compiles a literal's matcher on its
 * first use, so loading this module does not compile 150 regular expressions.
 */
export const VENDOR_PATTERNS: VendorPattern[] = [
  ...CORE_PATTERNS,
  ...PROVIDER_PATTERNS,
  ...FILTER_PATTERNS,
  ...SERVER_PATTERNS,
];
