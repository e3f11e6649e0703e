// A sans-IO IMAP client: bytes in, events out; commands in, bytes out. It never touches a socket
// or a clock. It generates and checks tags, holds back the parts of a command that must wait for
// the server's "+", and sums up what SELECT, SEARCH and FETCH returned on their tagged completion.
import {
  BARE_LF_NOTE,
  refuseBytesBeforeHandshake,
  bytesAfterEndNote,
} from '../common/stream-guards.js';
import { IllegalTransitionError, InputError, RemoteProtocolError } from '../common/errors.js';
import type { FramingLimits } from '../common/limits.js';
import { withLimits } from '../common/limits.js';
import { decodeBase64Text } from '../common/sasl.js';
import type { ImapCapabilities } from './capabilities.js';
import { parseCapabilityList } from './capabilities.js';
import type { ImapCommand, ImapOutgoing, ImapVerb } from './commands.js';
import { encodeCommand, isValidTag, mailboxOfRawLine, verbOfRawLine } from './commands.js';
import type { ImapFetch } from './fetch.js';
import type { ImapRawResponse } from './reader.js';
import { ImapResponseReader } from './reader.js';
import type { ImapResponseCode, ImapStatusResponse, ImapUntaggedData } from './responses.js';
import { interpretContinuation, interpretTagged, interpretUntagged } from './responses.js';
import type { ImapState } from './states.js';
import { challengeState, isAllowed, nextState, projectedState, sentState } from './states.js';
import type { ImapPart } from './strings.js';

/** Default cap on the literals of one response (a fetched message, say). */
export const DEFAULT_MAX_LITERAL_BYTES = 10 * 1024 * 1024;

/** What SELECT or EXAMINE found out about a mailbox. */
export interface ImapMailbox {
  name: string;
  readOnly: boolean;
  exists?: number;
  recent?: number;
  uidValidity?: number;
  uidNext?: number;
  /** First unseen message (RFC 3501 UNSEEN code). */
  unseen?: number;
  highestModSeq?: number;
  flags?: string[];
  permanentFlags?: string[];
}

interface Lines {
  /** The response's text lines as received, terminators removed. */
  rawLines: string[];
  /** The literals that followed lines ending in "{n}", in order. */
  literals: Buffer[];
}

export type ImapEvent =
  | ({
      type: 'greeting';
      response: ImapStatusResponse;
      stateBefore: ImapState;
      state: ImapState;
      capabilities?: ImapCapabilities;
    } & Lines)
  | ({
      type: 'untagged';
      data: ImapUntaggedData;
      stateBefore: ImapState;
      state: ImapState;
    } & Lines)
  | ({
      /** The server's "+": it wants the rest of a command, or a SASL response. */
      type: 'continuation';
      answers: ImapVerb;
      tag: string;
      text: string;
      code?: ImapResponseCode;
      /** A SASL challenge decoded for display ("Username:"). */
      decoded?: string;
      /** The held part of the command, now released: the caller must write its bytes. */
      send?: ImapOutgoing;
      stateBefore: ImapState;
      state: ImapState;
    } & Lines)
  | ({
      type: 'tagged';
      answers: ImapVerb;
      tag: string;
      response: ImapStatusResponse;
      stateBefore: ImapState;
      state: ImapState;
      capabilities?: ImapCapabilities;
      /** SELECT / EXAMINE */
      mailbox?: ImapMailbox;
      /** SEARCH / UID SEARCH: the numbers, in the order received. */
      search?: number[];
      /** FETCH / UID FETCH: every message the untagged FETCH responses described. */
      fetched?: ImapFetch[];
    } & Lines)
  | { type: 'note'; text: string };

export type ImapTaggedEvent = Extract<ImapEvent, { type: 'tagged' }>;

interface Pending {
  tag: string;
  verb: ImapVerb;
  tracked?: ImapVerb;
  /** Parts that wait for "+" before they may be sent. */
  held: ImapPart[];
  secrets: string[];
  wireVerb: string;
  mailbox?: ImapMailbox;
  search?: number[];
  fetched?: ImapFetch[];
  capabilities?: ImapCapabilities;
}

export interface ImapEngineOptions {
  limits?: Partial<FramingLimits>;
  /** Set when the connection began with implicit TLS (port 993). */
  tls?: boolean;
  /** Most literal bytes one response may carry; default 10 MiB. */
  maxLiteralBytes?: number;
  /** Tags are this prefix and a counter: a1, a2... */
  tagPrefix?: string;
  /** Untagged responses one command may bring, in number and in bytes (literals included). */
  maxUntaggedResponses?: number;
  maxUntaggedBytes?: number;
}

/**
 * Untagged responses between one command and the next, as SMTP bounds the lines of a reply: a
 * server that answers one command with responses forever meets these before it meets our memory.
 * A FETCH of one message or a SEARCH over a large mailbox stays far below them.
 */
export const DEFAULT_MAX_UNTAGGED_RESPONSES = 10_000;
export const DEFAULT_MAX_UNTAGGED_BYTES = 32 * 1024 * 1024;

export class ImapEngine {
  private readonly reader: ImapResponseReader;
  private current: ImapState = 'greeting';
  private readonly queue: Pending[] = [];
  private caps: ImapCapabilities | undefined;
  private selectedMailbox: ImapMailbox | undefined;
  private authenticated = false;
  private secure: boolean;
  private counter = 0;
  private readonly tagPrefix: string;
  private notedBareLf = false;
  private notedAfterEnd = false;
  private readonly maxUntagged: { responses: number; bytes: number };
  private untagged = { responses: 0, bytes: 0 };

  constructor(options: ImapEngineOptions = {}) {
    this.maxUntagged = {
      responses: options.maxUntaggedResponses ?? DEFAULT_MAX_UNTAGGED_RESPONSES,
      bytes: options.maxUntaggedBytes ?? DEFAULT_MAX_UNTAGGED_BYTES,
    };
    this.reader = new ImapResponseReader(
      withLimits(options.limits),
      options.maxLiteralBytes ?? DEFAULT_MAX_LITERAL_BYTES,
    );
    this.secure = options.tls ?? false;
    this.tagPrefix = options.tagPrefix ?? 'a';
    if (!/^[A-Za-z][A-Za-z0-9.]*$/.test(this.tagPrefix)) {
      throw new InputError('tagPrefix', 'must be a letter followed by letters, digits or dots');
    }
  }

  get state(): ImapState {
    return this.current;
  }
  get capabilities(): ImapCapabilities | undefined {
    return this.caps;
  }
  get isAuthenticated(): boolean {
    return this.authenticated;
  }
  get isSecure(): boolean {
    return this.secure;
  }
  /** The selected mailbox, kept up to date by EXISTS, RECENT and EXPUNGE. */
  get mailbox(): ImapMailbox | undefined {
    return this.selectedMailbox;
  }
  /** Tags sent whose completion has not arrived yet. */
  get awaiting(): string[] {
    return this.queue.map((p) => p.tag);
  }

  /** The state the session will be in if every pending command succeeds. */
  get projected(): ImapState {
    return this.queue.reduce<ImapState>(
      (s, p) => (p.tracked ? projectedState(p.tracked, s) : s),
      this.current,
    );
  }

  /** Why `command` should not be sent now, or undefined when it may. The manual console asks this. */
  whyNot(command: ImapCommand): string | undefined {
    const now = this.current;
    if (now === 'closed') return 'the connection is closed';
    if (now === 'logout') return 'the session is logging out';
    if (now === 'tls') return 'the TLS handshake must finish first';
    if (now === 'greeting') return 'the server has not sent its greeting yet';
    const verb = this.trackedVerb(command);
    if (verb === 'AUTH-RESPONSE') {
      return isAllowed('AUTH-RESPONSE', now)
        ? undefined
        : 'no SASL challenge is waiting for an answer';
    }
    const open = this.queue.find((p) => p.held.length > 0);
    if (open)
      return `${open.tag} ${open.wireVerb} is waiting for the server's "+" before the rest of it can be sent`;
    const auth = this.queue.find((p) => challengeState(p.tracked) !== undefined);
    if (auth)
      return `${auth.tag} ${auth.wireVerb} is in progress: the server reads every line as part of it until it answers`;
    const state = this.projected;
    if (state === 'logout') return 'LOGOUT has been sent';
    if (state === 'tls') return 'STARTTLS has been sent; the TLS handshake comes first';
    if (verb === undefined)
      return isAllowed('RAW', state) ? undefined : `nothing can be sent in state "${state}"`;
    if (verb === 'STARTTLS' && this.secure) return 'TLS is already active';
    if (!isAllowed(verb, state)) return `${verb} is not valid in state "${state}"`;
    return undefined;
  }

  /**
   * Encodes a command, tags it and queues it for its completion. Returns what may be written now;
   * when `continues` is set, the rest comes in a continuation event's `send`.
   * Throws IllegalTransitionError when the state table does not allow the command.
   */
  send(command: ImapCommand): ImapOutgoing {
    const reason = this.whyNot(command);
    if (reason && !(command.verb === 'RAW' && this.mayForce()))
      throw new IllegalTransitionError('IMAP', this.projected, `${command.verb} (${reason})`);
    const tracked = this.trackedVerb(command);
    this.untagged = { responses: 0, bytes: 0 };
    const context = {
      saslIr: this.caps?.saslIr ?? false,
      literalPlus: this.caps?.literalPlus ?? false,
      literalMinus: this.caps?.literalMinus ?? false,
      saslResponse: tracked === 'AUTH-RESPONSE',
    };
    if (tracked === 'AUTH-RESPONSE') {
      const encoded = encodeCommand(command, '', context);
      this.current = sentState('AUTH-RESPONSE', this.current);
      return this.outgoing(
        command.verb,
        undefined,
        encoded.wireVerb,
        encoded.parts[0]!,
        encoded.secrets,
        [],
        false,
      );
    }
    const tag = this.nextTag(command);
    const encoded = encodeCommand(command, tag, context);
    const [first, ...held] = encoded.parts;
    const pending: Pending = {
      tag,
      verb: command.verb,
      ...(tracked ? { tracked } : {}),
      held,
      secrets: encoded.secrets,
      wireVerb: encoded.wireVerb,
    };
    if (tracked === 'SELECT' || tracked === 'EXAMINE') {
      const name =
        command.verb === 'RAW'
          ? mailboxOfRawLine(command.line)
          : 'mailbox' in command
            ? command.mailbox
            : '';
      pending.mailbox = { name, readOnly: tracked === 'EXAMINE' };
    }
    if (tracked === 'SEARCH') pending.search = [];
    if (tracked === 'FETCH') pending.fetched = [];
    this.queue.push(pending);
    return this.outgoing(
      command.verb,
      tag,
      encoded.wireVerb,
      first!,
      encoded.secrets,
      encoded.warnings,
      held.length > 0,
    );
  }

  /**
   * A typed line the user sends although it does not fit (the manual console's "send anyway"):
   * allowed while the session is live and no command holds the turn (an open literal, a SASL
   * exchange), so the server's own answer to the mistake can be seen.
   */
  private mayForce(): boolean {
    const live = ['not-authenticated', 'authenticated', 'selected'].includes(this.current);
    const busy = this.queue.some(
      (p) => p.held.length > 0 || challengeState(p.tracked) !== undefined || p.tracked === 'LOGOUT',
    );
    return live && !busy;
  }

  /** Feeds received bytes; returns what they completed. Throws RemoteProtocolError on bad input. */
  receive(chunk: Uint8Array): ImapEvent[] {
    const events: ImapEvent[] = [];
    try {
      if (this.current === 'tls' && chunk.length > 0) {
        throw new RemoteProtocolError('data received where only a TLS handshake may follow', chunk);
      }
      this.reader.push(chunk);
      if (this.ignoreAfterEnd(events)) return events;
      for (let raw = this.reader.next(); raw; raw = this.reader.next()) {
        if (raw.bareLf && !this.notedBareLf) {
          this.notedBareLf = true;
          events.push({
            type: 'note',
            text: BARE_LF_NOTE,
          });
        }
        events.push(this.apply(raw));
        if (this.awaitingHandshake()) {
          refuseBytesBeforeHandshake(this.reader, 'STARTTLS');
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

  /** The caller finished the TLS handshake. RFC 3501 6.2.1: forget the capabilities and ask again. */
  tlsEstablished(): void {
    if (this.current !== 'tls')
      throw new IllegalTransitionError('IMAP', this.current, 'TLS established');
    this.secure = true;
    this.caps = undefined;
    this.current = 'not-authenticated';
  }

  /** The peer closed the connection. */
  closed(): void {
    this.fail();
  }

  /** Closed, or logged out with nothing left to wait for. */
  private get isOver(): boolean {
    return this.current === 'closed' || (this.current === 'logout' && this.queue.length === 0);
  }

  /** The server said goodbye; whatever it sends while closing is not part of the session. */
  private ignoreAfterEnd(events: ImapEvent[]): boolean {
    if (!this.isOver) return false;
    const ignored = this.reader.drain();
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
    this.reader.drain();
  }

  private trackedVerb(command: ImapCommand): ImapVerb | undefined {
    if (command.verb !== 'RAW') return command.verb;
    // Whatever is typed while the server waits for a SASL response is that response.
    if (this.current === 'authenticating') return 'AUTH-RESPONSE';
    return verbOfRawLine(command.line);
  }

  /** The user's own tag for a typed line (checked), or the next generated one. */
  private nextTag(command: ImapCommand): string {
    if (command.verb === 'RAW' && command.tag !== undefined) {
      if (!isValidTag(command.tag))
        throw new InputError('tag', `"${command.tag}" is not a valid IMAP tag`);
      if (this.queue.some((p) => p.tag === command.tag))
        throw new InputError('tag', `"${command.tag}" is still in use by a command in progress`);
      return command.tag;
    }
    this.counter += 1;
    return `${this.tagPrefix}${this.counter}`;
  }

  private outgoing(
    verb: ImapVerb,
    tag: string | undefined,
    wireVerb: string,
    part: ImapPart,
    secrets: string[],
    warnings: string[],
    continues: boolean,
  ): ImapOutgoing {
    return {
      verb,
      ...(tag !== undefined ? { tag } : {}),
      wireVerb,
      bytes: part.bytes,
      display: part.display,
      secret: part.secret,
      secrets,
      warnings,
      continues,
    };
  }

  private apply(raw: ImapRawResponse): ImapEvent {
    const lines: Lines = { rawLines: raw.lines, literals: raw.literals };
    const stateBefore = this.current;
    if (stateBefore === 'greeting') return this.greeting(raw, lines);
    if (raw.kind === 'continuation') return this.continuation(raw, lines);
    if (raw.kind === 'tagged') return this.tagged(raw, lines);
    this.countUntagged(raw);
    const data = interpretUntagged(raw);
    this.absorb(data);
    return { type: 'untagged', data, stateBefore, state: this.current, ...lines };
  }

  private countUntagged(raw: ImapRawResponse): void {
    this.untagged.responses += 1;
    this.untagged.bytes +=
      raw.lines.reduce((n, l) => n + l.length + 2, 0) +
      raw.literals.reduce((n, l) => n + l.length, 0);
    const { responses, bytes } = this.maxUntagged;
    if (this.untagged.responses > responses || this.untagged.bytes > bytes) {
      const pending = this.queue[this.queue.length - 1];
      throw new RemoteProtocolError(
        `more than ${this.untagged.responses > responses ? `${responses} untagged responses` : `${Math.round(bytes / (1024 * 1024))} MiB of untagged responses`} ${pending ? `to ${pending.verb}` : 'without a command'}: the server does not stop sending; mailmedic stopped reading`,
        raw.firstRaw,
        'ELIMIT',
      );
    }
  }

  private greeting(raw: ImapRawResponse, lines: Lines): ImapEvent {
    const data = raw.kind === 'untagged' ? interpretUntagged(raw) : undefined;
    const response = data?.kind === 'status' ? data.response : undefined;
    if (!response || response.status === 'NO' || response.status === 'BAD') {
      throw new RemoteProtocolError(
        `the greeting must be "* OK", "* PREAUTH" or "* BYE", not ${JSON.stringify((raw.lines[0] ?? '').slice(0, 80))}`,
        raw.firstRaw,
      );
    }
    const states = { OK: 'not-authenticated', PREAUTH: 'authenticated', BYE: 'closed' } as const;
    this.current = states[response.status];
    if (response.status === 'PREAUTH') this.authenticated = true;
    const event: ImapEvent = {
      type: 'greeting',
      response,
      stateBefore: 'greeting',
      state: this.current,
      ...lines,
    };
    const caps = this.capabilitiesFrom(response.code);
    if (caps) event.capabilities = caps;
    return event;
  }

  private continuation(raw: ImapRawResponse, lines: Lines): ImapEvent {
    const stateBefore = this.current;
    // Commands are not sent while one is open, so the open one is the last.
    const pending = this.queue[this.queue.length - 1];
    const cont = interpretContinuation(raw);
    const base = {
      type: 'continuation' as const,
      text: cont.text,
      ...(cont.code ? { code: cont.code } : {}),
      ...lines,
    };
    if (pending && pending.held.length > 0) {
      const part = pending.held.shift()!;
      const send = this.outgoing(
        pending.verb,
        pending.tag,
        '',
        part,
        pending.secrets,
        [],
        pending.held.length > 0,
      );
      return {
        ...base,
        answers: pending.verb,
        tag: pending.tag,
        send,
        stateBefore,
        state: this.current,
      };
    }
    const target = challengeState(pending?.tracked);
    if (!pending || target === undefined || stateBefore === 'authenticating') {
      throw new RemoteProtocolError(
        'a "+" continuation arrived but no command is waiting for one',
        raw.firstRaw,
      );
    }
    this.current = target;
    const decoded = decodeBase64Text(cont.text);
    return {
      ...base,
      answers: pending.verb,
      tag: pending.tag,
      ...(decoded !== undefined ? { decoded } : {}),
      stateBefore,
      state: this.current,
    };
  }

  private tagged(raw: ImapRawResponse, lines: Lines): ImapEvent {
    const index = this.queue.findIndex((p) => p.tag === raw.tag);
    if (index === -1) {
      throw new RemoteProtocolError(
        `tagged response for "${(raw.tag ?? '').slice(0, 40)}", which is not a command in progress`,
        raw.firstRaw,
      );
    }
    const response = interpretTagged(raw);
    const [pending] = this.queue.splice(index, 1) as [Pending];
    const stateBefore = this.current;
    const verb = pending.tracked;
    this.current = verb
      ? nextState(verb, stateBefore, response.status as 'OK' | 'NO' | 'BAD')
      : stateBefore;
    const event: ImapTaggedEvent = {
      type: 'tagged',
      answers: pending.verb,
      tag: pending.tag,
      response,
      stateBefore,
      state: this.current,
      ...lines,
    };
    const caps = this.capabilitiesFrom(response.code) ?? pending.capabilities;
    if (caps) event.capabilities = caps;
    const ok = response.status === 'OK';
    if ((verb === 'LOGIN' || verb === 'AUTHENTICATE') && ok) this.authenticated = true;
    if (pending.mailbox) {
      if (response.code?.name === 'READ-ONLY') pending.mailbox.readOnly = true;
      if (response.code?.name === 'READ-WRITE') pending.mailbox.readOnly = false;
      event.mailbox = pending.mailbox;
    }
    if ((verb === 'SELECT' || verb === 'EXAMINE') && response.status !== 'BAD') {
      this.selectedMailbox = ok ? pending.mailbox : undefined;
    }
    if ((verb === 'CLOSE' || verb === 'UNSELECT') && ok) this.selectedMailbox = undefined;
    if (pending.search) event.search = pending.search;
    if (pending.fetched) event.fetched = pending.fetched;
    return event;
  }

  /** Untagged data updates the engine and the summary of the command it belongs to. */
  private absorb(data: ImapUntaggedData): void {
    const selecting = this.queue.find((p) => p.mailbox !== undefined)?.mailbox;
    const box = selecting ?? this.selectedMailbox;
    switch (data.kind) {
      case 'status': {
        const { response } = data;
        if (response.status === 'BYE') {
          const loggingOut = this.queue.some((p) => p.tracked === 'LOGOUT');
          if (loggingOut) {
            this.current = 'logout';
          } else {
            // RFC 3501 7.1.5: the server closes now; no tagged response will come.
            this.current = 'closed';
            this.queue.length = 0;
          }
          return;
        }
        const caps = this.capabilitiesFrom(response.code);
        const pendingCaps = this.queue.find((p) => p.tracked === 'CAPABILITY');
        if (caps && pendingCaps) pendingCaps.capabilities = caps;
        const code = response.code;
        if (box && code) {
          if (code.name === 'UIDVALIDITY' && code.number !== undefined)
            box.uidValidity = code.number;
          if (code.name === 'UIDNEXT' && code.number !== undefined) box.uidNext = code.number;
          if (code.name === 'UNSEEN' && code.number !== undefined) box.unseen = code.number;
          if (code.name === 'HIGHESTMODSEQ' && code.number !== undefined)
            box.highestModSeq = code.number;
          if (code.name === 'PERMANENTFLAGS' && code.values) box.permanentFlags = code.values;
        }
        return;
      }
      case 'capability': {
        this.caps = data.capabilities;
        const pendingCaps = this.queue.find((p) => p.tracked === 'CAPABILITY');
        if (pendingCaps) pendingCaps.capabilities = data.capabilities;
        return;
      }
      case 'exists':
        if (box) box.exists = data.count;
        return;
      case 'recent':
        if (box) box.recent = data.count;
        return;
      case 'expunge':
        if (box?.exists !== undefined && box.exists > 0) box.exists -= 1;
        return;
      case 'flags':
        if (box) box.flags = data.flags;
        return;
      case 'search':
        this.queue.find((p) => p.search !== undefined)?.search!.push(...data.numbers);
        return;
      case 'fetch':
        this.queue.find((p) => p.fetched !== undefined)?.fetched!.push(data.fetch);
        return;
      case 'other':
        return;
    }
  }

  private capabilitiesFrom(code: ImapResponseCode | undefined): ImapCapabilities | undefined {
    if (code?.name !== 'CAPABILITY' || !code.values) return undefined;
    this.caps = parseCapabilityList(code.values);
    return this.caps;
  }
}
