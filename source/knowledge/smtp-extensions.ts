// EHLO keywords: the IANA "SMTP Service Extensions" registry plus the private keywords that
// Postfix, Sendmail and Microsoft Exchange announce and that people find in their EHLO replies.
import type { CapabilityEntry } from './types.js';

export const SMTP_EXTENSIONS: CapabilityEntry[] = [
  {
    name: 'SIZE',
    parameters: 'the largest message accepted, in bytes (0 or none: no fixed limit)',
    summary: 'Message size declaration: the server states its size limit',
    detail:
      'The client may add SIZE=<bytes> to MAIL FROM so an oversized message is refused before it is sent (552 or 452). Remember base64 makes attachments about a third larger, and the limit counts the encoded message.',
    reference: 'RFC 1870',
    status: 'standard',
  },
  {
    name: 'AUTH',
    parameters: 'the SASL mechanisms offered (PLAIN, LOGIN, CRAM-MD5, XOAUTH2, ...)',
    summary: 'SMTP authentication: the client may log in with one of the listed mechanisms',
    detail:
      'Lets a client prove who it is, usually so a submission server will relay its mail. Many servers list AUTH only after STARTTLS, so that passwords never cross the network in clear. The old form "AUTH=LOGIN PLAIN" comes from early Microsoft and Netscape servers and means the same.',
    reference: 'RFC 4954',
    status: 'standard',
  },
  {
    name: 'STARTTLS',
    summary: 'The connection can be upgraded to TLS',
    detail:
      'The client sends STARTTLS, gets 220, and starts the TLS handshake on the same connection; then it must send EHLO again because the server may now offer different extensions (often AUTH appears only now). A server on port 25 that lacks STARTTLS exchanges mail in clear.',
    reference: 'RFC 3207',
    status: 'standard',
  },
  {
    name: 'PIPELINING',
    summary: 'The client may send several commands without waiting for each reply',
    detail:
      'MAIL FROM, RCPT TO and friends can be sent in one batch to save round trips; the replies come back in order. The client must still wait after EHLO, DATA, STARTTLS and AUTH. Sending commands early to a server that does not announce PIPELINING is a protocol error some servers punish.',
    reference: 'RFC 2920',
    status: 'standard',
  },
  {
    name: '8BITMIME',
    summary: 'The server accepts 8-bit message bodies (BODY=8BITMIME)',
    detail:
      'Without it, message bodies must be 7-bit ASCII (non-ASCII text encoded as quoted-printable or base64). With it, the client may say BODY=8BITMIME in MAIL FROM and send 8-bit text as is.',
    reference: 'RFC 6152',
    status: 'standard',
  },
  {
    name: 'SMTPUTF8',
    summary: 'Internationalised email: UTF-8 addresses and headers are accepted',
    detail:
      'The client adds SMTPUTF8 to MAIL FROM to send addresses such as josé@example.com and UTF-8 headers. Every hop must support it; otherwise the message is refused with 5.6.7 or 5.6.9.',
    reference: 'RFC 6531',
    status: 'standard',
  },
  {
    name: 'CHUNKING',
    summary: 'The message may be sent in sized chunks with BDAT instead of DATA',
    detail:
      'BDAT <size> [LAST] sends exactly that many bytes, with no dot-stuffing and no end-of-data dot. Useful for large and binary messages.',
    reference: 'RFC 3030',
    status: 'standard',
  },
  {
    name: 'BINARYMIME',
    summary: 'Binary message bodies are accepted (BODY=BINARYMIME, needs CHUNKING)',
    detail:
      'The message may contain raw binary data without transfer encoding; it must be sent with BDAT.',
    reference: 'RFC 3030',
    status: 'standard',
  },
  {
    name: 'DSN',
    summary: 'Delivery status notifications: the client chooses when to be told',
    detail:
      'RCPT TO may carry NOTIFY=SUCCESS,FAILURE,DELAY or NEVER and ORCPT=; MAIL FROM may carry RET=FULL|HDRS and ENVID=. This controls which bounce or delivery reports the sender receives.',
    reference: 'RFC 3461',
    status: 'standard',
  },
  {
    name: 'ENHANCEDSTATUSCODES',
    summary: 'Replies carry enhanced status codes such as 5.7.1',
    detail:
      'Each reply text starts with class.subject.detail (RFC 3463), which tells much more than the three-digit code: 550 5.1.1 is an unknown user, 550 5.7.1 a policy refusal.',
    reference: 'RFC 2034; RFC 3463',
    status: 'standard',
  },
  {
    name: 'REQUIRETLS',
    summary: 'The client may demand validated TLS on every hop for a message',
    detail:
      'MAIL FROM with REQUIRETLS asks every server on the way to use TLS with a validated certificate (or MTA-STS/DANE), and to bounce rather than fall back to clear text.',
    reference: 'RFC 8689',
    status: 'standard',
  },
  {
    name: 'ETRN',
    summary: 'Remote queue starting: ask the server to deliver mail it holds for a domain',
    detail:
      'ETRN <domain> asks a server (typically a backup MX) to start delivering the mail it has queued for that domain, now that its real server is reachable. Answers are 250 to 253 or 458/459.',
    reference: 'RFC 1985',
    status: 'standard',
  },
  {
    name: 'VRFY',
    summary: 'VRFY is available: ask whether an address exists',
    detail:
      'VRFY <user> asks the server to confirm a mailbox. Most servers answer 252 (cannot verify, will try to deliver) or disable it, because confirming addresses helps spammers.',
    reference: 'RFC 5321 §3.5',
    status: 'standard',
  },
  {
    name: 'EXPN',
    summary: 'EXPN is available: ask for the members of a mailing list',
    detail:
      "EXPN <list> asks the server to list a mailing list's members. Almost always disabled for privacy.",
    reference: 'RFC 5321 §3.5',
    status: 'standard',
  },
  {
    name: 'HELP',
    summary: 'HELP is available: the server gives human-readable help',
    detail: 'HELP [command] returns 214 with help text. Useful when exploring a server by hand.',
    reference: 'RFC 5321 §4.1.1.8',
    status: 'standard',
  },
  {
    name: 'DELIVERBY',
    parameters: 'the minimum by-time in seconds the server accepts',
    summary: 'Deliver-by: the client may set a deadline for delivery',
    detail:
      'MAIL FROM may carry BY=<seconds>;R|N: if the message cannot be delivered in time it is returned (R) or a notice is sent (N).',
    reference: 'RFC 2852',
    status: 'standard',
  },
  {
    name: 'MTRK',
    summary: 'Message tracking: the client may ask for the message to be traceable',
    detail:
      "Adds MTRK= to MAIL FROM so the sender can later query the message's status with the message tracking protocol.",
    reference: 'RFC 3885',
    status: 'standard',
  },
  {
    name: 'FUTURERELEASE',
    parameters: 'the longest hold interval and the latest release date accepted',
    summary: 'Future release: the server can hold a message until a given time',
    detail:
      'MAIL FROM with HOLDFOR= or HOLDUNTIL= asks the server to keep the message and release it later.',
    reference: 'RFC 4865',
    status: 'standard',
  },
  {
    name: 'NO-SOLICITING',
    parameters: 'solicitation class keywords the server refuses',
    summary: 'No soliciting: the server announces which kinds of solicitation it refuses',
    detail:
      'Tells senders which solicitation classes (labelled in a Solicitation: header) the receiver does not want.',
    reference: 'RFC 3865',
    status: 'standard',
  },
  {
    name: 'LIMITS',
    parameters: 'RCPTMAX=, MAILMAX=, RCPTDOMAINMAX= limits',
    summary: 'The server announces its limits (recipients per message, messages per connection)',
    detail:
      'Lets a client adapt before hitting limits: RCPTMAX is the number of recipients per transaction, MAILMAX the number of transactions per connection, RCPTDOMAINMAX the number of recipient domains per transaction.',
    reference: 'RFC 9422',
    status: 'standard',
  },
  {
    name: 'BURL',
    summary: 'The message may be fetched by the submission server from an IMAP URL',
    detail:
      'BURL <imap-url> lets a client submit a message already stored on its IMAP server without uploading it again (used with URLAUTH).',
    reference: 'RFC 4468',
    status: 'standard',
  },
  {
    name: 'MT-PRIORITY',
    summary: 'Message transfer priority: MAIL FROM may carry MT-PRIORITY=',
    detail:
      'Lets a client ask for a priority from -9 to 9, used by some government and emergency mail systems.',
    reference: 'RFC 6710',
    status: 'standard',
  },
  {
    name: 'RRVS',
    summary: 'Require-recipient-valid-since: deliver only if the mailbox has not changed owner',
    detail:
      'RCPT TO may carry RRVS=<date> so mail is not delivered to a recycled address whose owner changed after that date.',
    reference: 'RFC 7293',
    status: 'standard',
  },
  {
    name: 'CHECKPOINT',
    summary: 'Checkpoint/restart: an interrupted transfer can resume',
    detail: 'A large message interrupted mid-transfer can be resumed instead of sent again.',
    reference: 'RFC 1845',
    status: 'experimental',
  },
  {
    name: 'CONPERM',
    summary: 'Content conversion permission can be given with the message',
    detail: 'Part of the content negotiation framework for fax-like services.',
    reference: 'RFC 4141',
    status: 'standard',
  },
  {
    name: 'CONNEG',
    summary: 'Content negotiation: the server can report what recipients can handle',
    detail: 'Part of the content negotiation framework for fax-like services.',
    reference: 'RFC 4141',
    status: 'standard',
  },
  {
    name: 'ATRN',
    summary: 'Authenticated TURN: on-demand mail relay for intermittently connected sites',
    detail:
      'An authenticated client asks the server to reverse roles and deliver the mail queued for its domains over the same connection.',
    reference: 'RFC 2645',
    status: 'standard',
  },
  {
    name: 'SEND',
    summary: 'Obsolete RFC 821 command: deliver to a terminal instead of a mailbox',
    detail: 'From RFC 821; removed in RFC 5321. Servers that still list it are old.',
    reference: 'RFC 821',
    status: 'obsolete',
  },
  {
    name: 'SOML',
    summary: 'Obsolete RFC 821 command: send to terminal or mailbox',
    detail: 'From RFC 821; removed in RFC 5321.',
    reference: 'RFC 821',
    status: 'obsolete',
  },
  {
    name: 'SAML',
    summary: 'Obsolete RFC 821 command: send to terminal and mailbox',
    detail: 'From RFC 821; removed in RFC 5321.',
    reference: 'RFC 821',
    status: 'obsolete',
  },
  {
    name: 'TURN',
    summary: 'Obsolete: reverse client and server roles without authentication',
    detail:
      "RFC 821's TURN let anyone claim a domain's mail; RFC 5321 says servers should not support it. ATRN replaced it.",
    reference: 'RFC 821; RFC 5321 §4.1.1',
    status: 'obsolete',
  },
  {
    name: 'VERB',
    summary: 'Sendmail: verbose mode, the server reports delivery progress',
    detail:
      'A Sendmail keyword: after VERB the server shows delivery details. Usually disabled with PrivacyOptions.',
    reference: 'IANA SMTP Service Extensions (Eric Allman, Sendmail)',
    status: 'vendor',
  },
  {
    name: 'ONEX',
    summary: 'Sendmail: one message transaction per connection',
    detail: 'A Sendmail keyword telling the client that only one transaction will follow.',
    reference: 'IANA SMTP Service Extensions (Eric Allman, Sendmail)',
    status: 'vendor',
  },
  {
    name: 'UTF8SMTP',
    summary: 'Obsolete experimental precursor of SMTPUTF8',
    detail: 'From the experimental RFC 5336, replaced by SMTPUTF8 (RFC 6531).',
    reference: 'RFC 5336',
    status: 'obsolete',
  },
  {
    name: 'SUBMITTER',
    summary: 'Sender ID: MAIL FROM may carry the responsible submitter (historic)',
    detail: "Part of Microsoft's Sender ID experiment, now historic.",
    reference: 'RFC 4405',
    status: 'obsolete',
  },
  {
    name: 'XCLIENT',
    parameters: 'the attributes a proxy may override (NAME ADDR PROTO HELO LOGIN ...)',
    summary: "Postfix: a trusted proxy may pass on the real client's address and name",
    detail:
      "Lets an authorised proxy or test tool tell Postfix the original client's IP address, host name and HELO, so access rules apply to the real client. Only hosts in smtpd_authorized_xclient_hosts may use it.",
    reference: 'https://www.postfix.org/XCLIENT_README.html',
    status: 'vendor',
  },
  {
    name: 'XFORWARD',
    parameters: 'the attributes that may be forwarded (NAME ADDR PROTO HELO SOURCE ...)',
    summary: "Postfix: a content filter may forward the original client's details for logging",
    detail:
      'Unlike XCLIENT it does not change access control, only what is logged and written into headers, so a message passed through a filter still shows who really sent it.',
    reference: 'https://www.postfix.org/XFORWARD_README.html',
    status: 'vendor',
  },
  {
    name: 'X-EXPS',
    parameters: 'GSSAPI NTLM (and LOGIN on some versions)',
    summary: 'Microsoft Exchange: authentication between Exchange servers',
    detail:
      'Exchange announces X-EXPS for Exchange server-to-server authentication (Kerberos or NTLM); ordinary clients use AUTH instead.',
    reference: 'Microsoft Exchange Server documentation (connector authentication)',
    status: 'vendor',
  },
  {
    name: 'X-LINK2STATE',
    summary: 'Microsoft Exchange: routing information exchange between Exchange 2000/2003 servers',
    detail:
      'Exchange 2000/2003 used it to exchange link state routing data. Seen on old or compatibility connectors.',
    reference: 'Microsoft Exchange Server documentation',
    status: 'vendor',
  },
  {
    name: 'XEXCH50',
    summary: 'Microsoft Exchange: legacy transfer of Exchange message properties',
    detail:
      'Exchange 2000/2003 used it to pass MAPI properties with a message between Exchange servers.',
    reference: 'Microsoft Exchange Server documentation',
    status: 'vendor',
  },
  {
    name: 'XSHADOW',
    summary: 'Microsoft Exchange: shadow redundancy between Exchange servers',
    detail:
      'Exchange keeps a shadow copy of a message until the next hop confirms delivery; the keywords negotiate that between Exchange servers.',
    reference: 'Microsoft Exchange Server documentation (shadow redundancy)',
    status: 'vendor',
  },
  {
    name: 'XSHADOWREQUEST',
    summary: 'Microsoft Exchange: shadow redundancy between Exchange servers',
    detail: 'Part of Exchange shadow redundancy, used only between Exchange servers.',
    reference: 'Microsoft Exchange Server documentation (shadow redundancy)',
    status: 'vendor',
  },
  {
    name: 'XOORG',
    summary: 'Microsoft Exchange: originating organisation of the message',
    detail:
      'Lets Exchange and Exchange Online pass the organisation a message originated in; private to Microsoft.',
    reference: 'Microsoft Exchange Server documentation',
    status: 'vendor',
  },
  {
    name: 'XRDST',
    summary: 'Microsoft Exchange: private routing keyword',
    detail:
      'Announced by Exchange Online and Exchange servers for their internal routing; not used by other software.',
    reference: 'Microsoft Exchange Server documentation',
    status: 'vendor',
  },
  {
    name: 'XUSR',
    summary: 'Microsoft Exchange: private keyword (undocumented)',
    detail:
      'Announced by Exchange servers; Microsoft does not document its use for other software. It can be ignored.',
    reference: 'Microsoft Exchange Server (observed in EHLO replies)',
    status: 'vendor',
  },
];
