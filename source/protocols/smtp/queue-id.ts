// The queue id in a server's reply to the end of DATA: what to grep for in the server's log.
// Each MTA words its acceptance differently; the id is taken whole (Postfix's long ids, node
// names with dashes), never cut at the first punctuation.

export interface QueueId {
  id: string;
  /** Whose wording matched (for a note; the reply may come from a look-alike). */
  style: string;
}

interface Pattern {
  style: string;
  pattern: RegExp;
  /** Builds the id from the match; default: group 1. */
  id?: (m: RegExpExecArray) => string;
}

// An id token: anything but space, quotes and brackets; trailing punctuation is trimmed.
const TOKEN = '([^\\s<>()\\[\\]"\']+)';

const PATTERNS: readonly Pattern[] = [
  // Postfix, OpenSMTPD 7, ZoneMTA, WildDuck, many appliances: "Ok: queued as 3B5F31C0A2D".
  // The last one counts: a content filter in front quotes the next hop's reply.
  { style: 'queued as', pattern: new RegExp(`queued as:?\\s+${TOKEN}(?![\\s\\S]*queued as)`, 'i') },
  // Exim: "250 OK id=1xWXor-0006uW-1h".
  { style: 'Exim', pattern: new RegExp(`\\bid=${TOKEN}`, 'i') },
  // Exchange and Microsoft 365: "250 2.6.0 <...> [InternalId=12345, Hostname=...] Queued mail".
  { style: 'Exchange', pattern: /\bInternalId=(\d+)/i },
  // qmail: "250 ok 1700000000 qp 5678" (qp: the queueing process, what its log shows).
  { style: 'qmail', pattern: /\bok\s+\d+\s+qp\s+(\d+)/i, id: (m) => `qp ${m[1]}` },
  // Gmail: "250 2.0.0 OK  1732611234 a640c23a62f3a-aa5f3e2b1d0si123456ejc.123 - gsmtp".
  { style: 'Gmail', pattern: new RegExp(`${TOKEN}\\s+-\\s+gsmtp\\s*$`, 'i') },
  // Sendmail ("4AQCo7ZQ012345 Message accepted for delivery") and OpenSMTPD 6
  // ("2.0.0: 0e7e1f3a Message accepted for delivery").
  {
    style: 'Sendmail/OpenSMTPD',
    pattern: new RegExp(`${TOKEN}\\s+Message accepted for delivery`, 'i'),
  },
  // Haraka: "250 Message Queued (4F0E1A2B-...)".
  { style: 'Haraka', pattern: new RegExp(`Message Queued\\s+\\(${TOKEN}\\)`, 'i') },
  // Courier ("250 Ok. 000C1F2E.5F6A7B8C.00001234") and Amazon SES ("250 Ok 0100018c...-000000").
  {
    style: 'Courier/SES',
    pattern: new RegExp(`^\\s*(?:\\d\\.\\d{1,3}\\.\\d{1,3}\\s+)?Ok\\.?\\s+${TOKEN}\\s*$`, 'i'),
  },
];

const trimmed = (id: string): string => id.replace(/[.,;:]+$/, '');

/** The queue id in an acceptance reply's text (its lines joined), if the wording carries one. */
export const queueIdOf = (text: string): QueueId | undefined => {
  const body = text.replace(/^\d{3}[ -]/gm, '');
  for (const { style, pattern, id } of PATTERNS) {
    const m = pattern.exec(body);
    if (!m) continue;
    const value = trimmed(id ? id(m) : (m[1] ?? ''));
    // An enhanced status code or a bare number word is not an id.
    if (value === '' || /^\d\.\d{1,3}\.\d{1,3}$/.test(value)) continue;
    return { id: value, style };
  }
  return undefined;
};
