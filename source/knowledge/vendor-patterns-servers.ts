// Mail server software beyond Postfix, Exim, Sendmail and Dovecot's first entries: qmail,
// Courier, Cyrus, OpenSMTPD, Zimbra, hMailServer and MDaemon, plus more Postfix, Exim and
// Sendmail wording. A software name says which program wrote the text (its default wording),
// not who runs the server. Texts were checked against each program's source or strings
// (Debian packages of courier-mta, cyrus-imapd; OpenSMTPD's smtp_session.c) or its manual.
import type { VendorPattern } from './types.js';

const POSTFIX_DEBUG = 'https://www.postfix.org/DEBUG_README.html';
const POSTFIX_BOUNCE = 'https://www.postfix.org/postconf.5.html#maximal_queue_lifetime';
const EXIM_SPEC = 'https://www.exim.org/exim-html-current/doc/html/spec_html/';
const SENDMAIL_OPS = 'https://www.sendmail.org/~ca/email/doc8.12/op-sh-4.html';
const QMAIL_DOCS = 'https://cr.yp.to/qmail.html';
const COURIER_DOCS = 'https://www.courier-mta.org/courierd.html';
const CYRUS_DOCS = 'https://www.cyrusimap.org/imap/reference/manpages/systemcommands/lmtpd.html';
const OPENSMTPD_DOCS = 'https://man.openbsd.org/smtpd.conf';
const ZIMBRA_DOCS = 'https://zimbra.github.io/adminguide/latest/';
const HMAIL_DOCS = 'https://www.hmailserver.com/documentation/latest/?page=overview';
const MDAEMON_DOCS = 'https://docs.mdaemon.com/MDaemon/en/';

export const SERVER_PATTERNS: VendorPattern[] = [
  // ---------------------------------------------------------------- Postfix (delivery log)
  {
    id: 'postfix-connect-failed',
    vendor: 'Postfix',
    label: 'connect to remote host failed',
    pattern:
      /connect to \S+\[[^\]]*\]:\d+: (?:Connection timed out|Connection refused|No route to host|Network is unreachable)/i,
    summary: "The sending server could not open a connection to the recipient's mail server",
    detail:
      'No SMTP reply exists: the TCP connection failed. Timeouts usually mean outbound port 25 is blocked (common at cloud and home providers) or the host is down; "refused" means nothing listens on that port.',
    fix: 'Test outbound port 25 from the sending host (mailmedic check DOMAIN); if the provider blocks it, relay through a smarthost on 587; otherwise the recipient side must bring its server up.',
    reference: POSTFIX_DEBUG,
    examples: [
      'status=deferred (connect to mx.example.com[192.0.2.1]:25: Connection timed out)',
      'connect to mx.example.com[192.0.2.1]:25: Connection refused',
    ],
  },
  {
    id: 'postfix-lost-connection',
    vendor: 'Postfix',
    label: 'lost connection / conversation timed out',
    pattern:
      /(?:lost connection with|conversation with) \S+\[[^\]]*\] (?:timed out )?while (?:receiving the initial server greeting|performing the EHLO handshake|sending|receiving|performing the HELO handshake)/i,
    summary: 'The remote server dropped or stalled the SMTP session part-way through',
    detail:
      'The step named after "while" is where it happened: at the greeting it is often a filter refusing the IP silently; during the data it can be a size limit, a broken firewall (MTU) or an overloaded server.',
    fix: 'Let the queue retry; if it persists at the greeting, check the IP against block lists; during data, test a small message and check MTU and TLS settings.',
    reference: POSTFIX_DEBUG,
    examples: [
      'status=deferred (lost connection with mx.example.com[192.0.2.1] while receiving the initial server greeting)',
      'conversation with mx.example.com[192.0.2.1] timed out while sending message body',
    ],
  },
  {
    id: 'postfix-name-service-error',
    vendor: 'Postfix',
    label: 'host or domain name not found',
    pattern: /Host or domain name not found\. Name service error for name=\S+ type=(?:MX|A|AAAA)/i,
    summary: "The recipient's domain has no usable MX or address record (DNS)",
    detail:
      '"Host not found" is permanent (the name does not exist, often a typo in the domain); "try again" is a temporary DNS failure at the sending side or the domain\'s name servers.',
    fix: 'Check the domain spelling and its MX records (mailmedic check DOMAIN); for "try again", check the sending server\'s resolver.',
    reference: POSTFIX_DEBUG,
    examples: [
      'status=bounced (Host or domain name not found. Name service error for name=exampel.com type=MX: Host not found)',
    ],
  },
  {
    id: 'postfix-queue-expired',
    vendor: 'Postfix',
    label: 'message expired in the queue',
    pattern:
      /status=expired, returned to sender|message (?:was )?(?:deferred|delayed) for too long/i,
    summary: 'The message stayed undeliverable for the whole queue lifetime and was returned',
    detail:
      'Postfix retried for maximal_queue_lifetime (5 days by default) and gave up; the last temporary error logged before this line is the real cause.',
    fix: 'Look up the last "status=deferred" line for this queue ID and fix that cause.',
    reference: POSTFIX_BOUNCE,
    examples: ['4ABC12: from=<alice@example.org>, status=expired, returned to sender'],
  },
  {
    id: 'postfix-local-unknown-user',
    vendor: 'Postfix',
    label: 'local delivery: unknown user',
    pattern: /\(unknown user: "[^"]*"\)/i,
    summary: 'Postfix accepted the message but found no local user for it at delivery time',
    detail:
      'The local delivery agent found no system account or alias for the name. The server accepted the message first (it does not check local recipients at RCPT TO), so it had to send a bounce afterwards.',
    fix: 'Correct the address, or create the account or an alias; on the server, set local_recipient_maps so unknown users are refused at RCPT TO instead.',
    reference: 'https://www.postfix.org/LOCAL_RECIPIENT_README.html',
    examples: [
      '4ABC12: to=<bob@example.com>, relay=local, dsn=5.1.1, status=bounced (unknown user: "bob")',
    ],
  },
  // ---------------------------------------------------------------- Exim
  {
    id: 'exim-retry-timeout',
    vendor: 'Exim',
    label: 'retry timeout exceeded',
    pattern:
      /retry timeout exceeded|have been failing for a long time \(and retry time not reached\)/i,
    summary: 'Exim gave up after retrying for its full retry period',
    detail:
      "The earlier temporary errors for this address are the cause; Exim's bounce usually shows the last one before this phrase.",
    fix: "Read the last temporary error in the bounce or Exim's main log and fix that.",
    reference: `${EXIM_SPEC}ch-retry_configuration.html`,
    examples: [
      'bob@example.com: retry timeout exceeded',
      "all hosts for 'example.com' have been failing for a long time (and retry time not reached)",
    ],
  },
  {
    id: 'exim-mx-nonexistent-hosts',
    vendor: 'Exim',
    label: 'MX records point to non-existent hosts',
    pattern: /all relevant MX records point to non-existent hosts/i,
    summary: "The recipient domain's MX records name hosts that do not resolve",
    detail:
      'DNS has MX records for the domain, but their targets have no A/AAAA records, so there is nowhere to deliver.',
    fix: "The recipient domain's owner must fix its MX targets; check with mailmedic check DOMAIN.",
    reference: `${EXIM_SPEC}ch-the_dnslookup_router.html`,
    examples: ['bob@example.com: all relevant MX records point to non-existent hosts'],
  },
  {
    id: 'exim-callout-failed',
    vendor: 'Exim',
    label: 'sender verify callout could not complete',
    pattern: /Could not complete sender verify callout/i,
    summary: 'Exim tried to verify the sender address by calling its mail server, and could not',
    detail:
      "With callout verification Exim connects to the sender domain's MX and asks whether the address exists; if that server is unreachable or refuses, the message is deferred or refused.",
    fix: "Make the sender domain's MX reachable and willing to accept RCPT TO for the envelope sender (and for the null sender <>).",
    reference: `${EXIM_SPEC}ch-access_control_lists.html`,
    examples: ['451 Could not complete sender verify callout'],
  },
  // ---------------------------------------------------------------- Sendmail
  {
    id: 'sendmail-transcript-marker',
    vendor: 'Sendmail',
    label: 'transcript of session (the remote reply is on the <<< line)',
    pattern: /-{3,} Transcript of session follows -{3,}/i,
    summary: 'A sendmail bounce: the lines starting with <<< are what the remote server said',
    detail:
      'sendmail bounces quote the conversation: >>> lines are what sendmail sent, <<< lines the remote replies. The <<< line after the failing command is the reply to act on.',
    fix: 'Act on the <<< reply; the command before it (>>> RCPT To, >>> DATA) says which step failed.',
    reference: SENDMAIL_OPS,
    examples: ['   ----- Transcript of session follows -----'],
  },
  {
    id: 'sendmail-too-many-hops',
    vendor: 'Sendmail',
    label: 'too many hops (mail loop)',
    pattern: /Too many hops \d+ \(\d+ max\)/i,
    summary: 'The message went through too many servers: a mail loop',
    detail:
      'Every server adds a Received: header; past the limit (25 by default) sendmail assumes a loop, usually two servers forwarding to each other.',
    fix: 'Find the forwarding or MX loop in the Received: headers of the bounce and break it.',
    reference: SENDMAIL_OPS,
    examples: [
      '554 5.4.6 Too many hops 26 (25 max): from <alice@example.org> via mx.example.com, to <bob@example.com>',
    ],
  },
  {
    id: 'sendmail-host-unknown',
    vendor: 'Sendmail',
    label: 'host unknown (name server)',
    pattern: /Host unknown \(Name server: [^)]*: host not found\)/i,
    summary: 'sendmail could not find the recipient host in DNS',
    detail:
      'The domain (or its MX target) does not resolve; most often a typo in the recipient domain.',
    fix: 'Check the recipient domain and its MX records.',
    reference: SENDMAIL_OPS,
    examples: [
      '550 5.1.2 bob@exampel.com... Host unknown (Name server: exampel.com: host not found)',
    ],
  },
  {
    id: 'sendmail-deferred-connection',
    vendor: 'Sendmail',
    label: 'Deferred: connection refused / timed out',
    pattern:
      /stat=Deferred: (?:Connection (?:refused|timed out)|Operation timed out) (?:by|with) /i,
    summary: "sendmail could not connect to the recipient's server and will retry",
    detail:
      'A TCP failure, not a reply: the remote server is down, or outbound port 25 is blocked on the sending side.',
    fix: 'Test outbound port 25 from the sending host; if blocked, relay through a smarthost.',
    reference: SENDMAIL_OPS,
    examples: ['stat=Deferred: Connection timed out with mx.example.com.'],
  },
  // ---------------------------------------------------------------- qmail
  {
    id: 'qmail-rcpthosts',
    vendor: 'qmail',
    label: "domain isn't in my list of allowed rcpthosts",
    pattern: /(?:domain )?isn't in my list of allowed rcpthosts/i,
    summary: 'qmail refused to relay: the recipient domain is not one it accepts mail for',
    detail:
      'qmail-smtpd accepts only domains listed in control/rcpthosts unless the client is allowed to relay (RELAYCLIENT, or SMTP AUTH with a patch). A client that did not authenticate gets this for any outside domain.',
    fix: 'Authenticate before sending (client side); on the server add the domain to rcpthosts if it should receive mail for it.',
    reference: 'https://cr.yp.to/qmail/faq/servers.html',
    examples: ["553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"],
  },
  {
    id: 'qmail-no-mailbox',
    vendor: 'qmail',
    label: 'no mailbox here by that name',
    pattern: /Sorry, no mailbox here by that name/i,
    summary: 'The qmail server has no mailbox for this address',
    detail:
      'qmail-local (or a recipient check such as chkuser) found no user or alias for the local part.',
    fix: 'Check the address spelling; the recipient side must create the mailbox or alias if it should exist.',
    reference: QMAIL_DOCS,
    examples: [
      '<bob@example.com>: Sorry, no mailbox here by that name. (#5.1.1)',
      '550 5.1.1 sorry, no mailbox here by that name (#5.1.1 - chkuser)',
    ],
  },
  {
    id: 'qmail-databytes',
    vendor: 'qmail',
    label: 'message size exceeds my databytes limit',
    pattern: /exceeds my databytes limit/i,
    summary: "The message is larger than the qmail server's size limit (databytes)",
    detail:
      'qmail-smtpd refuses messages bigger than control/databytes; attachments grow by a third when encoded.',
    fix: 'Send a smaller message or share large files by link; the server side can raise databytes.',
    reference: QMAIL_DOCS,
    examples: ['552 sorry, that message size exceeds my databytes limit (#5.3.4)'],
  },
  {
    id: 'qmail-qq-temporary',
    vendor: 'qmail',
    label: 'qq temporary problem',
    pattern:
      /\bqq (?:temporary problem|write error or disk full|read error|trouble creating files in queue|soft reject)/i,
    summary: 'qmail could not queue the message (disk, permissions or a queue filter); retry later',
    detail:
      '"qq" is qmail-queue. It failed temporarily: disk full, queue permissions, or a filter placed in front of qmail-queue (a virus scanner) failing.',
    fix: "The receiving server's admin must check disk space, queue permissions and any qmail-queue filter; senders just retry.",
    reference: QMAIL_DOCS,
    examples: ['451 qq temporary problem (#4.3.0)', '451 qq write error or disk full (#4.3.0)'],
  },
  {
    id: 'qmail-bare-lf',
    vendor: 'qmail',
    label: 'bare LF refused',
    pattern: /smtplf\.html/i,
    summary: 'qmail refused the message because lines ended in a bare LF instead of CRLF',
    detail:
      'SMTP requires CRLF line ends; qmail-smtpd rejects a message containing a lone LF, a bug in the sending software.',
    fix: 'Fix the sending program or library so that it sends CRLF line ends (most libraries do this when used correctly).',
    reference: 'https://cr.yp.to/docs/smtplf.html',
    examples: ['451 See http://pobox.com/~djb/docs/smtplf.html.'],
  },
  {
    id: 'qmail-queue-too-long',
    vendor: 'qmail',
    label: 'in the queue too long',
    pattern: /this message has been in the queue too long/i,
    summary: 'qmail gave up after retrying for its queue lifetime',
    detail:
      'The last temporary error reported for the address (shown in the same bounce) is the real cause.',
    fix: 'Read the temporary error above this line in the bounce and fix that.',
    reference: QMAIL_DOCS,
    examples: ["I'm not going to try again; this message has been in the queue too long."],
  },
  // ---------------------------------------------------------------- Courier
  {
    id: 'courier-delivery-not-authorized',
    vendor: 'Courier',
    label: '571 delivery not authorized',
    pattern: /\b571 Delivery not authorized, message refused/i,
    summary: "Courier's default refusal from a filter or access rule (code 571, not in the RFC)",
    detail:
      'Courier answers 571 when a mail filter or its access rules refuse a message without a reason of their own; 571 is not a registered code, clients treat it as permanent.',
    fix: "Ask the receiving server's administrator which filter refused it; remove the content that triggered it.",
    reference: COURIER_DOCS,
    examples: ['571 Delivery not authorized, message refused.'],
  },
  {
    id: 'courier-relaying-denied',
    vendor: 'Courier',
    label: '513 relaying denied',
    pattern: /\b513 Relaying denied\.?(?:\s|$)/,
    summary: 'Courier refused to relay to an outside domain for an unauthenticated client',
    detail:
      'Courier accepts mail for outside domains only from clients allowed to relay (RELAYCLIENT) or that authenticated.',
    fix: 'Authenticate before sending; on the server check the smtpaccess rules.',
    reference: COURIER_DOCS,
    examples: ['513 Relaying denied.'],
  },
  {
    id: 'courier-dns-sender-domain',
    vendor: 'Courier',
    label: '517 sender domain does not exist',
    pattern: /\b517[ -](?:Domain does not exist|Sender rejected|MX records for|DNS lookup)/i,
    summary: 'Courier refused the envelope sender: its domain has no usable DNS',
    detail:
      'Courier checks that the MAIL FROM domain exists and has MX or address records; 517 is its own code for that.',
    fix: "Send from an address whose domain resolves; fix the sender domain's DNS.",
    reference: COURIER_DOCS,
    examples: ['517-Domain does not exist: example.invalid.'],
  },
  {
    id: 'courier-routing-loop',
    vendor: 'Courier',
    label: '546 routing loop detected',
    pattern: /Routing loop detected -- too many Received: headers/i,
    summary: 'Courier refused the message because it has passed through too many servers (a loop)',
    detail:
      'The count of Received: headers passed the limit, which means mail is going in circles between servers.',
    fix: 'Find the forwarding or MX loop in the headers and break it.',
    reference: COURIER_DOCS,
    examples: ['546 Routing loop detected -- too many Received: headers.'],
  },
  {
    id: 'courier-polite-helo',
    vendor: 'Courier',
    label: 'say HELO first',
    pattern: /Polite people say HELO first/i,
    summary: 'The client sent a command before HELO/EHLO',
    detail:
      'SMTP requires the client to greet with EHLO or HELO before MAIL FROM; Courier says so in its own words.',
    fix: 'Fix the client or script so it sends EHLO first.',
    reference: COURIER_DOCS,
    examples: ['502 Polite people say HELO first'],
  },
  // ---------------------------------------------------------------- Cyrus IMAP
  {
    id: 'cyrus-mailbox-unknown',
    vendor: 'Cyrus',
    label: 'mailbox unknown (lmtpd)',
    pattern: /Mailbox unknown\.\s+Either there is no mailbox associated with this/i,
    summary: 'Cyrus has no mailbox for this recipient (or the sender may not see it)',
    detail:
      "Cyrus lmtpd's answer for a recipient without a mailbox; the MTA in front turns it into a bounce.",
    fix: 'Check the address; the recipient side must create the mailbox (cyradm) if it should exist.',
    reference: CYRUS_DOCS,
    examples: [
      '550-Mailbox unknown.  Either there is no mailbox associated with this 550-name or you do not have authorization to see it. 550 5.1.1 User unknown',
    ],
  },
  {
    id: 'cyrus-login-failed',
    vendor: 'Cyrus',
    label: 'Login failed: (SASL reason)',
    pattern: /\bNO Login failed: \S/,
    summary: "Cyrus refused the login; the words after the colon are the SASL library's reason",
    detail:
      '"authentication failure" is a wrong password or user; "user not found" a missing account in the SASL database; "generic failure" often saslauthd not running.',
    fix: 'Check user name and password; on the server, check saslauthd and the sasl_pwcheck_method setting.',
    reference: 'https://www.cyrusimap.org/imap/concepts/deployment/authentication.html',
    examples: ['a1 NO Login failed: authentication failure'],
  },
  {
    id: 'cyrus-bare-newlines',
    vendor: 'Cyrus',
    label: 'message contains bare newlines / NUL',
    pattern: /Message contains (?:bare newlines|NUL characters)/i,
    summary: 'Cyrus refused the message because of malformed line ends or NUL bytes',
    detail:
      'Cyrus is strict about RFC 5322: lone LFs and NUL bytes are refused on delivery and APPEND.',
    fix: 'Fix the sending program to use CRLF line ends and no NUL bytes; the server can relax this with its reject8bit/munge settings.',
    reference: CYRUS_DOCS,
    examples: ['554 5.6.0 Message contains bare newlines', 'a2 NO Message contains NUL characters'],
  },
  // ---------------------------------------------------------------- OpenSMTPD
  {
    id: 'opensmtpd-not-rfc2822',
    vendor: 'OpenSMTPD',
    label: 'message is not RFC 2822 compliant',
    pattern: /Message is not RFC 2822 compliant/i,
    summary: 'OpenSMTPD refused the message as malformed (headers or line ends)',
    detail:
      'OpenSMTPD parses the header section and refuses messages that break RFC 5322 (RFC 2822) rules, such as a header line without a colon.',
    fix: 'Fix how the sending program builds the message headers.',
    reference: OPENSMTPD_DOCS,
    examples: ['550 5.7.1 Delivery not authorized: Message is not RFC 2822 compliant'],
  },
  {
    id: 'opensmtpd-message-too-big',
    vendor: 'OpenSMTPD',
    label: 'transaction failed, message too big',
    pattern: /Transaction failed, message too big/i,
    summary: "The message is larger than OpenSMTPD's max-message-size",
    detail:
      'OpenSMTPD counts the data as it arrives and refuses the transaction after the final dot when it passes the limit (35 MB by default).',
    fix: 'Send a smaller message or a link; the server can raise max-message-size in smtpd.conf.',
    reference: OPENSMTPD_DOCS,
    examples: ['554 5.3.4 Message too big for system: Transaction failed, message too big'],
  },
  // ---------------------------------------------------------------- Zimbra
  {
    id: 'zimbra-auth-failed',
    vendor: 'Zimbra',
    label: 'account.AUTH_FAILED',
    pattern: /\baccount\.AUTH_FAILED\b/,
    summary: 'Zimbra refused the sign-in (wrong password, locked account or account status)',
    detail:
      'Zimbra returns the same AUTH_FAILED for a wrong password and for an account that is locked, locked out after failed attempts, closed or in maintenance, so the message does not prove the password wrong.',
    fix: 'Check the password in webmail first; if it fails there too, ask the Zimbra admin for the account status (zmprov ga USER zimbraAccountStatus) and unlock it.',
    reference: ZIMBRA_DOCS,
    examples: ['authentication failed for [bob@example.com] (account.AUTH_FAILED)'],
  },
  {
    id: 'zimbra-maintenance',
    vendor: 'Zimbra',
    label: 'account in maintenance mode',
    pattern: /\baccount\.MAINTENANCE_MODE\b|account is in maintenance mode/i,
    summary:
      'The Zimbra account is in maintenance: logins refused, incoming mail held in the queue',
    detail:
      'Admins (or backup and restore jobs) set maintenance status; the MTA queues mail for the account until it is active again.',
    fix: 'Wait for the job to finish or ask the admin to set the account back to active.',
    reference: ZIMBRA_DOCS,
    examples: ['service exception: account.MAINTENANCE_MODE - account is in maintenance mode'],
  },
  {
    id: 'zimbra-quota-exceeded',
    vendor: 'Zimbra',
    label: 'mail.QUOTA_EXCEEDED',
    pattern: /\bmail\.QUOTA_EXCEEDED\b/,
    summary: 'The Zimbra mailbox is over its quota',
    detail: 'Delivery and saving (sent items, drafts) fail until the mailbox is below quota.',
    fix: 'Delete or archive mail (and empty the trash), or have the admin raise the quota.',
    reference: ZIMBRA_DOCS,
    examples: ['mailbox quota exceeded (mail.QUOTA_EXCEEDED)'],
  },
  {
    id: 'zimbra-change-password',
    vendor: 'Zimbra',
    label: 'account.CHANGE_PASSWORD',
    pattern: /\baccount\.CHANGE_PASSWORD\b/,
    summary: 'Zimbra requires the user to change the password before any client may sign in',
    detail:
      'The admin set "must change password" or the password expired; IMAP, POP3 and SMTP logins fail until it is changed in webmail.',
    fix: 'Sign in to Zimbra webmail, change the password, then update every device.',
    reference: ZIMBRA_DOCS,
    examples: ['must change password (account.CHANGE_PASSWORD)'],
  },
  // ---------------------------------------------------------------- hMailServer
  {
    id: 'hmailserver-auth-required',
    vendor: 'hMailServer',
    label: 'SMTP authentication is required',
    pattern: /530 SMTP authentication is required\.?/i,
    summary: 'hMailServer wants the client to sign in before it relays',
    detail:
      'hMailServer answers this when a client that has not authenticated sends to an outside domain (or, by IP range rule, to any domain).',
    fix: "Turn on 'My server requires authentication' in the client with the full email address and password; on the server check the IP range rules.",
    reference: HMAIL_DOCS,
    examples: ['530 SMTP authentication is required.'],
  },
  {
    id: 'hmailserver-delivery-not-allowed',
    vendor: 'hMailServer',
    label: 'delivery is not allowed to this address',
    pattern: /Delivery is not allowed to this address/i,
    summary: "hMailServer's IP range rules forbid this delivery (relaying or local delivery)",
    detail:
      'hMailServer decides per IP range whether a client may deliver to local and external addresses, with or without authentication.',
    fix: 'Authenticate, or ask the admin to allow this kind of delivery in the IP range settings.',
    reference: HMAIL_DOCS,
    examples: ['550 Delivery is not allowed to this address.'],
  },
  {
    id: 'hmailserver-full-address-login',
    vendor: 'hMailServer',
    label: 'use the full email address as user name',
    pattern: /Please use (?:the )?full email address as user ?name/i,
    summary: 'hMailServer refused the login: the user name must be the full email address',
    detail:
      'hMailServer accounts are named by their whole address; a bare user name fails even with the right password.',
    fix: 'Enter the full email address (bob@example.com) as the user name.',
    reference: HMAIL_DOCS,
    examples: ['-ERR Invalid user name or password. Please use full email address as user name.'],
  },
  {
    id: 'hmailserver-excessive-data',
    vendor: 'hMailServer',
    label: 'excessive amounts of data sent to server',
    pattern: /Excessive amounts of data sent to server/i,
    summary: 'hMailServer closed the session: the client sent a huge line without a line end',
    detail:
      'A client that sends a large block without CRLF looks like a broken program or an attack; hMailServer disconnects it.',
    fix: 'Fix the client so it ends lines with CRLF.',
    reference: HMAIL_DOCS,
    examples: ['421 Excessive amounts of data sent to server.'],
  },
  // ---------------------------------------------------------------- MDaemon
  {
    id: 'mdaemon-dynamic-screening',
    vendor: 'MDaemon',
    label: 'Dynamic Screening block',
    pattern: /Dynamic Screen(?:ing)?\b/i,
    summary: "MDaemon's Dynamic Screening blocked this IP or account after suspicious behaviour",
    detail:
      'Dynamic Screening counts failed logins, connections and abuse per IP and per account and blocks them for a while; a device with an old password trips it for the whole office IP.',
    fix: 'Fix or turn off the device retrying with a wrong password; the MDaemon admin can remove the block under Security > Dynamic Screening.',
    reference: MDAEMON_DOCS,
    examples: ['-ERR [AUTH] Blocked by Dynamic Screening'],
  },
  {
    id: 'mdaemon-named-refusal',
    vendor: 'MDaemon',
    label: 'refusal naming MDaemon',
    pattern: /^(?=[^]*\bMDaemon\b)[^]*\b(?:refused|rejected|denied|blocked|not allowed)\b/i,
    summary: 'An MDaemon server refused the command; the rest of the text names the setting',
    detail:
      'MDaemon writes its own name into several refusals (spam filter, screening, relay rules); the words around it say which feature fired.',
    fix: "Ask the MDaemon administrator which rule matched; MDaemon's SMTP session log shows it.",
    reference: MDAEMON_DOCS,
    examples: ['550 5.7.1 Message rejected by MDaemon Spam Filter'],
  },
];
