// POP3 login and maildrop problems, from the bracketed response codes of RFC 2449 and 3206
// ([IN-USE], [LOGIN-DELAY], [AUTH], [SYS/TEMP]) and Dovecot's wording.
import { factOf } from '../../record/facts.js';
import type { Session } from '../../record/types.js';
import { explainCode, retryLater, retryPort, starttlsFirst } from '../actions.js';
import type { Rule } from '../rule.js';
import { finding, quote, stepFailed } from '../rule.js';
import type { MailboxResponseView } from '../transcript.js';
import { pop3Responses } from '../transcript.js';
import { certificateRule, noTlsRule, notArrivedRule } from './mailbox-common.js';

const errors = (session: Session): MailboxResponseView[] =>
  pop3Responses(session).filter((r) => r.status === '-ERR');

const PLAINTEXT =
  /plaintext auth\w* (?:disallowed|not allowed|disabled)|cleartext (?:logins? )?(?:disallowed|not allowed)/i;
const LOGIN_COMMANDS = new Set(['USER', 'PASS', 'APOP', 'AUTH', '']);

const severity = (session: Session) => (stepFailed(session, 'pop3') ? 'error' : 'warning');

/** The LOGIN-DELAY the server announced in CAPA, in seconds. */
const loginDelay = (session: Session): number | undefined => {
  const capa = factOf(session, 'pop3.login')?.capa ?? [];
  const line =
    capa.find((c) => /^LOGIN-DELAY\s+\d+/i.test(c)) ??
    session.transcript.find(
      (e) => e.step === 'pop3' && e.dir === 'server' && /^LOGIN-DELAY\s+\d+/i.test(e.text),
    )?.text;
  const n = line ? Number(/\d+/.exec(line)?.[0]) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

export const pop3Rules: Rule[] = [
  {
    id: 'pop3.in-use',
    step: 'pop3',
    evaluate: (session) => {
      const hits = errors(session).filter(
        (r) =>
          r.code === 'IN-USE' ||
          /unable to lock maildrop|mailbox (?:is )?(?:locked|in use)/i.test(r.text),
      );
      const first = hits[0];
      if (!first) return [];
      return [
        finding({
          id: 'pop3.in-use',
          severity: severity(session),
          step: 'pop3',
          title: 'The mailbox is in use by another POP3 session',
          explanation: `POP3 gives one session at a time exclusive access to the maildrop (RFC 1939 8), and the server could not get the lock ([IN-USE], RFC 2449 8.1.1): another client is logged in right now (a phone, a desktop client checking every few minutes), or a session that died left its lock behind. The server said ${quote(first.line)}.`,
          evidence: hits.map((h) => h.index),
          next: [
            'Close the other mail clients of this account, or wait for their session to end, and try again.',
            'On a Dovecot server, `doveadm who USER` lists the sessions; a stale lock clears when its process ends.',
            'Several devices on one account are better served by IMAP, which allows concurrent sessions.',
          ],
          actions: [retryLater(60), explainCode('[IN-USE]')],
        }),
      ];
    },
  },
  {
    id: 'pop3.login-delay',
    step: 'pop3',
    evaluate: (session) => {
      const hits = errors(session).filter((r) => r.code === 'LOGIN-DELAY');
      const first = hits[0];
      if (!first) return [];
      const delay = loginDelay(session);
      return [
        finding({
          id: 'pop3.login-delay',
          severity: severity(session),
          step: 'pop3',
          title: 'Logged in too soon after the last login',
          explanation: `The server limits how often an account may log in ([LOGIN-DELAY], RFC 2449 8.1.2)${delay ? `: at most once every ${delay} s, as its CAPA reply announces (LOGIN-DELAY ${delay})` : ''}. A client that checks mail more often is refused until the interval has passed. The server said ${quote(first.line)}.`,
          evidence: hits.map((h) => h.index),
          next: [
            `Set the mail clients of this account to check no more often than every ${delay ? `${Math.ceil(delay / 60)} minutes` : 'few minutes'}, and make sure only one device polls.`,
          ],
          actions: [retryLater(delay ?? 300), explainCode('[LOGIN-DELAY]')],
        }),
      ];
    },
  },
  {
    id: 'pop3.plaintext-disallowed',
    step: 'pop3',
    evaluate: (session) => {
      const hits = errors(session).filter((r) => PLAINTEXT.test(r.text));
      const first = hits[0];
      if (!first) return [];
      return [
        finding({
          id: 'pop3.plaintext-disallowed',
          severity: 'error',
          step: 'pop3',
          title: 'The server refuses a password login before TLS',
          explanation: `The server accepts passwords only over an encrypted connection (Dovecot: disable_plaintext_auth = yes, the default), and this login came over plain text. That is good server policy: the client has to run STLS first (RFC 2595) or use port 995 with implicit TLS. The server said ${quote(first.line)}.`,
          evidence: hits.map((h) => h.index),
          next: ['Set the mail client to SSL/TLS on port 995, or STARTTLS on port 110.'],
          actions: [starttlsFirst('Run STLS first, then log in'), retryPort(995)],
        }),
      ];
    },
  },
  {
    id: 'pop3.temporary-failure',
    step: 'pop3',
    evaluate: (session) => {
      const hits = errors(session).filter(
        (r) => r.code === 'SYS' || r.codeText?.startsWith('SYS/') === true,
      );
      const first = hits[0];
      if (!first) return [];
      const temporary = /SYS\/TEMP/i.test(first.codeText ?? '');
      return [
        finding({
          id: 'pop3.temporary-failure',
          severity: severity(session),
          step: 'pop3',
          title: temporary
            ? 'The POP3 server has a temporary problem'
            : 'The POP3 server has a problem it cannot recover from alone',
          explanation: `[${first.codeText}] (RFC 3206) means the failure is on the server's side, not about the login: ${temporary ? 'a temporary condition (its authentication service, storage or database is unavailable); trying again later may work' : 'a permanent system problem the administrator has to fix'}. The server said ${quote(first.line)}.`,
          evidence: hits.map((h) => h.index),
          next: [
            temporary ? 'Try again in a few minutes.' : 'Tell the server administrator.',
            'On a Dovecot server, the log (`journalctl -u dovecot` or /var/log/mail.log) names the failing part.',
          ],
          actions: [
            temporary ? retryLater(120) : undefined,
            explainCode(`[${first.codeText ?? 'SYS'}]`),
          ],
        }),
      ];
    },
  },
  {
    id: 'pop3.auth-failed',
    step: 'pop3',
    evaluate: (session) => {
      const hits = errors(session).filter(
        (r) =>
          r.command !== undefined &&
          (LOGIN_COMMANDS.has(r.command.verb) || r.command.secret) &&
          (r.code === undefined || r.code === 'AUTH') &&
          !PLAINTEXT.test(r.text) &&
          !/Application-specific password/i.test(r.line),
      );
      const first = hits[0];
      if (!first) return [];
      const user = first.command?.verb === 'USER';
      return [
        finding({
          id: 'pop3.auth-failed',
          severity: 'error',
          step: 'pop3',
          title: user
            ? 'The POP3 server does not accept the user name'
            : 'The POP3 login was refused',
          explanation: `${user ? 'The server refused the USER command, before any password.' : 'The server refused the user name and password.'} ${first.code === 'AUTH' ? '[AUTH] (RFC 3206) says the credentials themselves are the problem, not the server.' : ''} The user name form matters (the full address or only the local part), and some providers want an app password or want POP3 enabled for the account first. The server said ${quote(first.line)}.`,
          evidence: hits.map((h) => h.index),
          next: [
            'Check the user name form and the password (log in to webmail to confirm it).',
            'Check that POP3 access is enabled for the account (Gmail and Microsoft 365 can turn it off per user).',
            'On a Dovecot server, `doveadm auth test USER` checks the password and the log says why it failed.',
          ],
          actions: [explainCode(first.code ? `[${first.code}]` : '-ERR')],
        }),
      ];
    },
  },
  noTlsRule('pop3'),
  certificateRule('pop3'),
  notArrivedRule('pop3'),
];
