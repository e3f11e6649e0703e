// What a run needs to know, already validated: the CLI turns flags into this, the wizard builds
// it from its screens, and the step runner reads nothing else.
import type { Deadlines } from '../net/deadlines.js';
import type { StepId } from '../record/types.js';

export type TlsMode = 'auto' | 'starttls' | 'implicit' | 'none';
export type AuthMechanismChoice = 'auto' | 'plain' | 'login' | 'cram-md5' | 'xoauth2';

export interface HostPort {
  host: string;
  port?: number;
  /** Implicit TLS from the first byte (pop3s://, imaps://, or the ports 995 and 993). */
  tls?: boolean;
}

export interface RunConfig {
  target: { input: string; domain?: string; server?: HostPort };
  /** The SMTP port when the server comes from DNS or has none of its own. */
  port?: number;
  tls: TlsMode;
  insecure: boolean;
  /**
   * Consent to send credentials over a connection without TLS (`--plaintext-auth`, or the
   * wizard's and console's confirmation). `insecure` is about certificates only.
   */
  plaintextAuth?: boolean;
  /** Extra CA certificates (PEM) to trust. */
  ca: string[];
  ehlo: string;
  auth?: { user: string; mechanism: AuthMechanismChoice; password: string };
  from?: string;
  to: string[];
  headers: string[];
  body?: string;
  pop3?: HostPort;
  imap?: HostPort;
  mailbox?: { user: string; password: string };
  resolvers: string[];
  deadlines: Deadlines;
  steps: StepId[];
  redactIdentities: boolean;
  /** Leave out the first N mail hosts of the MX lookup (the wizard's "next MX"). */
  skipMx?: number;
}

export const DEFAULT_SMTP_PORT = 25;
/** POP3 and IMAP default to their implicit-TLS ports (RFC 8314). */
export const DEFAULT_POP3_PORT = 995;
export const DEFAULT_IMAP_PORT = 993;
export const IMPLICIT_TLS_PORTS: Readonly<Record<string, number[]>> = {
  smtp: [465],
  pop3: [995],
  imap: [993],
};
