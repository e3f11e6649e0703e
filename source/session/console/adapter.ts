// What the manual console needs from a protocol: judge a typed line, turn it into bytes (masking
// what is secret, since the console is where this command is built), and read replies.
export interface ConsoleOutgoing {
  bytes: Buffer;
  display: string[];
  secret: boolean;
  secrets: string[];
  /** Facts learned from the typed line before it was masked (record/facts.ts keys). */
  facts?: Record<string, unknown>;
}

export type ConsoleEvent =
  | { type: 'lines'; lines: string[]; explanation?: string }
  | { type: 'note'; text: string }
  /** The server agreed to STARTTLS/STLS: the console must do the handshake before anything else. */
  | { type: 'tls-ready' };

export interface ConsoleAdapter {
  readonly protocol: 'smtp' | 'pop3' | 'imap' | 'raw';
  /** A warning to show before sending, or undefined when the line fits the session's state. */
  whyNot(line: string): string | undefined;
  send(line: string): ConsoleOutgoing;
  receive(chunk: Buffer): ConsoleEvent[];
  /** Replies still expected. */
  readonly awaiting: number;
  tlsEstablished(): void;
}
