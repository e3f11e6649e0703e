// The session record of SPEC.md (schema mailmedic.session/1). Every screen and every report reads
// this and nothing else. Fields may be added; none may be removed without a new schema version.

export const SESSION_SCHEMA = 'mailmedic.session/1' as const;

export const STEP_IDS = [
  'dns',
  'connect',
  'banner',
  'ehlo',
  'tls',
  'auth',
  'send',
  'pop3',
  'imap',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type StepStatus = 'ok' | 'warning' | 'error' | 'skipped';

export interface StepRecord {
  id: StepId;
  status: StepStatus;
  durationMs: number;
  summary: string;
}

export type Direction = 'client' | 'server' | 'note';

export interface TranscriptEntry {
  /** Milliseconds since the session started. */
  t: number;
  step: StepId;
  dir: Direction;
  /** Escaped for display; masked when secret. */
  text: string;
  secret?: boolean;
  /** Explanation of a server reply, one line, from knowledge/ (not part of the wire text). */
  explanation?: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** Something the wizard can do about a finding, beyond the sentence that suggests it. */
export interface NextAction {
  kind: string;
  label: string;
  params?: Record<string, string | number | boolean>;
}

export interface Finding {
  id: string;
  severity: Severity;
  title: string;
  explanation: string;
  /** Indexes into transcript. */
  evidence: number[];
  /** Suggested next diagnoses, plain sentences. */
  next: string[];
  actions?: NextAction[];
  step?: StepId;
}

export interface MxRecord {
  preference: number;
  exchange: string;
  addresses: string[];
}

export interface DnsRecord {
  resolvers: string[];
  mx: MxRecord[];
  [key: string]: unknown;
}

export interface CertificateFacts {
  subject: string;
  altNames: string[];
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  /** Subject of each certificate up the chain, leaf first. */
  chain?: string[];
}

export interface TlsRecord {
  protocol: string;
  cipher: string;
  authorized: boolean;
  authorizationError?: string;
  certificate: CertificateFacts;
  /** How TLS was reached. */
  mode?: 'implicit' | 'starttls';
  servername?: string;
}

export interface DeliveryRecord {
  messageId: string;
  queueId?: string;
  retrievedBy?: 'pop3' | 'imap';
  latencyMs?: number;
}

export interface Target {
  input: string;
  domain?: string;
  server?: { host: string; port: number };
}

/**
 * The settings one attempt of a step ran with, as the user would name them in a ticket. Never a
 * password: whether one was given is all the record says.
 */
export interface RunSettings {
  /** The SMTP server, when given instead of (or chosen after) the domain's MX lookup. */
  host?: string;
  port?: number;
  tls: 'auto' | 'starttls' | 'implicit' | 'none';
  insecure: boolean;
  /**
   * Credentials may go over a connection without TLS without asking (--plaintext-auth; the
   * wizard's "Password w/o TLS: send"). Absent: `check` refuses, the wizard asks each run.
   */
  plaintextAuth?: boolean;
  /** Files of extra CA certificates trusted for this attempt. */
  caFiles?: string[];
  ehlo?: string;
  authUser?: string;
  mechanism?: string;
  from?: string;
  to?: string[];
  mailbox?: {
    protocol: 'pop3' | 'imap';
    host: string;
    port?: number;
    tls?: boolean;
    user?: string;
  };
  resolvers?: string[];
  /** How many of the domain's mail hosts were passed over (the "next MX" action). */
  skipMx?: number;
}

/** What the wizard runs with: the target, the settings, and the steps the user's goal needs. */
export interface WizardSettings extends RunSettings {
  /** A domain, an address, a host or host:port, as typed. */
  target: string;
  /** The steps to run; by default those that make sense for what is set. */
  steps?: StepId[];
}

/** One try of one step (the wizard re-runs steps with changed settings; the ticket needs each). */
export interface StepAttempt {
  /** Which run of the session this was, from 1. */
  run: number;
  step: StepId;
  status: StepStatus;
  summary: string;
  settings: RunSettings;
}

export interface Session {
  schema: typeof SESSION_SCHEMA;
  tool: { name: 'mailmedic'; version: string };
  startedAt: string;
  target: Target;
  steps: StepRecord[];
  dns?: DnsRecord;
  tls?: TlsRecord;
  transcript: TranscriptEntry[];
  findings: Finding[];
  delivery?: DeliveryRecord;
  /** Facts the steps learned that rules may read (EHLO capabilities, banner host, ...). */
  facts?: Record<string, unknown>;
  /** Set when mailmedic itself failed (exit 3), with the step it failed in. */
  failure?: { step?: StepId; message: string; code?: string };
  /** Every attempt of every step, in order, when the wizard ran steps more than once. */
  attempts?: StepAttempt[];
}
