// A sans-IO SMTP client: bytes in, events out; commands in, bytes out. It never touches a socket
// or a clock, so the same engine serves `check`, the guided wizard and the manual console.
import { BARE_LF_NOTE, refuseBytesBeforeHandshake } from '../common/stream-guards.js';
import { IllegalTransitionError, RemoteProtocolError } from '../common/errors.js';
import { Fifo } from '../common/fifo.js';
import { LineFramer } from '../common/framer.js';
import type { FramingLimits } from '../common/limits.js';
import { withLimits } from '../common/limits.js';
import { decodeBase64Text } from '../common/sasl.js';
import type { SmtpCapabilities } from './capabilities.js';
import { parseEhloReply } from './capabilities.js';
import type { Outgoing, SmtpCommand, SmtpVerb } from './commands.js';
import { encodeCommand, verbOfRawLine } from './commands.js';
import type { SmtpReply } from './reply.js';
import { SmtpReplyAssembler } from './reply.js';
import type { SmtpState } from './states.js';
import { isAllowed, nextState, projectedState } from './states.js';

export type SmtpEvent =
  | {
      type: 'reply';
      /** What the reply answers: the greeting, a command, or nothing (an unsolicited 421). */
      answers: SmtpVerb | 'GREETING' | 'UNSOLICITED';
      reply: SmtpReply;
      stateBefore: SmtpState;
      state: SmtpState;
      /** For a 334: the challenge decoded for display ("Username:"). */
      challenge?: string;
      /** For an accepted EHLO: what the server offers. */
      capabilities?: SmtpCapabilities;
    }
  | { type: 'note'; text: string };

interface Pending {
  verb: SmtpVerb;
  /** For RAW lines: the verb the state table should apply, if recognised. */
  tracked?: SmtpVerb;
}

export interface SmtpEngineOptions {
  limits?: Partial<FramingLimits>;
  /** Set when the connection began with implicit TLS. */
  tls?: boolean;
}

export class SmtpEngine {
  private readonly framer: LineFramer;
  private readonly assembler: SmtpReplyAssembler;
  private current: SmtpState = 'greeting';
  private readonly queue = new Fifo<Pending>();
  /** projected, kept up to date on send and forgotten on each reply (recomputed when asked). */
  private projectedCache: SmtpState | undefined;
  private caps: SmtpCapabilities | undefined;
  private authenticated = false;
  private secure: boolean;
  private notedBareLf = false;

  constructor(options: SmtpEngineOptions = {}) {
    const limits = withLimits(options.limits);
    this.framer = new LineFramer(limits);
    this.assembler = new SmtpReplyAssembler(limits);
    this.secure = options.tls ?? false;
  }

  get state(): SmtpState {
    return this.current;
  }
  get capabilities(): SmtpCapabilities | undefined {
    return this.caps;
  }
  get isAuthenticated(): boolean {
    return this.authenticated;
  }
  get isSecure(): boolean {
    return this.secure;
  }
  /** Commands sent whose replies have not arrived yet. */
  get awaiting(): number {
    return this.queue.length + (this.current === 'greeting' ? 1 : 0);
  }

  /** The state the session will be in if every pending command succeeds. */
  get projected(): SmtpState {
    if (this.projectedCache === undefined) {
      let state = this.current;
      for (const p of this.queue) if (p.tracked) state = projectedState(p.tracked, state);
      this.projectedCache = state;
    }
    return this.projectedCache;
  }

  private enqueue(pending: Pending): void {
    const before = this.projected;
    this.queue.push(pending);
    this.projectedCache = pending.tracked ? projectedState(pending.tracked, before) : before;
  }

  /** Why `command` should not be sent now, or undefined when it may. The manual console asks this. */
  whyNot(command: SmtpCommand): string | undefined {
    const verb = command.verb === 'RAW' ? verbOfRawLine(command.line) : command.verb;
    const state = this.projected;
    if (state === 'closed') return 'the connection is closed';
    if (state === 'tls') return 'the TLS handshake must finish first';
    if (state === 'greeting') return 'the server has not sent its greeting yet';
    if (verb === undefined || (command.verb === 'RAW' && state === 'data')) return undefined;
    // The message and SASL answers reply to a prompt (354, 334) and may not be sent before it.
    if (verb === 'MESSAGE' && this.queue.length > 0)
      return 'the server has not answered DATA with 354 yet';
    if (verb === 'AUTH-RESPONSE' && this.queue.length > 0)
      return 'the server has not sent its 334 challenge yet';
    if (verb === 'STARTTLS' && this.secure) return 'TLS is already active';
    if (verb === 'AUTH' && this.authenticated)
      return 'already authenticated (RFC 4954 forbids a second AUTH)';
    if (!isAllowed(verb, state)) return `${verb} is not valid in state "${state}"`;
    return undefined;
  }

  /** Encodes a command and queues it for its reply. Throws IllegalTransitionError when not allowed. */
  send(command: SmtpCommand): Outgoing {
    if (command.verb !== 'RAW') {
      const reason = this.whyNot(command);
      if (reason)
        throw new IllegalTransitionError('SMTP', this.projected, `${command.verb} (${reason})`);
    } else if (this.projected === 'closed' || this.projected === 'tls') {
      throw new IllegalTransitionError('SMTP', this.projected, 'RAW');
    }
    const out = encodeCommand(command);
    if (command.verb === 'RAW' && this.projected === 'data') {
      // Lines typed after the 354 are the message: only the final "." gets a reply.
      if (command.line === '.') this.enqueue({ verb: 'RAW', tracked: 'MESSAGE' });
      return out;
    }
    if (command.verb === 'MESSAGE') {
      // The message and its final dot get one reply, like a command.
      this.enqueue({ verb: 'MESSAGE', tracked: 'MESSAGE' });
      return out;
    }
    const tracked = command.verb === 'RAW' ? this.rawTracking(command.line) : command.verb;
    this.enqueue({ verb: command.verb, ...(tracked ? { tracked } : {}) });
    return out;
  }

  /** The start of a reply line that has not ended yet (what a tarpit has dripped so far). */
  get partialLine(): Buffer {
    return this.framer.peek();
  }

  /** Feeds received bytes; returns what they completed. Throws RemoteProtocolError on bad input. */
  receive(chunk: Uint8Array): SmtpEvent[] {
    if (this.current === 'tls') {
      throw new RemoteProtocolError('data received where only a TLS handshake may follow', chunk);
    }
    this.framer.push(chunk);
    const events: SmtpEvent[] = [];
    for (let line = this.framer.nextLine(); line; line = this.framer.nextLine()) {
      if (line.bareLf && !this.notedBareLf) {
        this.notedBareLf = true;
        events.push({
          type: 'note',
          text: BARE_LF_NOTE,
        });
      }
      const reply = this.assembler.add(line);
      if (!reply) continue;
      events.push(this.apply(reply));
      if (this.state === 'tls') {
        refuseBytesBeforeHandshake(this.framer, 'STARTTLS');
        break;
      }
    }
    return events;
  }

  /** The caller finished the TLS handshake: start over, as RFC 3207 requires (EHLO again). */
  tlsEstablished(): void {
    if (this.current !== 'tls')
      throw new IllegalTransitionError('SMTP', this.current, 'TLS established');
    this.secure = true;
    this.caps = undefined;
    this.authenticated = false;
    this.current = 'ready';
    this.projectedCache = undefined;
  }

  /** The peer closed the connection. */
  closed(): void {
    this.current = 'closed';
    this.queue.clear();
    this.projectedCache = undefined;
  }

  private rawTracking(line: string): SmtpVerb | undefined {
    const verb = verbOfRawLine(line);
    if (this.current === 'auth' && verb === undefined) return 'AUTH-RESPONSE';
    return verb;
  }

  private apply(reply: SmtpReply): SmtpEvent {
    this.projectedCache = undefined;
    const stateBefore = this.current;
    if (stateBefore === 'greeting') {
      this.current =
        reply.code >= 200 && reply.code < 300
          ? 'ready'
          : reply.code === 421 || reply.code < 500
            ? 'closed'
            : 'rejected';
      return { type: 'reply', answers: 'GREETING', reply, stateBefore, state: this.current };
    }
    const pending = this.queue.shift();
    if (!pending) {
      if (reply.code === 421) {
        this.current = 'closed';
        return { type: 'reply', answers: 'UNSOLICITED', reply, stateBefore, state: this.current };
      }
      throw new RemoteProtocolError(
        `reply ${reply.code} arrived but no command was waiting for one`,
        Buffer.from(reply.rawLines.join('\r\n')),
      );
    }
    const verb = pending.tracked;
    this.current = verb
      ? nextState(verb, stateBefore, reply.code)
      : reply.code === 421
        ? 'closed'
        : stateBefore;
    const event: Extract<SmtpEvent, { type: 'reply' }> = {
      type: 'reply',
      answers: pending.verb,
      reply,
      stateBefore,
      state: this.current,
    };
    if ((verb === 'EHLO' || verb === 'HELO') && reply.code >= 200 && reply.code < 300) {
      this.caps = verb === 'EHLO' ? parseEhloReply(reply) : undefined;
      if (this.caps) event.capabilities = this.caps;
    }
    if ((verb === 'AUTH' || verb === 'AUTH-RESPONSE') && reply.code === 235)
      this.authenticated = true;
    if (reply.code === 334) {
      const decoded = decodeBase64Text(reply.lines[0] ?? '');
      if (decoded !== undefined) event.challenge = decoded;
    }
    return event;
  }
}
