// Logins sent without TLS because the user consented (--plaintext-auth): always an error finding.
import { SessionBuilder, smtpPrefix } from '../build-session.js';
import type { Scenario, Scenarios } from './types.js';

const sentInClear = (step: 'auth' | 'pop3' | 'imap'): Scenario => {
  const protocol = step === 'auth' ? 'smtp' : step;
  const port = step === 'auth' ? 25 : step === 'pop3' ? 110 : 143;
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port } });
  if (step === 'auth') smtpPrefix(b, { port });
  b.fact(`${step}.cleartext`, { sent: true, protocol, host: '192.0.2.10', port, user: 'bob' });
  const note = b.note(
    step,
    'no TLS on this connection: sending the credentials of bob in clear text, as --plaintext-auth allows',
  );
  b.client(step, step === 'imap' ? 'a1 LOGIN bob ********' : 'AUTH PLAIN ********', true);
  b.step(step, 'ok', 'logged in');
  return { session: b.build(), evidence: [note] };
};

export const cleartextScenarios: Scenarios = {
  'auth.cleartext': () => sentInClear('auth'),
  'pop3.cleartext': () => sentInClear('pop3'),
  'imap.cleartext': () => sentInClear('imap'),
};
