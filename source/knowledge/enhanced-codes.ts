// Enhanced mail system status codes: class.subject.detail (RFC 3463), as registered in the IANA
// "SMTP Enhanced Status Codes" registry (RFC 5248). The detail entries are written "X.s.d"
// because a detail means the same with class 2, 4 or 5; the class only says success, temporary
// or permanent. Vendors use unregistered details too (Microsoft's 5.7.606, Gmail's 4.7.40); the
// lookup falls back to class and subject for those.
import type { EnhancedClassEntry, EnhancedCodeEntry, EnhancedSubjectEntry } from './types.js';

export const ENHANCED_CLASSES: EnhancedClassEntry[] = [
  {
    class: 2,
    name: 'Success',
    summary: 'Success: the action was completed',
    detail:
      'Class 2 reports a positive result. The subject and detail can still say something useful, for example 2.6.4 that the message was converted with some loss on the way.',
    reference: 'RFC 3463 §3.1; IANA SMTP Enhanced Status Codes (class sub-codes)',
  },
  {
    class: 4,
    name: 'Persistent transient failure',
    summary: 'Temporary failure: the message as sent is valid; retrying later may work',
    detail:
      'Class 4 means some temporary condition stopped or delayed delivery. The message itself is fine, and the same message may get through later, so mail servers keep it queued and retry.',
    reference: 'RFC 3463 §3.1; IANA SMTP Enhanced Status Codes (class sub-codes)',
  },
  {
    class: 5,
    name: 'Permanent failure',
    summary: 'Permanent failure: resending the same message will not help',
    detail:
      "Class 5 means the failure will not go away by itself. Something must change first: the address, the message, the sending setup or the receiver's policy.",
    reference: 'RFC 3463 §3.1; IANA SMTP Enhanced Status Codes (class sub-codes)',
  },
];

export const ENHANCED_SUBJECTS: EnhancedSubjectEntry[] = [
  {
    subject: 0,
    name: 'Other or undefined status',
    summary: 'No more specific subject is given',
    detail:
      'There is no additional subject information; only the class (success, temporary, permanent) is known.',
    reference: 'RFC 3463 §2; IANA SMTP Enhanced Status Codes (subject sub-codes)',
  },
  {
    subject: 1,
    name: 'Addressing status',
    summary: 'Something about the sender or recipient address',
    detail:
      'Reports on the originator or destination address: its syntax or whether it is valid. The sender can generally correct these and try again.',
    reference: 'RFC 3463 §2; IANA SMTP Enhanced Status Codes (subject sub-codes)',
  },
  {
    subject: 2,
    name: 'Mailbox status',
    summary: 'The destination mailbox: full, disabled, or limited',
    detail:
      'The address is right, but something about the mailbox itself stopped delivery, such as a full quota or a disabled account. These conditions are under the control of the recipient.',
    reference: 'RFC 3463 §2; IANA SMTP Enhanced Status Codes (subject sub-codes)',
  },
  {
    subject: 3,
    name: 'Mail system status',
    summary: 'The receiving mail system: capacity, size limits, configuration',
    detail:
      'The destination system normally accepts mail but something about it got in the way: it is full, not accepting messages, or cannot handle the message size or features.',
    reference: 'RFC 3463 §2; IANA SMTP Enhanced Status Codes (subject sub-codes)',
  },
  {
    subject: 4,
    name: 'Network and routing status',
    summary: 'Getting the message there: DNS, connections, routing, timeouts',
    detail:
      'Problems on the way to the destination rather than at it: no answer from the host, DNS failures, routing loops, congestion, or a message that waited in a queue too long.',
    reference: 'RFC 3463 §2; IANA SMTP Enhanced Status Codes (subject sub-codes)',
  },
  {
    subject: 5,
    name: 'Mail delivery protocol status',
    summary: 'The SMTP conversation itself: commands, syntax, sequence',
    detail:
      "The protocol exchange went wrong: an invalid or out-of-order command, a syntax error, too many recipients. These usually point at the client's software or at someone typing by hand.",
    reference: 'RFC 3463 §2; IANA SMTP Enhanced Status Codes (subject sub-codes)',
  },
  {
    subject: 6,
    name: 'Message content or media status',
    summary: 'The message content or its encoding',
    detail:
      'The content of the message caused the status: a media type or encoding the path cannot carry, a required conversion that is forbidden or failed, non-ASCII addresses or headers.',
    reference: 'RFC 3463 §2; IANA SMTP Enhanced Status Codes (subject sub-codes)',
  },
  {
    subject: 7,
    name: 'Security or policy status',
    summary: 'Security or policy: authentication, relaying, reputation, filtering',
    detail:
      "A deliberate decision by the receiver: the client is not authenticated or not authorised to relay, authentication checks (SPF, DKIM, DMARC) failed, the sender's reputation is poor, or local policy refuses the message. The text after the code is the best evidence of which.",
    reference: 'RFC 3463 §2; IANA SMTP Enhanced Status Codes (subject sub-codes)',
  },
];

export const ENHANCED_CODES: EnhancedCodeEntry[] = [
  // X.0: other or undefined
  {
    code: 'X.0.0',
    sampleText: 'Other undefined Status',
    summary: 'Undefined status: only the class is known',
    detail:
      'The catch-all: the server reports success, temporary or permanent failure without saying why. Many servers send 2.0.0 with every ordinary success. For failures, read the text after the code.',
    basicCodes: [250, 421, 450, 451, 550, 554],
    reference: 'RFC 3463 §3.1',
  },
  // X.1: addressing
  {
    code: 'X.1.0',
    sampleText: 'Other address status',
    summary: 'Something about an address caused this',
    detail:
      'An address problem not covered by a more specific code. Postfix uses 2.1.0 for an accepted MAIL FROM ("Ok").',
    basicCodes: [250, 450, 550],
    reference: 'RFC 3463 §3.2',
  },
  {
    code: 'X.1.1',
    sampleText: 'Bad destination mailbox address',
    summary: 'Bad destination mailbox: the recipient address does not exist here',
    detail:
      'The part before the @ is not a mailbox the receiving system knows. It is the classic "user unknown". Check the spelling of the address; a permanent 5.1.1 to a list address means the address should be removed.',
    basicCodes: [451, 550],
    reference: 'RFC 3463 §3.2',
  },
  {
    code: 'X.1.2',
    sampleText: 'Bad destination system address',
    summary: 'Bad destination system: the recipient domain does not exist or takes no mail',
    detail:
      'The part after the @ is wrong: the domain does not exist, has no usable MX or address records, or is not capable of receiving mail. Check the domain for typos and its DNS.',
    basicCodes: [450, 550, 553],
    reference: 'RFC 3463 §3.2',
  },
  {
    code: 'X.1.3',
    sampleText: 'Bad destination mailbox address syntax',
    summary: 'The recipient address is syntactically invalid',
    detail:
      'The destination address could not be parsed: missing angle brackets, spaces, stray characters, or a route address. Write it as RCPT TO:<user@example.com>.',
    basicCodes: [501, 553],
    reference: 'RFC 3463 §3.2',
  },
  {
    code: 'X.1.4',
    sampleText: 'Destination mailbox address ambiguous',
    summary: 'The recipient address matches more than one mailbox',
    detail:
      'The address is valid but matches several recipients on the destination system, which cannot choose. Rare in practice.',
    basicCodes: [450, 550],
    reference: 'RFC 3463 §3.2',
  },
  {
    code: 'X.1.5',
    sampleText: 'Destination address valid',
    summary: 'The recipient address is valid (success)',
    detail:
      'Used with success replies to RCPT TO: the address was accepted. Postfix answers an accepted recipient with "250 2.1.5 Ok".',
    basicCodes: [250],
    reference: 'RFC 3463 §3.2',
  },
  {
    code: 'X.1.6',
    sampleText: 'Destination mailbox has moved, No forwarding address',
    summary: 'The mailbox has moved and no forwarding address is known',
    detail:
      'The address was once valid but no longer accepts mail, and the system has no new address for the user. The sender should get a new address from the person by other means.',
    basicCodes: [550, 551],
    reference: 'RFC 3463 §3.2',
  },
  {
    code: 'X.1.7',
    sampleText: "Bad sender's mailbox address syntax",
    summary: 'The sender address is syntactically invalid',
    detail:
      'The MAIL FROM address could not be parsed. Check the envelope sender the client sends (it may differ from the From: header).',
    basicCodes: [501, 553],
    reference: 'RFC 3463 §3.2',
  },
  {
    code: 'X.1.8',
    sampleText: "Bad sender's system address",
    summary: 'The sender domain does not exist or cannot receive replies',
    detail:
      'The domain of the MAIL FROM address does not resolve (no MX or A record), so bounces could never be returned. Often temporary (4.1.8) when DNS only failed; use a sender address in a real, resolvable domain.',
    basicCodes: [451, 501, 553],
    reference: 'RFC 3463 §3.2',
  },
  {
    code: 'X.1.9',
    sampleText: 'Message relayed to non-compliant mailer',
    summary: 'Relayed to a system that cannot report further status',
    detail:
      'Used in delivery and tracking reports (with the "relayed" action): the address was valid but the message went on to a system that does not speak this protocol, so nothing more can be reported.',
    basicCodes: [250],
    reference: 'RFC 3886 §3.3.4',
  },
  {
    code: 'X.1.10',
    sampleText: 'Recipient address has null MX',
    summary: 'The recipient domain publishes a null MX: it accepts no mail',
    detail:
      'The destination domain has an MX record of "." (RFC 7505), a public statement that it receives no mail. The address cannot work. Microsoft also uses 5.1.10 for "recipient not found", which is a different meaning than the registry\'s.',
    basicCodes: [556],
    reference: 'RFC 7505; RFC 7504',
  },
  // X.2: mailbox
  {
    code: 'X.2.0',
    sampleText: 'Other or undefined mailbox status',
    summary: 'A mailbox problem without more detail',
    detail:
      'The mailbox exists but something about it stopped delivery. Postgrey uses 4.2.0 when it greylists a message.',
    basicCodes: [450, 550],
    reference: 'RFC 3463 §3.3',
  },
  {
    code: 'X.2.1',
    sampleText: 'Mailbox disabled, not accepting messages',
    summary: 'The mailbox is disabled and does not accept messages',
    detail:
      'The account exists but has been switched off (suspended, inactive, closed). Gmail also sends 4.2.1 when a recipient receives mail too fast.',
    basicCodes: [450, 550],
    reference: 'RFC 3463 §3.3',
  },
  {
    code: 'X.2.2',
    sampleText: 'Mailbox full',
    summary: 'The recipient mailbox is full (over quota)',
    detail:
      'The recipient has used up their storage. Temporary (4.2.2) gives them time to clean up while the sender retries; permanent (5.2.2) bounces at once. Only the recipient can fix it.',
    basicCodes: [452, 552],
    reference: 'RFC 3463 §3.3',
  },
  {
    code: 'X.2.3',
    sampleText: 'Message length exceeds administrative limit',
    summary: 'The message is larger than this mailbox accepts',
    detail:
      'A per-mailbox size limit, smaller than the system-wide one, was exceeded. Send a smaller message or share large files by link.',
    basicCodes: [552],
    reference: 'RFC 3463 §3.3',
  },
  {
    code: 'X.2.4',
    sampleText: 'Mailing list expansion problem',
    summary: 'The address is a mailing list that could not be expanded',
    detail:
      "The recipient is a list, and expanding it to its members failed. A problem for the list's owner.",
    basicCodes: [450, 452, 550],
    reference: 'RFC 3463 §3.3',
  },
  // X.3: mail system
  {
    code: 'X.3.0',
    sampleText: 'Other or undefined mail system status',
    summary: 'A mail system problem without more detail',
    detail:
      'The destination system normally accepts mail, but something about it stopped this one. Gmail uses 4.3.0 for temporary system problems.',
    basicCodes: [221, 250, 421, 451, 550, 554],
    reference: 'RFC 3463 §3.4',
  },
  {
    code: 'X.3.1',
    sampleText: 'Mail system full',
    summary: 'The receiving mail system is out of storage',
    detail:
      'Not one mailbox but the whole system is full (a disk or queue). Usually temporary (4.3.1), and the administrator of the receiving server must free space.',
    basicCodes: [452],
    reference: 'RFC 3463 §3.4',
  },
  {
    code: 'X.3.2',
    sampleText: 'System not accepting network messages',
    summary: 'The receiving system is not accepting mail (shutting down, overloaded)',
    detail:
      'The host is reachable but not taking mail now (maintenance, shutdown, load) or at all; RFC 7504 pairs 521 with 5.3.2 for hosts that never accept mail. Postfix\'s postscreen uses "450 4.3.2 Service currently unavailable".',
    basicCodes: [421, 450, 521],
    reference: 'RFC 3463 §3.4; RFC 7504',
  },
  {
    code: 'X.3.3',
    sampleText: 'System not capable of selected features',
    summary: 'The receiving system cannot provide a requested feature',
    detail:
      'The message asks for a feature (such as a delivery notification option) that the destination does not support.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.4',
  },
  {
    code: 'X.3.4',
    sampleText: 'Message too big for system',
    summary: 'The message is larger than the system accepts',
    detail:
      "A system-wide size limit was exceeded. The EHLO reply's SIZE line shows the limit in bytes; attachments grow by about a third when base64-encoded, so compare the encoded size.",
    basicCodes: [552, 554],
    reference: 'RFC 3463 §3.4; RFC 1870',
  },
  {
    code: 'X.3.5',
    sampleText: 'System incorrectly configured',
    summary: 'The receiving system is misconfigured',
    detail:
      'The destination cannot deliver because of its own configuration error. Only its administrator can fix it.',
    basicCodes: [451, 550],
    reference: 'RFC 3463 §3.4',
  },
  {
    code: 'X.3.6',
    sampleText: 'Requested priority was changed',
    summary: 'The message was accepted but its requested priority was changed',
    detail:
      'With the MT-PRIORITY extension, the server accepted the message at a different priority than the client asked for.',
    basicCodes: [250],
    reference: 'RFC 6710',
  },
  // X.4: network and routing
  {
    code: 'X.4.0',
    sampleText: 'Other or undefined network or routing status',
    summary: 'A network or routing problem without more detail',
    detail:
      'Something on the path to the destination failed, with no more specific code. Exchange uses 4.4.0 for DNS query failures.',
    basicCodes: [451, 550],
    reference: 'RFC 3463 §3.5',
  },
  {
    code: 'X.4.1',
    sampleText: 'No answer from host',
    summary: 'No answer from the destination host',
    detail:
      'The outbound connection attempt got no answer: the host is down, a firewall drops the traffic, or port 25 is blocked (many home and cloud networks block outbound port 25).',
    basicCodes: [451],
    reference: 'RFC 3463 §3.5',
  },
  {
    code: 'X.4.2',
    sampleText: 'Bad connection',
    summary: 'The connection was made but broke before delivery finished',
    detail:
      'A connection was established but could not complete the transaction: a timeout, a reset, or a broken TLS session.',
    basicCodes: [421, 451],
    reference: 'RFC 3463 §3.5',
  },
  {
    code: 'X.4.3',
    sampleText: 'Directory server failure',
    summary: 'A directory lookup failed (usually DNS)',
    detail:
      'The system could not consult a directory it needs, usually DNS (MX or address lookups), sometimes LDAP. Usually temporary; check the resolvers the mail server uses.',
    basicCodes: [451, 550],
    reference: 'RFC 3463 §3.5',
  },
  {
    code: 'X.4.4',
    sampleText: 'Unable to route',
    summary: 'No route to the destination could be found',
    detail:
      'The mail system could not work out where to send the message next, typically because the domain has no MX and no address records, or a transport map points nowhere.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.5',
  },
  {
    code: 'X.4.5',
    sampleText: 'Mail system congestion',
    summary: 'The mail system is congested; try later',
    detail:
      'The system is too busy to handle the message now. Retry later, and send more slowly if it recurs.',
    basicCodes: [421, 451],
    reference: 'RFC 3463 §3.5',
  },
  {
    code: 'X.4.6',
    sampleText: 'Routing loop detected',
    summary: 'A routing or forwarding loop was detected',
    detail:
      'The message has passed through too many hops (counted by Received: headers), usually because two servers or forwarding rules send it back and forth.',
    basicCodes: [554],
    reference: 'RFC 3463 §3.5',
  },
  {
    code: 'X.4.7',
    sampleText: 'Delivery time expired',
    summary: 'The message stayed in the queue too long and was given up',
    detail:
      'The sending side kept getting temporary failures until the message reached its maximum queue lifetime (often 5 days), then gave up. The earlier temporary errors in the log are the real cause.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.5',
  },
  // X.5: mail delivery protocol
  {
    code: 'X.5.0',
    sampleText: 'Other or undefined protocol status',
    summary: 'A protocol problem without more detail',
    detail:
      'Something in the SMTP exchange went wrong, with no more specific code. Many servers also use 2.5.0 for general successes.',
    basicCodes: [250, 451, 503, 554],
    reference: 'RFC 3463 §3.6',
  },
  {
    code: 'X.5.1',
    sampleText: 'Invalid command',
    summary: 'Invalid command, or a command not allowed at this point',
    detail:
      'The command is not supported or is out of sequence (for example RCPT TO before MAIL FROM).',
    basicCodes: [500, 502, 503, 550, 555],
    reference: 'RFC 3463 §3.6',
  },
  {
    code: 'X.5.2',
    sampleText: 'Syntax error',
    summary: 'Syntax error: the command could not be interpreted',
    detail:
      'The command line could not be parsed. Typing by hand, check spelling, spacing, angle brackets and line endings.',
    basicCodes: [500, 501, 502, 550, 555],
    reference: 'RFC 3463 §3.6',
  },
  {
    code: 'X.5.3',
    sampleText: 'Too many recipients',
    summary: 'Too many recipients for one transaction',
    detail:
      'More recipients were given than the server accepts in one message. With a 4xx reply the client should send the remaining recipients in another transaction.',
    basicCodes: [451, 452, 550],
    reference: 'RFC 3463 §3.6',
  },
  {
    code: 'X.5.4',
    sampleText: 'Invalid command arguments',
    summary: 'The command arguments are not valid',
    detail:
      'A valid command with arguments out of range or not supported, such as an unknown AUTH mechanism or a bad EHLO name.',
    basicCodes: [451, 501, 503, 504, 550, 555],
    reference: 'RFC 3463 §3.6',
  },
  {
    code: 'X.5.5',
    sampleText: 'Wrong protocol version',
    summary: 'The two sides speak incompatible protocol versions',
    detail: 'A protocol version mismatch could not be resolved between the two systems.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.6',
  },
  {
    code: 'X.5.6',
    sampleText: 'Authentication Exchange line is too long',
    summary: 'An AUTH response line was longer than the server accepts',
    detail:
      'During AUTH the client sent a base64 line longer than the buffer the server allows for that mechanism (large tokens such as XOAUTH2 or GSSAPI can hit this).',
    basicCodes: [500],
    reference: 'RFC 4954 §6',
  },
  // X.6: message content or media
  {
    code: 'X.6.0',
    sampleText: 'Other or undefined media error',
    summary: 'A content or media problem without more detail',
    detail:
      'Something about the message content stopped delivery. Gmail uses 5.6.0 for malformed messages.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.7',
  },
  {
    code: 'X.6.1',
    sampleText: 'Media not supported',
    summary: 'A media type in the message is not supported on the path',
    detail:
      'The message uses a content type or encoding some part of the delivery path cannot handle.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.7',
  },
  {
    code: 'X.6.2',
    sampleText: 'Conversion required and prohibited',
    summary: 'Conversion is needed but not allowed',
    detail:
      'The message would have to be converted to be delivered (for example 8-bit to 7-bit), but conversion was forbidden.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.7',
  },
  {
    code: 'X.6.3',
    sampleText: 'Conversion required but not supported',
    summary: 'Conversion is needed but the system cannot do it',
    detail:
      'The message needs converting for the next hop, and this system cannot perform that conversion.',
    basicCodes: [554],
    reference: 'RFC 3463 §3.7',
  },
  {
    code: 'X.6.4',
    sampleText: 'Conversion with loss performed',
    summary: 'Delivered, but a conversion lost some information',
    detail:
      'A success or warning: the message was delivered after a conversion that could not preserve everything.',
    basicCodes: [250],
    reference: 'RFC 3463 §3.7',
  },
  {
    code: 'X.6.5',
    sampleText: 'Conversion Failed',
    summary: 'A needed conversion failed',
    detail: 'The conversion required for delivery was attempted and failed.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.7',
  },
  {
    code: 'X.6.6',
    sampleText: 'Message content not available',
    summary: 'The message content could not be fetched (BURL)',
    detail:
      'With BURL, the submission server fetches the message from an IMAP server by URL; this code means the fetch failed.',
    basicCodes: [554],
    reference: 'RFC 4468 §5',
  },
  {
    code: 'X.6.7',
    sampleText: 'Non-ASCII addresses not permitted for that sender/recipient',
    summary: 'Non-ASCII (internationalised) addresses are not permitted here',
    detail:
      'An address contains UTF-8 characters but the server does not support SMTPUTF8 for it, or the client did not ask for SMTPUTF8 in MAIL FROM.',
    basicCodes: [550, 553],
    reference: 'RFC 6531',
  },
  {
    code: 'X.6.8',
    sampleText: 'UTF-8 string reply is required, but not permitted by the SMTP client',
    summary: 'The reply needs UTF-8 but the client did not allow it',
    detail:
      'The server would have to show a UTF-8 mailbox name in its reply (to VRFY or EXPN, for example) and the client did not allow UTF-8.',
    basicCodes: [252, 550, 553],
    reference: 'RFC 6531',
  },
  {
    code: 'X.6.9',
    sampleText: 'UTF-8 header message cannot be transferred to one or more recipients',
    summary: 'A message with UTF-8 headers cannot go to some recipient',
    detail:
      'The message needs SMTPUTF8 and the next hop for at least one recipient does not support it, so it must be rejected.',
    basicCodes: [550],
    reference: 'RFC 6531',
  },
  {
    code: 'X.6.10',
    sampleText: 'UTF-8 string reply is required, but not permitted by the SMTP client',
    summary: 'Deprecated duplicate of X.6.8 (UTF-8 reply not permitted)',
    detail:
      'Registered for the same condition as X.6.8 and kept in the registry as a deprecated duplicate; servers should send X.6.8.',
    basicCodes: [252, 550, 553],
    reference: 'RFC 6531; IANA SMTP Enhanced Status Codes',
  },
  // X.7: security or policy
  {
    code: 'X.7.0',
    sampleText: 'Other or undefined security status',
    summary: 'A security or policy refusal without more detail',
    detail:
      'Security or policy stopped the action, without a more specific code. Common uses: "530 5.7.0 Authentication required", "530 5.7.0 Must issue a STARTTLS command first", "454 4.7.0 TLS not available", and providers\' temporary reputation blocks (4.7.0).',
    basicCodes: [220, 235, 421, 450, 454, 500, 501, 503, 504, 530, 535, 550, 554],
    reference: 'RFC 3463 §3.8; RFC 4954 §6',
  },
  {
    code: 'X.7.1',
    sampleText: 'Delivery not authorized, message refused',
    summary: 'Delivery not authorized, message refused',
    detail:
      'The sender is not allowed to send to this destination. It covers very different causes: relaying denied (the client is not authenticated and the recipient is not local), a blocklisted IP, a spam or content verdict, or a domain policy. The text after the code says which.',
    basicCodes: [451, 454, 502, 503, 550, 551, 554],
    reference: 'RFC 3463 §3.8',
  },
  {
    code: 'X.7.2',
    sampleText: 'Mailing list expansion prohibited',
    summary: 'The sender may not send to this mailing list',
    detail:
      'The list only accepts mail from certain senders (members, for example), and this sender is not one.',
    basicCodes: [550],
    reference: 'RFC 3463 §3.8',
  },
  {
    code: 'X.7.3',
    sampleText: 'Security conversion required but not possible',
    summary: 'A required security conversion is not possible',
    detail:
      'Delivery needs a conversion between security mechanisms (such as an encryption format), which cannot be done.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.8',
  },
  {
    code: 'X.7.4',
    sampleText: 'Security features not supported',
    summary: 'The requested security features are not supported',
    detail:
      'The message or command asks for a security feature the delivery path does not support.',
    basicCodes: [504, 550],
    reference: 'RFC 3463 §3.8',
  },
  {
    code: 'X.7.5',
    sampleText: 'Cryptographic failure',
    summary: 'A cryptographic operation failed (missing or bad key)',
    detail:
      'A transport system needed to validate or decrypt the message and could not, for lack of a key or because it was wrong.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.8',
  },
  {
    code: 'X.7.6',
    sampleText: 'Cryptographic algorithm not supported',
    summary: 'A cryptographic algorithm needed here is not supported',
    detail:
      'Validating or decrypting the message requires an algorithm this system does not implement.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.8',
  },
  {
    code: 'X.7.7',
    sampleText: 'Message integrity failure',
    summary: 'The message failed an integrity check (altered or corrupted)',
    detail: 'A transport system found that the message was altered or corrupted in transit.',
    basicCodes: [550, 554],
    reference: 'RFC 3463 §3.8',
  },
  {
    code: 'X.7.8',
    sampleText: 'Authentication credentials invalid',
    summary: 'Authentication credentials are invalid',
    detail:
      'The user name and password (or token) did not check out. Also seen when the credentials are right but the account may not log in this way, such as a Google account with two-step verification that needs an app password.',
    basicCodes: [535, 554],
    reference: 'RFC 4954 §6',
  },
  {
    code: 'X.7.9',
    sampleText: 'Authentication mechanism is too weak',
    summary: 'The authentication mechanism is too weak for this server',
    detail:
      'The chosen mechanism is weaker than policy allows. Gmail uses 534 5.7.9 to require an app password when the account has two-step verification.',
    basicCodes: [534],
    reference: 'RFC 4954 §6',
  },
  {
    code: 'X.7.10',
    sampleText: 'Encryption Needed',
    summary: 'Encryption (TLS) is needed for this authentication mechanism',
    detail:
      'An external privacy layer such as TLS must be active before this mechanism can be used; mostly about plaintext mechanisms. Start TLS first, or choose a stronger mechanism.',
    basicCodes: [523],
    reference: 'RFC 5248',
  },
  {
    code: 'X.7.11',
    sampleText: 'Encryption required for requested authentication mechanism',
    summary: 'This authentication mechanism requires an encrypted connection',
    detail:
      'The client tried PLAIN or LOGIN without TLS. Use STARTTLS first or connect to port 465.',
    basicCodes: [524, 538],
    reference: 'RFC 4954 §6',
  },
  {
    code: 'X.7.12',
    sampleText: 'A password transition is needed',
    summary: 'A password transition is needed',
    detail:
      'The user must authenticate once with a plaintext mechanism over TLS so the server can set up the credentials the requested mechanism needs.',
    basicCodes: [422, 432],
    reference: 'RFC 4954 §6',
  },
  {
    code: 'X.7.13',
    sampleText: 'User Account Disabled',
    summary: 'The user account is disabled',
    detail:
      'Authentication succeeded but the account is disabled (unpaid, abuse, a break-in attempt). Unlike a wrong password, retyping will not help: the user must contact their administrator.',
    basicCodes: [525, 535],
    reference: 'RFC 5248',
  },
  {
    code: 'X.7.14',
    sampleText: 'Trust relationship required',
    summary: 'A trust relationship with a third-party server is required',
    detail:
      'The submission server needs a configured trust relationship with another server to fetch the message content (BURL). It replaces the earlier use of X.7.8 for this. Gmail uses 534 5.7.14 to ask the user to sign in through a browser first.',
    basicCodes: [535, 554],
    reference: 'RFC 5248; RFC 4468',
  },
  {
    code: 'X.7.15',
    sampleText: 'Priority Level is too low',
    summary: 'The requested priority level is too low',
    detail:
      'With MT-PRIORITY, the server refuses the message at the priority requested (it may accept it at a higher one).',
    basicCodes: [450, 550],
    reference: 'RFC 6710',
  },
  {
    code: 'X.7.16',
    sampleText: 'Message is too big for the specified priority',
    summary: 'The message is too big for the priority requested',
    detail:
      'With MT-PRIORITY, the server limits message size per priority level, and this message exceeds the limit for its level.',
    basicCodes: [552],
    reference: 'RFC 6710',
  },
  {
    code: 'X.7.17',
    sampleText: 'Mailbox owner has changed',
    summary: 'The mailbox owner has changed since the date the sender gave (RRVS)',
    detail:
      'With RRVS (Require-Recipient-Valid-Since), the sender asked that the mail go only to the owner of the address since a given date; the mailbox has changed hands since then.',
    basicCodes: [550],
    reference: 'RFC 7293',
  },
  {
    code: 'X.7.18',
    sampleText: 'Domain owner has changed',
    summary: 'The domain owner has changed since the date the sender gave (RRVS)',
    detail:
      'Like X.7.17 but for the whole domain: the domain changed ownership after the date in the RRVS request.',
    basicCodes: [550],
    reference: 'RFC 7293',
  },
  {
    code: 'X.7.19',
    sampleText: 'RRVS test cannot be completed',
    summary: 'The RRVS check could not be completed',
    detail:
      'The receiver cannot tell whether the mailbox has had the same owner since the given date.',
    basicCodes: [550],
    reference: 'RFC 7293',
  },
  {
    code: 'X.7.20',
    sampleText: 'No passing DKIM signature found',
    summary: 'No passing DKIM signature was found',
    detail:
      'The receiver requires a valid DKIM signature and none verified: the message was unsigned, or the signature broke (body changed in transit, wrong or missing public key in DNS).',
    basicCodes: [550],
    reference: 'RFC 7372 §3.1',
  },
  {
    code: 'X.7.21',
    sampleText: 'No acceptable DKIM signature found',
    summary: 'DKIM signatures verified, but none is acceptable to local policy',
    detail:
      'At least one signature passed, but none meets local requirements (for example, signed by a domain the receiver does not accept, or too weak a key).',
    basicCodes: [550],
    reference: 'RFC 7372 §3.1',
  },
  {
    code: 'X.7.22',
    sampleText: 'No valid author-matched DKIM signature found',
    summary: 'No valid DKIM signature matches the author (From:) domain',
    detail:
      'Signatures may pass, but none is from the domain in the From: header, which this receiver requires (this is the alignment that DMARC checks).',
    basicCodes: [550],
    reference: 'RFC 7372 §3.1',
  },
  {
    code: 'X.7.23',
    sampleText: 'SPF validation failed',
    summary: 'SPF check failed: this server is not allowed to send for the domain',
    detail:
      'The sending IP is not listed in the SPF record of the envelope sender\'s domain, and that record ends in "-all" (fail). Add the sending server to the SPF record, or send through a server that is listed.',
    basicCodes: [550],
    reference: 'RFC 7372 §3.2; RFC 7208 §8.4',
  },
  {
    code: 'X.7.24',
    sampleText: 'SPF validation error',
    summary: 'SPF check could not be completed (DNS error or broken record)',
    detail:
      'Evaluating SPF gave an error: a temporary DNS failure (4.7.24) or a permanent one such as a syntax error or more than 10 DNS-querying mechanisms (5.7.24).',
    basicCodes: [451, 550],
    reference: 'RFC 7372 §3.2; RFC 7208 §8.6, §8.7',
  },
  {
    code: 'X.7.25',
    sampleText: 'Reverse DNS validation failed',
    summary: 'Reverse DNS check failed for the sending IP',
    detail:
      'The sending IP has no PTR record, or the PTR name does not resolve back to the same IP (forward-confirmed reverse DNS). The owner of the IP (the hosting or access provider) sets the PTR record.',
    basicCodes: [550],
    reference: 'RFC 7372 §3.3',
  },
  {
    code: 'X.7.26',
    sampleText: 'Multiple authentication checks failed',
    summary: 'Several authentication checks failed (e.g. SPF and DKIM, so DMARC)',
    detail:
      'The message failed more than one authentication check. Gmail uses 5.7.26 for unauthenticated mail and for DMARC policy rejections.',
    basicCodes: [550],
    reference: 'RFC 7372 §3.4',
  },
  {
    code: 'X.7.27',
    sampleText: 'Sender address has null MX',
    summary: 'The sender domain publishes a null MX: it accepts no mail',
    detail:
      "The envelope sender's domain declares with a null MX that it receives no mail, so bounces could not be returned; receivers may refuse it. Gmail uses 4.7.27/5.7.27 for failed SPF instead.",
    basicCodes: [550],
    reference: 'RFC 7505',
  },
  {
    code: 'X.7.28',
    sampleText: 'Mail flood detected',
    summary: 'Mail flood detected: too much similar mail from this source',
    detail:
      'The message looks like part of a flood of similar abusive messages, so the receiver throttles or refuses the source. Gmail sends 421 4.7.28 for an unusual rate of mail and 550 5.7.28 when it blocks.',
    basicCodes: [421, 450, 451, 550],
    reference: 'IANA SMTP Enhanced Status Codes registry (X.7.28)',
  },
  {
    code: 'X.7.29',
    sampleText: 'ARC validation failure',
    summary: 'ARC (Authenticated Received Chain) validation failed',
    detail:
      'The receiver checked the ARC headers that forwarders and lists add to vouch for earlier authentication results, and the chain did not validate. Gmail uses 4.7.29/5.7.29 for mail not sent over TLS instead.',
    basicCodes: [550],
    reference: 'RFC 8617',
  },
  {
    code: 'X.7.30',
    sampleText: 'REQUIRETLS support required',
    summary: 'The message requires TLS (REQUIRETLS) and the next hop cannot provide it',
    detail:
      'The sender asked with REQUIRETLS that every hop use validated TLS, and the message could not be passed on under that condition. Gmail uses 4.7.30/5.7.30 for failed DKIM instead.',
    basicCodes: [550],
    reference: 'RFC 8689',
  },
];
