// Logging in: wrong credentials, the wrong kind of credential, a mechanism or encoding the
// server does not take, and the servers that want TLS or AUTH before anything else.
import type { PayloadIssue } from '../../protocols/common/sasl.js';
import { factOf } from '../../record/facts.js';
import type { Session } from '../../record/types.js';
import { retryLater, retryPort, starttlsFirst } from '../actions.js';
import { explainReply, kindRule, replyEvidence, vendorDetail } from '../reply-finding.js';
import { replyKind } from '../reply-kinds.js';
import type { Rule } from '../rule.js';
import {
  finding,
  linesWhere,
  quote,
  smtpPort,
  stepFailed,
  stepOf,
  SUBMISSION_PORTS,
} from '../rule.js';
import type { MailboxResponseView, SmtpReplyView } from '../transcript.js';
import { decodeBase64Word, imapResponses, pop3Responses, smtpReplies } from '../transcript.js';

/**
 * What the manual console can tell about a hand-encoded SASL payload before masking it (a fact
 * the console may record as 'auth.payload'); the rule explains every mistake it names.
 */
const authReplies = (session: Session): SmtpReplyView[] =>
  smtpReplies(session).filter(
    (r) => r.command?.verb === 'AUTH' || r.command?.verb === 'AUTH-RESPONSE',
  );

/** The AUTH command line that started the exchange a reply belongs to. */
const authCommandBefore = (session: Session, r: SmtpReplyView): string | undefined => {
  for (let i = r.lines[0]! - 1; i >= 0; i -= 1) {
    const e = session.transcript[i];
    if (e?.dir === 'client' && /^AUTH\s/i.test(e.text)) return e.text;
  }
  return undefined;
};

/** A refusal of the mechanism itself, in Postfix/Dovecot's, Exim's and other servers' words. */
const MECHANISM_REFUSED =
  /unrecognized authentication type|invalid authentication mechanism|(?:authentication )?mechanism (?:is )?(?:not supported|unavailable|not available|not enabled)|unsupported (?:authentication )?mechanism|unknown (?:authentication )?mechanism/i;

/** The mechanism to recommend among those offered (mailmedic speaks these). */
const recommended = (offered: readonly string[]): string | undefined =>
  ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'].find((m) => offered.includes(m));

const mechanismOf = (line: string | undefined): string =>
  (line?.trim().split(/\s+/)[1] ?? '').toUpperCase();

/** Responses to a login in the mailbox steps whose text matches. */
const mailboxMatching = (session: Session, pattern: RegExp): MailboxResponseView[] =>
  [...pop3Responses(session), ...imapResponses(session)].filter(
    (r) =>
      (r.status === '-ERR' || r.status === 'NO' || r.status === 'BAD' || r.status === 'BYE') &&
      pattern.test(r.line),
  );

const BASE64_MISTAKES = [
  'A trailing newline: `echo secret | base64` encodes "secret\\n" (c2VjcmV0Cg==); use `printf %s secret | base64` (c2VjcmV0) or `echo -n`.',
  "AUTH PLAIN without the leading NUL: the payload is NUL, user, NUL, password (RFC 4616): `printf '\\0%s\\0%s' user@example.com secret | base64`. Without the first NUL the server reads the user name as the authorisation identity and the password as the user name.",
  'A shell or Perl that ate part of the string: in `perl -MMIME::Base64 -e \'print encode_base64("user@example.com")\'` the @example is taken for an array and vanishes; escape it as \\@.',
  'AUTH LOGIN answered in the wrong order or in clear text: after "334 VXNlcm5hbWU6" (Username:) comes the base64 user name, after "334 UGFzc3dvcmQ6" (Password:) the base64 password.',
];

const ISSUE_TEXT: Record<PayloadIssue, string> = {
  'trailing-newline': 'the payload decodes with a newline at the end (echo without -n)',
  'missing-leading-nul': 'the AUTH PLAIN payload does not start with a NUL byte',
  'not-base64': 'the payload is not valid base64',
  'plain-text': 'the payload looks like text typed in clear, not base64',
};

/** Base64 words in a reply that decode to text (Postfix may echo the last challenge). */
const decodedWords = (text: string): string[] =>
  text
    .split(/\s+/)
    .map((w) => [w, decodeBase64Word(w.replace(/[.,;]$/, ''))] as const)
    .filter((p): p is readonly [string, string] => p[1] !== undefined && p[0].length >= 8)
    .map(([w, d]) => `"${w}" is base64 for "${d}"`);

export const authRules: Rule[] = [
  kindRule({
    id: 'auth.app-password-required',
    kind: 'app-password',
    severity: () => 'error',
    title: () => 'Google wants an app password, not the account password',
    explanation: () =>
      'The account uses 2-Step Verification, so Google refuses its normal password in mail programs (534 5.7.9). The password may be perfectly right: it is the wrong kind of credential. A mail program needs an app password, a 16-letter password made for it, or OAuth2.',
    next: () => [
      'Create an app password at https://myaccount.google.com/apppasswords and use it as the password.',
      'Or use OAuth2 (--auth-mech xoauth2 with an access token).',
    ],
  }),
  {
    // The same answer on an IMAP or POP3 login.
    id: 'auth.app-password-mailbox',
    evaluate: (session) => {
      const hits = mailboxMatching(session, /Application-specific password required/i);
      const first = hits[0];
      if (!first) return [];
      return [
        finding({
          id: 'auth.app-password-mailbox',
          severity: 'error',
          step: first.step,
          title: `Google wants an app password for ${first.step.toUpperCase()}, not the account password`,
          explanation:
            'The account uses 2-Step Verification, so Google refuses its normal password for IMAP and POP3 as well. The password may be right; it is the wrong kind of credential.',
          evidence: hits.map((h) => h.index),
          next: [
            'Create an app password at https://myaccount.google.com/apppasswords and log in with it.',
          ],
        }),
      ];
    },
  },
  kindRule({
    id: 'auth.web-login-required',
    kind: 'web-login',
    severity: () => 'error',
    title: () => 'Google blocked the login until the user signs in on the web',
    explanation: () =>
      'Google saw a sign-in it considers suspicious (a new place, a new device, an automated client) and wants the owner to confirm it in a browser first (534 5.7.14).',
    next: () => [
      'Sign in to the account in a browser, confirm the security alert, then run the test again.',
      'For a server or an application, use an app password or OAuth2 instead of the account password.',
    ],
  }),
  kindRule({
    id: 'auth.basic-auth-disabled',
    kind: 'basic-auth-disabled',
    severity: () => 'error',
    title: () => 'Microsoft 365 has SMTP authentication turned off',
    explanation: () =>
      'Exchange Online refuses the login before looking at the password: authenticated SMTP (SMTP AUTH with a password) is disabled for the whole organisation or for this mailbox, or Security Defaults block basic authentication. Microsoft disables it by default in new tenants.',
    next: () => [
      'In the Microsoft 365 admin center, enable "Authenticated SMTP" for this mailbox (PowerShell: `Set-CASMailbox -Identity USER -SmtpClientAuthenticationDisabled $false`), and check the organisation setting (`Get-TransportConfig | fl SmtpClientAuthenticationDisabled`).',
      'If Security Defaults are on, basic authentication stays blocked: use OAuth2, or send through a connector instead.',
    ],
  }),
  kindRule({
    id: 'auth.tls-required',
    kind: 'tls-required',
    severity: () => 'error',
    title: () => 'The server wants STARTTLS before this command',
    explanation: () =>
      'The server refuses to go on over an unencrypted connection: it wants the client to run STARTTLS first (RFC 3207), so that passwords and mail are encrypted. Servers that require TLS often do not even offer AUTH until then.',
    next: (_r, session) => [
      factOf(session, 'ehlo')?.startTls
        ? 'The client has to change, not the server: set the sending device or program (mail client, scanner, application) to use STARTTLS ("TLS" in many settings) on this port, or SSL/TLS on port 465.'
        : 'The server did not offer STARTTLS on this connection: use port 465 with implicit TLS, or ask why STARTTLS is missing.',
      factOf(session, 'ehlo')?.startTls
        ? 'To test it: mailmedic --tls starttls runs STARTTLS, EHLO again, then AUTH.'
        : undefined,
    ],
    actions: (_r, session) => [
      starttlsFirst(),
      smtpPort(session) === 465 ? undefined : retryPort(465, 'Try port 465 (implicit TLS)'),
    ],
  }),
  {
    id: 'auth.base64-invalid',
    step: 'auth',
    evaluate: (session) => {
      const payload = factOf(session, 'auth.payload');
      const replies = authReplies(session).filter(
        (r) =>
          r.code === 501 ||
          (r.code >= 500 &&
            /decode|base64|invalid (?:authentication )?(?:response|data)|malformed/i.test(r.text)),
      );
      const first = replies[0];
      if (!first) return [];
      const issues = payload?.issues.map((i) => ISSUE_TEXT[i]) ?? [];
      return [
        finding({
          id: 'auth.base64-invalid',
          severity: 'error',
          step: first.step,
          title: 'The server could not decode the AUTH answer',
          explanation: `Every answer in an SMTP AUTH exchange must be base64 (RFC 4954 4), and the server could not decode this one${issues.length ? `: ${issues.join('; ')}` : ''}. Typical when the user name or password is typed in clear instead of encoded, or when the encoded text has a space or line break inside. The server said ${quote(first.first)}.`,
          evidence: replyEvidence(replies),
          next: [
            "Encode each answer on its own: `printf %s 'user@example.com' | base64`, then paste exactly that one line.",
            ...BASE64_MISTAKES.slice(0, 2),
          ],
          actions: [explainReply(first)],
        }),
      ];
    },
  },
  {
    id: 'auth.mechanism-unsupported',
    step: 'auth',
    evaluate: (session) => {
      const step = stepOf(session, 'auth');
      const replies = authReplies(session).filter(
        (r) => r.code === 504 || (r.code >= 500 && MECHANISM_REFUSED.test(r.text)),
      );
      const ours = step?.status === 'error' && /no usable mechanism/.test(step.summary);
      if (replies.length === 0 && !ours) return [];
      const offered =
        factOf(session, 'auth')?.offered ??
        factOf(session, 'ehlo.afterTls')?.auth ??
        factOf(session, 'ehlo')?.auth ??
        [];
      const first = replies[0];
      const asked =
        factOf(session, 'auth')?.mechanism ??
        (first ? mechanismOf(authCommandBefore(session, first)) : undefined);
      const use = recommended(offered);
      const exchange = offered.some((m) => m === 'NTLM' || m === 'GSSAPI');
      return [
        finding({
          id: 'auth.mechanism-unsupported',
          severity: 'error',
          step: 'auth',
          title: ours
            ? 'The server offers no login mechanism mailmedic can use'
            : `The server does not accept the ${asked || 'chosen'} mechanism${offered.length ? `; it offers ${offered.join(' ')}` : ''}`,
          explanation: `${ours ? `The server offers ${offered.join(' ') || 'nothing usable'}; mailmedic speaks PLAIN, LOGIN, CRAM-MD5 and XOAUTH2. NTLM and GSSAPI (Kerberos) are Windows domain mechanisms, usually offered on internal Exchange connectors.` : `The client asked to log in with ${asked || 'a SASL mechanism'}, which this server does not offer${offered.length ? ` (it lists ${offered.join(', ')})` : ''}, so it refused before any password was checked: the password may well be right. The server said ${quote(first?.first ?? '')}.`} The mechanisms a server accepts are on its 250-AUTH line after EHLO (RFC 4954), and may change after STARTTLS.`,
          evidence: replies.length > 0 ? replyEvidence(replies) : [],
          next: [
            use
              ? `Log in with ${use}${offered.length > 1 ? ` (offered: ${offered.join(', ')})` : ''}: --auth-mech ${use.toLowerCase()}, or auto to let mailmedic choose; in a mail client, the matching setting is ${use === 'CRAM-MD5' ? '"encrypted password"' : '"normal password" over SSL/TLS or STARTTLS'}.`
              : offered.length > 0
                ? `The server offers only ${offered.join(', ')}, which mailmedic cannot speak.`
                : 'Look at the 250-AUTH line of the EHLO reply (after STARTTLS) for the mechanisms on offer.',
            exchange
              ? 'For Exchange, use the client submission endpoint (port 587), which offers LOGIN, rather than an internal connector.'
              : undefined,
          ].filter((n): n is string => n !== undefined),
          actions: replies[0] ? [explainReply(replies[0])] : [],
        }),
      ];
    },
  },
  {
    id: 'auth.temporary-failure',
    step: 'auth',
    evaluate: (session) => {
      const replies = authReplies(session).filter(
        (r) => r.code >= 400 && r.code < 500 && replyKind(r) !== 'tls-required',
      );
      const first = replies[0];
      if (!first) return [];
      const tooMany = /too many/i.test(first.text);
      const vendor = vendorDetail(first);
      return [
        finding({
          id: 'auth.temporary-failure',
          severity: stepFailed(session, first.step) ? 'error' : 'warning',
          step: first.step,
          title: tooMany
            ? 'Too many login attempts: the server refuses logins for a while'
            : 'The server could not check the login right now',
          explanation: `${tooMany ? 'After several failed logins the server locks this account or address out for a while, to slow down password guessing.' : 'A 454 (or other 4xx) to AUTH means the server could not check the credentials at all: its authentication service (Dovecot auth, saslauthd, LDAP, a database) is down or slow. It says nothing about whether the password is right.'} The server said ${quote(first.first)}.${vendor.detail}`,
          evidence: replyEvidence(replies),
          next: tooMany
            ? [
                'Wait before trying again, and make sure no other program (a phone, an old client) keeps trying a wrong password.',
              ]
            : [
                'Try again in a few minutes.',
                'On the server, check the authentication service and its log (Postfix: "SASL authentication failure" or "connect to private/auth" warnings in mail.log; `doveadm auth test USER` on a Dovecot server).',
              ],
          actions: [retryLater(tooMany ? 900 : 120), explainReply(first)],
        }),
      ];
    },
  },
  {
    // mailmedic's own SASL client encodes correctly, so a 535 here is about the credentials.
    id: 'auth.failed',
    step: 'auth',
    evaluate: (session) => {
      if (!factOf(session, 'auth')) return [];
      const replies = authReplies(session).filter(
        (r) =>
          (r.code === 535 || (r.code >= 500 && r.code !== 501 && r.code !== 504)) &&
          !MECHANISM_REFUSED.test(r.text) &&
          replyKind(r) === undefined,
      );
      const first = replies[0];
      if (!first) return [];
      const mechanism =
        factOf(session, 'auth')?.mechanism ?? mechanismOf(authCommandBefore(session, first));
      const responses = smtpReplies(session).filter(
        (r) => r.command?.verb === 'AUTH-RESPONSE' && r.lines[0]! <= first.lines[0]!,
      );
      const atUserName =
        mechanism === 'LOGIN' && first.command?.verb === 'AUTH-RESPONSE' && responses.length === 1;
      const decoded = decodedWords(first.text);
      const vendor = vendorDetail(first);
      return [
        finding({
          id: 'auth.failed',
          severity: 'error',
          step: first.step,
          title: atUserName
            ? 'The server rejected the user name'
            : 'The server rejected the user name or password',
          explanation: `${atUserName ? 'With AUTH LOGIN the server asks for the user name, then for the password; it refused right after the user name, so it does not know that user.' : `The server checked the credentials sent with AUTH ${mechanism} and refused them (${first.code}${first.enhanced ? ` ${first.enhanced}` : ''}: ${first.code === 535 ? 'authentication credentials invalid' : 'authentication refused'}, RFC 4954 6).`} mailmedic encodes the exchange itself, so this is not an encoding mistake: the password is wrong, the user name has the wrong form (the full address or only the part before @), the account is locked or disabled, or the server wants a different kind of password (an app password).${decoded.length ? ` In the reply, ${decoded.join(', ')}: the challenge the server had reached.` : ''} The server said ${quote(first.first)}.${vendor.detail}`,
          evidence: replyEvidence(replies),
          next: [
            'Check the user name form: most servers want the full address (user@example.com), some only the local part.',
            'Log in to webmail (or reset the password) to confirm the password; look for a locked or disabled account.',
            'On the server, the log says why (Postfix: "SASL LOGIN authentication failed" in mail.log; Dovecot: `doveadm auth test USER` checks a password directly).',
            // The knowledge base's fix for a 535 repeats the user-name advice above in other words.
            ...(vendor.fix && !/user ?name/i.test(vendor.fix) ? [vendor.fix] : []),
          ],
          actions: [explainReply(first)],
        }),
      ];
    },
  },
  {
    // A hand-typed AUTH that failed: the payload is masked in the record, so the rule explains
    // the usual encoding mistakes, and names them when the console could tell.
    id: 'auth.manual-failed',
    evaluate: (session) => {
      if (factOf(session, 'auth')) return [];
      const replies = authReplies(session).filter(
        (r) => r.code === 535 && !MECHANISM_REFUSED.test(r.text) && replyKind(r) === undefined,
      );
      const first = replies[0];
      if (!first) return [];
      const payload = factOf(session, 'auth.payload');
      const mechanism = payload?.mechanism ?? mechanismOf(authCommandBefore(session, first));
      const issues = payload?.issues.map((i) => ISSUE_TEXT[i]) ?? [];
      const decoded = decodedWords(first.text);
      return [
        finding({
          id: 'auth.manual-failed',
          severity: 'error',
          step: first.step,
          title: issues.length
            ? `Authentication failed: ${issues[0]}`
            : 'Authentication failed after a hand-encoded AUTH',
          explanation: `The server refused the credentials of this AUTH ${mechanism || ''} exchange (535, RFC 4954 6).${issues.length ? ` What was typed has a problem: ${issues.join('; ')}.` : ' When the base64 is encoded by hand, the encoding is the first suspect: the server decodes exactly what it gets, and one stray byte makes a right password wrong.'}${decoded.length ? ` In the reply, ${decoded.join(', ')}: the step the server had reached.` : ''} The server said ${quote(first.first)}.`,
          evidence: replyEvidence(replies),
          next: [
            ...BASE64_MISTAKES,
            'Let mailmedic do the encoding to rule it out: run the guided check with --auth-user.',
          ],
          actions: [explainReply(first)],
        }),
      ];
    },
  },
  {
    // mailmedic's own refusal: it does not send a password over an unencrypted connection.
    id: 'auth.no-tls',
    step: 'auth',
    evaluate: (session) => {
      const step = stepOf(session, 'auth');
      if (
        step?.status !== 'error' ||
        !/refusing to send credentials without TLS/.test(step.summary)
      )
        return [];
      const startTls = factOf(session, 'ehlo')?.startTls === true;
      // The EHLO line that offers STARTTLS, or the last one, which shows it is missing.
      const ehloLines = linesWhere(session, (e) => e.step === 'ehlo' && e.dir === 'server');
      const shown = startTls
        ? ehloLines.filter((i) => /^250[- ]STARTTLS$/i.test(session.transcript[i]?.text ?? ''))
        : ehloLines.filter((i) => /^250 /.test(session.transcript[i]?.text ?? ''));
      return [
        finding({
          id: 'auth.no-tls',
          severity: 'error',
          step: 'auth',
          // The scanner that never sends STARTTLS: say first that the client has to change.
          title:
            startTls && (factOf(session, 'ehlo')?.auth.length ?? 0) === 0
              ? 'The client must use STARTTLS: this server offers AUTH only inside TLS'
              : 'No password was sent: the connection is not encrypted',
          evidence: shown,
          explanation: `With PLAIN or LOGIN the password crosses the network as base64, which anyone on the path can decode, so mailmedic sends credentials only over TLS. ${startTls ? `The server offers STARTTLS, but TLS was not used (--tls none).${(factOf(session, 'ehlo')?.auth.length ?? 0) === 0 ? ' It lists no AUTH before TLS either, so a client set to "no encryption" cannot log in here at all: the client (the customer\'s device or program) has to use STARTTLS; the server is right.' : ''}` : 'The server did not offer STARTTLS on this connection.'} A mail client set to "no encryption" would have sent the password in clear.`,
          next: [
            startTls
              ? 'Set the sending device or program to use STARTTLS ("TLS" in many settings) on this port, or SSL/TLS on port 465; to test, run mailmedic again with --tls starttls (or auto).'
              : 'Use the port for encrypted submission: 465 (implicit TLS) or 587 with STARTTLS.',
            'Only for a test account on a trusted network: --plaintext-auth (in the wizard, its question\'s "send in clear text this once" or the setting "Password w/o TLS: send") sends the password anyway, and the report says so (--insecure is about certificates only).',
          ],
          actions: [startTls ? starttlsFirst() : retryPort(smtpPort(session) === 465 ? 587 : 465)],
        }),
      ];
    },
  },
  {
    id: 'auth.not-offered',
    step: 'auth',
    evaluate: (session) => {
      const step = stepOf(session, 'auth');
      const ourRefusal = step?.status === 'error' && /offers no AUTH/.test(step.summary);
      const afterTls = factOf(session, 'ehlo.afterTls');
      const caps =
        afterTls ?? (session.tls?.mode === 'implicit' ? factOf(session, 'ehlo') : undefined);
      const port = smtpPort(session);
      const submission =
        port !== undefined &&
        SUBMISSION_PORTS.has(port) &&
        caps !== undefined &&
        caps.auth.length === 0;
      if (!ourRefusal && !submission) return [];
      const ehloLines = session.transcript.flatMap((e, i) =>
        e.dir === 'server' && (e.step === 'ehlo' || e.step === 'tls') && /^250 /.test(e.text)
          ? [i]
          : [],
      );
      // STARTTLS offered, TLS never started: AUTH is very likely waiting inside TLS.
      const tlsUnused =
        factOf(session, 'ehlo')?.startTls === true &&
        afterTls === undefined &&
        session.tls === undefined;
      if (tlsUnused) {
        const told = smtpReplies(session).filter((r) => replyKind(r) === 'tls-required');
        const starttlsLine = linesWhere(
          session,
          (e) => e.step === 'ehlo' && e.dir === 'server' && /^250[- ]STARTTLS\b/i.test(e.text),
        );
        return [
          finding({
            id: 'auth.not-offered',
            severity: ourRefusal ? 'error' : 'warning',
            step: 'auth',
            title: 'The client must use STARTTLS: this server offers AUTH only inside TLS',
            explanation: `The EHLO reply lists STARTTLS but no AUTH, and this session did not start TLS${stepOf(session, 'tls')?.status === 'skipped' ? ' (--tls none)' : ''}. Most submission servers list AUTH only after STARTTLS, so that no password crosses the network in clear (RFC 3207, RFC 8314)${told[0] ? `, and this one says so: ${quote(told[0].first)}` : ''}. The server is doing the right thing: it is the client, the customer's device or program (mail client, scanner, printer, web site, application) set to "no encryption", that has to change.`,
            evidence: [...starttlsLine, ...ehloLines, ...replyEvidence(told)],
            next: [
              'Set the sending device or program to use STARTTLS (often labelled "TLS" or "STARTTLS") on port 587, or SSL/TLS on port 465, with its login; nothing needs to change on the server.',
              'If the device cannot do TLS at all (an old scanner or printer), let it send through a relay on the local network that accepts it without TLS and submits with TLS.',
              'To see the login work: run mailmedic again with --tls starttls (or auto).',
            ],
            actions: [starttlsFirst('Use STARTTLS, then log in')],
          }),
        ];
      }
      return [
        finding({
          id: 'auth.not-offered',
          severity: ourRefusal ? 'error' : 'warning',
          step: 'auth',
          title: 'The server offers no AUTH at all',
          explanation: `Neither EHLO reply lists AUTH${caps ? ' (not even the one after TLS)' : ''}, so a client has no way to log in here. ${port !== undefined && SUBMISSION_PORTS.has(port) ? `On the submission port ${port} that defeats its purpose (RFC 6409 requires authentication there): SASL is probably not enabled, or the server expects clients on another port.` : port === 25 ? 'On port 25 that is normal for a server that only receives mail; clients submit on 587 or 465.' : 'Either SASL is not enabled on this service, or it is a relay-only port and clients are meant to log in on another one (587 or 465).'}`,
          evidence: ehloLines,
          next: [
            port === 25
              ? 'Submit on port 587 (STARTTLS) or 465 (implicit TLS), where clients log in.'
              : 'Check that this is the submission service and not a relay-only port.',
            'On the server, enable SASL (Postfix: smtpd_sasl_auth_enable = yes in master.cf for submission, with smtpd_sasl_type = dovecot and a working auth socket).',
          ],
          actions: [port === 587 ? retryPort(465) : retryPort(587)],
        }),
      ];
    },
  },
];
