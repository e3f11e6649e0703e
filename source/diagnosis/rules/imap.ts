// IMAP login and session problems, from the response codes of RFC 5530 ([AUTHENTICATIONFAILED],
// [INUSE], [UNAVAILABLE], [PRIVACYREQUIRED]...) and the texts Dovecot and Gmail send.
import type { Session } from '../../record/types.js';
import { explainCode, retryLater, retryPort, starttlsFirst } from '../actions.js';
import type { Rule } from '../rule.js';
import { finding, quote, stepFailed } from '../rule.js';
import type { MailboxResponseView } from '../transcript.js';
import { imapResponses } from '../transcript.js';
import { certificateRule, noTlsRule, notArrivedRule } from './mailbox-common.js';

const refusals = (session: Session): MailboxResponseView[] =>
  imapResponses(session).filter(
    (r) => r.status === 'NO' || r.status === 'BAD' || r.status === 'BYE',
  );

const PLAINTEXT =
  /plaintext auth\w* (?:disallowed|not allowed|disabled)|not allowed without (?:SSL|TLS)|cleartext (?:logins? )?(?:disallowed|not allowed)/i;
const LOGIN_VERBS = new Set(['LOGIN', 'AUTHENTICATE']);

const severity = (session: Session) => (stepFailed(session, 'imap') ? 'error' : 'warning');

export const imapRules: Rule[] = [
  {
    id: 'imap.plaintext-disallowed',
    step: 'imap',
    evaluate: (session) => {
      const hits = refusals(session).filter(
        (r) => r.code === 'PRIVACYREQUIRED' || PLAINTEXT.test(r.text),
      );
      const first = hits[0];
      if (!first) return [];
      return [
        finding({
          id: 'imap.plaintext-disallowed',
          severity: 'error',
          step: 'imap',
          title: 'The IMAP server refuses a password login before TLS',
          explanation: `The server accepts passwords only over an encrypted connection (Dovecot: disable_plaintext_auth = yes; RFC 9051 requires it to refuse, or to announce LOGINDISABLED, when it will not take a cleartext login). The client has to run STARTTLS first or use port 993. The server said ${quote(first.line)}.`,
          evidence: hits.map((h) => h.index),
          next: ['Set the mail client to SSL/TLS on port 993, or STARTTLS on port 143.'],
          actions: [starttlsFirst(), retryPort(993)],
        }),
      ];
    },
  },
  {
    id: 'imap.auth-failed',
    step: 'imap',
    evaluate: (session) => {
      const hits = refusals(session).filter(
        (r) =>
          r.status === 'NO' &&
          LOGIN_VERBS.has(r.command?.verb ?? '') &&
          (r.code === undefined ||
            r.code === 'AUTHENTICATIONFAILED' ||
            r.code === 'AUTHORIZATIONFAILED' ||
            r.code === 'ALERT') &&
          !PLAINTEXT.test(r.text) &&
          !/Application-specific password/i.test(r.line),
      );
      const first = hits[0];
      if (!first) return [];
      return [
        finding({
          id: 'imap.auth-failed',
          severity: 'error',
          step: 'imap',
          title:
            first.code === 'AUTHORIZATIONFAILED'
              ? 'The IMAP login is valid but not allowed for this mailbox'
              : 'The IMAP login was refused',
          explanation: `${first.code === 'AUTHORIZATIONFAILED' ? 'The credentials are right, but this user may not act as the requested identity ([AUTHORIZATIONFAILED], RFC 5530).' : 'The server refused the user name and password ([AUTHENTICATIONFAILED], RFC 5530, or a plain NO).'} The user name form matters (the full address or only the local part); some providers want an app password or want IMAP enabled for the account first. The server said ${quote(first.line)}.`,
          evidence: hits.map((h) => h.index),
          next: [
            'Check the user name form and the password (log in to webmail to confirm it).',
            'Check that IMAP access is enabled for the account (Gmail, Microsoft 365).',
            'On a Dovecot server, `doveadm auth test USER` checks the password, and the log says why it failed.',
          ],
          actions: [
            first.code
              ? explainCode(`[${first.code}]`)
              : explainCode(first.line, 'Explain this reply'),
          ],
        }),
      ];
    },
  },
  {
    id: 'imap.in-use',
    step: 'imap',
    evaluate: (session) => {
      const hits = refusals(session).filter((r) => r.code === 'INUSE');
      const first = hits[0];
      if (!first) return [];
      return [
        finding({
          id: 'imap.in-use',
          severity: severity(session),
          step: 'imap',
          title: 'The mailbox is in use by another session',
          explanation: `[INUSE] (RFC 5530): another session holds the mailbox in a way that blocks this operation (an exclusive lock, a running expunge or migration). It usually clears by itself. The server said ${quote(first.line)}.`,
          evidence: hits.map((h) => h.index),
          next: ['Try again in a minute; close other clients of the account if it persists.'],
          actions: [retryLater(60), explainCode('[INUSE]')],
        }),
      ];
    },
  },
  {
    id: 'imap.too-many-connections',
    step: 'imap',
    evaluate: (session) => {
      const hits = refusals(session).filter((r) =>
        /Maximum number of connections|too many (?:simultaneous |concurrent )?connections/i.test(
          r.text,
        ),
      );
      const first = hits[0];
      if (!first) return [];
      const limit = /mail_max_userip_connections=(\d+)/.exec(first.text)?.[1];
      return [
        finding({
          id: 'imap.too-many-connections',
          severity: severity(session),
          step: 'imap',
          title: 'Too many IMAP connections from this user and address',
          explanation: `The server allows each user only ${limit ?? 'a few'} simultaneous IMAP connections from one address (Dovecot: mail_max_userip_connections), and they are all in use: every device and every open folder in a desktop client holds one, and users behind one NAT address share the count. The server said ${quote(first.line)}.`,
          evidence: hits.map((h) => h.index),
          next: [
            'Close other clients of this account, or reduce the connections each client may open (Thunderbird: "Maximum number of server connections to cache").',
            'Or raise the limit on the server (Dovecot: mail_max_userip_connections in the imap protocol section).',
          ],
          actions: [retryLater(60)],
        }),
      ];
    },
  },
  {
    id: 'imap.unavailable',
    step: 'imap',
    evaluate: (session) => {
      // The BYE that answers LOGOUT is the normal end, not a refusal.
      const logout = session.transcript.findIndex(
        (e) => e.step === 'imap' && e.dir === 'client' && /^\S+ LOGOUT$/i.test(e.text),
      );
      const hits = refusals(session).filter(
        (r) =>
          (logout < 0 || r.index < logout) &&
          (r.code === 'UNAVAILABLE' ||
            r.code === 'SERVERBUG' ||
            (r.status === 'BYE' &&
              r.command === undefined &&
              r.untagged === true &&
              !/logging out|logout/i.test(r.text) &&
              !/Maximum number of connections|too many/i.test(r.text))),
      );
      const first = hits[0];
      if (!first) return [];
      return [
        finding({
          id: 'imap.unavailable',
          severity: severity(session),
          step: 'imap',
          title: 'The IMAP server cannot serve this session right now',
          explanation: `${first.code === 'SERVERBUG' ? '[SERVERBUG] (RFC 5530): the server hit an internal error.' : first.code === 'UNAVAILABLE' ? '[UNAVAILABLE] (RFC 5530): a subsystem the server needs (authentication, storage, a proxy backend) is down; the login may be right.' : 'The server closed the session with BYE on its own: it is shutting down, overloaded, or refuses this client.'} The server said ${quote(first.line)}.`,
          evidence: hits.map((h) => h.index),
          next: [
            'Try again in a few minutes; if it persists, the server log names the failing part.',
          ],
          actions: [retryLater(120)],
        }),
      ];
    },
  },
  noTlsRule('imap'),
  certificateRule('imap'),
  notArrivedRule('imap'),
];
