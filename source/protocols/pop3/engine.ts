// A sans-IO POP3 client: bytes in, events out; commands in, bytes out. It never touches a socket
// or a clock, so the same engine serves `check`, the guided wizard and the manual console.
import {
  BARE_LF_NOTE,
  refuseBytesBeforeHandshake,
  bytesAfterEndNote,
} from '../common/stream-guards.js';
import { IllegalTransitionError, RemoteProtocolError } from '../common/errors.js';
import type { FramedLine } from '../common/framer.js';
import { LineFramer } from '../common/framer.js';
import type { FramingLimits } from '../common/limits.js';
import { withLimits } from '../common/limits.js';
import { decodeBase64Text } from '../common/sasl.js';
import type { Pop3Capabilities } from './capabilities.js';
import { parseCapabilities } from './capabilities.js';
import type { Pop3Command, Pop3Outgoing, Pop3Verb } from './commands.js';
import { encodeCommand, rawLineHasArgument, verbOfRawLine } from './commands.js';
import type { Pop3ListEntry, Pop3Stat, Pop3UidEntry } from './listings.js';
import { parseScanListing, parseStat, parseUidListing } from './listings.js';
import type { Pop3Message, Pop3Response } from './response.js';
import { Pop3PayloadCollector, apopTimestampOf, parseStatusLine } from './response.js';
import type { Pop3State } from './states.js';
import { isAllowed, isSaslExchange, nextState, payloadOf, projectedState } from './states.js';

/** Default cap on a retrieved message (RETR, TOP); beyond it the rest is read and dropped. */
export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export type Pop3Event =
  | {
      type: 'greeting';
      response: Pop3Response;
      /** The `<...@...>` APOP timestamp, when the greeting carried one. */
      apopTimestamp?: string;
      stateBefore: Pop3State;
      state: Pop3State;
    }
  | {
      type: 'response';
      /** What the response answers, or UNSOLICITED (a -ERR with nothing asked: the server is leaving). */
      answers: Pop3Verb | 'UNSOLICITED';
      response: Pop3Response;
      stateBefore: Pop3State;
      state: Pop3State;
      capabilities?: Pop3Capabilities;
      stat?: Pop3Stat;
      /** LIST: one entry for "LIST n", every message for "LIST". */
      listing?: Pop3ListEntry[];
      /** UIDL: one entry for "UIDL n", every message for "UIDL". */
      uids?: Pop3UidEntry[];
      /** RETR and TOP. */
      message?: Pop3Message;
    }
  | {
      /** A SASL "+ " challenge; answer with AUTH-RESPONSE. */
      type: 'challenge';
      answers: Pop3Verb;
      response: Pop3Response;
      /** The challenge decoded for display ("Username:"), when it is base64 text. */
      decoded?: string;
      stateBefore: Pop3State;
      state: Pop3State;
    }
  | { type: 'note'; text: string };

export type Pop3ResponseEvent = Extract<Pop3Event, { type: 'response' }>;

interface Pending {
  verb: Pop3Verb;
  /** The verb the state table applies (RAW lines are parsed for it). */
  tracked?: Pop3Verb;
  payload: 'none' | 'lines' | 'message';
}

interface Collecting {
  pending: Pending;
  response: Pop3Response;
  stateBefore: Pop3State;
  collector: Pop3PayloadCollector;
}

export interface Pop3EngineOptions {
  limits?: Partial<FramingLimits>;
  /** Set when the connection began with implicit TLS (port 995). */
  tls?: boolean;
  /** Cap on a RETR/TOP message kept in memory; default 10 MiB. */
  maxMessageBytes?: number;
}

export class Pop3Engine {
  private readonly framer: LineFramer;
  private readonly limits: FramingLimits;
  private readonly maxMessageBytes: number;
  private current: Pop3State = 'greeting';
  private readonly queue: Pending[] = [];
  private collecting: Collecting | undefined;
  private caps: Pop3Capabilities | undefined;
  private timestamp: string | undefined;
  private authenticated = false;
  private secure: boolean;
  private notedBareLf = false;
  private notedAfterEnd = false;

  constructor(options: Pop3EngineOptions = {}) {
    this.limits = withLimits(options.limits);
    this.framer = new LineFramer(this.limits);
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.secure = options.tls ?? false;
  }

  get state(): Pop3State {
    return this.current;
  }
  get capabilities(): Pop3Capabilities | undefined {
    return this.caps;
  }
  /** The greeting's APOP timestamp, if it had one. */
  get apopTimestamp(): string | undefined {
    return this.timestamp;
  }
  get isAuthenticated(): boolean {
    return this.authenticated;
  }
  get isSecure(): boolean {
    return this.secure;
  }
  /** Commands sent whose responses have not arrived yet. */
  get awaiting(): number {
    return this.queue.length + (this.collecting ? 1 : 0) + (this.current === 'greeting' ? 1 : 0);
  }

  /** The state the session will be in if every pending command succeeds. */
  get projected(): Pop3State {
    const pending = this.collecting ? [this.collecting.pending, ...this.queue] : this.queue;
    return pending.reduce<Pop3State>(
      (s, p) => (p.tracked ? projectedState(p.tracked, s) : s),
      this.current,
    );
  }

  /** Why `command` should not be sent now, or undefined when it may. The manual console asks this. */
  whyNot(command: Pop3Command): string | undefined {
    const state = this.projected;
    if (state === 'closed') return 'the connection is closed';
    if (state === 'update') return 'the session is over (QUIT was sent)';
    if (state === 'tls') return 'the TLS handshake must finish first';
    if (state === 'greeting') return 'the server has not sent its greeting yet';
    const saslPending = [this.collecting?.pending, ...this.queue].find((p) =>
      isSaslExchange(p?.tracked),
    );
    if (saslPending) {
      return `${saslPending.tracked} is in progress: wait for the server's answer before sending anything else`;
    }
    const verb = this.trackedVerb(command);
    if (verb === undefined)
      return isAllowed('RAW', state) ? undefined : `nothing can be sent in state "${state}"`;
    if (verb === 'STLS' && this.secure) return 'TLS is already active';
    if (verb === 'APOP' && this.timestamp === undefined) {
      return 'the greeting carried no <...@...> timestamp, so APOP cannot be used';
    }
    if (!isAllowed(verb, state)) return `${verb} is not valid in state "${state}"`;
    return undefined;
  }

  /** Encodes a command and queues it for its response. Throws IllegalTransitionError when not allowed. */
  send(command: Pop3Command): Pop3Outgoing {
    const reason = this.whyNot(command);
    if (reason && !(command.verb === 'RAW' && this.mayForce()))
      throw new IllegalTransitionError('POP3', this.projected, `${command.verb} (${reason})`);
    const out = encodeCommand(command, {
      ...(this.timestamp !== undefined ? { apopTimestamp: this.timestamp } : {}),
      saslResponse: command.verb === 'RAW' && this.current === 'sasl',
    });
    const tracked = this.trackedVerb(command);
    const hasArgument =
      command.verb === 'RAW'
        ? rawLineHasArgument(command.line)
        : 'message' in command && command.message !== undefined;
    this.queue.push({
      verb: command.verb,
      ...(tracked ? { tracked } : {}),
      payload: tracked ? payloadOf(tracked, hasArgument) : 'none',
    });
    return out;
  }

  /**
   * A typed line the user sends although it does not fit (the manual console's "send anyway"):
   * allowed while the session is live and no SASL exchange owns the next line, so the server's
   * own answer to the mistake can be seen.
   */
  private mayForce(): boolean {
    const live = ['authorization', 'user', 'transaction'].includes(this.projected);
    const sasl = [this.collecting?.pending, ...this.queue].some((p) => isSaslExchange(p?.tracked));
    return live && !sasl;
  }

  /** Feeds received bytes; returns what they completed. Throws RemoteProtocolError on bad input. */
  receive(chunk: Uint8Array): Pop3Event[] {
    const events: Pop3Event[] = [];
    try {
      if (this.current === 'tls' && chunk.length > 0) {
        throw new RemoteProtocolError('data received where only a TLS handshake may follow', chunk);
      }
      this.framer.push(chunk);
      if (this.ignoreAfterEnd(events)) return events;
      for (let line = this.framer.nextLine(); line; line = this.framer.nextLine()) {
        if (line.bareLf && !this.notedBareLf) {
          this.notedBareLf = true;
          events.push({
            type: 'note',
            text: BARE_LF_NOTE,
          });
        }
        const event = this.collecting ? this.collect(line) : this.status(line);
        if (event) events.push(event);
        if (this.awaitingHandshake()) {
          refuseBytesBeforeHandshake(this.framer, 'STLS');
          break;
        }
        if (this.isOver) break;
      }
      this.ignoreAfterEnd(events);
    } catch (error) {
      // A stream we could not parse cannot be resynchronised: the session is over.
      this.fail();
      throw error;
    }
    return events;
  }

  /** The caller finished the TLS handshake. RFC 2595 4: forget the capabilities and ask again. */
  tlsEstablished(): void {
    if (this.current !== 'tls')
      throw new IllegalTransitionError('POP3', this.current, 'TLS established');
    this.secure = true;
    this.caps = undefined;
    this.current = 'authorization';
  }

  /** The peer closed the connection. */
  closed(): void {
    this.fail();
  }

  private get isOver(): boolean {
    return this.current === 'closed' || this.current === 'update';
  }

  /** The server said goodbye; whatever it sends while closing is not part of the session. */
  private ignoreAfterEnd(events: Pop3Event[]): boolean {
    if (!this.isOver) return false;
    const ignored = this.framer.drain();
    if (ignored.length > 0 && !this.notedAfterEnd) {
      this.notedAfterEnd = true;
      events.push({
        type: 'note',
        text: bytesAfterEndNote(ignored.length),
      });
    }
    return true;
  }

  /** Read through a method: the state changes under the receive loop, which narrowing cannot see. */
  private awaitingHandshake(): boolean {
    return this.current === 'tls';
  }

  private fail(): void {
    this.current = 'closed';
    this.queue.length = 0;
    this.collecting = undefined;
    this.framer.drain();
  }

  private trackedVerb(command: Pop3Command): Pop3Verb | undefined {
    if (command.verb !== 'RAW') return command.verb;
    // Whatever is typed while the server waits for a SASL response is that response.
    if (this.current === 'sasl') return 'AUTH-RESPONSE';
    return verbOfRawLine(command.line);
  }

  private status(line: FramedLine): Pop3Event | undefined {
    const stateBefore = this.current;
    if (stateBefore === 'greeting') {
      const response = parseStatusLine(line, false);
      this.current = response.ok ? 'authorization' : 'closed';
      const timestamp = response.ok ? apopTimestampOf(response.text) : undefined;
      if (timestamp !== undefined) this.timestamp = timestamp;
      return {
        type: 'greeting',
        response,
        ...(timestamp !== undefined ? { apopTimestamp: timestamp } : {}),
        stateBefore,
        state: this.current,
      };
    }
    const pending = this.queue.shift();
    if (!pending) {
      const response = parseStatusLine(line, false);
      if (!response.ok) {
        this.fail();
        return {
          type: 'response',
          answers: 'UNSOLICITED',
          response,
          stateBefore,
          state: this.current,
        };
      }
      throw new RemoteProtocolError(
        `"${line.text.slice(0, 80)}" arrived but no command was waiting for it`,
        line.raw,
      );
    }
    const verb = pending.tracked;
    const response = parseStatusLine(line, isSaslExchange(verb));
    if (response.status === '+') {
      this.current = verb ? nextState(verb, stateBefore, 'challenge') : stateBefore;
      const decoded = decodeBase64Text(response.text);
      return {
        type: 'challenge',
        answers: pending.verb,
        response,
        ...(decoded !== undefined ? { decoded } : {}),
        stateBefore,
        state: this.current,
      };
    }
    if (response.ok && pending.payload !== 'none') {
      this.collecting = {
        pending,
        response,
        stateBefore,
        collector: new Pop3PayloadCollector(pending.payload, this.limits, this.maxMessageBytes),
      };
      return undefined;
    }
    return this.complete(pending, response, stateBefore);
  }

  private collect(line: FramedLine): Pop3Event | undefined {
    const collecting = this.collecting!;
    if (!collecting.collector.add(line)) return undefined;
    this.collecting = undefined;
    const { collector, pending, stateBefore } = collecting;
    const response: Pop3Response = {
      ...collecting.response,
      lines: collector.payloadLines,
      rawLines: [...collecting.response.rawLines, ...collector.transcript],
    };
    const event = this.complete(pending, response, stateBefore);
    if (pending.payload === 'message') event.message = collector.message();
    return event;
  }

  private complete(
    pending: Pending,
    response: Pop3Response,
    stateBefore: Pop3State,
  ): Pop3ResponseEvent {
    const verb = pending.tracked;
    this.current = verb ? nextState(verb, stateBefore, response.ok ? 'ok' : 'err') : stateBefore;
    const event: Pop3ResponseEvent = {
      type: 'response',
      answers: pending.verb,
      response,
      stateBefore,
      state: this.current,
    };
    if (!response.ok) return event;
    switch (verb) {
      case 'CAPA':
        this.caps = parseCapabilities(response.lines);
        event.capabilities = this.caps;
        break;
      case 'STAT':
        event.stat = parseStat(response.text);
        break;
      case 'LIST':
        event.listing =
          pending.payload === 'lines'
            ? response.lines.map(parseScanListing)
            : [parseScanListing(response.text)];
        break;
      case 'UIDL':
        event.uids =
          pending.payload === 'lines'
            ? response.lines.map(parseUidListing)
            : [parseUidListing(response.text)];
        break;
      case 'PASS':
      case 'APOP':
      case 'AUTH':
      case 'AUTH-RESPONSE':
        this.authenticated = true;
        break;
      default:
        break;
    }
    return event;
  }
}
