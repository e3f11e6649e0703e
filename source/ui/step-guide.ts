// The guided run's words: why each proposed command goes out, what each next-diagnosis action
// means before the user picks it, and what a step is missing when it cannot run. Wording only.
import type { GuideState } from './controller.js';
import type { Session, StepId, WizardSettings } from '../record/types.js';

/** Why a command is about to go out, by its verb, in one sentence a learner can follow. */
const COMMAND_PURPOSE: Record<string, string> = {
  EHLO: 'EHLO tells the server our name and asks which extensions (STARTTLS, AUTH, SIZE…) it supports.',
  HELO: 'HELO is the old greeting: it tells the server our name but learns no extensions.',
  STARTTLS:
    'STARTTLS asks to switch this connection to TLS, so what follows (passwords included) is encrypted.',
  AUTH: 'AUTH logs in; the credentials are masked here and in every report.',
  MAIL: 'MAIL FROM opens a transaction and gives the envelope sender (where bounces go).',
  RCPT: 'RCPT TO names a recipient; the reply says whether the server takes mail for it.',
  DATA: 'DATA asks to send the message itself; 354 means "go ahead".',
  QUIT: 'QUIT ends the session politely.',
  RSET: 'RSET abandons the current transaction.',
  NOOP: 'NOOP does nothing but prove the connection is alive.',
};

/** POP3 commands (RFC 1939, 2449, 2595, 5034), by verb. */
const POP3_PURPOSE: Record<string, string> = {
  CAPA: 'CAPA asks which extensions (STLS, SASL, TOP, UIDL…) the server supports.',
  STLS: 'STLS asks to switch this connection to TLS before the password goes out.',
  USER: 'USER names the mailbox; PASS follows with its password.',
  PASS: 'PASS sends the password (masked here and in every report); +OK means logged in.',
  AUTH: 'AUTH logs in with SASL; the credentials are masked here and in every report.',
  APOP: 'APOP logs in with a digest of the password instead of the password itself.',
  STAT: 'STAT asks how many messages the mailbox holds and their total size.',
  LIST: 'LIST gives each message’s number and size.',
  UIDL: 'UIDL gives each message’s unique id, which stays the same between sessions.',
  TOP: 'TOP n 0 reads only the headers of message n, to find the test message by its Message-ID.',
  RETR: 'RETR reads the whole message; the answer ends with a line holding a single dot.',
  DELE: 'DELE marks a message for deletion when the session ends (RSET undoes it).',
  RSET: 'RSET undoes every DELE of this session.',
  NOOP: 'NOOP does nothing but prove the connection is alive.',
  QUIT: 'QUIT ends the session (and deletes what DELE marked).',
};

/** IMAP commands (RFC 3501, 9051), by verb after the tag. */
const IMAP_PURPOSE: Record<string, string> = {
  CAPABILITY: 'CAPABILITY asks what the server supports (STARTTLS, AUTH=…, LOGINDISABLED…).',
  STARTTLS: 'STARTTLS asks to switch this connection to TLS before the password goes out.',
  LOGIN: 'LOGIN sends the user and password (masked here and in every report).',
  AUTHENTICATE:
    'AUTHENTICATE logs in with SASL; the credentials are masked here and in every report.',
  SELECT: 'SELECT opens a mailbox read-write.',
  EXAMINE: 'EXAMINE opens INBOX read-only, so nothing is marked as seen.',
  SEARCH: 'SEARCH looks for the test message by its Message-ID header.',
  FETCH: 'FETCH reads the size and headers of the message found, without marking it seen.',
  NOOP: 'NOOP lets the server report messages that arrived meanwhile.',
  LOGOUT: 'LOGOUT ends the session.',
};

/** DNS questions, by record type. */
const DNS_PURPOSE: Record<string, string> = {
  MX: 'MX says which servers take mail for the domain; everything else follows from it. Edit the name to look at another domain.',
  A: 'A gives the IPv4 address of the name (for an MX host: where to connect; for the domain itself: the implicit MX).',
  AAAA: 'AAAA gives the IPv6 address of the name.',
  TXT: 'TXT holds SPF (v=spf1), DMARC (_dmarc), MTA-STS (_mta-sts) and TLS-RPT (_smtp._tls) policies.',
  SRV: 'SRV tells mail clients where submission, IMAP and POP3 are (RFC 6186).',
  TLSA: 'TLSA pins the mail host’s certificate for DANE (RFC 7672).',
  PTR: 'PTR is the reverse DNS of a mail server’s address; receivers check that it exists and points back.',
  CNAME: 'CNAME says the name is an alias.',
};

const STEP_PURPOSE: Partial<Record<StepId, string>> = {
  dns: 'The MX records say which servers take mail for the domain; everything else follows from them.',
  connect:
    'A TCP connection first, as telnet would: if this fails, a firewall, a wrong port or a down server is why.',
  banner: 'The server speaks first: its greeting (220) says who it is and that it is ready.',
  pop3: 'Logs in to the mailbox and looks for the test message, as a mail client would.',
  imap: 'Logs in to the mailbox and looks for the test message, as a mail client would.',
};

/** Why this proposal, in a sentence. */
export const purposeOf = (step: StepId, kind: 'command' | 'step', first: string): string => {
  if (kind === 'step') return STEP_PURPOSE[step] ?? '';
  const words = first.trim().split(/\s+/);
  if (step === 'dns') return DNS_PURPOSE[words[0]?.toUpperCase() ?? ''] ?? '';
  if (step === 'pop3')
    return (
      POP3_PURPOSE[words[0]?.toUpperCase() ?? ''] ??
      'The answer to the server’s SASL challenge, masked.'
    );
  if (step === 'imap')
    return (
      IMAP_PURPOSE[words[1]?.toUpperCase() ?? ''] ??
      'The answer to the server’s SASL challenge, masked.'
    );
  if (first.startsWith('AUTH') || first === '********')
    return step === 'auth' && first === '********'
      ? 'The answer to the server’s challenge, masked.'
      : (COMMAND_PURPOSE['AUTH'] ?? '');
  const verb = /^[A-Za-z]+/.exec(first)?.[0]?.toUpperCase() ?? '';
  if (verb === '' || !COMMAND_PURPOSE[verb])
    return 'The message itself, ended by a line with a dot.';
  return COMMAND_PURPOSE[verb] ?? '';
};

/** What choosing an action means, beyond its label. */
export const ACTION_MEANING: Record<string, string> = {
  'retry-port': 'Changes the port and runs again from the connection.',
  'starttls-first': 'Asks for TLS with STARTTLS before anything else, then runs again.',
  'retry-insecure':
    'Goes on although the certificate did not verify: the connection stays encrypted, but nobody vouches that this is the real server. Credentials sent now could reach an impostor. It stays a finding.',
  'trust-ca':
    'Adds the certificate of a private CA (a PEM file) to the trusted ones for the next run, as a company CA would be.',
  'next-mx':
    'Leaves out the mail host that failed and runs against the next MX, as a sender would.',
  'compare-resolver':
    'Asks another resolver the same questions: different answers mean stale caches or a split view.',
  'retry-later':
    'Waits the delay the server asked for (greylisting, a held lock), then runs again. Esc stops the countdown.',
  'ehlo-fqdn': 'Greets with a fully qualified name (type it), then runs again from EHLO.',
};

/** Action kinds the wizard can carry out; the others stay sentences. */
export const ACTIONABLE = new Set(Object.keys(ACTION_MEANING));

export type MissingField = 'target' | 'authUser' | 'password' | 'to' | 'mailbox';

export interface Missing {
  field: MissingField;
  /** What the step needs, in a sentence ending in the offer. */
  text: string;
}

const isIpTarget = (target: string): boolean =>
  /^\[?[0-9a-fA-F:.]+\]?(:\d+)?$/.test(target) && /[.:]/.test(target);

/** What the step lacks to run with these settings, if anything (shown with an offer to fill it in). */
export const missingFor = (
  step: StepId,
  settings: WizardSettings,
  guide: Pick<GuideState, 'hasPassword'>,
): Missing | undefined => {
  switch (step) {
    case 'dns':
      if (settings.host || isIpTarget(settings.target) || /:\d+$/.test(settings.target))
        return {
          field: 'target',
          text: 'DNS needs a domain to look up; the target is a server. Enter: type a domain.',
        };
      return undefined;
    case 'auth':
      if (!settings.authUser)
        return {
          field: 'authUser',
          text: 'Authentication needs a user name and password. Enter: fill them in.',
        };
      if (!guide.hasPassword)
        return {
          field: 'password',
          text: `Authentication needs the password for ${settings.authUser}. Enter: type it.`,
        };
      return undefined;
    case 'send':
      if (!settings.to || settings.to.length === 0)
        return {
          field: 'to',
          text: 'Sending needs a recipient (envelope to). Enter: fill it in.',
        };
      return undefined;
    case 'pop3':
    case 'imap':
      if (settings.mailbox?.protocol !== step)
        return {
          field: 'mailbox',
          text: `Reading mail over ${step.toUpperCase()} needs the mailbox server and login. Enter: fill them in.`,
        };
      return undefined;
    default:
      return undefined;
  }
};

/** The attempts of a step, oldest first (for the step screen's "tried before" line). */
export const attemptsOf = (session: Session | undefined, step: StepId) =>
  (session?.attempts ?? []).filter((a) => a.step === step && !a.summary.startsWith('not run'));
