// The POP3 state table (RFC 1939 3: AUTHORIZATION, TRANSACTION, UPDATE). One place says which
// command may be sent in which state, where each response leads, and what follows a +OK; the
// engine only looks things up here.
import type { Pop3Verb } from './commands.js';

export type Pop3State =
  | 'greeting' // connected, waiting for the banner
  | 'authorization' // AUTHORIZATION: who are you?
  | 'user' // AUTHORIZATION, USER accepted: PASS (or QUIT) comes next
  | 'sasl' // AUTHORIZATION, the server sent a "+" challenge: only a SASL response may follow
  | 'tls' // STLS accepted: nothing may pass until the handshake is done
  | 'transaction' // TRANSACTION: the maildrop is locked and ours
  | 'update' // QUIT accepted in TRANSACTION: deletions committed, the server closes
  | 'closed';

/** What follows a +OK: nothing, a dot-terminated list, or a dot-terminated message. */
export type Pop3Payload = 'none' | 'lines' | 'lines-without-argument' | 'message';

type Target =
  Pop3State | 'same' | { byState: Partial<Record<Pop3State, Pop3State>>; otherwise: Pop3State };

interface Rule {
  /** States in which the command may be sent (judged against the projected state when pipelining). */
  from: readonly Pop3State[];
  ok: Target;
  err: Target;
  /** Where a "+ " continuation leads; only SASL exchanges get one. */
  challenge?: Pop3State;
  payload: Pop3Payload;
}

const authorization: readonly Pop3State[] = ['authorization'];
const transaction: readonly Pop3State[] = ['transaction'];
const inTransaction = (payload: Pop3Payload = 'none'): Rule => ({
  from: transaction,
  ok: 'same',
  err: 'same',
  payload,
});
// RFC 1939 6: QUIT from TRANSACTION enters UPDATE; from AUTHORIZATION the server just closes.
const quitTarget: Target = { byState: { transaction: 'update' }, otherwise: 'closed' };

export const POP3_TRANSITIONS: Readonly<Record<Pop3Verb, Rule>> = {
  CAPA: { from: ['authorization', 'transaction'], ok: 'same', err: 'same', payload: 'lines' },
  STLS: { from: authorization, ok: 'tls', err: 'same', payload: 'none' },
  USER: { from: authorization, ok: 'user', err: 'same', payload: 'none' },
  PASS: { from: ['user'], ok: 'transaction', err: 'authorization', payload: 'none' },
  APOP: { from: authorization, ok: 'transaction', err: 'same', payload: 'none' },
  AUTH: { from: authorization, ok: 'transaction', err: 'same', challenge: 'sasl', payload: 'none' },
  'AUTH-RESPONSE': {
    from: ['sasl'],
    ok: 'transaction',
    err: 'authorization',
    challenge: 'sasl',
    payload: 'none',
  },
  STAT: inTransaction(),
  LIST: inTransaction('lines-without-argument'),
  UIDL: inTransaction('lines-without-argument'),
  TOP: inTransaction('message'),
  RETR: inTransaction('message'),
  DELE: inTransaction(),
  RSET: inTransaction(),
  NOOP: inTransaction(),
  QUIT: {
    from: ['authorization', 'user', 'transaction'],
    ok: quitTarget,
    err: quitTarget,
    payload: 'none',
  },
  RAW: {
    from: ['authorization', 'user', 'sasl', 'transaction'],
    ok: 'same',
    err: 'same',
    payload: 'none',
  },
};

/** Commands during which the server reads our next line as a SASL response, not a command. */
export const isSaslExchange = (verb: Pop3Verb | undefined): boolean =>
  verb !== undefined && POP3_TRANSITIONS[verb].challenge !== undefined;

const resolve = (target: Target, state: Pop3State): Pop3State => {
  if (target === 'same') return state;
  if (typeof target === 'string') return target;
  return target.byState[state] ?? target.otherwise;
};

export type Pop3Outcome = 'ok' | 'err' | 'challenge';

/** Where a response to `verb` leads from `state`. */
export const nextState = (verb: Pop3Verb, state: Pop3State, outcome: Pop3Outcome): Pop3State => {
  const rule = POP3_TRANSITIONS[verb];
  if (outcome === 'challenge') return rule.challenge ?? state;
  return resolve(outcome === 'ok' ? rule.ok : rule.err, state);
};

/** The state a command would lead to if the server says yes: used to check pipelined commands. */
export const projectedState = (verb: Pop3Verb, state: Pop3State): Pop3State =>
  resolve(POP3_TRANSITIONS[verb].ok, state);

export const isAllowed = (verb: Pop3Verb, state: Pop3State): boolean =>
  POP3_TRANSITIONS[verb].from.includes(state);

/** What a +OK to this command carries; `hasArgument` tells "LIST" from "LIST 3". */
export const payloadOf = (verb: Pop3Verb, hasArgument: boolean): 'none' | 'lines' | 'message' => {
  const payload = POP3_TRANSITIONS[verb].payload;
  if (payload === 'lines-without-argument') return hasArgument ? 'none' : 'lines';
  return payload;
};
