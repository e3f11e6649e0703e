// EHLO: whether the server accepts this client's name, which extensions it offers, and what a
// firewall in the middle did to them.
import { factOf } from '../../record/facts.js';
import type { Session } from '../../record/types.js';
import { ehloFqdn, retryPort } from '../actions.js';
import { explainReply, replyEvidence, vendorDetail } from '../reply-finding.js';
import { replyKind } from '../reply-kinds.js';
import type { Rule } from '../rule.js';
import { finding, linesWhere, quote, stepFailed } from '../rule.js';
import type { SmtpReplyView } from '../transcript.js';
import { greetingReply, smtpReplies } from '../transcript.js';
import { isMaskedBanner } from './banner.js';

const greetingReplies = (session: Session, verb: 'EHLO' | 'HELO'): SmtpReplyView[] =>
  smtpReplies(session).filter((r) => r.command?.verb === verb);

/** ASA "inspect esmtp" replaces extensions it does not allow by X's (STARTTLS becomes XXXXXXXA). */
const MASKED_EXTENSION = /^250[- ]X{4,}[A-Z]?$/;

export const maskedExtensionLines = (session: Session): number[] =>
  linesWhere(session, (e) => e.dir === 'server' && MASKED_EXTENSION.test(e.text));

const CLEARTEXT_MECHANISMS = ['PLAIN', 'LOGIN'];

export const ehloRules: Rule[] = [
  {
    id: 'ehlo.rejected',
    step: 'ehlo',
    evaluate: (session) => {
      const refused = [
        ...greetingReplies(session, 'EHLO'),
        ...greetingReplies(session, 'HELO'),
      ].filter(
        (r) =>
          r.code >= 400 &&
          // 500/502 to EHLO only means "say HELO instead"; the HELO reply tells the rest.
          !(r.command?.verb === 'EHLO' && (r.code === 500 || r.code === 502)) &&
          replyKind(r) === undefined,
      );
      const first = refused[0];
      if (!first) return [];
      const name = first.command?.line.split(/\s+/)[1] ?? '';
      const vendor = vendorDetail(first);
      return [
        finding({
          id: 'ehlo.rejected',
          severity: 'error',
          step: first.step,
          title: `The server refused the greeting ${first.command?.verb ?? 'EHLO'} ${name}`.trim(),
          explanation: `The client introduces itself with EHLO and its own fully qualified host name (RFC 5321 4.1.1.1). Many servers check that name: it must be a real domain name (not "localhost" or a bare word), and some want it to resolve in DNS, or to match the client's address. This server refused ${quote(name || '(no name)')}. The server said ${quote(first.first)}.${vendor.detail}`,
          evidence: replyEvidence(refused),
          next: [
            "Greet with this machine's fully qualified name, one that resolves in DNS: ideally the PTR name of the public address (--ehlo NAME).",
            'For a mail server, set its host name (Postfix: myhostname; Exchange: the FQDN of the send connector).',
          ],
          actions: [ehloFqdn(), explainReply(first)],
        }),
      ];
    },
  },
  {
    id: 'ehlo.helo-only',
    step: 'ehlo',
    evaluate: (session) => {
      if (factOf(session, 'ehlo.helo') !== true || stepFailed(session, 'ehlo')) return [];
      const g = greetingReply(session);
      if (g && isMaskedBanner(g.text)) return [];
      const lines = replyEvidence([
        ...greetingReplies(session, 'EHLO'),
        ...greetingReplies(session, 'HELO'),
      ]);
      return [
        finding({
          id: 'ehlo.helo-only',
          severity: 'warning',
          step: 'ehlo',
          title: 'The server does not understand EHLO, only the old HELO',
          explanation:
            'EHLO has been the standard greeting since 1995 (RFC 1869, now RFC 5321), and every current mail server knows it. Without it the server offers no extensions: no STARTTLS, so everything crosses the network in clear; no AUTH, so clients cannot log in; no SIZE, 8BITMIME or SMTPUTF8. Either the server is very old or minimal, or a firewall inspecting SMTP in between mangles EHLO.',
          evidence: lines,
          next: [
            'Ask whether a firewall inspects SMTP in front of the server (Cisco: fixup/inspect esmtp) and test from inside it.',
            'If the server itself is that old, plan its replacement: it cannot do TLS.',
          ],
        }),
      ];
    },
  },
  {
    id: 'ehlo.starttls-masked',
    step: 'ehlo',
    evaluate: (session) => {
      const masked = maskedExtensionLines(session);
      if (masked.length === 0) return [];
      return [
        finding({
          id: 'ehlo.starttls-masked',
          severity: stepFailed(session, 'tls') ? 'error' : 'warning',
          step: 'ehlo',
          title: 'A firewall hides STARTTLS in the EHLO reply (250-XXXXXXXA)',
          explanation:
            'Lines like "250-XXXXXXXA" are what a Cisco ASA with "inspect esmtp" leaves of extensions it does not allow: the server offered STARTTLS, and the firewall overwrote it with X\'s so that no client starts TLS (the firewall could not inspect an encrypted session). The result is mail in clear text, and clients that require TLS fail.',
          evidence: masked,
          next: [
            'Ask the firewall administrator to allow STARTTLS: on an ASA, `allow-tls` in the ESMTP inspection policy map, or `no inspect esmtp`.',
            'Confirm from inside the firewall: the server itself offers 250-STARTTLS there.',
          ],
          actions: [retryPort(465, 'Try port 465 (implicit TLS)')],
        }),
      ];
    },
  },
  {
    id: 'ehlo.auth-before-tls',
    step: 'ehlo',
    evaluate: (session) => {
      const caps = factOf(session, 'ehlo');
      if (!caps || session.tls?.mode === 'implicit') return [];
      const cleartext = caps.auth.filter((m) => CLEARTEXT_MECHANISMS.includes(m.toUpperCase()));
      if (cleartext.length === 0) return [];
      const lines = linesWhere(
        session,
        (e) => e.step === 'ehlo' && e.dir === 'server' && /^250[- ]AUTH[ =]/i.test(e.text),
      );
      return [
        finding({
          id: 'ehlo.auth-before-tls',
          severity: 'warning',
          step: 'ehlo',
          title: `The server offers AUTH ${cleartext.join(' ')} on an unencrypted connection`,
          explanation: `Before any TLS the server already offers ${cleartext.join(' and ')}, where the password travels as base64: anyone who can see the traffic decodes it in a second. RFC 4954 4 says a client must not use these without encryption, but the server should not invite it either: a mail client set to "no encryption" will send the password in clear. mailmedic itself sends credentials only over TLS.`,
          evidence: lines,
          next: [
            'Offer AUTH only after STARTTLS (Postfix: smtpd_tls_auth_only = yes; Dovecot: disable_plaintext_auth = yes; Exim: auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}).',
            'Check the mail clients of the users: they must use STARTTLS or SSL/TLS, never "none".',
          ],
        }),
      ];
    },
  },
  {
    id: 'ehlo.auth-after-tls',
    step: 'ehlo',
    evaluate: (session) => {
      const before = factOf(session, 'ehlo');
      const after = factOf(session, 'ehlo.afterTls');
      if (!before || !after || before.auth.length > 0 || after.auth.length === 0) return [];
      const lines = linesWhere(
        session,
        (e) =>
          e.dir === 'server' &&
          ((e.step === 'ehlo' && /^250[- ]STARTTLS$/i.test(e.text)) ||
            (e.step === 'tls' && /^250[- ]AUTH[ =]/i.test(e.text))),
      );
      return [
        finding({
          id: 'ehlo.auth-after-tls',
          severity: 'info',
          step: 'ehlo',
          title: 'AUTH is offered only after STARTTLS (good practice)',
          explanation: `The first EHLO reply has no AUTH line; after STARTTLS the second one offers AUTH ${after.auth.join(' ')}. This is deliberate and right: after TLS starts, the client must forget what it knew and ask EHLO again (RFC 3207 4.2), and the server shows AUTH only then, so no client can send a password in clear. When testing by hand with telnet, do not conclude that AUTH is missing: use \`openssl s_client -starttls smtp -crlf -connect HOST:PORT\` and send EHLO inside TLS.`,
          evidence: lines,
          next: [
            'Nothing to fix. For manual tests, start TLS first: `openssl s_client -starttls smtp -crlf -connect HOST:587`.',
          ],
        }),
      ];
    },
  },
];
