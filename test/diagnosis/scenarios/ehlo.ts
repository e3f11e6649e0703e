// EHLO replies: refused names, HELO-only servers, firewalls masking STARTTLS, where AUTH appears.
import { capabilities, SessionBuilder, smtpPrefix } from '../build-session.js';
import type { Scenario, Scenarios } from './types.js';

const start = (port = 25) => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port } });
  b.note('connect', `connecting to 192.0.2.10 port ${port}`);
  b.step('connect', 'ok');
  b.fact('connect.remote', { host: '192.0.2.10', port, address: '192.0.2.10', ms: 3 });
  b.server('banner', '220 mail.example.test ESMTP Postfix');
  b.fact('banner', {
    code: 220,
    text: 'mail.example.test ESMTP Postfix',
    ms: 4,
    host: 'mail.example.test',
  });
  b.step('banner', 'ok');
  return b;
};

export const heloRejected = (): Scenario => {
  const b = start();
  b.client('ehlo', 'EHLO localhost');
  const lines = b.server(
    'ehlo',
    '504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname',
  );
  b.step(
    'ehlo',
    'error',
    'EHLO refused: 504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname',
  );
  return { session: b.build(), evidence: lines };
};

export const heloOnly = (): Scenario => {
  const b = start();
  b.client('ehlo', 'EHLO client.example.test');
  const ehlo = b.server('ehlo', '502 5.5.2 Error: command not recognized');
  b.note(
    'ehlo',
    'EHLO is not understood; falling back to HELO (no extensions: no STARTTLS, no AUTH)',
  );
  b.fact('ehlo.helo', true);
  b.client('ehlo', 'HELO client.example.test');
  const helo = b.server('ehlo', '250 mail.example.test');
  b.step('ehlo', 'warning', 'only HELO accepted: the server offers no ESMTP extensions');
  b.step('tls', 'warning', 'STARTTLS not offered');
  return { session: b.build(), evidence: [...ehlo, ...helo] };
};

export const starttlsMasked = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 25 } });
  b.note('connect', 'connecting to 192.0.2.10 port 25');
  b.step('connect', 'ok');
  b.server('banner', '220 *************************************');
  b.step('banner', 'ok');
  b.client('ehlo', 'EHLO client.example.test');
  const lines = b.server(
    'ehlo',
    '250-mail.example.test',
    '250-PIPELINING',
    '250-SIZE 10240000',
    '250-XXXXXXXA',
    '250-8BITMIME',
    '250 XXXXXXXB',
  );
  b.fact(
    'ehlo',
    capabilities(['PIPELINING', 'SIZE 10240000', 'XXXXXXXA', '8BITMIME', 'XXXXXXXB'], [], false),
  );
  b.step('ehlo', 'ok');
  b.note(
    'tls',
    'the server does not offer STARTTLS: everything, passwords included, would cross the network in clear text',
  );
  b.step('tls', 'warning', 'STARTTLS not offered');
  return { session: b.build(), evidence: [lines[3]!, lines[5]!] };
};

export const authBeforeTls = (): Scenario => {
  const b = start(587);
  b.client('ehlo', 'EHLO client.example.test');
  const lines = b.server(
    'ehlo',
    '250-mail.example.test',
    '250-AUTH PLAIN LOGIN',
    '250-AUTH=PLAIN LOGIN',
    '250-STARTTLS',
    '250 8BITMIME',
  );
  b.fact(
    'ehlo',
    capabilities(
      ['AUTH PLAIN LOGIN', 'AUTH=PLAIN LOGIN', 'STARTTLS', '8BITMIME'],
      ['PLAIN', 'LOGIN'],
      true,
    ),
  );
  b.step('ehlo', 'ok');
  return { session: b.build(), evidence: [lines[1]!, lines[2]!] };
};

export const authAfterTls = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  const prefix = smtpPrefix(b);
  // "250-STARTTLS" of the first EHLO, "250-AUTH PLAIN LOGIN" of the second.
  return { session: b.build(), evidence: [prefix.ehlo[3]!, prefix.tls[7]!] };
};

export const ehloScenarios: Scenarios = {
  'ehlo.rejected': heloRejected,
  'ehlo.helo-only': heloOnly,
  'ehlo.starttls-masked': starttlsMasked,
  'ehlo.auth-before-tls': authBeforeTls,
  'ehlo.auth-after-tls': authAfterTls,
};
