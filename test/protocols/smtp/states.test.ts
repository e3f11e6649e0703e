import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SmtpVerb } from '../../../source/protocols/smtp/commands.js';
import type { SmtpState } from '../../../source/protocols/smtp/states.js';
import {
  isAllowed,
  nextState,
  projectedState,
  SMTP_TRANSITIONS,
} from '../../../source/protocols/smtp/states.js';

const STATES: SmtpState[] = [
  'greeting',
  'rejected',
  'ready',
  'session',
  'auth',
  'tls',
  'mail',
  'rcpt',
  'data',
  'closed',
];

describe('SMTP state table', () => {
  it('every verb has a rule', () => {
    const verbs: SmtpVerb[] = [
      'EHLO',
      'HELO',
      'STARTTLS',
      'AUTH',
      'AUTH-RESPONSE',
      'MAIL',
      'RCPT',
      'DATA',
      'MESSAGE',
      'RSET',
      'NOOP',
      'VRFY',
      'HELP',
      'QUIT',
      'RAW',
    ];
    assert.deepEqual(Object.keys(SMTP_TRANSITIONS).sort(), [...verbs].sort());
  });

  it('nothing but RAW may be sent in greeting, tls or closed', () => {
    for (const state of ['greeting', 'tls', 'closed'] as const) {
      for (const verb of Object.keys(SMTP_TRANSITIONS) as SmtpVerb[]) {
        assert.equal(isAllowed(verb, state), false, `${verb} in ${state}`);
      }
    }
  });

  const allowed: Array<[SmtpVerb, SmtpState[]]> = [
    ['EHLO', ['ready', 'session', 'mail', 'rcpt']],
    ['STARTTLS', ['session']],
    ['AUTH', ['session']],
    ['AUTH-RESPONSE', ['auth']],
    ['MAIL', ['session']],
    ['RCPT', ['mail', 'rcpt']],
    ['DATA', ['rcpt']],
    ['MESSAGE', ['data']],
    ['QUIT', ['ready', 'session', 'mail', 'rcpt', 'rejected', 'auth']],
  ];
  for (const [verb, states] of allowed) {
    it(`${verb} is allowed exactly in ${states.join(', ')}`, () => {
      assert.deepEqual(STATES.filter((s) => isAllowed(verb, s)).sort(), [...states].sort());
    });
  }

  const transitions: Array<[SmtpVerb, SmtpState, number, SmtpState]> = [
    ['EHLO', 'ready', 250, 'session'],
    ['EHLO', 'ready', 502, 'ready'],
    ['EHLO', 'mail', 250, 'session'],
    ['HELO', 'ready', 250, 'session'],
    ['STARTTLS', 'session', 220, 'tls'],
    ['STARTTLS', 'session', 454, 'session'],
    ['STARTTLS', 'session', 250, 'session'],
    ['AUTH', 'session', 334, 'auth'],
    ['AUTH', 'session', 235, 'session'],
    ['AUTH', 'session', 535, 'session'],
    ['AUTH-RESPONSE', 'auth', 334, 'auth'],
    ['AUTH-RESPONSE', 'auth', 235, 'session'],
    ['AUTH-RESPONSE', 'auth', 501, 'session'],
    ['MAIL', 'session', 250, 'mail'],
    ['MAIL', 'session', 550, 'session'],
    ['RCPT', 'mail', 250, 'rcpt'],
    ['RCPT', 'mail', 251, 'rcpt'],
    ['RCPT', 'mail', 550, 'mail'],
    ['RCPT', 'rcpt', 550, 'rcpt'],
    ['DATA', 'rcpt', 354, 'data'],
    ['DATA', 'rcpt', 554, 'rcpt'],
    ['MESSAGE', 'data', 250, 'session'],
    ['MESSAGE', 'data', 552, 'session'],
    ['RSET', 'rcpt', 250, 'session'],
    ['RSET', 'ready', 250, 'ready'],
    ['NOOP', 'mail', 250, 'mail'],
    ['QUIT', 'session', 221, 'closed'],
    ['QUIT', 'session', 500, 'closed'],
    ['RAW', 'mail', 250, 'mail'],
    ['MAIL', 'session', 421, 'closed'],
    ['DATA', 'rcpt', 421, 'closed'],
    ['MESSAGE', 'data', 421, 'closed'],
  ];
  for (const [verb, from, code, to] of transitions) {
    it(`${verb} in ${from}, reply ${code} → ${to}`, () =>
      assert.equal(nextState(verb, from, code), to));
  }

  const projected: Array<[SmtpVerb, SmtpState, SmtpState]> = [
    ['EHLO', 'ready', 'session'],
    ['MAIL', 'session', 'mail'],
    ['RCPT', 'mail', 'rcpt'],
    ['DATA', 'rcpt', 'data'],
    ['MESSAGE', 'data', 'session'],
    ['STARTTLS', 'session', 'tls'],
    ['AUTH', 'session', 'auth'],
    ['RSET', 'ready', 'ready'],
    ['RSET', 'mail', 'session'],
    ['NOOP', 'rcpt', 'rcpt'],
    ['QUIT', 'session', 'closed'],
  ];
  for (const [verb, from, to] of projected) {
    it(`projected: ${verb} from ${from} → ${to}`, () =>
      assert.equal(projectedState(verb, from), to));
  }
});
