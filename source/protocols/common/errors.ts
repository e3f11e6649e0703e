// Every failure carries where it came from (our side, the network, the peer) and a stable code,
// so the diagnosis rules and the exit code never have to parse a message.

export type ErrorOrigin = 'network' | 'local' | 'remote';

export type ErrorCode =
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'ETIMEDOUT'
  | 'EHOSTUNREACH'
  | 'ENETUNREACH'
  | 'ENOTFOUND'
  | 'EPROTOCOL'
  | 'ELIMIT'
  | 'ETLS'
  | 'EINSECURE'
  | 'ESTATE'
  | 'EINPUT'
  | 'ECLOSED'
  | 'ECANCELLED'
  | 'EDNS'
  | 'EINTERNAL';

export interface MailmedicErrorDetails {
  origin: ErrorOrigin;
  code: ErrorCode;
  step?: string;
  command?: string;
  reply?: string;
  /** The bytes that could not be understood, kept for the transcript. */
  raw?: Uint8Array;
  cause?: unknown;
}

export class MailmedicError extends Error {
  readonly origin: ErrorOrigin;
  readonly code: ErrorCode;
  step?: string;
  /** The command that was waiting for a reply (masked, as the transcript shows it). */
  command?: string;
  readonly reply?: string;
  readonly raw?: Uint8Array;

  constructor(message: string, details: MailmedicErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MailmedicError';
    this.origin = details.origin;
    this.code = details.code;
    this.step = details.step;
    this.command = details.command;
    this.reply = details.reply;
    this.raw = details.raw;
  }
}

/** The peer sent something the protocol does not allow; the raw bytes are kept. */
export class RemoteProtocolError extends MailmedicError {
  constructor(message: string, raw?: Uint8Array, code: ErrorCode = 'EPROTOCOL') {
    super(message, { origin: 'remote', code, raw });
    this.name = 'RemoteProtocolError';
  }
}

/** A command was asked for in a state whose transition table does not allow it. */
export class IllegalTransitionError extends MailmedicError {
  readonly state: string;
  constructor(protocol: string, state: string, command: string) {
    super(`${protocol}: ${command} is not allowed in state ${state}`, {
      origin: 'local',
      code: 'ESTATE',
      command,
    });
    this.name = 'IllegalTransitionError';
    this.state = state;
  }
}

/** A user-supplied value that must not reach the wire (CR, LF, NUL, or otherwise invalid). */
export class InputError extends MailmedicError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, { origin: 'local', code: 'EINPUT' });
    this.name = 'InputError';
    this.field = field;
  }
}

export const isMailmedicError = (e: unknown): e is MailmedicError => e instanceof MailmedicError;
