// What the manual console needs from a protocol: judge a typed line, turn it into bytes (masking
// what is secret, since the console is where this command is built), and read replies.
import type { StepId } from '../../record/types.js';

export type ConsoleProtocol = 'smtp' | 'pop3' | 'imap' | 'raw';

/** What the next typed line is: a command, a line of the message (SMTP DATA), or a SASL answer. */
export type ConsoleMode = 'command' | 'data' | 'sasl';

export interface ConsoleOutgoing {
  bytes: Buffer;
  display: string[];
  secret: boolean;
  secrets: string[];
  /** Facts learned from the typed line before it was masked (record/facts.ts keys). */
  facts?: Record<string, unknown>;
  /** What the console did to the line, said to the learner: a tag added, a dot doubled. */
  notes?: string[];
  /** The step of the session this line belongs to. */
  step: StepId;
}

/** The auth helper builds the line itself and says how it is shown. */
export interface DisplayOverride {
  display: string[];
  secret: boolean;
  secrets: string[];
}

export type ConsoleEvent =
  /** Server lines; the explanation goes on line `explainIndex` (the status line; default the last). */
  | { type: 'lines'; lines: string[]; explanation?: string; explainIndex?: number; step: StepId }
  | { type: 'note'; text: string; step?: StepId }
  /** The server agreed to STARTTLS/STLS: the console must do the handshake before anything else. */
  | { type: 'tls-ready' }
  /** A SASL challenge (334, "+ "): base64 as received and, when it is text, decoded. */
  | { type: 'challenge'; raw: string; decoded?: string }
  /** The first line from the server (the greeting), for a lesson to follow. */
  | { type: 'greeting'; ok: boolean };

/** How a typed line relates to credentials. */
export type CredentialUse =
  /** The line itself carries a password or a SASL payload. */
  | { kind: 'sends' }
  /** AUTH LOGIN / AUTH PLAIN without a payload: the auth helper asks for user and password. */
  | { kind: 'helper'; mechanism: 'LOGIN' | 'PLAIN' };

export interface ConsoleAdapter {
  readonly protocol: ConsoleProtocol;
  readonly mode: ConsoleMode;
  /** TLS is active on the connection (implicit or after STARTTLS/STLS). */
  readonly isSecure: boolean;
  /** Replies still expected. */
  readonly awaiting: number;
  /** False once the server said goodbye or the stream could not be read any more. */
  readonly isOver: boolean;
  /** A warning to show before sending, or undefined when the line fits the session's state. */
  whyNot(line: string): string | undefined;
  /** Whether the line sends credentials, or starts an exchange the auth helper should drive. */
  credentials(line: string): CredentialUse | undefined;
  /** How the line would be shown, masked, without sending it (held lines, history). */
  preview(line: string): string[];
  send(line: string, override?: DisplayOverride): ConsoleOutgoing;
  /** The command that starts a SASL exchange, with an initial response when given. */
  authCommand(mechanism: string, initial?: string): string;
  /** Whether an initial response may go on the command line (SMTP, POP3; IMAP with SASL-IR). */
  readonly initialResponse: boolean;
  receive(chunk: Buffer): ConsoleEvent[];
  tlsEstablished(): void;
  closed(): void;
}
