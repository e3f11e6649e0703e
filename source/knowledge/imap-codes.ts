// IMAP responses: the status responses (RFC 3501 §7.1, RFC 9051 §7.1) and the bracketed response
// codes of the IANA "IMAP Response Codes" registry (RFC 5530 and the extension RFCs).
import type { ImapCodeEntry } from './types.js';

export const IMAP_STATUS: ImapCodeEntry[] = [
  {
    code: 'OK',
    summary: 'Success (tagged), or information from the server (untagged)',
    detail:
      'A tagged OK ("a1 OK ...") ends a command successfully. An untagged OK ("* OK ...") is information, such as the greeting before login or a response code like [UIDVALIDITY] during SELECT.',
    reference: 'RFC 9051 §7.1.1; RFC 3501 §7.1.1',
  },
  {
    code: 'NO',
    summary: 'Operational failure: the command was understood but did not work',
    detail:
      'The command was valid but failed: wrong credentials, a mailbox that does not exist, no permission, quota exceeded. The bracketed response code, when present, says which.',
    reference: 'RFC 9051 §7.1.2; RFC 3501 §7.1.2',
  },
  {
    code: 'BAD',
    summary: 'Protocol error: the command was not understood or not allowed now',
    detail:
      'The command had a syntax error, is unknown, or is not valid in the current state (for example SELECT before login). When typing by hand, check the tag, the spacing and the quoting of arguments.',
    reference: 'RFC 9051 §7.1.3; RFC 3501 §7.1.3',
  },
  {
    code: 'PREAUTH',
    summary: 'Greeting: the connection is already authenticated',
    detail:
      'An untagged greeting saying no login is needed, because the connection was authenticated by external means (a pre-authenticated local connection, for example).',
    reference: 'RFC 9051 §7.1.4; RFC 3501 §7.1.4',
  },
  {
    code: 'BYE',
    summary: 'The server is closing the connection',
    detail:
      'Untagged BYE precedes the server closing the connection: after LOGOUT (normal), or because of inactivity, shutdown, too many errors, or a refused connection at the greeting.',
    reference: 'RFC 9051 §7.1.5; RFC 3501 §7.1.5',
  },
];

export const IMAP_RESPONSE_CODES: ImapCodeEntry[] = [
  {
    code: 'ALERT',
    summary: 'An alert the client must show to the user',
    detail:
      'The text is meant for the person, and clients are required to display it. Providers use it for important messages such as "Application-specific password required" or "Please log in via your web browser".',
    reference: 'RFC 9051 §7.1; RFC 3501 §7.1',
  },
  {
    code: 'BADCHARSET',
    summary: 'SEARCH used a character set the server does not support',
    detail:
      'The charset named in SEARCH is not supported; the server may list the ones it supports. Use UTF-8 or US-ASCII.',
    reference: 'RFC 9051 §7.1; RFC 3501 §7.1',
  },
  {
    code: 'CAPABILITY',
    summary: "The server's capability list, given along with this response",
    detail:
      'Servers often include their capabilities in the greeting or after login, which saves the client a separate CAPABILITY command. The list usually changes after STARTTLS and after authentication.',
    reference: 'RFC 9051 §7.1; RFC 3501 §7.1',
  },
  {
    code: 'PARSE',
    summary: "The server could not parse a message's headers or MIME structure",
    detail:
      'The message itself is malformed (bad headers or MIME), so the server cannot answer some FETCH items properly.',
    reference: 'RFC 9051 §7.1; RFC 3501 §7.1',
  },
  {
    code: 'PERMANENTFLAGS',
    summary: 'Which flags the client may change permanently in this mailbox',
    detail:
      'Sent during SELECT. If "\\*" is included the client may also create new keywords. Flags not listed can only be set for the session.',
    reference: 'RFC 9051 §7.1; RFC 3501 §7.1',
  },
  {
    code: 'READ-ONLY',
    summary: 'The mailbox is open read-only',
    detail:
      'The mailbox was opened with EXAMINE, or the user lacks write rights: flags cannot be changed and messages cannot be expunged.',
    reference: 'RFC 9051 §7.1; RFC 3501 §7.1',
  },
  {
    code: 'READ-WRITE',
    summary: 'The mailbox is open read-write',
    detail: 'The normal result of SELECT: the client may change flags and expunge messages.',
    reference: 'RFC 9051 §7.1; RFC 3501 §7.1',
  },
  {
    code: 'TRYCREATE',
    summary: 'The target mailbox does not exist; create it and try again',
    detail:
      'APPEND, COPY or MOVE failed because the destination mailbox does not exist. The client may CREATE it and retry; mail clients do this for "Sent" or "Drafts".',
    reference: 'RFC 9051 §7.1; RFC 3501 §7.1',
  },
  {
    code: 'UIDNEXT',
    summary: 'The next UID this mailbox will assign',
    detail:
      'Sent during SELECT: the UID the next new message will get. A client can tell from it whether new mail arrived.',
    reference: 'RFC 9051 §7.1; RFC 3501 §7.1',
  },
  {
    code: 'UIDVALIDITY',
    summary: "The mailbox's UID validity value",
    detail:
      'Sent during SELECT. If it differs from the value a client cached, the UIDs it remembered are no longer valid and it must resynchronise the mailbox.',
    reference: 'RFC 9051 §7.1; RFC 3501 §7.1',
  },
  {
    code: 'UNSEEN',
    summary: 'The sequence number of the first unseen message (IMAP4rev1)',
    detail:
      'Sent during SELECT in IMAP4rev1. IMAP4rev2 no longer sends it; clients use SEARCH UNSEEN or STATUS instead.',
    reference: 'RFC 3501 §7.1',
  },
  {
    code: 'UNAVAILABLE',
    summary: 'Temporary failure: a subsystem is down; try again later',
    detail:
      'The operation failed because something the server depends on is unavailable, such as the authentication backend. Dovecot reports "Temporary authentication failure" with it. The credentials may be fine.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'AUTHENTICATIONFAILED',
    summary: 'Authentication failed: wrong user name or password',
    detail:
      'The credentials were not accepted. Servers deliberately do not say whether the user or the password was wrong. With Gmail or Microsoft it can also mean an app password or OAuth2 is required.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'AUTHORIZATIONFAILED',
    summary: 'Authenticated, but not allowed to act as the requested user',
    detail:
      'The credentials were right, but the authenticated identity may not use the authorization identity asked for (in SASL, acting on behalf of another user).',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'EXPIRED',
    summary: 'Authentication failed because the password or account has expired',
    detail:
      'The credentials were once valid but have expired. The user must renew the password or account by other means.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'PRIVACYREQUIRED',
    summary: 'Refused because the connection is not encrypted',
    detail:
      'The operation (usually a plaintext login) is not allowed without TLS. Use STARTTLS first or connect to port 993. Dovecot sends it with "Plaintext authentication disallowed on non-secure (SSL/TLS) connections".',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'CONTACTADMIN',
    summary: 'The user should contact the administrator',
    detail:
      'Something about the account needs a person to fix it (a suspended account, a required action); the text may say more.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'NOPERM',
    summary: 'No permission for this operation (ACL)',
    detail:
      'The user lacks the access rights for this mailbox or operation. Check the mailbox access control list.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'INUSE',
    summary: 'The mailbox or resource is in use by another process; try later',
    detail:
      'Another session or process holds a lock on what the command needs. Retrying a little later usually works.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'EXPUNGEISSUED',
    summary: "Someone else expunged messages; the client's view is out of date",
    detail:
      'Another session removed messages, and the server will tell this session at a time it is allowed to (the client should NOOP and refresh).',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'CORRUPTION',
    summary: 'The server found corrupted data',
    detail:
      'The server detected corruption in the mailbox or index. The administrator should look at the server logs and repair the mailbox.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'SERVERBUG',
    summary: 'The server hit a bug',
    detail:
      "The server admits an internal error. The command may work later; otherwise report it to the server's administrator.",
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'CLIENTBUG',
    summary: 'The server thinks the client made a mistake',
    detail:
      'The command was accepted or refused, but the server believes the client acted wrongly (for example a pointless or malformed request).',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'CANNOT',
    summary: 'The operation violates an invariant of the server and will never work',
    detail:
      'Not a temporary or permission problem: the server cannot do this at all, such as creating a mailbox with a name it does not allow.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'LIMIT',
    summary: 'A server limit was hit (too many of something)',
    detail:
      'The operation exceeds a limit the server enforces, such as the number of flags, messages in one command or mailboxes.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'OVERQUOTA',
    summary: 'Over quota: the mailbox or account is full',
    detail:
      'APPEND, COPY or MOVE failed because the user\'s quota is used up. Delete or archive mail, then retry. Dovecot adds "Quota exceeded (mailbox for user is full)".',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'ALREADYEXISTS',
    summary: 'A mailbox with that name already exists',
    detail: 'CREATE or RENAME failed because the target name is taken.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'NONEXISTENT',
    summary: 'The mailbox does not exist',
    detail:
      'The command names a mailbox that does not exist (SELECT, DELETE, STATUS). Check the name and the hierarchy separator.',
    reference: 'RFC 5530 §3; RFC 9051 §7.1',
  },
  {
    code: 'HASCHILDREN',
    summary: 'The mailbox has child mailboxes, so it cannot be deleted',
    detail:
      'DELETE was refused because the mailbox has children. Delete or move the children first.',
    reference: 'RFC 9051 §7.1',
  },
  {
    code: 'CLOSED',
    summary: 'The previously selected mailbox is now closed',
    detail:
      'Sent when SELECT or EXAMINE replaces a selected mailbox, marking where responses about the old one end.',
    reference: 'RFC 9051 §7.1; RFC 7162',
  },
  {
    code: 'UNKNOWN-CTE',
    summary: 'The server cannot decode this content transfer encoding',
    detail:
      'A FETCH BINARY asked for a part in an encoding the server does not know how to decode.',
    reference: 'RFC 9051 §7.1; RFC 3516',
  },
  {
    code: 'UIDNOTSTICKY',
    summary: 'UIDs in this mailbox do not persist between sessions',
    detail: 'The mailbox cannot keep UIDs across sessions, so a client must not cache by UID here.',
    reference: 'RFC 4315; RFC 9051 §7.1',
  },
  {
    code: 'APPENDUID',
    summary: "APPEND succeeded; here are the UID validity and the new message's UID",
    detail:
      'Returned with a successful APPEND (UIDPLUS), so the client knows the UID of the message it just stored.',
    reference: 'RFC 4315; RFC 9051 §7.1',
  },
  {
    code: 'COPYUID',
    summary: 'COPY or MOVE succeeded; here are the source and destination UIDs',
    detail: 'Returned with a successful COPY or MOVE (UIDPLUS), mapping old UIDs to the new ones.',
    reference: 'RFC 4315; RFC 9051 §7.1',
  },
  {
    code: 'HIGHESTMODSEQ',
    summary: 'The highest modification sequence in the mailbox (CONDSTORE)',
    detail:
      'Sent during SELECT with CONDSTORE: clients use it to fetch only what changed since their last visit.',
    reference: 'RFC 7162',
  },
  {
    code: 'NOMODSEQ',
    summary: 'This mailbox does not support modification sequences',
    detail: 'CONDSTORE is not available for this mailbox.',
    reference: 'RFC 7162',
  },
  {
    code: 'MODIFIED',
    summary: 'Some messages were not changed because they changed meanwhile',
    detail: 'A conditional STORE (UNCHANGEDSINCE) skipped messages that another client modified.',
    reference: 'RFC 7162',
  },
  {
    code: 'COMPRESSIONACTIVE',
    summary: 'Compression is already active',
    detail: 'COMPRESS was refused because the connection is already compressed.',
    reference: 'RFC 4978',
  },
  {
    code: 'TOOBIG',
    summary: 'The message or request is too big for the server',
    detail:
      'The server refuses because of size, for example a CATENATE or APPEND result larger than it accepts.',
    reference: 'RFC 4469',
  },
  {
    code: 'BADURL',
    summary: 'An IMAP URL in the command could not be used',
    detail: 'With CATENATE or URLAUTH, a URL was invalid or could not be resolved.',
    reference: 'RFC 4469',
  },
  {
    code: 'USEATTR',
    summary: 'The special-use attribute given is not supported',
    detail:
      'CREATE with a special-use attribute (\\Sent, \\Drafts) failed because the server does not support that attribute there.',
    reference: 'RFC 6154',
  },
  {
    code: 'MAILBOXID',
    summary: "The mailbox's permanent object ID",
    detail:
      'With OBJECTID, the server returns an identifier for the mailbox that survives renames.',
    reference: 'RFC 8474',
  },
  {
    code: 'METADATA',
    summary: 'A METADATA limit was hit',
    detail:
      'A SETMETADATA or GETMETADATA ran into a limit (entry too large, too many entries) or the server does not allow private metadata.',
    reference: 'RFC 5464',
  },
  {
    code: 'NOTSAVED',
    summary: 'The search result could not be saved',
    detail: 'With SEARCHRES, the result of the SEARCH was not saved, so "$" cannot refer to it.',
    reference: 'RFC 5182',
  },
  {
    code: 'REFERRAL',
    summary: 'The server refers the client to another server (an IMAP URL)',
    detail:
      'The mailbox or login is handled elsewhere; the response carries an IMAP URL to use instead.',
    reference: 'RFC 2221',
  },
  {
    code: 'INPROGRESS',
    summary: 'Progress report for a long-running command',
    detail:
      'An untagged OK that reports how far a slow command (a large COPY or SEARCH) has got, to show the connection is alive.',
    reference: 'RFC 9585',
  },
];

/** Untagged data responses ("* 23 EXISTS"), one line each, for transcripts. */
export const IMAP_UNTAGGED_DATA: Record<string, string> = {
  CAPABILITY: 'the list of what this server supports',
  ENABLED: 'the extensions ENABLE switched on',
  EXISTS: 'the number of messages in the selected mailbox',
  EXPUNGE: 'a message was removed; later sequence numbers shift down by one',
  VANISHED: 'messages were removed (QRESYNC): their UIDs follow',
  FETCH: 'data about one message',
  FLAGS: 'the flags defined in the selected mailbox',
  LIST: 'one mailbox: attributes, hierarchy separator, name',
  LSUB: 'one subscribed mailbox (IMAP4rev1)',
  STATUS: 'counters of a mailbox (messages, unseen, UIDNEXT ...)',
  SEARCH: 'message numbers matching a search (IMAP4rev1)',
  ESEARCH: 'search results in compact form',
  SORT: 'message numbers in sorted order',
  THREAD: 'messages grouped into conversations',
  NAMESPACE: "where personal, other users' and shared mailboxes live",
  ID: "the server's name and version",
  QUOTA: 'usage and limits of a quota root',
  QUOTAROOT: 'which quota roots apply to a mailbox',
  RECENT: 'the number of messages new since the last session (IMAP4rev1)',
  ACL: 'the access control list of a mailbox',
  MYRIGHTS: 'the rights of the current user on a mailbox',
  METADATA: 'mailbox or server annotations',
};
