/**
 * Access to the real Postfix + Dovecot + dnsmasq (+ Exim + GNU Mailutils) test stack run by
 * `scripts/mail-stack` (Debian 12, root). Tests call `getMailStack()`; it
 * reuses a running, healthy stack (`scripts/mail-stack status`) or starts one
 * (`scripts/mail-stack start`), once per process. It never skips: if the stack
 * cannot be had, it throws with the script's stderr and how to start it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface MailStackZones {
  /** MX 10 mx1 / MX 20 mx2, SPF, DMARC, MTA-STS, TLS-RPT, SRV records. */
  healthy: string;
  /** RFC 7505 null MX: MX 0 "." (node's resolver reports exchange ""). */
  nullMx: string;
  /** MX 10 nowhere.brokenmx.test, which does not resolve (NXDOMAIN). */
  brokenMx: string;
  /** No MX, only A 127.0.0.1 (implicit MX). */
  noMx: string;
  /** MX 10 alias.cnamemx.test, a CNAME to mail.example.test. */
  cnameMx: string;
  /** MX 10 mail.example.test and two v=spf1 TXT records. */
  badSpf: string;
}

/** Exim 4 (from its extracted Debian package): relays nothing, delivers to Mailutils' mailbox. */
export interface EximPorts {
  /** Accepts mail for the domain; refuses relaying with `550 relay not permitted` (no enhanced code). */
  smtp: number;
  /** STARTTLS offered; AUTH PLAIN/LOGIN advertised only inside TLS; MAIL needs AUTH. */
  submission: number;
  /** Implicit TLS, AUTH PLAIN/LOGIN. */
  smtps: number;
}

/** GNU Mailutils pop3d/imap4d serving the mailbox Exim delivers to (same user and password). */
export interface MailutilsPorts {
  /** Plain POP3: `tls-mode required`, USER refused until STLS. */
  pop3: number;
  pop3s: number;
  /** Plain IMAP: LOGIN disabled until STARTTLS. */
  imap: number;
  imaps: number;
}

export interface MailStack {
  /** State directory holding every config, log and mailbox of the stack. */
  dir: string;
  /** Always 127.0.0.1. */
  host: string;
  /** example.test */
  domain: string;
  /** test@example.test (the local part `test` alone works too). */
  user: string;
  password: string;
  /** Plain SMTP: accepts mail for the domain, refuses relaying (554 5.7.1), offers STARTTLS. */
  smtp: number;
  /** Submission: STARTTLS required, AUTH PLAIN/LOGIN only after TLS. */
  submission: number;
  /** SMTPS: implicit TLS, AUTH PLAIN/LOGIN. */
  smtps: number;
  /** Plain POP3: login only after STLS. */
  pop3: number;
  pop3s: number;
  /** Plain IMAP: LOGINDISABLED until STARTTLS. */
  imap: number;
  imaps: number;
  /** dnsmasq on 127.0.0.1, UDP and TCP. */
  dns: number;
  /** PEM of the throwaway CA that signed the server certificate. */
  caCert: string;
  /** PEM of the server certificate (mail.example.test, mx1, mx2, localhost, 127.0.0.1). */
  serverCert: string;
  /** mail.example.test: the name to verify the server certificate against. */
  serverName: string;
  /** The second pair of servers, with other wording than Postfix and Dovecot. */
  exim: EximPorts;
  mailutils: MailutilsPorts;
  zones: MailStackZones;
}

/** Absolute path of scripts/mail-stack in this checkout. */
export const MAIL_STACK_SCRIPT = fileURLToPath(
  new URL('../../scripts/mail-stack', import.meta.url),
);

const HOW_TO_START =
  'The integration tests need the local mail stack (real Postfix, Dovecot and dnsmasq on 127.0.0.1). ' +
  'On Debian 12 start it with: sudo scripts/mail-stack start ' +
  '(it installs the packages with apt-get on first use; see scripts/mail-stack --help).';

const STATUS_TIMEOUT_MS = 60_000;
/** A fresh machine has to apt-get install the packages first. */
const START_TIMEOUT_MS = 15 * 60_000;

interface RunResult {
  code: number | string | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

function run(args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      MAIL_STACK_SCRIPT,
      args,
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8', killSignal: 'SIGTERM' },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ code: 0, stdout, stderr });
          return;
        }
        const code = (error as NodeJS.ErrnoException & { code?: number | string }).code ?? null;
        resolve({ code, stdout, stderr, error });
      },
    );
  });
}

function tail(text: string, lines = 40): string {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

const PORT_KEYS = ['smtp', 'submission', 'smtps', 'pop3', 'pop3s', 'imap', 'imaps', 'dns'] as const;
const STRING_KEYS = [
  'dir',
  'host',
  'domain',
  'user',
  'password',
  'caCert',
  'serverCert',
  'serverName',
] as const;
const NESTED_PORT_KEYS = {
  exim: ['smtp', 'submission', 'smtps'],
  mailutils: ['pop3', 'pop3s', 'imap', 'imaps'],
} as const;
const ZONE_KEYS = ['healthy', 'nullMx', 'brokenMx', 'noMx', 'cnameMx', 'badSpf'] as const;

/** Parses and checks the JSON printed by scripts/mail-stack. */
export function parseMailStack(text: string): MailStack {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null)
    throw new Error('mail-stack JSON is not an object');
  const obj = value as Record<string, unknown>;
  for (const key of PORT_KEYS) {
    const port = obj[key];
    if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65_535) {
      throw new Error(`mail-stack JSON: bad port ${key}=${JSON.stringify(port)}`);
    }
  }
  for (const key of STRING_KEYS) {
    if (typeof obj[key] !== 'string' || obj[key] === '') {
      throw new Error(`mail-stack JSON: missing ${key}`);
    }
  }
  for (const [group, keys] of Object.entries(NESTED_PORT_KEYS)) {
    const ports = obj[group];
    for (const key of keys) {
      const port = (ports as Record<string, unknown> | undefined)?.[key];
      if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65_535) {
        // An older stack (before Exim and Mailutils): start rebuilds it.
        throw new Error(`mail-stack JSON: bad port ${group}.${key}=${JSON.stringify(port)}`);
      }
    }
  }
  const zones = obj['zones'];
  if (typeof zones !== 'object' || zones === null)
    throw new Error('mail-stack JSON: missing zones');
  for (const key of ZONE_KEYS) {
    if (typeof (zones as Record<string, unknown>)[key] !== 'string') {
      throw new Error(`mail-stack JSON: missing zones.${key}`);
    }
  }
  return value as MailStack;
}

async function obtain(): Promise<MailStack> {
  const status = await run(['status'], STATUS_TIMEOUT_MS);
  if (status.code === 0) {
    try {
      return parseMailStack(status.stdout);
    } catch {
      // fall through to start, which repairs a broken state
    }
  }

  const start = await run(['start'], START_TIMEOUT_MS);
  if (start.code === 0) {
    try {
      return parseMailStack(start.stdout);
    } catch (err) {
      throw new Error(
        `scripts/mail-stack start printed unusable JSON (${(err as Error).message}).\n` +
          `${HOW_TO_START}\n--- stdout ---\n${tail(start.stdout)}\n--- stderr (tail) ---\n${tail(start.stderr)}`,
      );
    }
  }
  const why =
    start.error !== undefined && start.code === 'ENOENT'
      ? `${MAIL_STACK_SCRIPT} not found`
      : `scripts/mail-stack start failed (exit ${String(start.code)}${
          (start.error as { killed?: boolean } | undefined)?.killed ? ', timed out' : ''
        })`;
  throw new Error(
    `Mail stack unavailable: ${why}.\n${HOW_TO_START}\n` +
      `--- status stderr ---\n${tail(status.stderr, 10)}\n--- start stderr (tail) ---\n${tail(start.stderr)}`,
  );
}

let cached: Promise<MailStack> | undefined;

/**
 * The running mail stack; starts it if needed. Cached per process (a failure
 * is not cached, so a later call tries again).
 */
export async function getMailStack(): Promise<MailStack> {
  if (cached === undefined) {
    cached = obtain();
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

/**
 * The flags that point mailmedic at the stack's submission port as its test user, trusting the
 * stack's CA (the password goes through MAILMEDIC_PASSWORD): tests and benches add the rest.
 */
export const submissionArgs = (stack: MailStack, opts: { to?: boolean } = {}): string[] => [
  '--server',
  `${stack.host}:${stack.submission}`,
  '--ca-file',
  stack.caCert,
  '--auth-user',
  stack.user,
  ...(opts.to ? ['--to', stack.user] : []),
];
