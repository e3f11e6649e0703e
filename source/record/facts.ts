// What the steps learn beyond the transcript, under stable keys, for the diagnosis rules and the
// screens. Steps write these with recorder.fact(key, value); readers use factOf() to get them typed.
import type { PayloadIssue } from '../protocols/common/sasl.js';
import type { Session, TlsRecord } from './types.js';

export interface StepErrorFact {
  /** MailmedicError code: ECONNREFUSED, ETIMEDOUT, EPROTOCOL, ETLS, ELIMIT, ECLOSED... */
  code: string;
  origin: 'network' | 'local' | 'remote';
  message: string;
  /** The command that was waiting for its reply, masked as in the transcript. */
  command?: string;
}

/** A login that met a connection without TLS: sent with consent (--plaintext-auth), or not. */
export interface CleartextFact {
  sent: boolean;
  protocol: 'smtp' | 'pop3' | 'imap';
  host: string;
  port: number;
  user: string;
  /**
   * Whose say: `setting` (--plaintext-auth, or the wizard's settings row), `asked` (the wizard's
   * question, answered "send"), `declined` (the question, answered otherwise: see choice).
   * Absent when no one could be asked (`check` without --plaintext-auth).
   */
  consent?: 'setting' | 'asked' | 'declined';
  /** What the user chose instead of sending, in words (skipped, STARTTLS instead...). */
  choice?: string;
}

export interface CapabilitiesFact {
  serverName: string;
  /** Each extension line as sent after "250-", e.g. "SIZE 10240000", "AUTH PLAIN LOGIN". */
  extensions: string[];
  size?: number;
  auth: string[];
  startTls: boolean;
  pipelining: boolean;
}

/** What a run was asked to do, without secrets: for the same check with standard tools. */
export interface RunSettingsFact {
  /** The SMTP port when the server comes from DNS. */
  port?: number;
  tls: 'auto' | 'starttls' | 'implicit' | 'none';
  insecure: boolean;
  /** True when extra CA certificates were trusted (--ca-file); their paths are not kept. */
  caFile: boolean;
  ehlo: string;
  auth?: { user: string; mechanism: string };
  from?: string;
  to: string[];
  pop3?: { host: string; port?: number; tls?: boolean };
  imap?: { host: string; port?: number; tls?: boolean };
  mailboxUser?: string;
  resolvers: string[];
  steps: string[];
}

export interface SessionFacts {
  /** The settings the run started with (the password is never among them). */
  'run.settings': RunSettingsFact;
  /** Every connection attempt of the SMTP part, in order (a fallback to the next MX adds one). */
  'connect.attempts': {
    host: string;
    port: number;
    servername: string;
    ok: boolean;
    code?: string;
    ms: number;
  }[];
  /** What was wrong with a hand-typed AUTH payload (manual console), judged before masking. */
  'auth.payload': { mechanism: string; issues: PayloadIssue[] };
  /** Where the SMTP connection went. */
  'connect.remote': { host: string; port: number; address?: string; ms: number };
  /** After a connect timeout on port 25: whether the submission port of the same host answers. */
  'connect.probe': { host: string; port: number; reachable: boolean; code?: string; ms: number };
  /** The banner (greeting) and how long it took to arrive. */
  banner: { code: number; text: string; ms: number; host: string };
  /** A plain connection that stayed silent this long: the port may expect TLS first. */
  'banner.silent': { ms: number; port: number };
  /**
   * Bytes of the greeting arrived, but slowly (a tarpit drips it a byte at a time): how many, in
   * how many pieces, when the first came and how long the wait lasted; complete when the line
   * ended before the deadline, else what had arrived (text as received, gated like all text).
   */
  'banner.drip': {
    bytes: number;
    chunks: number;
    firstByteMs: number;
    ms: number;
    complete: boolean;
    partial?: string;
  };
  /** EHLO capabilities before any TLS. */
  ehlo: CapabilitiesFact;
  /** True when EHLO was refused and HELO was used instead. */
  'ehlo.helo': boolean;
  /** EHLO capabilities after STARTTLS (only these count). */
  'ehlo.afterTls': CapabilitiesFact;
  auth: { mechanism: string; code: number; enhanced?: string; offered: string[] };
  /** The test message's size against the advertised SIZE. */
  'send.size': { bytes: number; limit?: number };
  'send.recipients': { to: string; code?: number; enhanced?: string }[];
  /** ms since the epoch when the server accepted the message (end of DATA). */
  'send.acceptedAt': number;
  'pop3.login': { ok: boolean; code?: string; text: string; capa: string[] };
  'imap.login': { status: string; code?: string; text: string };
  'auth.cleartext': CleartextFact;
  'pop3.cleartext': CleartextFact;
  'imap.cleartext': CleartextFact;
  /** The TLS of the POP3 / IMAP session (implicit or after STLS/STARTTLS), as session.tls for SMTP. */
  'pop3.tls': TlsRecord;
  'imap.tls': TlsRecord;
  /** `${step}.error` for any step: the typed error that ended it. */
  [stepError: `${string}.error`]: StepErrorFact;
}

export const factOf = <K extends keyof SessionFacts>(
  session: Session,
  key: K,
): SessionFacts[K] | undefined => session.facts?.[key as string] as SessionFacts[K] | undefined;
