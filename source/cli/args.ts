// argv -> a typed command. Everything that can be checked without I/O is checked here, and every
// refusal names the flag; reading files and asking for passwords happens later, in options.ts.
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { unsafeCharacterReason } from '../protocols/common/input.js';
import type { AuthMechanismChoice, HostPort, TlsMode } from '../session/config.js';
import type { StepId } from '../record/types.js';
import { STEP_IDS } from '../record/types.js';
import type { ParsedTarget } from './target.js';
import { parseHostPort, parseMailboxServer, parseTarget } from './target.js';
import { UsageError } from './usage-error.js';
import { lessonById } from '../knowledge/lessons/index.js';
import { LAB_ROLE_PORTS } from '../lab/console-targets.js';

export interface RunFlags {
  target?: ParsedTarget;
  port?: number;
  tls: TlsMode;
  insecure: boolean;
  /** Consent to send credentials over a connection without TLS (always an error finding). */
  plaintextAuth: boolean;
  caFiles: string[];
  ehlo: string;
  authUser?: string;
  authMech: AuthMechanismChoice;
  authPassFile?: string;
  from?: string;
  to: string[];
  headers: string[];
  body?: string;
  pop3?: HostPort;
  imap?: HostPort;
  mailboxUser?: string;
  dns: string[];
  timeoutSeconds?: number;
  steps?: StepId[];
  report?: string;
  redactIdentities: boolean;
  color: boolean;
}

export type ConsoleProtocolChoice = 'auto' | 'smtp' | 'pop3' | 'imap' | 'raw';

/** Where the console connects: a server the user names, or the practice lab's server in a role. */
export type ConsoleTarget =
  | { kind: 'server'; host: string; port: number }
  /** `role` is the standard port of the lab server to use (25, 587, 465, 110, 995, 143, 993). */
  | { kind: 'lab'; scenario: string; role: number };

export interface ConsoleFlags {
  target: ConsoleTarget;
  /** implicit: TLS from the first byte; starttls: upgrade right after the greeting. */
  tls: 'none' | 'implicit' | 'starttls';
  protocol: ConsoleProtocolChoice;
  insecure: boolean;
  caFiles: string[];
  ehlo: string;
  timeoutSeconds?: number;
  report?: string;
  lesson?: number;
  color: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'wizard'; flags: RunFlags; lab?: string }
  | {
      kind: 'check';
      flags: RunFlags;
      json: boolean;
      lab?: string;
      domainsFile?: string;
      concurrency: number;
    }
  | { kind: 'open'; file: string; color: boolean }
  | { kind: 'console'; flags: ConsoleFlags }
  | { kind: 'explain'; words: string[]; color: boolean }
  | { kind: 'lab'; scenario?: string; color: boolean; json: boolean };

const OPTIONS = {
  server: { type: 'string' },
  port: { type: 'string' },
  tls: { type: 'string' },
  insecure: { type: 'boolean' },
  'ca-file': { type: 'string', multiple: true },
  ehlo: { type: 'string' },
  'auth-user': { type: 'string' },
  'auth-mech': { type: 'string' },
  'auth-pass-file': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  body: { type: 'string' },
  pop3: { type: 'string' },
  imap: { type: 'string' },
  'mailbox-user': { type: 'string' },
  dns: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  steps: { type: 'string' },
  report: { type: 'string' },
  'redact-identities': { type: 'boolean' },
  'plaintext-auth': { type: 'boolean' },
  json: { type: 'boolean' },
  lab: { type: 'string' },
  'domains-file': { type: 'string' },
  concurrency: { type: 'string' },
  protocol: { type: 'string' },
  lesson: { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const COMMANDS = new Set(['check', 'open', 'explain', 'lab', 'console']);
const TLS_MODES: readonly TlsMode[] = ['auto', 'starttls', 'implicit', 'none'];
const MECHS: readonly AuthMechanismChoice[] = ['auto', 'plain', 'login', 'cram-md5', 'xoauth2'];

const safe = (flag: string, value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const reason = unsafeCharacterReason(value);
  if (reason) throw new UsageError(flag, reason);
  return value;
};

const oneOf = <T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T => {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(flag, `"${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
};

const positiveNumber = (
  flag: string,
  value: string | undefined,
  integer: boolean,
): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(
      flag,
      `"${value}" is not a positive ${integer ? 'whole number' : 'number'}`,
    );
  }
  return n;
};

/** The longest wait --timeout may set: beyond it a timer would overflow (2^31 ms) long before. */
export const MAX_TIMEOUT_SECONDS = 3600;

/** A port as people write it: decimal digits only (Number() would take 1e3 and 0x19). */
const decimalPort = (flag: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65535))
    throw new UsageError(flag, `"${value}" is not a port (a decimal number from 1 to 65535)`);
  return port;
};

const timeout = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(seconds >= 0.1 && seconds <= MAX_TIMEOUT_SECONDS))
    throw new UsageError(
      '--timeout',
      `"${value}" is not a number of seconds from 0.1 to ${MAX_TIMEOUT_SECONDS}`,
    );
  return seconds;
};

/** --dns IP[:PORT]: resolvers are addresses; a name would need a resolver to find the resolver. */
const resolver = (value: string): string => {
  const v = safe('--dns', value)!;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(v);
  const plainV4 = /^([^:]+)(?::(\d+))?$/.exec(v);
  const [host, port] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : isIP(v) === 6
      ? [v, undefined]
      : plainV4
        ? [plainV4[1]!, plainV4[2]]
        : [v, undefined];
  if (!isIP(host))
    throw new UsageError('--dns', `"${value}" is not an IP address (IP, IP:PORT or [IPv6]:PORT)`);
  if (port !== undefined) decimalPort('--dns', port);
  return v;
};

const address = (flag: string, value: string | undefined): string | undefined => {
  const v = safe(flag, value);
  if (flag === '--to' && (v === '' || v === '<>'))
    throw new UsageError(
      '--to',
      `"${v}" is not a recipient; the null path <> is a sender (--from '<>'), never a recipient`,
    );
  if (v === undefined || v === '' || v === '<>') return v;
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(v.replace(/^<(.*)>$/, '$1')))
    throw new UsageError(flag, `"${v}" is not an address like name@example.com`);
  return v.replace(/^<(.*)>$/, '$1');
};

/** Lets `--lab` stand without a scenario (the wizard then offers the list). */
const normaliseLab = (argv: string[]): string[] =>
  argv.map((arg, i) =>
    arg === '--lab' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('-')) ? '--lab=' : arg,
  );

export const parseCommandLine = (argv: string[], env: NodeJS.ProcessEnv = {}): Command => {
  // A pasted reply may start with "-ERR" or contain "--": everything after `explain` is the
  // text to explain, not options.
  if (argv[0] === 'explain') {
    const words = argv.slice(1);
    const noColor = words.at(-1) === '--no-color';
    const text = noColor ? words.slice(0, -1) : words;
    if (text.length === 0)
      throw new UsageError(
        'explain',
        'give a code or a reply line, for example: mailmedic explain "550 5.7.1 Relay access denied"',
      );
    return {
      kind: 'explain',
      words: text,
      color: !noColor && !(env.NO_COLOR !== undefined && env.NO_COLOR !== ''),
    };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: normaliseLab(argv),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? 'command line';
    throw new UsageError(flag, message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  const color = !values['no-color'] && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [first, ...rest] = positionals;
  const command = first !== undefined && COMMANDS.has(first) ? first : 'wizard';
  const args = command === 'wizard' ? positionals : rest;

  if (command === 'explain') {
    if (args.length === 0)
      throw new UsageError(
        'explain',
        'give a code or a reply line, for example: mailmedic explain "550 5.7.1 Relay access denied"',
      );
    return { kind: 'explain', words: args, color };
  }
  if (command === 'open') {
    if (args.length !== 1)
      throw new UsageError(
        'open',
        'give exactly one report file, for example: mailmedic open report.json',
      );
    return { kind: 'open', file: safe('open', args[0])!, color };
  }
  if (command === 'lab') {
    if (args.length > 1) throw new UsageError('lab', 'give at most one scenario');
    return {
      kind: 'lab',
      color,
      json: values.json ?? false,
      ...(args[0] ? { scenario: safe('lab', args[0])! } : {}),
    };
  }
  if (command === 'console') return { kind: 'console', flags: consoleFlags(values, args, color) };
  for (const flag of ['protocol', 'lesson'] as const)
    if (values[flag] !== undefined)
      throw new UsageError(`--${flag}`, 'goes with console: mailmedic console HOST:PORT --' + flag);
  if (args.length > 1)
    throw new UsageError('TARGET', `give one target, not ${args.length} (${args.join(' ')})`);
  if (values['json'] && command !== 'check')
    throw new UsageError('--json', 'goes with check: mailmedic check TARGET --json');

  const flags = runFlags(values, args[0], color);
  if (command === 'wizard')
    return { kind: 'wizard', flags, ...(values.lab !== undefined ? { lab: values.lab } : {}) };

  const domainsFile = safe('--domains-file', values['domains-file']);
  // "I cannot read my mail": the mailbox steps need no SMTP server (SPEC, --pop3/--imap).
  const mailboxOnly = flags.pop3 !== undefined || flags.imap !== undefined;
  if (!flags.target && values.lab === undefined && !domainsFile && !mailboxOnly) {
    throw new UsageError(
      'TARGET',
      'check needs a target, --server, --pop3, --imap, --lab SCENARIO or --domains-file',
    );
  }
  if (values.lab === '')
    throw new UsageError(
      '--lab',
      'check needs a scenario name, for example: mailmedic check --lab healthy',
    );
  return {
    kind: 'check',
    flags,
    json: values.json ?? false,
    concurrency: positiveNumber('--concurrency', values.concurrency, true) ?? 8,
    ...(values.lab !== undefined ? { lab: values.lab } : {}),
    ...(domainsFile ? { domainsFile } : {}),
  };
};

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

const runFlags = (values: Values, targetArg: string | undefined, color: boolean): RunFlags => {
  let target = targetArg !== undefined ? parseTarget(targetArg) : undefined;
  if (values.server !== undefined) {
    const server = parseHostPort('--server', values.server);
    target = { ...(target ?? { input: values.server }), server };
  }
  const steps = values.steps
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const step of steps ?? []) {
    if (!(STEP_IDS as readonly string[]).includes(step))
      throw new UsageError('--steps', `"${step}" is not a step; steps are ${STEP_IDS.join(',')}`);
  }
  if (steps && steps.length === 0) throw new UsageError('--steps', 'is empty');
  for (const h of values.header ?? []) {
    if (!/^[!-9;-~]+:/.test(h)) throw new UsageError('--header', `"${h}" is not "Name: value"`);
  }
  const port = decimalPort('--port', values.port);
  const ehlo = safe('--ehlo', values.ehlo) ?? hostname();
  if (/\s/.test(ehlo)) throw new UsageError('--ehlo', `"${ehlo}" contains white space`);
  const flags: RunFlags = {
    tls: oneOf('--tls', values.tls, TLS_MODES, 'auto'),
    insecure: values.insecure ?? false,
    plaintextAuth: values['plaintext-auth'] ?? false,
    caFiles: (values['ca-file'] ?? []).map((f) => safe('--ca-file', f)!),
    ehlo,
    authMech: oneOf('--auth-mech', values['auth-mech'], MECHS, 'auto'),
    to: (values.to ?? []).map((t) => address('--to', t)!),
    headers: (values.header ?? []).map((h) => safe('--header', h)!),
    dns: (values.dns ?? []).map(resolver),
    redactIdentities: values['redact-identities'] ?? false,
    color,
  };
  const optional: Partial<RunFlags> = {
    target,
    port,
    authUser: safe('--auth-user', values['auth-user']),
    authPassFile: safe('--auth-pass-file', values['auth-pass-file']),
    from: address('--from', values.from),
    body: values.body,
    pop3: values.pop3 !== undefined ? parseMailboxServer('--pop3', values.pop3, 'pop3') : undefined,
    imap: values.imap !== undefined ? parseMailboxServer('--imap', values.imap, 'imap') : undefined,
    mailboxUser: safe('--mailbox-user', values['mailbox-user']),
    timeoutSeconds: timeout(values.timeout),
    steps: steps as StepId[] | undefined,
    report: safe('--report', values.report),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (flags as unknown as Record<string, unknown>)[key] = value;
  }
  if (flags.report && !/\.(md|html|json|txt)$/i.test(flags.report)) {
    throw new UsageError(
      '--report',
      `"${flags.report}" must end in .md, .html, .json or .txt (the format follows the extension)`,
    );
  }
  return flags;
};

const CONSOLE_PROTOCOLS: readonly ConsoleProtocolChoice[] = ['auto', 'smtp', 'pop3', 'imap', 'raw'];
const CONSOLE_ONLY_NOT: readonly string[] = [
  'server',
  'auth-user',
  'auth-mech',
  'auth-pass-file',
  'from',
  'to',
  'header',
  'body',
  'pop3',
  'imap',
  'mailbox-user',
  'dns',
  'steps',
  'redact-identities',
  'json',
  'domains-file',
  'concurrency',
];

const IMPLICIT_TWIN: Readonly<Record<number, true>> = { 465: true, 995: true, 993: true };

/** The implicit-TLS counterpart of a lab role, for `--tls implicit`. */
const IMPLICIT_ROLE: Readonly<Record<number, number>> = { 25: 465, 587: 465, 110: 995, 143: 993 };
const ROLE_OF_PROTOCOL: Readonly<Record<string, number>> = {
  auto: 25,
  smtp: 25,
  pop3: 110,
  imap: 143,
};

/**
 * `mailmedic console --lab [SCENARIO]` (or a lesson with no HOST:PORT): which of the lab's servers.
 * A lesson brings its own (lesson 2 is written for 587); otherwise --port names the role, or the
 * protocol picks its usual port, and --tls implicit its TLS-first twin.
 */
const labRole = (
  values: Values,
  lesson: number | undefined,
  protocol: ConsoleProtocolChoice,
  tls: ConsoleFlags['tls'],
): number => {
  const given = positiveNumber('--port', values.port, true);
  if (given !== undefined && !LAB_ROLE_PORTS.includes(given))
    throw new UsageError(
      '--port',
      `the practice lab has servers in the roles of ports ${LAB_ROLE_PORTS.join(', ')}, not ${given}`,
    );
  const learning = lesson !== undefined ? lessonById(lesson) : undefined;
  if (learning && !LAB_ROLE_PORTS.includes(learning.port))
    throw new UsageError(
      '--lesson',
      `lesson ${learning.id} (${learning.title.split(':')[0]}) needs a ${learning.protocol === 'raw' ? 'web server' : 'server'} the practice lab does not have: give HOST:PORT, e.g. mailmedic console www.example.com:${learning.port} --lesson ${learning.id}`,
    );
  if (protocol === 'raw' && !learning)
    throw new UsageError('--protocol', 'the practice lab speaks SMTP, POP3 and IMAP, not raw');
  const plain = given ?? learning?.port ?? ROLE_OF_PROTOCOL[protocol] ?? 25;
  const implicit = plain === 465 || plain === 995 || plain === 993;
  if (tls === 'implicit' && !implicit) {
    if (given !== undefined)
      throw new UsageError(
        '--tls',
        `the lab's port-${given} server does not speak TLS from the first byte: use --port ${IMPLICIT_ROLE[given]} for that`,
      );
    return IMPLICIT_ROLE[plain] ?? plain;
  }
  if (tls === 'starttls' && implicit)
    throw new UsageError('--tls', `the lab's port-${plain} server speaks TLS from the first byte`);
  return plain;
};

/** `mailmedic console HOST:PORT`: everything checked before any network work. */
const consoleFlags = (values: Values, args: string[], color: boolean): ConsoleFlags => {
  for (const flag of CONSOLE_ONLY_NOT)
    if ((values as Record<string, unknown>)[flag] !== undefined)
      throw new UsageError(`--${flag}`, 'is not a console option (see mailmedic --help)');
  const tls = oneOf('--tls', values.tls, ['none', 'implicit', 'starttls'] as const, 'none');
  const protocol = oneOf('--protocol', values.protocol, CONSOLE_PROTOCOLS, 'auto');
  if (tls === 'starttls' && protocol === 'raw')
    throw new UsageError('--tls', 'starttls needs SMTP, POP3 or IMAP, not raw');
  const lesson = positiveNumber('--lesson', values.lesson, true);
  if (lesson !== undefined && lesson > 5)
    throw new UsageError('--lesson', `there are lessons 1 to 5, not ${lesson}`);
  if (args.length > 1 || (args.length === 1 && values.lab !== undefined))
    throw new UsageError(
      'console',
      values.lab !== undefined
        ? 'give HOST:PORT or --lab, not both'
        : 'give exactly one HOST:PORT, for example: mailmedic console mail.example.com:25',
    );
  // No server named: the practice lab (a lesson alone runs there too).
  const lab = values.lab !== undefined || (args.length === 0 && lesson !== undefined);
  if (args.length === 0 && !lab)
    throw new UsageError(
      'console',
      'give HOST:PORT (for example: mailmedic console mail.example.com:25), or --lab to practise on the built-in lab',
    );
  let target: ConsoleTarget;
  if (lab) {
    target = {
      kind: 'lab',
      scenario: safe('--lab', values.lab) || 'healthy',
      role: labRole(values, lesson, protocol, tls),
    };
  } else {
    if (values.port !== undefined)
      throw new UsageError('--port', 'goes with --lab in the console; otherwise give HOST:PORT');
    const given = parseHostPort('HOST:PORT', args[0]!);
    if (given.port === undefined)
      throw new UsageError(
        'HOST:PORT',
        `"${args[0]}" has no port: the console needs one (25, 587, 110, 143, 80...)`,
      );
    target = { kind: 'server', host: given.host, port: given.port };
  }
  const ehlo = safe('--ehlo', values.ehlo) ?? hostname();
  if (/\s/.test(ehlo)) throw new UsageError('--ehlo', `"${ehlo}" contains white space`);
  const report = safe('--report', values.report);
  if (report && !/\.(md|html|json|txt)$/i.test(report))
    throw new UsageError(
      '--report',
      `"${report}" must end in .md, .html, .json or .txt (the format follows the extension)`,
    );
  const timeoutSeconds = positiveNumber('--timeout', values.timeout, false);
  return {
    target,
    tls: target.kind === 'lab' && target.role in IMPLICIT_TWIN ? 'implicit' : tls,
    protocol,
    insecure: values.insecure ?? false,
    caFiles: (values['ca-file'] ?? []).map((f) => safe('--ca-file', f)!),
    ehlo,
    color,
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(report ? { report } : {}),
    ...(lesson !== undefined ? { lesson } : {}),
  };
};
