// The IMAP state table (RFC 3501 3, RFC 9051 3): not authenticated, authenticated, selected,
// logout. One place says which command may be sent in which state and where its tagged response
// leads; the engine only looks things up here.
import type { ImapVerb } from './commands.js';

export type ImapState =
  | 'greeting' // connected, waiting for the server's first line
  | 'not-authenticated'
  | 'authenticating' // AUTHENTICATE in progress and the server sent "+": only a SASL response may follow
  | 'tls' // STARTTLS accepted: nothing may pass until the handshake is done
  | 'authenticated'
  | 'selected'
  | 'logout' // LOGOUT accepted or BYE received while logging out: the server closes
  | 'closed';

export type ImapOutcome = 'OK' | 'NO' | 'BAD';

type Target = ImapState | 'same';

interface Rule {
  /** States in which the command may be sent (judged against the projected state when pipelining). */
  from: readonly ImapState[];
  ok: Target;
  no: Target;
  /** BAD means the command was not understood, so nothing changed unless said otherwise. */
  bad?: Target;
  /** Where a "+" that asks for a SASL response leads. */
  challenge?: ImapState;
  /** Where sending the command leads before any answer (a SASL response hands the turn back). */
  sent?: ImapState;
}

const live: readonly ImapState[] = ['not-authenticated', 'authenticated', 'selected'];
const mailbox: readonly ImapState[] = ['authenticated', 'selected'];
const inMailbox: Rule = { from: ['selected'], ok: 'same', no: 'same' };

export const IMAP_TRANSITIONS: Readonly<Record<ImapVerb, Rule>> = {
  CAPABILITY: { from: live, ok: 'same', no: 'same' },
  NOOP: { from: live, ok: 'same', no: 'same' },
  LOGOUT: { from: live, ok: 'logout', no: 'same' },
  STARTTLS: { from: ['not-authenticated'], ok: 'tls', no: 'same' },
  LOGIN: { from: ['not-authenticated'], ok: 'authenticated', no: 'same' },
  AUTHENTICATE: {
    from: ['not-authenticated'],
    ok: 'authenticated',
    no: 'not-authenticated',
    bad: 'not-authenticated',
    challenge: 'authenticating',
  },
  'AUTH-RESPONSE': { from: ['authenticating'], ok: 'same', no: 'same', sent: 'not-authenticated' },
  // RFC 3501 6.3.1: a SELECT that fails has already deselected the previous mailbox.
  SELECT: { from: mailbox, ok: 'selected', no: 'authenticated' },
  EXAMINE: { from: mailbox, ok: 'selected', no: 'authenticated' },
  SEARCH: inMailbox,
  FETCH: inMailbox,
  CLOSE: { from: ['selected'], ok: 'authenticated', no: 'same' },
  UNSELECT: { from: ['selected'], ok: 'authenticated', no: 'same' },
  RAW: { from: live, ok: 'same', no: 'same' },
};

const resolve = (target: Target, state: ImapState): ImapState =>
  target === 'same' ? state : target;

/** Where a tagged response to `verb` leads from `state`. */
export const nextState = (verb: ImapVerb, state: ImapState, outcome: ImapOutcome): ImapState => {
  const rule = IMAP_TRANSITIONS[verb];
  if (outcome === 'OK') return resolve(rule.ok, state);
  if (outcome === 'NO') return resolve(rule.no, state);
  return resolve(rule.bad ?? 'same', state);
};

/** Where a "+" asking for a SASL response leads, or undefined when this command takes none. */
export const challengeState = (verb: ImapVerb | undefined): ImapState | undefined =>
  verb === undefined ? undefined : IMAP_TRANSITIONS[verb].challenge;

/** Where sending leads before any answer arrives. */
export const sentState = (verb: ImapVerb, state: ImapState): ImapState =>
  IMAP_TRANSITIONS[verb].sent ?? state;

/** The state a command would lead to if the server says OK: used to check pipelined commands. */
export const projectedState = (verb: ImapVerb, state: ImapState): ImapState =>
  resolve(IMAP_TRANSITIONS[verb].ok, state);

export const isAllowed = (verb: ImapVerb, state: ImapState): boolean =>
  IMAP_TRANSITIONS[verb].from.includes(state);
