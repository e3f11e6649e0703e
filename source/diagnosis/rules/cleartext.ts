// Credentials and connections without TLS: whether the password crossed the network in clear
// text (only with --plaintext-auth, the wizard's setting, or its question answered "send"). Withheld credentials are the
// no-tls rules' finding.
import { factOf } from '../../record/facts.js';
import type { CleartextFact } from '../../record/facts.js';
import type { Session } from '../../record/types.js';
import type { Rule } from '../rule.js';
import { finding, notesMatching } from '../rule.js';

const STEPS = ['auth', 'pop3', 'imap'] as const;
type LoginStep = (typeof STEPS)[number];

const NAMES: Record<CleartextFact['protocol'], { tls: string; port: string; server: string }> = {
  smtp: {
    tls: 'STARTTLS',
    port: 'port 465 (implicit TLS) or 587 with STARTTLS',
    server:
      'In Postfix, smtpd_tls_security_level = may (or encrypt) with a certificate, and smtpd_tls_auth_only = yes so AUTH is only offered after STARTTLS; in Exim, tls_certificate and tls_privatekey, and auth_advertise_hosts limited to encrypted connections.',
  },
  pop3: {
    tls: 'STLS',
    port: 'port 995 (POP3 over implicit TLS)',
    server:
      'In Dovecot, ssl = yes (or required) with ssl_cert and ssl_key, and disable_plaintext_auth = yes (auth_allow_cleartext = no from Dovecot 2.4).',
  },
  imap: {
    tls: 'STARTTLS',
    port: 'port 993 (IMAP over implicit TLS)',
    server:
      'In Dovecot, ssl = yes (or required) with ssl_cert and ssl_key, and disable_plaintext_auth = yes (auth_allow_cleartext = no from Dovecot 2.4).',
  },
};

const where = (f: CleartextFact): string =>
  `${f.host.includes(':') ? `[${f.host}]` : f.host}:${f.port}`;

const rule = (step: LoginStep): Rule => ({
  id: `${step}.cleartext`,
  step,
  evaluate: (session: Session) => {
    const fact = factOf(session, `${step}.cleartext`);
    if (!fact?.sent) return [];
    const names = NAMES[fact.protocol] ?? NAMES.smtp;
    const evidence = notesMatching(session, /clear text/, step);
    return [
      finding({
        id: `${step}.cleartext`,
        severity: 'error',
        step,
        title: 'The password was sent in clear text',
        explanation: `The credentials of ${fact.user} went to ${where(fact)} over a connection without TLS, because ${fact.consent === 'asked' ? 'the user answered "send in clear text this once" to the wizard\'s question' : 'clear text was allowed for this run (--plaintext-auth, or the wizard\'s setting "Password w/o TLS: send")'}. Anyone on the path (the local network, a Wi-Fi hotspot, any router between) could read them.`,
        evidence,
        next: [
          `Change the password of ${fact.user} if any part of the path is not under your control.`,
          `Have the server offer ${names.tls}, or connect to ${names.port}. ${names.server}`,
          fact.consent === 'asked'
            ? 'Once TLS is offered, run again: mailmedic uses it and does not ask (the consent was for that run only).'
            : 'Run again without --plaintext-auth (in the wizard, "Password w/o TLS: ask") once TLS is offered: mailmedic will then use it.',
        ],
      }),
    ];
  },
});

export const cleartextRules: readonly Rule[] = STEPS.map(rule);
