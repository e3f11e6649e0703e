// SMTP reply codes: RFC 5321 section 4.2, plus the codes that AUTH (RFC 4954), STARTTLS (RFC 3207),
// SIZE (RFC 1870), ETRN (RFC 1985) and RFC 7504 add. The "text" is the wording the RFC gives;
// servers may say anything after the code, so the code is what counts.
import type { KnowledgeEntry, SmtpCodeEntry } from './types.js';

/** First digit (RFC 5321 4.2.1). */
export const SMTP_REPLY_CLASSES: Record<2 | 3 | 4 | 5, KnowledgeEntry & { name: string }> = {
  2: {
    name: 'positive completion',
    summary: 'Success: the server did what was asked',
    detail:
      'A 2xx reply means the requested action was completed and the client may send the next command. For the end of DATA it means the server has taken responsibility for the message.',
    reference: 'RFC 5321 §4.2.1',
  },
  3: {
    name: 'positive intermediate',
    summary: 'Go on: the server waits for more from the client',
    detail:
      'A 3xx reply means the command was accepted but the server needs more before it can act: the message body after DATA (354), or the next step of an AUTH exchange (334).',
    reference: 'RFC 5321 §4.2.1',
  },
  4: {
    name: 'transient negative completion',
    summary: 'Temporary failure: the same command may work later',
    detail:
      'A 4xx reply means the action was not taken, but the condition is expected to pass. A mail server keeps the message in its queue and retries (for days, usually); a person at a keyboard waits and tries again. Greylisting, rate limits and full disks answer with 4xx.',
    reference: 'RFC 5321 §4.2.1',
  },
  5: {
    name: 'permanent negative completion',
    summary: 'Permanent failure: repeating the same command will fail again',
    detail:
      "A 5xx reply means the action was refused and will be refused again unless something changes: the address, the message, the credentials or the server's policy. A mail server stops trying and sends a bounce (a delivery status notification) to the sender.",
    reference: 'RFC 5321 §4.2.1',
  },
};

/** Second digit (RFC 5321 4.2.1). */
export const SMTP_REPLY_CATEGORIES: Record<number, string> = {
  0: 'syntax',
  1: 'information',
  2: 'connections',
  3: 'unspecified',
  4: 'unspecified',
  5: 'mail system',
};

export const SMTP_REPLY_CODES: SmtpCodeEntry[] = [
  {
    code: 211,
    text: 'System status, or system help reply',
    summary: 'System status or help information',
    detail:
      'A reply to a request for status information, for example to HELP with an argument on some servers. It is informational and rarely seen in a normal mail transaction.',
    reference: 'RFC 5321 §4.2.2, §4.2.3',
  },
  {
    code: 214,
    text: 'Help message',
    summary: 'Help text meant for a human reader',
    detail:
      'The answer to HELP: how to use the server or what a command does. The text is for people and has no fixed format; it is useful when exploring a server by hand with telnet or openssl s_client.',
    reference: 'RFC 5321 §4.1.1.8, §4.2.3',
  },
  {
    code: 220,
    text: '<domain> Service ready',
    summary: 'Service ready: the greeting, or ready to start TLS',
    detail:
      'The first thing a server says after the TCP connection opens (the banner), normally followed by its host name and software. After STARTTLS, 220 means "Ready to start TLS": the client must begin the TLS handshake at once and send EHLO again afterwards, because everything learned before TLS is forgotten.',
    reference: 'RFC 5321 §3.1, §4.2.3; RFC 3207 §4',
  },
  {
    code: 221,
    text: '<domain> Service closing transmission channel',
    summary: 'Goodbye: the server is closing the connection',
    detail:
      'The normal answer to QUIT. A server may also send 221 before closing for other reasons. After 221 the client should close its side of the connection.',
    reference: 'RFC 5321 §4.1.1.10, §4.2.3',
  },
  {
    code: 235,
    text: 'Authentication succeeded',
    summary: 'Authentication succeeded',
    detail:
      'The AUTH exchange ended well (usually with enhanced code 2.7.0). The client is now known to the server, and a submission server will normally let it relay mail to other domains.',
    reference: 'RFC 4954 §4, §6',
  },
  {
    code: 250,
    text: 'Requested mail action okay, completed',
    summary: 'Requested action completed',
    detail:
      'The everyday success reply: to EHLO (followed by the list of extensions), MAIL FROM, RCPT TO, RSET, NOOP and the end of DATA. After the final "." a 250 means the server has accepted the message and is now responsible for it; the text often carries a queue ID worth noting for tracing. For ETRN it means queueing for the node has started (RFC 1985).',
    reference: 'RFC 5321 §4.2.3; RFC 1985',
  },
  {
    code: 251,
    text: 'User not local; will forward to <forward-path>',
    summary: 'Recipient is not local; the server will forward the message',
    detail:
      'An accepted RCPT where the server tells the client it will forward the mail elsewhere. It is a success; a client treats it like 250. For ETRN, 251 means "no messages waiting for node" (RFC 1985).',
    reference: 'RFC 5321 §3.4, §4.2.3; RFC 1985',
  },
  {
    code: 252,
    text: 'Cannot VRFY user, but will accept message and attempt delivery',
    summary: 'Cannot verify the user, but will accept mail and try to deliver',
    detail:
      'Most servers answer VRFY with 252 because confirming which addresses exist helps spammers harvest them. It says nothing about whether the mailbox exists. For ETRN, 252 means "pending messages for node started" (RFC 1985).',
    reference: 'RFC 5321 §3.5.3, §4.2.3; RFC 1985',
  },
  {
    code: 253,
    text: 'OK, <n> pending messages for node <x> started',
    summary: 'ETRN: delivery of the pending messages for the node has started',
    detail:
      'Only used by ETRN (remote queue starting): the server has started delivering the messages it held for the named domain. Seen with backup MX arrangements where a site collects its mail when it comes online.',
    reference: 'RFC 1985',
  },
  {
    code: 334,
    text: 'Server challenge',
    summary: 'AUTH continues: the server sends a challenge and waits',
    detail:
      'During AUTH the server sends 334 followed by a base64 challenge, and the client answers with one base64 line. With AUTH LOGIN the challenges decode to "Username:" and "Password:" (VXNlcm5hbWU6 and UGFzc3dvcmQ6). The client may cancel with a line containing only "*". Base64 is encoding, not encryption: without TLS the password can be read off the wire.',
    reference: 'RFC 4954 §4',
  },
  {
    code: 354,
    text: 'Start mail input; end with <CRLF>.<CRLF>',
    summary: 'Send the message now; end it with a line holding only a dot',
    detail:
      'The answer to DATA when at least one recipient was accepted. The client sends the headers, a blank line and the body, then a line with a single "." (lines of the message that start with "." get a second dot: dot-stuffing). The server answers that final dot with 250 or an error.',
    reference: 'RFC 5321 §4.1.1.4, §4.5.2',
  },
  {
    code: 421,
    text: '<domain> Service not available, closing transmission channel',
    summary: 'Service not available; the server is closing the connection',
    detail:
      'The server will not talk now and hangs up. It may say so at the greeting (overloaded, shutting down, too many connections from your address) or at any command (a timeout, too many errors, rate limiting). It is temporary by definition, so a sending server retries later; if it persists, the text usually names the policy that triggers it.',
    reference: 'RFC 5321 §3.8, §4.2.3',
  },
  {
    code: 432,
    text: 'A password transition is needed',
    summary: 'A password transition is needed before this mechanism can be used',
    detail:
      'Sent by AUTH when the user must first authenticate with a plaintext mechanism (over TLS) so the server can create the credentials the chosen mechanism needs. It pairs with enhanced code 4.7.12 and is rare in practice.',
    reference: 'RFC 4954 §6',
  },
  {
    code: 450,
    text: 'Requested mail action not taken: mailbox unavailable',
    summary: 'Mailbox unavailable for now (busy, or temporarily refused by policy)',
    detail:
      'A temporary refusal, usually to RCPT TO. The mailbox may be busy or locked, but in practice 450 is also what greylisting, unresolvable sender domains and temporary policy blocks send. The sending server keeps the message and retries.',
    reference: 'RFC 5321 §4.2.3',
  },
  {
    code: 451,
    text: 'Requested action aborted: local error in processing',
    summary: 'Aborted because of a local error in processing; try again later',
    detail:
      "Something went wrong on the server's side: a lookup table or DNS query failed, a content filter was unreachable, a disk write failed. It is temporary, so retrying later is right; if it persists, the server's own logs hold the cause.",
    reference: 'RFC 5321 §4.2.3',
  },
  {
    code: 452,
    text: 'Requested action not taken: insufficient system storage',
    summary: 'Not now: insufficient storage, or too many recipients',
    detail:
      'The server lacks room for the message at the moment (RFC 1870 uses 452 when the declared SIZE exceeds what is free right now). RFC 5321 also uses 452 to RCPT for "too many recipients": the client should send the remaining recipients in a later transaction.',
    reference: 'RFC 5321 §4.2.3, §4.5.3.1.10; RFC 1870',
  },
  {
    code: 454,
    text: 'Temporary authentication failure / TLS not available due to temporary reason',
    summary: 'Temporary failure of AUTH or STARTTLS',
    detail:
      'After AUTH it means the server could not check the credentials right now (its password backend is down). After STARTTLS it means TLS cannot start now, often a missing or unreadable certificate or key on the server. Either way retrying later may work, but a misconfiguration makes it permanent in practice.',
    reference: 'RFC 4954 §6; RFC 3207 §4',
  },
  {
    code: 455,
    text: 'Server unable to accommodate parameters',
    summary: 'Server cannot accommodate the MAIL FROM or RCPT TO parameters right now',
    detail:
      'A temporary refusal of the ESMTP parameters given with MAIL FROM or RCPT TO (such as SIZE=, BODY= or NOTIFY=), for reasons that may pass.',
    reference: 'RFC 5321 §4.2.3',
  },
  {
    code: 458,
    text: 'Unable to queue messages for node <x>',
    summary: 'ETRN: the server cannot start the queue for that domain',
    detail:
      'A temporary ETRN failure: the server knows the node but cannot start delivering its queued mail now.',
    reference: 'RFC 1985',
  },
  {
    code: 459,
    text: 'Node <x> not allowed: <reason>',
    summary: 'ETRN: this client may not start the queue for that domain',
    detail:
      'ETRN was refused for the named domain, for the reason in the text. The server does not hold mail for that domain on behalf of this client.',
    reference: 'RFC 1985',
  },
  {
    code: 500,
    text: 'Syntax error, command unrecognized',
    summary: 'Command not recognised, or the line was too long',
    detail:
      'The server did not understand the command: a typo, a command it does not know, or a line longer than it accepts. With enhanced code 5.5.6 it means an AUTH response line was too long. Typing by hand, check that the command is spelled out in full and ends with CR LF.',
    reference: 'RFC 5321 §4.2.3; RFC 4954 §6',
  },
  {
    code: 501,
    text: 'Syntax error in parameters or arguments',
    summary: 'The command was understood but its arguments are malformed',
    detail:
      'A command with a bad argument: an address without angle brackets ("MAIL FROM:bob@example.com" instead of "MAIL FROM:<bob@example.com>"), an invalid EHLO name, STARTTLS with a parameter, or an AUTH response that is not valid base64 (or "*", which cancels AUTH and also earns 501).',
    reference: 'RFC 5321 §4.2.3; RFC 3207 §4; RFC 4954 §4',
  },
  {
    code: 502,
    text: 'Command not implemented',
    summary: 'The server knows the command but does not implement it',
    detail:
      'The command is valid SMTP but switched off here: VRFY, EXPN, TURN, or AUTH on a server or port where authentication is not offered. Check the EHLO reply for what this server supports.',
    reference: 'RFC 5321 §4.2.3',
  },
  {
    code: 503,
    text: 'Bad sequence of commands',
    summary: 'Command in the wrong order',
    detail:
      'SMTP has a fixed order: EHLO, then MAIL FROM, then RCPT TO, then DATA. 503 means a step was skipped (RCPT before MAIL, DATA without an accepted recipient, MAIL before EHLO), AUTH was sent twice or in the middle of a transaction, or the server requires STARTTLS or AUTH first.',
    reference: 'RFC 5321 §4.1.4, §4.2.3; RFC 4954 §4',
  },
  {
    code: 504,
    text: 'Command parameter not implemented',
    summary: 'A parameter of the command is not supported',
    detail:
      'The command is fine but one of its parameters is not: most often AUTH with a mechanism the server does not offer (check the AUTH line of the EHLO reply).',
    reference: 'RFC 5321 §4.2.3; RFC 4954 §4',
  },
  {
    code: 521,
    text: 'Host does not accept mail',
    summary: 'This host does not accept mail at all',
    detail:
      'Sent at connection time by a host that never receives mail (it exists for other reasons). A sending server should not retry this host. Defined by RFC 7504, which standardised the older experimental RFC 1846.',
    reference: 'RFC 7504',
  },
  {
    code: 530,
    text: 'Authentication required',
    summary: 'Authentication (or TLS first) is required',
    detail:
      'The server refuses the command until the client authenticates (RFC 4954, usually 5.7.0) or, with text like "Must issue a STARTTLS command first", until TLS is active (RFC 3207). On a submission port (587) this is the normal answer to MAIL FROM without AUTH.',
    reference: 'RFC 4954 §6; RFC 3207 §4',
  },
  {
    code: 534,
    text: 'Authentication mechanism is too weak',
    summary: 'The chosen authentication mechanism is too weak for this server',
    detail:
      'The server refuses the mechanism (usually with 5.7.9) and wants a stronger one. Gmail uses 534 5.7.9 to say an app password is required, and 534 5.7.14 to ask for a web sign-in first.',
    reference: 'RFC 4954 §6',
  },
  {
    code: 535,
    text: 'Authentication credentials invalid',
    summary: 'Authentication failed: the credentials were not accepted',
    detail:
      'The user name or password (or token) was wrong, usually with enhanced code 5.7.8. Providers also use it when the credentials are right but the account may not use SMTP AUTH (disabled, two-step verification without an app password, basic authentication switched off).',
    reference: 'RFC 4954 §6',
  },
  {
    code: 538,
    text: 'Encryption required for requested authentication mechanism',
    summary: 'This authentication mechanism needs an encrypted connection',
    detail:
      'The client tried a plaintext mechanism (PLAIN, LOGIN) on an unencrypted connection. Use STARTTLS first, or connect to the implicit TLS port (465). Usually with enhanced code 5.7.11.',
    reference: 'RFC 4954 §6',
  },
  {
    code: 550,
    text: 'Requested action not taken: mailbox unavailable',
    summary: 'Refused: mailbox unavailable (unknown, no access, or policy)',
    detail:
      'The most common permanent refusal. RFC 5321 covers "mailbox not found, no access, or command rejected for policy reasons", so 550 alone says little: the enhanced code and the text tell whether the address does not exist (5.1.1), relaying is denied (5.7.1), the sender is blocklisted, or authentication checks failed.',
    reference: 'RFC 5321 §4.2.3',
  },
  {
    code: 551,
    text: 'User not local; please try <forward-path>',
    summary: 'Recipient is not local here; try the address the server gives',
    detail:
      'The server will not forward and instead tells the client where the user is now. Rare today; most servers either forward silently or reject with 550.',
    reference: 'RFC 5321 §3.4, §4.2.3',
  },
  {
    code: 552,
    text: 'Requested mail action aborted: exceeded storage allocation',
    summary: 'Aborted: storage exceeded (mailbox full or message too large)',
    detail:
      "Either the recipient's mailbox is over its quota, or the message is larger than the server's fixed maximum (RFC 1870: compare the SIZE value in the EHLO reply with the message size). The enhanced code tells which: 5.2.2 for a full mailbox, 5.3.4 or 5.2.3 for size.",
    reference: 'RFC 5321 §4.2.3; RFC 1870',
  },
  {
    code: 553,
    text: 'Requested action not taken: mailbox name not allowed',
    summary: 'Refused: the mailbox name is not allowed (syntax or not permitted)',
    detail:
      'The address is malformed or not acceptable to this server: bad syntax, a sender address the authenticated user may not use, or a domain the server will not accept. Yahoo also uses 553 for permanent reputation blocks.',
    reference: 'RFC 5321 §4.2.3',
  },
  {
    code: 554,
    text: 'Transaction failed',
    summary: 'Transaction failed (or, at connect time, no SMTP service here)',
    detail:
      'A general permanent failure. As the greeting it means the server will not talk to this client at all (often a blocklist). After the final dot it means the message was refused, typically by a content or policy filter. Postfix also sends 554 for "Relay access denied" by default.',
    reference: 'RFC 5321 §3.1, §4.2.3',
  },
  {
    code: 555,
    text: 'MAIL FROM/RCPT TO parameters not recognized or not implemented',
    summary: 'The MAIL FROM or RCPT TO parameters are not recognised',
    detail:
      'The client added an ESMTP parameter (SIZE=, BODY=8BITMIME, SMTPUTF8, NOTIFY=) that this server did not announce in its EHLO reply. Only use parameters of extensions the server offers.',
    reference: 'RFC 5321 §4.1.1.11, §4.2.3',
  },
  {
    code: 556,
    text: 'Domain does not accept mail',
    summary: 'The recipient domain does not accept mail (null MX)',
    detail:
      'A relay reports that the destination domain publishes a "null MX" (an MX record pointing to ".") and so receives no mail. Usually with enhanced code 5.1.10. The address is wrong, or the domain really takes no mail.',
    reference: 'RFC 7504; RFC 7505',
  },
];
