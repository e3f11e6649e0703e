// Mailbox providers beyond the first three: more of Gmail, Microsoft and Yahoo/AOL, then iCloud,
// Comcast and the large European providers. Each pattern keys on text that names the provider
// (its own codes such as [CS01], OFR004_104 or BL000001, its host names, its postmaster URLs),
// never on phrasing that any server could send. Written from each provider's public postmaster
// pages; the examples follow replies quoted there, with documentation addresses.
import type { VendorPattern } from './types.js';

const GMAIL_SENDERS = 'https://support.google.com/a/answer/81126';
const GMAIL_BLOCKED_FILES = 'https://support.google.com/mail/answer/6590';
const GMAIL_IMAP_ERRORS = 'https://support.google.com/mail/answer/7126229';
const MS_NDR =
  'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online';
const MS_57700 =
  'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750';
const MS_LIMITS =
  'https://learn.microsoft.com/en-us/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits';
const MS_BASIC_AUTH =
  'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/deprecation-of-basic-authentication-exchange-online';
const MS_SMTP_AUTH =
  'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission';
const YAHOO_ERRORS = 'https://senders.yahooinc.com/smtp-error-codes/';
const APPLE_POSTMASTER = 'https://support.apple.com/en-us/102322';
const APPLE_RELAY =
  'https://developer.apple.com/help/account/capabilities/configure-private-email-relay-service/';
const COMCAST_CODES = 'https://postmaster.comcast.net/smtp-error-codes.php';
const GMX_ERRORS = 'https://postmaster.gmx.net/en/error-messages';
const WEBDE_ERRORS = 'https://postmaster.web.de/en/error-messages';
const TONLINE_POSTMASTER = 'https://postmaster.t-online.de/index.en.html';
const ORANGE_POSTMASTER = 'https://postmaster.orange.fr/';
const FREE_POSTMASTER = 'https://postmaster.free.fr/';

export const PROVIDER_PATTERNS: VendorPattern[] = [
  // ---------------------------------------------------------------- Gmail / Google Workspace
  {
    id: 'gmail-rate-limit-4728',
    vendor: 'Gmail',
    label: 'sending rate limited (4.7.28)',
    pattern: /temporarily rate limited due to (?:very )?low reputation/i,
    summary:
      'Gmail is slowing down this source because it sends faster or worse than its reputation allows',
    detail:
      'A temporary deferral: Gmail saw an unusual volume from the IP, the domain or the DKIM domain, often combined with user spam reports. It lifts as reputation recovers; retrying harder makes it last longer.',
    fix: 'Let the queue retry with growing intervals, lower the sending rate to Gmail, check spam rate and reputation in Google Postmaster Tools, and warm new IPs up slowly.',
    reference: GMAIL_SENDERS,
    examples: [
      '421 4.7.28 Your email has been temporarily rate limited due to very low reputation of the sending domain.',
    ],
    caution:
      'Gmail uses 4.7.28 for rate limits; in the IANA registry X.7.28 is "mail flood detected", which is close to this meaning.',
  },
  {
    id: 'gmail-blocked-attachment',
    vendor: 'Gmail',
    label: 'blocked attachment type',
    pattern:
      /blocked (?:for security reasons|because its content presents a potential security issue)|support\.google\.com\/mail\/\?p=BlockedMessage/i,
    summary: 'Gmail refused the message because an attachment type or content is a security risk',
    detail:
      'Gmail rejects executables and scripts (.exe, .js, .vbs, .bat...) even inside archives, password-protected archives it cannot scan, and documents with harmful macros (552 5.7.0).',
    fix: 'Send the file through a cloud share link instead, or in a format Gmail accepts (PDF instead of a macro document); renaming the extension does not help because Gmail checks inside.',
    reference: GMAIL_BLOCKED_FILES,
    examples: [
      '552-5.7.0 This message was blocked because its content presents a potential security issue. Please visit https://support.google.com/mail/?p=BlockedMessage to review our message content and attachment content guidelines.',
    ],
  },
  {
    id: 'gmail-imap-alert-web-login',
    vendor: 'Gmail',
    label: 'IMAP [ALERT] sign in through the web',
    pattern:
      /\[WEBALERT [^\]]*google\.com[^\]]*\]|\[ALERT\] Web login required|\[AUTH\] Web login required: https?:\/\/support\.google\.com/i,
    summary: 'Google wants the user to sign in once in a browser before IMAP or POP3 may log in',
    detail:
      'An [ALERT] or [WEBALERT url] response code carries a message the client must show. Google sends it when it blocked a sign-in it found suspicious, or when the account needs the user to confirm something in the browser first.',
    fix: 'Open the URL (or sign in to Gmail in a browser from the same network), complete the check, then retry; for unattended clients use an app password or OAuth2.',
    reference: GMAIL_IMAP_ERRORS,
    examples: [
      'a1 NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1&scc=1] Web login required.',
      '-ERR [AUTH] Web login required: https://support.google.com/mail/answer/78754',
    ],
  },
  {
    id: 'gmail-imap-bandwidth',
    vendor: 'Gmail',
    label: 'IMAP bandwidth or connection limit',
    pattern:
      /Account exceeded command or bandwidth limits|\[ALERT\] Too many simultaneous connections/i,
    summary: 'The Gmail account hit its IMAP download or connection limit',
    detail:
      'Gmail limits how much a client may download per day over IMAP and how many connections an account may hold open; several devices or a full resync trip it.',
    fix: 'Close other mail clients or lower their connection count, wait for the limit to reset (up to a day), and avoid full resyncs.',
    reference: GMAIL_IMAP_ERRORS,
    examples: [
      '* BYE [ALERT] Too many simultaneous connections. (Failure)',
      'a5 NO [OVERQUOTA] Account exceeded command or bandwidth limits. (Failure)',
    ],
  },
  {
    id: 'gmail-workspace-relay-denied',
    vendor: 'Gmail',
    label: 'Workspace SMTP relay: invalid credentials for relay',
    pattern: /Invalid credentials for relay|Mail relay denied\.? .*support\.google\.com/i,
    summary: "Google Workspace's SMTP relay does not recognise this sending server",
    detail:
      'smtp-relay.gmail.com accepts mail only from IPs listed in the Workspace SMTP relay setting or from clients that authenticate as a Workspace user; anything else is refused with 550 5.7.0 (or 5.7.1).',
    fix: "Add the sending server's public IP to Admin console > Gmail > Routing > SMTP relay service, or make it authenticate; the EHLO name must not be a bare IP literal.",
    reference: 'https://support.google.com/a/answer/2956491',
    examples: [
      "550-5.7.0 Mail relay denied [192.0.2.1]. Invalid credentials for relay for one of the domains in: example.com (as obtained from HELO and MAIL FROM). Email is being sent from a domain or IP address which isn't registered in your Workspace account.",
    ],
  },
  // ---------------------------------------------------------------- Microsoft 365 / Outlook.com
  {
    id: 'microsoft-tenant-unprovisioned-57700',
    vendor: 'Microsoft 365',
    label: 'tenant blocked from sending (5.7.7xx)',
    pattern:
      /5\.7\.7(?:0[0-9]|[1-4]\d)\b|Access denied, (?:tenant has exceeded|traffic not accepted from this IP|this tenant has been disabled)/i,
    summary:
      'Microsoft has blocked the whole tenant from sending (unpaid, unverified or suspicious)',
    detail:
      'The 5.7.700-5.7.750 range means the Microsoft 365 organisation itself may not send: a trial without verified domains, a compromised tenant sending spam, unpaid licences, or mail from an IP not tied to the tenant (5.7.708).',
    fix: "The tenant's administrator must open a support request with Microsoft; check for compromised accounts first, verify the domains, and make sure licences are active.",
    reference: MS_57700,
    examples: [
      '550 5.7.705 Access denied, tenant has exceeded threshold',
      '550 5.7.708 Access denied, traffic not accepted from this IP',
    ],
    caution:
      'Microsoft assigns its own meanings to 5.7.700-5.7.750; the IANA registry does not define these details.',
  },
  {
    id: 'microsoft-sendas-denied-exception',
    vendor: 'Microsoft 365',
    label: 'SendAsDenied',
    pattern: /SendAsDenied(?:Exception)?/i,
    summary: 'The signed-in mailbox has no permission to send as the From: address',
    detail:
      'Exchange Online checks that the authenticated user owns the From: address or holds Send As rights on it (MapiExceptionSendAsDenied); a printer, scanner or app signed in as one user cannot send as another.',
    fix: "Send from the signed-in mailbox's own address, or give that user Send As permission on the other mailbox (Exchange admin center > Mailboxes > Delegation).",
    reference: MS_SMTP_AUTH,
    examples: [
      '554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message.',
    ],
    caution:
      'Exchange wraps this permission refusal in 5.2.0; the IANA registry X.2.0 means "other or undefined mailbox status", which says nothing about permission.',
  },
  {
    id: 'microsoft-max-submission',
    vendor: 'Microsoft 365',
    label: 'recipient rate or message rate limit (MaxSubmission)',
    pattern:
      /MaxSubmissionExceeded|Message submission rate for this client has exceeded|RecipientRateLimitExceeded|WASCL UserAction verdict is not None/i,
    summary:
      'The mailbox sent more messages or recipients than Exchange Online allows per minute or day',
    detail:
      'Exchange Online limits each mailbox (30 messages a minute, 10,000 recipients a day by default); beyond that, submissions are refused until the window passes. A sudden spike can also mean the account is sending spam.',
    fix: 'Slow the sending application down or spread the recipients; for bulk mail use a service built for it; if the user did not send it, reset the password and check for compromise.',
    reference: MS_LIMITS,
    examples: [
      '421 4.7.0 Message submission rate for this client has exceeded the configured limit',
    ],
    caution:
      'Exchange wraps these limits in 5.2.0 or 4.3.2; the IANA registry meanings (mailbox status, system not accepting) are not what happened here.',
  },
  {
    id: 'microsoft-5-7-139-auth',
    vendor: 'Microsoft 365',
    label: 'authentication unsuccessful (5.7.139)',
    pattern:
      /5\.7\.139 Authentication unsuccessful(?!,? (?:user is locked by your organization's security defaults|SmtpClientAuthentication is disabled|basic authentication is disabled))/i,
    summary: 'Exchange Online refused the SMTP AUTH sign-in; the text after the code says why',
    detail:
      'Reasons Microsoft lists: the user is locked by security defaults, the account is disabled, the sign-in was blocked by Conditional Access or needs MFA, or SMTP AUTH is off for the tenant or mailbox.',
    fix: 'Read the reason after the code; for devices that cannot do OAuth, enable SMTP AUTH for that mailbox and exclude it from security defaults only if policy allows, or use a connector (direct send / relay) instead.',
    reference: MS_SMTP_AUTH,
    examples: [
      '535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. [DM6PR01CA0001.prod.exchangelabs.com]',
      '535 5.7.139 Authentication unsuccessful, account is locked due to too many sign-in failures.',
    ],
    caution: 'Microsoft gives 5.7.139 its own meaning; the IANA registry does not define X.7.139.',
  },
  {
    id: 'microsoft-basic-auth-imap-pop',
    vendor: 'Microsoft 365',
    label: 'POP/IMAP basic authentication refused',
    pattern:
      /^(?:\S+ NO |-ERR )?(?:AUTHENTICATE failed\.?|Logon failure: unknown user name or bad password\.?)$|\bNO AUTHENTICATE failed\b/im,
    summary:
      'Exchange Online refused the POP3 or IMAP login; basic authentication is retired there',
    detail:
      'Microsoft turned off basic (password) authentication for POP3 and IMAP in Exchange Online; the servers answer a plain login with "AUTHENTICATE failed." or "-ERR Logon failure" whether or not the password is right.',
    fix: 'Use a client that signs in with OAuth 2.0 (modern authentication); for scripts, register an app and use XOAUTH2. Check the mailbox has POP or IMAP enabled.',
    reference: MS_BASIC_AUTH,
    examples: [
      'a1 NO AUTHENTICATE failed.',
      '-ERR Logon failure: unknown user name or bad password.',
    ],
  },
  {
    id: 'microsoft-exchange-wrapper',
    vendor: 'Microsoft 365',
    label: "Exchange's NDR wrapper around a remote reply",
    pattern: /Remote Server returned '|#[245]\.\d{1,3}\.\d{1,3} smtp;\s*\d{3}/i,
    summary: 'An Exchange bounce that quotes the remote server: its own code is only a wrapper',
    detail:
      'Exchange writes its own status (often 5.3.0 or 5.0.0) in front of the reply the remote server gave. The code after "smtp;" is what the other side said; the outer code only says the message could not be delivered.',
    fix: 'Act on the inner reply; the wrapper code alone does not tell you the cause.',
    reference: MS_NDR,
    examples: [
      "Remote Server returned '554 5.3.0 < #5.3.0 smtp; 550 Rejected by header based Anti-Spoofing policy>'",
    ],
  },
  {
    id: 'microsoft-ip-reputation-rate-limit',
    vendor: 'Microsoft 365',
    label: 'rate limited due to IP reputation (4.7.650)',
    pattern:
      /4\.7\.65\d\b[^]*?rate limited due to IP reputation|has been temporarily rate limited due to IP reputation/i,
    summary:
      'Exchange Online is slowing mail from this IP because of its reputation; it will retry',
    detail:
      'A temporary refusal for IPs Microsoft does not trust yet (new IPs, IPs with a spam history); delivery works again as the reputation builds, so the queue should keep retrying.',
    fix: 'Keep retrying at a moderate pace, warm new IPs up gradually, and make sure SPF, DKIM and DMARC pass; if it lasts for days, request a review through the Microsoft delist portal.',
    reference: MS_NDR,
    examples: [
      '451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com',
    ],
    caution: 'Microsoft gives 4.7.650 its own meaning; the IANA registry does not define X.7.650.',
  },
  // ---------------------------------------------------------------- Yahoo / AOL
  {
    id: 'yahoo-ph01-policy',
    vendor: 'Yahoo',
    label: 'PH01 content or policy block',
    pattern: /\[PH\d{2}\]/,
    summary: 'Yahoo or AOL refused this message for its content or a policy reason (PHxx)',
    detail:
      'The bracketed PH codes mark messages Yahoo judged as spam-like or harmful from their content (links, attachments, phishing traits), independent of the IP reputation.',
    fix: 'Review the content and links (shortened or listed URLs), make sure DKIM and DMARC pass, and test with a plain message; persistent blocks go to the Yahoo sender support form.',
    reference: YAHOO_ERRORS,
    examples: [
      '554 5.7.9 Message not accepted for policy reasons. [PH01] See https://senders.yahooinc.com/error-codes',
    ],
  },
  {
    id: 'yahoo-bl-spamhaus',
    vendor: 'Yahoo',
    label: 'BL21/BL23 IP on a block list',
    pattern: /\[BL2\d\]/,
    summary: 'Yahoo refused the connection because the IP is on a block list it uses (Spamhaus)',
    detail:
      'BL21 means the sending IP is on Spamhaus ZEN, BL23 on another list Yahoo consults; the connection is refused before any message is looked at.',
    fix: 'Look the IP up at https://check.spamhaus.org, fix the cause of the listing and request removal; Yahoo accepts mail again once the listing is gone.',
    reference: YAHOO_ERRORS,
    examples: [
      "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list; see https://senders.yahooinc.com/error-codes",
    ],
  },
  {
    id: 'yahoo-tss11-rate',
    vendor: 'Yahoo',
    label: 'TSS11 excessive unknown recipients or rate',
    pattern: /\[TSS1\d\]/,
    summary: 'Yahoo is deferring mail: the source sent too fast or to too many unknown users',
    detail:
      'TSS11 and related codes are temporary deferrals tied to sending behaviour: bursts of volume, high unknown-recipient rates or complaint rates.',
    fix: 'Let the queue retry, slow the rate to Yahoo, remove addresses that bounce, and check complaint feedback.',
    reference: YAHOO_ERRORS,
    examples: ['421 4.7.0 [TSS11] Excessive unknown recipients - possible Open Relay (#4.7.0)'],
  },
  {
    id: 'aol-will-not-accept',
    vendor: 'Yahoo',
    label: 'AOL will not accept delivery',
    pattern: /AOL will not accept delivery of this message/i,
    summary: 'AOL (now run by Yahoo) refused the message; usually reputation, content or DMARC',
    detail:
      "AOL's servers use Yahoo's filters; this older refusal text carries no code saying why, so the usual causes apply: a listed IP, failing authentication, or content judged as spam.",
    fix: "Check the IP's reputation and block list status, make SPF, DKIM and DMARC pass, and use Yahoo's sender support form if it persists.",
    reference: YAHOO_ERRORS,
    examples: ['521 5.2.1 :  AOL will not accept delivery of this message.'],
    caution:
      'AOL uses 5.2.1 here for a policy refusal; the IANA registry X.2.1 means "mailbox disabled".',
  },
  // ---------------------------------------------------------------- iCloud
  {
    id: 'icloud-cs-local-policy',
    vendor: 'iCloud',
    label: 'CS01/CS02 rejected due to local policy',
    pattern: /\[CS\d{2}\] Message rejected due to local policy/i,
    summary: "iCloud Mail's filters refused the message or the sending IP ([CSxx] local policy)",
    detail:
      "Apple's incoming filters judged the sender's reputation or the message content: CS01 usually concerns the message and its content, CS02 the IP or its neighbourhood. Forwarded mail that breaks SPF or DKIM triggers it too.",
    fix: "Check SPF, DKIM and DMARC pass, look for listed domains or shortened links in the body, and if the block persists write to Apple's postmaster with the full reply and the sending IP.",
    reference: APPLE_POSTMASTER,
    examples: [
      '550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
      '554 5.7.1 [CS02] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
    ],
  },
  {
    id: 'icloud-excessive-volume',
    vendor: 'iCloud',
    label: 'deferred due to excessive volume',
    pattern: /Messages to \S+ deferred due to excessive volume/i,
    summary: 'iCloud is receiving too much mail for this recipient and defers the rest',
    detail:
      "A temporary 421 4.7.1 about the receiving mailbox's volume; later attempts normally succeed.",
    fix: 'Let the queue retry; if you send bulk mail to iCloud users, spread it over time.',
    reference: APPLE_POSTMASTER,
    examples: [
      '421 4.7.1 Messages to bob@icloud.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137',
    ],
  },
  {
    id: 'icloud-user-does-not-exist',
    vendor: 'iCloud',
    label: 'no such iCloud user',
    pattern: /<[^<>\s@]+@(?:icloud|me|mac)\.com>:? (?:user does not exist|inactive email address)/i,
    summary: 'There is no iCloud Mail account with this address',
    detail: 'A permanent 550 5.1.1 from Apple: the address is mistyped, or the account was closed.',
    fix: 'Check the address with the recipient; remove it from lists if it keeps bouncing.',
    reference: APPLE_POSTMASTER,
    examples: [
      '550 5.1.1 <nobody@icloud.com>: user does not exist',
      '550 5.1.1 <old@me.com>: inactive email address',
    ],
  },
  {
    id: 'icloud-spamhaus-dbl',
    vendor: 'iCloud',
    label: 'domain in the message is on the Spamhaus DBL',
    pattern: /rejected due to having a domain present in the Spamhaus DBL/i,
    summary:
      'iCloud refused the message because a domain in it is on the Spamhaus Domain Block List',
    detail:
      'Apple checks the domains in links and headers against the Spamhaus DBL; one listed domain (often a link shortener or tracking domain) is enough.',
    fix: 'Find the listed domain with https://check.spamhaus.org, remove it from the message or get it delisted, then resend.',
    reference: APPLE_POSTMASTER,
    examples: [
      '550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL -- see https://www.spamhaus.org/dbl/',
    ],
  },
  {
    id: 'icloud-dmarc-policy',
    vendor: 'iCloud',
    label: "rejected under the From: domain's DMARC policy",
    pattern: /^(?=[^]*\bsupport\.apple\.com\b)[^]*\bDMARC policy\b/i,
    summary: 'iCloud refused the message: it failed DMARC and the From: domain asks for rejection',
    detail:
      "Apple applies the From: domain's published DMARC policy; with p=reject, a message without an aligned SPF or DKIM pass is refused. Forwarding and third-party senders are the usual cause.",
    fix: "Have every service that sends as the domain sign with the domain's DKIM key (or use an aligned envelope sender).",
    reference: APPLE_POSTMASTER,
    examples: [
      "550 5.7.1 Your message was rejected due to example.com's DMARC policy. See https://support.apple.com/en-us/HT204137 for details.",
    ],
  },
  {
    id: 'icloud-hide-my-email-relay',
    vendor: 'iCloud',
    label: 'Hide My Email / private relay refused the sender',
    pattern: /privaterelay\.appleid\.com/i,
    summary:
      "Apple's private relay did not forward: the sender is not registered or the alias is off",
    detail:
      'Addresses at privaterelay.appleid.com come from Sign in with Apple and Hide My Email. Apple forwards mail to them only from sending domains and addresses the app developer registered (with SPF and DKIM passing); the user can also turn the alias off.',
    fix: 'Register the sending domain, its MAIL FROM domain and the sender addresses in the Apple Developer account (Sign in with Apple for Email Communication), make SPF and DKIM pass, and stop mailing aliases the user disabled.',
    reference: APPLE_RELAY,
    examples: ['550 5.1.1 <abc123@privaterelay.appleid.com>: Recipient address rejected'],
  },
  // ---------------------------------------------------------------- Comcast
  {
    id: 'comcast-bl-block-list',
    vendor: 'Comcast',
    label: 'BL0000xx block list',
    pattern: /\bBL0\d{5}\b|comcast\S*\s.*found on one or more DNSBLs/i,
    summary:
      'Comcast refused the IP because a block list it uses names it (the BL code says which)',
    detail:
      "Comcast's BL codes are bit fields: BL000001 Spamhaus ZEN, BL000010 Cloudmark CSI, BL000100 the SenderScore list, combinations for several; BL000000 means Comcast's own data saw spam patterns.",
    fix: 'Look the IP up on the list the code names, fix the cause and request removal there; Comcast accepts mail again once the listing expires.',
    reference: COMCAST_CODES,
    examples: [
      '554 resimta-po-01v.sys.comcast.net resimta-po-01v.sys.comcast.net 192.0.2.1 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000001',
    ],
  },
  {
    id: 'comcast-rl-rate-limit',
    vendor: 'Comcast',
    label: 'RL0000xx rate limit',
    pattern: /\bRL0\d{5}\b|comcast\S*\s.*Too many sessions opened/i,
    summary: 'Comcast is throttling this IP for opening too many connections or sending too fast',
    detail:
      'A temporary refusal: Comcast limits simultaneous connections and the message rate per sending IP.',
    fix: 'Lower the concurrency to Comcast (a few connections per IP) and let the queue retry.',
    reference: COMCAST_CODES,
    examples: [
      '421 resimta-h1p-01v.sys.comcast.net comcast 192.0.2.1 Too many sessions opened. Please see http://postmaster.comcast.net/smtp-error-codes.php#RL000001',
    ],
  },
  {
    id: 'comcast-es-residential',
    vendor: 'Comcast',
    label: 'ES0000xx dynamic or residential IP',
    pattern: /\bES0000(?:01|10)\b/,
    summary: 'Comcast refuses direct mail from dynamic or residential IP space',
    detail:
      "ES000001 is Comcast's own residential range, ES000010 someone else's dynamic range (often judged from a generic PTR name). Home connections are expected to send through their provider's submission server.",
    fix: "Send through the provider's authenticated SMTP server (port 587), or give the server a static IP with a proper PTR name.",
    reference: COMCAST_CODES,
    examples: [
      '554 resimta-po-02v.sys.comcast.net comcast 192.0.2.1 Comcast block for spam. Please see http://postmaster.comcast.net/smtp-error-codes.php#ES000010',
    ],
  },
  // ---------------------------------------------------------------- GMX / WEB.DE (United Internet)
  {
    id: 'gmx-ip-block-listed',
    vendor: 'GMX',
    label: 'IP address is block listed',
    pattern:
      /^(?=[^]*\bgmx\.(?:net|com|de)\b)[^]*IP address is (?:block|black) ?listed|postmaster\.gmx\.(?:net|com)\/\S*c=(?:bl|r0201)/i,
    summary: "GMX refused the connection: the sending IP is on GMX's block list",
    detail:
      "GMX answers the greeting with a multi-line 554; the last line carries a link to a postmaster page for the exact case. The listing can come from GMX's own data or from public lists it uses.",
    fix: 'Open the link in the last line, fix what it names (spam, open relay, missing PTR), and use the contact form there to ask for delisting.',
    reference: GMX_ERRORS,
    examples: [
      '554-gmx.net (mxgmx104) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is block listed. 554 For explanation visit https://postmaster.gmx.net/en/case?c=r0201&i=ip&v=192.0.2.1&r=1MNcgj',
    ],
  },
  {
    id: 'webde-ip-block-listed',
    vendor: 'WEB.DE',
    label: 'IP address is block listed',
    pattern:
      /^(?=[^]*\bweb\.de\b)[^]*IP address is (?:block|black) ?listed|postmaster\.web\.de\/\S*c=(?:bl|r0201)|web\.de\/email\/senderguidelines\?\S*c=bl/i,
    summary: "WEB.DE refused the connection: the sending IP is on WEB.DE's block list",
    detail:
      'WEB.DE runs the same platform as GMX and answers with a multi-line 554 whose last line links to the postmaster page for the case.',
    fix: 'Open the link in the last line, fix what it names, and ask for delisting through the form there.',
    reference: WEBDE_ERRORS,
    examples: [
      '554-web.de (mxweb112) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is block listed. 554 For explanation visit https://postmaster.web.de/en/case?c=r0201&i=ip&v=192.0.2.1&r=1abc',
    ],
  },
  {
    id: 'united-internet-bad-ptr',
    vendor: 'GMX',
    label: 'missing or invalid PTR record (GMX / WEB.DE)',
    pattern: /(?:Bad|invalid) DNS PTR resource record/i,
    summary: 'GMX or WEB.DE refused the IP because its reverse DNS (PTR) is missing or invalid',
    detail:
      'The Nemesis platform behind GMX and WEB.DE requires a PTR record for the sending IP whose name resolves back to the same IP, and a name that does not look dynamic.',
    fix: "Ask whoever owns the IP (hosting or ISP) to set a PTR record to the server's name, and make that name's A/AAAA record point back to the IP.",
    reference: GMX_ERRORS,
    examples: [
      '554-gmx.net (mxgmx017) Nemesis ESMTP Service not available 554-No SMTP service 554-Bad DNS PTR resource record. 554 For explanation visit https://postmaster.gmx.net/en/case?c=rdns&ip=192.0.2.1',
      '550-Requested action not taken: mailbox unavailable 550 invalid DNS PTR resource record, IP=192.0.2.1',
    ],
  },
  {
    id: 'united-internet-sender-guidelines',
    vendor: 'GMX',
    label: 'rejected under the sender guidelines (GMX / WEB.DE)',
    pattern:
      /Reject due to policy restrictions[^]*?(?:gmx|web\.de)|(?:gmx\.net|web\.de)\/\S*senderguidelines\?\S*c=(?!bl)/i,
    summary:
      'GMX or WEB.DE refused the message under their sender guidelines; the c= code says why',
    detail:
      'The link in the last line carries a c= code naming the rule: for example a HELO name that is not a valid host name, missing authentication, or content judged as spam.',
    fix: 'Open the link in the last line and fix what its page names; the HELO/EHLO name must be a resolvable FQDN, ideally the PTR name.',
    reference: GMX_ERRORS,
    examples: [
      '554-Transaction failed 554-Reject due to policy restrictions. 554 For explanation visit https://web.de/email/senderguidelines?ip=192.0.2.1&c=hi',
    ],
  },
  // ---------------------------------------------------------------- T-Online
  {
    id: 'tonline-bl',
    vendor: 'T-Online',
    label: '(BL) IP blocked',
    pattern: /^(?=[^]*t-online\.de\b)[^]*\(BL\)/i,
    summary: 'T-Online refused the connection: the IP is on its block list (BL)',
    detail:
      'T-Online (Telekom) refuses IPs with bad or unknown reputation at the greeting. BL marks a block, often also servers that have not sent mail to T-Online for a long time.',
    fix: "Make sure the server meets T-Online's requirements (PTR, a host name that leads to a web page with an imprint), then write to the address in the reply with the IP and ask for delisting.",
    reference: TONLINE_POSTMASTER,
    examples: [
      '554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)',
    ],
  },
  {
    id: 'tonline-nowl',
    vendor: 'T-Online',
    label: '(NOWL) no or bad reputation',
    pattern: /^(?=[^]*t-online\.de\b)[^]*(?:\(NOWL\)|None\/bad reputation)/i,
    summary: 'T-Online does not know this IP (no reputation) and refuses it until it is cleared',
    detail:
      'New or long-silent mail servers have no reputation at T-Online and are refused until their operator asks for a reset; the server must be identifiable (host name, web page with contact details).',
    fix: "Set a PTR and an HELO name under your own domain, publish an imprint on that domain's web site, then ask the postmaster address in the reply for a reset.",
    reference: TONLINE_POSTMASTER,
    examples: [
      '554 IP=192.0.2.1 - None/bad reputation. Ask your postmaster for help or to contact <postmaster@rx.t-online.de> for reset. (NOWL)',
    ],
  },
  // ---------------------------------------------------------------- Orange
  {
    id: 'orange-too-many-connections',
    vendor: 'Orange',
    label: 'OFR004_104 too many connections',
    pattern: /OFR004_104|Too many connections, slow down\.? OFR/i,
    summary: 'Orange refused the connection: too many at once from this IP',
    detail:
      "Orange's servers (orange.fr, wanadoo.fr) allow only a few simultaneous connections per sending IP; more are refused with 421 and an OFR code.",
    fix: 'Limit concurrency to Orange to a few connections per IP and let the queue retry.',
    reference: ORANGE_POSTMASTER,
    examples: [
      '421 mwinf5c01 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR004_104 [104]',
    ],
  },
  {
    id: 'orange-service-refused',
    vendor: 'Orange',
    label: 'OFR service refused, try later',
    pattern:
      /^4\d\d\b[^]*?(?:Service refus[ée]\.? Veuillez essayer plus tard[^]*OFR|OFR(?:004_105|_999)\b)/i,
    summary: 'Orange temporarily refused mail from this IP (rate or reputation); retry later',
    detail:
      'A temporary 421 from Orange, usually a throttle tied to volume or reputation; messages normally go through after some hours of gentle retries.',
    fix: 'Retry with growing intervals, lower the rate to Orange, and check complaint rates and authentication.',
    reference: ORANGE_POSTMASTER,
    examples: [
      '421 mwinf5c40 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR_999 [999]',
    ],
  },
  {
    id: 'orange-mail-rejected',
    vendor: 'Orange',
    label: 'OFR mail rejected (permanent)',
    pattern: /^5\d\d\b[^]*\bOFR\d{3}_\d{3}\b|Mail rejet[ée]\.? Mail rejected\.? OFR/i,
    summary: 'Orange permanently refused the message or the IP; the OFR code names the rule',
    detail:
      'A 5xx with an OFR code means Orange blocked the source or the content (a listed IP, failed authentication, spam-like content).',
    fix: "Check the IP on public block lists, make SPF, DKIM and DMARC pass, and contact Orange's postmaster with the full reply and the OFR code.",
    reference: ORANGE_POSTMASTER,
    examples: [
      '550 5.7.1 Service refuse. Veuillez essayer plus tard. service refused, please try later. OFR006_102 [102]',
    ],
  },
  // ---------------------------------------------------------------- Free (free.fr)
  {
    id: 'free-too-many-spams',
    vendor: 'Free',
    label: 'too many spams from your IP',
    pattern: /Too many spams from your IP/i,
    summary: 'Free blocked the IP for up to a day after seeing spam or errors from it',
    detail:
      'Free (free.fr) keeps live statistics per connecting IP; spam or too many errors block the IP for at most 24 hours, renewed if the problem continues.',
    fix: 'Find and stop what sent spam from the IP (a compromised account or form), wait for the block to lapse; asking for delisting before the cause is fixed does not help.',
    reference: FREE_POSTMASTER,
    examples: [
      '421 Too many spams from your IP (192.0.2.1), please visit http://postmaster.free.fr/',
    ],
  },
  {
    id: 'free-postmaster-block',
    vendor: 'Free',
    label: 'refused, see postmaster.free.fr',
    pattern: /^(?![^]*Too many spams)[^]*postmaster\.free\.fr/i,
    summary: 'Free refused the message or IP; its postmaster page explains the specific reply',
    detail:
      "Free's replies point to postmaster.free.fr, where each refusal text (spam detected, too many connections, missing PTR) has its own explanation and a form to check the IP.",
    fix: 'Look the exact reply up on postmaster.free.fr and check whether the IP is listed there.',
    reference: FREE_POSTMASTER,
    examples: ['550 5.7.1 Mail rejected, see http://postmaster.free.fr/'],
  },
];
