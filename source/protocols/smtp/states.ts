// The SMTP state table. One place says which command may be sent in which state and where each
// reply leads; the engine only looks things up here.
import type { SmtpVerb } from './commands.js';

export type SmtpState =
  | 'greeting' // connected, waiting for the banner
  | 'rejected' // banner was 5xx: only QUIT makes sense
  | 'ready' // greeted, no EHLO/HELO accepted yet
  | 'session' // EHLO/HELO accepted: MAIL, AUTH, STARTTLS
  | 'auth' // AUTH in progress, server sent 334
  | 'tls' // STARTTLS accepted: nothing may pass until the handshake is done
  | 'mail' // MAIL accepted
  | 'rcpt' // at least one RCPT accepted
  | 'data' // 354 received: the message goes next
  | 'closed';

type ReplyOutcome = { positive: SmtpState | 'same'; negative: SmtpState | 'same' };

interface Rule {
  /** States in which the command may be sent (judged against the projected state when pipelining). */
  from: readonly SmtpState[];
  /** Where a reply leads. `positive` means the reply code the command hopes for. */
  to: ReplyOutcome;
  /** Reply codes that count as positive. */
  ok: (code: number) => boolean;
}

const twoXX = (code: number): boolean => code >= 200 && code < 300;
const anywhere: readonly SmtpState[] = ['ready', 'session', 'mail', 'rcpt'];

export const SMTP_TRANSITIONS: Readonly<Record<SmtpVerb, Rule>> = {
  EHLO: { from: anywhere, to: { positive: 'session', negative: 'same' }, ok: twoXX },
  HELO: { from: anywhere, to: { positive: 'session', negative: 'same' }, ok: twoXX },
  STARTTLS: { from: ['session'], to: { positive: 'tls', negative: 'same' }, ok: (c) => c === 220 },
  AUTH: {
    from: ['session'],
    to: { positive: 'session', negative: 'session' },
    ok: (c) => c === 235,
  },
  'AUTH-RESPONSE': {
    from: ['auth'],
    to: { positive: 'session', negative: 'session' },
    ok: (c) => c === 235,
  },
  MAIL: { from: ['session'], to: { positive: 'mail', negative: 'same' }, ok: twoXX },
  RCPT: {
    from: ['mail', 'rcpt'],
    to: { positive: 'rcpt', negative: 'same' },
    ok: (c) => c === 250 || c === 251,
  },
  DATA: { from: ['rcpt'], to: { positive: 'data', negative: 'same' }, ok: (c) => c === 354 },
  MESSAGE: { from: ['data'], to: { positive: 'session', negative: 'session' }, ok: twoXX },
  RSET: { from: anywhere, to: { positive: 'session', negative: 'same' }, ok: twoXX },
  NOOP: { from: anywhere, to: { positive: 'same', negative: 'same' }, ok: twoXX },
  VRFY: { from: anywhere, to: { positive: 'same', negative: 'same' }, ok: twoXX },
  HELP: { from: anywhere, to: { positive: 'same', negative: 'same' }, ok: twoXX },
  QUIT: {
    from: [...anywhere, 'rejected', 'auth'],
    to: { positive: 'closed', negative: 'closed' },
    ok: (c) => c === 221,
  },
  RAW: {
    from: [...anywhere, 'rejected', 'auth', 'data'],
    to: { positive: 'same', negative: 'same' },
    ok: twoXX,
  },
};

/** Where a reply to `verb` leads from `state`. "same" resolves to the state before. */
export const nextState = (verb: SmtpVerb, state: SmtpState, code: number): SmtpState => {
  // 421: the server is closing the channel, whatever was asked (RFC 5321 3.8).
  if (code === 421) return 'closed';
  if (verb === 'AUTH' || verb === 'AUTH-RESPONSE') {
    if (code === 334) return 'auth';
  }
  // RSET from "ready" keeps us un-greeted: it resets a transaction, not the EHLO.
  if (verb === 'RSET' && state === 'ready') return 'ready';
  const rule = SMTP_TRANSITIONS[verb];
  const target = rule.ok(code) ? rule.to.positive : rule.to.negative;
  return target === 'same' ? state : target;
};

/** The state a command would lead to if the server says yes: used to check pipelined commands. */
export const projectedState = (verb: SmtpVerb, state: SmtpState): SmtpState => {
  if (verb === 'RSET' && state === 'ready') return 'ready';
  if (verb === 'AUTH' || verb === 'AUTH-RESPONSE') return 'auth';
  const target = SMTP_TRANSITIONS[verb].to.positive;
  return target === 'same' ? state : target;
};

export const isAllowed = (verb: SmtpVerb, state: SmtpState): boolean =>
  SMTP_TRANSITIONS[verb].from.includes(state);
