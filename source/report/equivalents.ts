// The same check with standard tools, for each step: dig, nc, openssl s_client, swaks, curl. Built
// from what the session recorded (its settings, where it connected, how TLS was reached), so an
// engineer can reproduce it anywhere and a learner sees the bridge to the tools they will meet.
// Secrets are never in them: the password is "$MAILMEDIC_PASSWORD", a CA file
// "$MAILMEDIC_CA_FILE". Every other outside value passes printable() and is shell-quoted.
import { printable } from '../protocols/common/printable.js';
import type { RunSettingsFact } from '../record/facts.js';
import { factOf } from '../record/facts.js';
import type { Session, StepId } from '../record/types.js';

export interface Equivalent {
  /** The tool, for a heading: "dig", "openssl", "swaks", "curl", "nc". */
  tool: string;
  /** One shell command line. */
  command: string;
  /** What it shows, in a few words. */
  purpose: string;
}

export const PASSWORD_VARIABLE = '"$MAILMEDIC_PASSWORD"';
export const CA_FILE_VARIABLE = '"$MAILMEDIC_CA_FILE"';

/** A word the shell takes literally: as it is when it is safe, else in single quotes. */
export const shellQuote = (value: string): string => {
  const text = printable(value);
  if (/^[A-Za-z0-9@%+=:,./_-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
};

const DEFAULT_SETTINGS: RunSettingsFact = {
  tls: 'auto',
  insecure: false,
  caFile: false,
  ehlo: 'localhost',
  to: [],
  resolvers: [],
  steps: [],
};

interface Smtp {
  host: string;
  port: number;
  servername: string;
  mode: 'starttls' | 'implicit' | 'none';
}

const smtpOf = (session: Session, settings: RunSettingsFact): Smtp | undefined => {
  const remote = factOf(session, 'connect.remote');
  const mx = session.dns?.mx.find((record) => record.exchange !== '');
  const host = remote?.host ?? session.target.server?.host ?? mx?.exchange;
  if (!host) return undefined;
  const port = remote?.port ?? session.target.server?.port ?? settings.port ?? 25;
  const attempt = factOf(session, 'connect.attempts')?.at(-1);
  const servername = session.tls?.servername ?? attempt?.servername ?? host;
  const mode =
    session.tls?.mode ??
    (settings.tls === 'implicit' || (settings.tls === 'auto' && port === 465)
      ? 'implicit'
      : settings.tls === 'none'
        ? 'none'
        : 'starttls');
  return { host, port, servername, mode };
};

/** "@127.0.0.1 -p 5353" for dig, from "127.0.0.1:5353", "[::1]:53" or "9.9.9.9". */
const digServer = (resolver: string | undefined): string[] => {
  if (!resolver) return [];
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(resolver);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(resolver);
  const [host, port] = bracketed
    ? [bracketed[1], bracketed[2]]
    : plain
      ? [plain[1], plain[2]]
      : [resolver, undefined];
  return [`@${shellQuote(host ?? resolver)}`, ...(port && port !== '53' ? ['-p', port] : [])];
};

const swaksBase = (smtp: Smtp, settings: RunSettingsFact): string[] => [
  'swaks',
  '--server',
  shellQuote(`${smtp.host}:${smtp.port}`),
  '--ehlo',
  shellQuote(settings.ehlo),
  ...(smtp.mode === 'implicit' ? ['--tlsc'] : smtp.mode === 'starttls' ? ['--tls'] : []),
  ...(smtp.mode !== 'none' && !settings.insecure ? ['--tls-verify'] : []),
  ...(smtp.mode !== 'none' && settings.caFile ? ['--tls-ca-path', CA_FILE_VARIABLE] : []),
  ...(smtp.mode !== 'none' && smtp.servername !== smtp.host
    ? ['--tls-sni', shellQuote(smtp.servername)]
    : []),
];

const swaksAuth = (settings: RunSettingsFact): string[] =>
  settings.auth
    ? [
        '--auth',
        ...(settings.auth.mechanism === 'auto'
          ? []
          : [shellQuote(settings.auth.mechanism.toUpperCase())]),
        '--auth-user',
        settings.auth.user === '$MAILMEDIC_USER'
          ? '"$MAILMEDIC_USER"'
          : shellQuote(settings.auth.user),
        '--auth-password',
        PASSWORD_VARIABLE,
      ]
    : [];

const opensslFor = (smtp: Smtp, settings: RunSettingsFact): string[] => [
  'openssl',
  's_client',
  ...(smtp.mode === 'starttls' ? ['-starttls', 'smtp', '-name', shellQuote(settings.ehlo)] : []),
  '-connect',
  shellQuote(`${smtp.host}:${smtp.port}`),
  '-servername',
  shellQuote(smtp.servername),
  ...(settings.caFile ? ['-CAfile', CA_FILE_VARIABLE] : []),
  ...(settings.insecure
    ? []
    : [
        '-verify_return_error',
        // An address is checked against the certificate's IP entries, a name against its DNS ones.
        /^[\d.]+$|:/.test(smtp.servername) ? '-verify_ip' : '-verify_hostname',
        shellQuote(smtp.servername),
      ]),
  '-showcerts',
];

type Mailbox = NonNullable<RunSettingsFact['pop3']>;

const curlMailbox = (
  protocol: 'pop3' | 'imap',
  box: Mailbox,
  session: Session,
  settings: RunSettingsFact,
): Equivalent => {
  const implicit = box.tls ?? (box.port === 995 || box.port === 993);
  const port = box.port ?? (protocol === 'pop3' ? (implicit ? 995 : 110) : implicit ? 993 : 143);
  const scheme = `${protocol}${implicit ? 's' : ''}`;
  const user = settings.mailboxUser ?? settings.auth?.user ?? 'USER';
  const messageId = session.delivery?.messageId;
  const path =
    protocol === 'imap'
      ? messageId
        ? `/INBOX?${encodeURIComponent(`HEADER Message-ID ${messageId}`)}`
        : '/INBOX'
      : '/';
  return {
    tool: 'curl',
    purpose:
      protocol === 'imap'
        ? messageId
          ? 'log in over IMAP and search the inbox for the test message'
          : 'log in over IMAP and open the inbox'
        : 'log in over POP3 and list the messages',
    command: [
      'curl',
      '-v',
      ...(implicit ? [] : ['--ssl-reqd']),
      ...(settings.caFile ? ['--cacert', CA_FILE_VARIABLE] : []),
      ...(settings.insecure ? ['--insecure'] : []),
      '--user',
      `${shellQuote(`${user}:`)}${PASSWORD_VARIABLE}`,
      shellQuote(`${scheme}://${box.host}:${port}${path}`),
    ].join(' '),
  };
};

const clientLine = (session: Session, pattern: RegExp): string[] =>
  session.transcript
    .filter((entry) => entry.dir === 'client' && !entry.secret)
    .map((entry) => pattern.exec(entry.text)?.[1])
    .filter((value): value is string => value !== undefined);

/**
 * Sessions saved before the settings were recorded: what the transcript and facts still say
 * (the EHLO name, the envelope, the mechanism); the user name becomes a placeholder.
 */
export const settingsOf = (session: Session): RunSettingsFact => {
  const recorded = factOf(session, 'run.settings');
  if (recorded) return recorded;
  const auth = factOf(session, 'auth');
  const from = clientLine(session, /^MAIL FROM:<([^>]*)>/i)[0];
  return {
    ...DEFAULT_SETTINGS,
    ehlo: clientLine(session, /^(?:EHLO|HELO) (\S+)/i)[0] ?? DEFAULT_SETTINGS.ehlo,
    ...(auth ? { auth: { user: '$MAILMEDIC_USER', mechanism: auth.mechanism.toLowerCase() } } : {}),
    ...(from !== undefined ? { from } : {}),
    to: [...new Set(clientLine(session, /^RCPT TO:<([^>]*)>/i))],
  };
};

/** The commands that check what this step checks, in the order to run them; none for some. */
export const equivalentsFor = (session: Session, step: StepId): Equivalent[] => {
  const settings = settingsOf(session);
  const smtp = smtpOf(session, settings);
  const resolver = digServer(settings.resolvers[0] ?? session.dns?.resolvers[0]);
  const dig = (type: string, name: string) =>
    ['dig', ...resolver, '+short', type, shellQuote(name)].join(' ');
  switch (step) {
    case 'dns': {
      const domain = session.target.domain;
      if (!domain) return [];
      return [
        { tool: 'dig', purpose: 'the mail servers (MX) of the domain', command: dig('MX', domain) },
        ...(session.dns?.mx ?? [])
          .filter((record) => record.exchange !== '')
          .slice(0, 3)
          .map((record) => ({
            tool: 'dig',
            purpose: `the address of ${printable(record.exchange)}`,
            command: dig('A', record.exchange),
          })),
        { tool: 'dig', purpose: 'SPF and other TXT records', command: dig('TXT', domain) },
        { tool: 'dig', purpose: 'the DMARC policy', command: dig('TXT', `_dmarc.${domain}`) },
      ];
    }
    case 'connect':
      return smtp
        ? [
            {
              tool: 'nc',
              purpose: 'open a TCP connection (no data sent)',
              command: `nc -vz -w 10 ${shellQuote(smtp.host)} ${smtp.port}`,
            },
          ]
        : [];
    case 'banner':
      if (!smtp) return [];
      return [
        smtp.mode === 'implicit'
          ? {
              tool: 'openssl',
              purpose: 'read the greeting after the TLS handshake (type QUIT to leave)',
              command: `openssl s_client -quiet -connect ${shellQuote(`${smtp.host}:${smtp.port}`)} -servername ${shellQuote(smtp.servername)}`,
            }
          : {
              tool: 'nc',
              purpose: 'read the greeting (type QUIT to leave)',
              command: `nc -C ${shellQuote(smtp.host)} ${smtp.port}`,
            },
      ];
    case 'ehlo':
      return smtp
        ? [
            {
              tool: 'swaks',
              purpose: 'greet with EHLO and list the extensions',
              command: [
                ...swaksBase(
                  { ...smtp, mode: smtp.mode === 'implicit' ? 'implicit' : 'none' },
                  settings,
                ),
                '--quit-after',
                'EHLO',
              ].join(' '),
            },
          ]
        : [];
    case 'tls':
      return smtp && smtp.mode !== 'none'
        ? [
            {
              tool: 'openssl',
              purpose: `${smtp.mode === 'starttls' ? 'STARTTLS' : 'implicit TLS'} and the certificate chain`,
              command: opensslFor(smtp, settings).join(' '),
            },
          ]
        : [];
    case 'auth':
      return smtp && settings.auth
        ? [
            {
              tool: 'swaks',
              purpose: 'log in and stop there',
              command: [
                ...swaksBase(smtp, settings),
                ...swaksAuth(settings),
                '--quit-after',
                'AUTH',
              ].join(' '),
            },
          ]
        : [];
    case 'send':
      return smtp && settings.to.length > 0
        ? [
            {
              tool: 'swaks',
              purpose: 'send a test message',
              command: [
                ...swaksBase(smtp, settings),
                ...swaksAuth(settings),
                ...(settings.from !== undefined ? ['--from', shellQuote(settings.from)] : []),
                '--to',
                shellQuote(settings.to.join(',')),
                '--header',
                shellQuote('Subject: mailmedic test message'),
              ].join(' '),
            },
          ]
        : [];
    case 'pop3':
      return settings.pop3 ? [curlMailbox('pop3', settings.pop3, session, settings)] : [];
    case 'imap':
      return settings.imap ? [curlMailbox('imap', settings.imap, session, settings)] : [];
  }
};

/** Every step that has an equivalent, in step order. */
export const allEquivalents = (session: Session): { step: StepId; commands: Equivalent[] }[] =>
  session.steps
    .map((record) => ({ step: record.id, commands: equivalentsFor(session, record.id) }))
    .filter((entry) => entry.commands.length > 0);

/** A line that says how to fill in the placeholders the commands use. */
export const PLACEHOLDER_NOTE =
  'Set MAILMEDIC_PASSWORD (and MAILMEDIC_CA_FILE for a private CA) first; the password is never written out.';
