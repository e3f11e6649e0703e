// The manual driver: a console on any TCP host and port. The user types lines; the protocol
// adapter warns when a line does not fit the session's state and the line is held until the user
// sends it anyway or drops it; secrets are masked where the typed line becomes a command; every
// reply is explained; STARTTLS/STLS typed by hand gets its handshake. Everything lands in the
// session like any other step, so reports and `open` work on a console session too.
import { Connection } from '../../net/connection.js';
import type { TlsOptions } from '../../net/connection.js';
import type { Deadlines } from '../../net/deadlines.js';
import type { TlsFacts } from '../../net/tls-facts.js';
import { MailmedicError } from '../../protocols/common/errors.js';
import { assertSafeField } from '../../protocols/common/input.js';
import type { SaslClient } from '../../protocols/common/sasl.js';
import { MASK, createSaslClient, secretForms } from '../../protocols/common/sasl.js';
import { gate } from '../../record/gate.js';
import type { SessionRecorder } from '../../record/recorder.js';
import type { StepId } from '../../record/types.js';
import type {
  ConsoleAdapter,
  ConsoleEvent,
  ConsoleMode,
  ConsoleProtocol,
  DisplayOverride,
} from './adapter.js';
import { GreetingProbe } from './detect.js';
import { createImapAdapter } from './imap-adapter.js';
import { createPop3Adapter } from './pop3-adapter.js';
import { createRawAdapter } from './raw-adapter.js';
import { createSmtpAdapter } from './smtp-adapter.js';

export interface ManualConsoleOptions {
  host: string;
  port: number;
  /** What to expect; `auto` reads the greeting. */
  protocol: ConsoleProtocol | 'auto';
  recorder: SessionRecorder;
  deadlines?: Partial<Deadlines>;
  /** Implicit TLS from the first byte. */
  tls?: TlsOptions;
  /** The name and CAs for a STARTTLS/STLS typed later. */
  upgrade?: TlsOptions;
  /** Credentials may go over TLS whose certificate did not verify. */
  insecure?: boolean;
  /** `--tls starttls`: upgrade by itself right after the greeting (SMTP: EHLO first). */
  startTls?: boolean;
  /** The EHLO name for that automatic upgrade. */
  ehlo?: string;
  signal?: AbortSignal;
}

/** A live connection the wizard hands over, with its engine already in the adapter. */
export interface AdoptOptions {
  connection: Connection;
  adapter: ConsoleAdapter;
  recorder: SessionRecorder;
  host: string;
  upgrade?: TlsOptions;
  insecure?: boolean;
  /** The step the wizard was in, for the first notes. */
  step?: StepId;
}

export interface HeldLine {
  /** The line as it would be shown (masked where secret). */
  display: string[];
  warning: string;
  /** Sending it would put credentials on a connection without (verified) TLS. */
  cleartext: boolean;
}

export interface CredentialsAsk {
  mechanism: 'LOGIN' | 'PLAIN';
  /** The command the helper will send, as shown. */
  command: string;
}

export interface ConsoleState {
  protocol: ConsoleProtocol | 'detecting';
  mode: ConsoleMode;
  open: boolean;
  closedReason?: string;
  /** TLS is active. */
  secure: boolean;
  /** A TLS handshake is under way; typed lines wait. */
  handshaking: boolean;
  held?: HeldLine;
  ask?: CredentialsAsk;
  /** Lines typed or pasted that wait behind a held line, a question or a handshake. */
  queued: number;
  /**
   * A line from the server that has begun but not ended (a tarpit drips its greeting): what came
   * so far, gated and masked like the transcript, and when its first byte arrived (epoch ms).
   */
  incoming?: { text: string; bytes: number; since: number };
}

/** How much of a line still arriving the screen shows. */
const INCOMING_MAX = 200;

interface Held extends HeldLine {
  line: string;
  warningOnly?: string;
}

interface Sasl {
  client: SaslClient;
  user: string;
  mechanism: 'LOGIN' | 'PLAIN';
}

const CLEARTEXT =
  'this line sends credentials over a connection without TLS: anyone on the path can read them (STARTTLS/STLS first, or a TLS port)';
const UNVERIFIED =
  'this line sends credentials over TLS whose certificate did not verify: the peer may not be the server (--insecure allows it)';

export class ManualConsole {
  private adapter: ConsoleAdapter | undefined;
  private readonly probe = new GreetingProbe();
  /** The bytes after the last line end received, and when the first of them came. */
  private incoming: { bytes: Buffer; total: number; since: number } | undefined;
  private readonly queue: string[] = [];
  private held: Held | undefined;
  private ask: (CredentialsAsk & { line: string }) | undefined;
  private sasl: Sasl | undefined;
  private reading: Promise<void> | undefined;
  private closedReason: string | undefined;
  private tlsPending = false;
  private verified: boolean;
  private step: StepId;
  private snapshot: ConsoleState | undefined;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly connection: Connection,
    private readonly recorder: SessionRecorder,
    private readonly settings: {
      host: string;
      upgrade: TlsOptions;
      insecure: boolean;
      protocol: ConsoleProtocol | 'auto';
      startTls: boolean;
      ehlo: string;
      implicit: boolean;
    },
    adapter: ConsoleAdapter | undefined,
    step: StepId,
  ) {
    this.adapter = adapter;
    this.step = step;
    this.verified = connection.tls?.authorized ?? false;
  }

  static async open(options: ManualConsoleOptions): Promise<ManualConsole> {
    const { recorder } = options;
    recorder.note(
      'connect',
      `manual console: connecting to ${options.host} port ${options.port}${options.tls ? ' with implicit TLS' : ''}`,
    );
    const connection = await Connection.open({
      host: options.host,
      port: options.port,
      ...(options.deadlines ? { deadlines: options.deadlines } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    recorder.note('connect', `connected to ${connection.remoteAddress ?? options.host}`);
    const implicit = options.tls !== undefined;
    const protocol = options.protocol;
    const console = new ManualConsole(
      connection,
      recorder,
      {
        host: options.host,
        upgrade: options.upgrade ?? options.tls ?? { servername: options.host },
        insecure: options.insecure ?? false,
        protocol,
        startTls: options.startTls ?? false,
        ehlo: options.ehlo ?? 'localhost',
        implicit,
      },
      protocol === 'auto' ? undefined : adapterFor(protocol, implicit),
      'connect',
    );
    if (connection.tls) console.recordTls(connection.tls, 'implicit');
    console.reading = console.pump();
    return console;
  }

  /** Takes over a connection in whatever state the wizard left it (after EHLO, STARTTLS, AUTH). */
  static adopt(options: AdoptOptions): ManualConsole {
    const console = new ManualConsole(
      options.connection,
      options.recorder,
      {
        host: options.host,
        upgrade: options.upgrade ?? { servername: options.host },
        insecure: options.insecure ?? false,
        protocol: options.adapter.protocol,
        startTls: false,
        ehlo: 'localhost',
        implicit: options.connection.tls !== undefined,
      },
      options.adapter,
      options.step ?? 'connect',
    );
    options.recorder.note(
      console.step,
      `manual console: you have the ${options.adapter.protocol.toUpperCase()} connection now, in the state the guided steps left it`,
    );
    console.reading = console.pump();
    return console;
  }

  get isOpen(): boolean {
    return this.closedReason === undefined && this.connection.isOpen;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The same object until something changes (React's useSyncExternalStore compares by identity). */
  getState(): ConsoleState {
    this.snapshot ??= {
      protocol: this.adapter?.protocol ?? 'detecting',
      mode: this.adapter?.mode ?? 'command',
      open: this.isOpen,
      ...(this.closedReason !== undefined ? { closedReason: this.closedReason } : {}),
      secure: this.connection.tls !== undefined,
      handshaking: this.tlsPending,
      ...(this.held
        ? {
            held: {
              display: this.held.display,
              warning: this.held.warning,
              cleartext: this.held.cleartext,
            },
          }
        : {}),
      ...(this.ask ? { ask: { mechanism: this.ask.mechanism, command: this.ask.command } } : {}),
      queued: this.queue.length,
      ...(this.incoming
        ? {
            incoming: {
              text: gate(this.incoming.bytes.toString('latin1'), this.recorder.secrets),
              bytes: this.incoming.total,
              since: this.incoming.since,
            },
          }
        : {}),
    };
    return this.snapshot;
  }

  /**
   * How a typed line may go into the history: masked forms stripped, so ↑ brings back "PASS "
   * ready for a new password, never the old one.
   */
  historyEntry(line: string): string {
    const shown = this.adapter?.preview(line) ?? [line];
    const text = shown.join(' ');
    return text.includes(MASK) ? text.slice(0, text.indexOf(MASK)) : line;
  }

  /** Typed or pasted lines, in order. A line that does not fit is held; the rest wait behind it. */
  submit(lines: string | readonly string[]): void {
    this.queue.push(...(typeof lines === 'string' ? [lines] : lines));
    this.drain();
    this.changed();
  }

  /** Enter on a held line: send it anyway. */
  sendHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    // Judged again: while it waited, the reply it waited for may have come (STARTTLS done).
    const now = this.judge(held.line);
    if (now) this.dispatch(held.line, now.warning !== '' ? { line: held.line, ...now } : undefined);
    this.drain();
    this.changed();
  }

  /** Esc on a held line: drop it (and say so in the session, so a report shows the choice). */
  dropHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    this.recorder.note(
      this.step,
      `not sent (dropped): ${held.display.join(' ')} — ${held.warning}`,
    );
    this.drain();
    this.changed();
  }

  /** The auth helper's answer: build the SASL exchange from a user and a password. */
  authenticate(user: string, password: string): void {
    const ask = this.ask;
    if (!ask || !this.adapter) return;
    this.ask = undefined;
    try {
      assertSafeField('user', user);
      assertSafeField('password', password);
      // Declared before anything is shown, so no later line can carry them.
      this.recorder.secrets.add(secretForms(password));
      const client = createSaslClient(
        ask.mechanism,
        { user, password },
        { initialResponse: this.adapter.initialResponse },
      );
      const initial = client.initial();
      this.recorder.secrets.add(client.secrets());
      if (ask.mechanism === 'PLAIN') {
        this.recorder.note(
          'auth',
          `AUTH PLAIN sends one string, base64-encoded: the authorization identity (empty), a NUL byte, the user, a NUL byte, the password: "" NUL "${user}" NUL "${MASK}" -> base64 ${MASK} (masked: it contains the password)${initial ? '' : "; it goes after the server's empty challenge"}`,
        );
      } else {
        this.recorder.note(
          'auth',
          `AUTH LOGIN asks two questions in base64 ("Username:", "Password:"); each answer is base64 too: the user "${user}" and the password, which is sent masked`,
        );
      }
      const line = this.adapter.authCommand(ask.mechanism, initial?.response);
      this.sasl = { client, user, mechanism: ask.mechanism };
      this.transmit(line, {
        display: [this.adapter.authCommand(ask.mechanism, initial ? MASK : undefined)],
        secret: initial !== undefined,
        secrets: client.secrets(),
      });
    } catch (error) {
      this.recorder.note(
        'auth',
        `not sent: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.drain();
    this.changed();
  }

  /** Esc at the helper's question: send the bare AUTH command and type the base64 by hand. */
  authenticateByHand(): void {
    const ask = this.ask;
    if (!ask) return;
    this.ask = undefined;
    this.recorder.note(
      'auth',
      'typing the SASL answers by hand: each one is base64 (echo -n TEXT | base64) and is masked whole, since the console cannot tell a user name from a password',
    );
    this.transmit(ask.line);
    this.drain();
    this.changed();
  }

  /** Drops the helper's question without sending anything. */
  cancelAsk(): void {
    if (!this.ask) return;
    this.recorder.note(this.step, `not sent (dropped): ${this.ask.command}`);
    this.ask = undefined;
    this.drain();
    this.changed();
  }

  /** Resolves when the reader has stopped (the peer closed, or close() was called). */
  async closed(): Promise<void> {
    await this.reading;
  }

  close(): void {
    this.closedReason ??= 'closed by the user';
    this.connection.close();
    this.changed();
  }

  /**
   * Steps the console's lines belong to get a record each, so reports group the transcript as
   * they do for a diagnosis run.
   */
  finish(summary = 'typed by hand in the manual console'): void {
    const used = new Set(this.recorder.session.transcript.map((l) => l.step));
    for (const step of used) {
      if (this.recorder.stepStatus(step) !== undefined) continue;
      this.recorder.beginStep(step);
      this.recorder.endStep(step, 'ok', summary);
    }
  }

  private drain(): void {
    // While the helper is in the middle of its SASL exchange, a typed line would go to the server
    // as the next answer (QUIT typed before 235 became the "password"): it waits for the end.
    while (!this.held && !this.ask && !this.sasl && !this.tlsPending && this.queue.length > 0) {
      if (!this.isOpen) {
        const dropped = this.queue.splice(0);
        this.recorder.note(
          this.step,
          `not sent: ${this.closedReason ?? 'the connection is closed'} (${dropped.length} line${dropped.length === 1 ? '' : 's'})`,
        );
        return;
      }
      this.consider(this.queue.shift()!);
    }
  }

  /** Why a line should wait, now; undefined when it cannot be sent at all (said in a note). */
  private judge(line: string): Omit<Held, 'line'> | undefined {
    const adapter = this.speak();
    try {
      assertSafeField('line', line);
      const warning = adapter.whyNot(line);
      const cleartext = adapter.credentials(line) !== undefined && !this.credentialsSafe();
      const reasons = [warning, cleartext ? this.cleartextReason() : undefined].filter(
        (r): r is string => r !== undefined,
      );
      return {
        display: adapter.preview(line),
        warning: reasons.join('; and '),
        cleartext,
        ...(warning ? { warningOnly: warning } : {}),
      };
    } catch (error) {
      this.recorder.note(
        this.step,
        `not sent: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }

  /** Holds a line that does not fit (or would leak credentials), or sends it. */
  private consider(line: string): void {
    const judged = this.judge(line);
    if (!judged) return;
    if (judged.warning !== '') {
      this.held = { line, ...judged };
      return;
    }
    this.dispatch(line);
  }

  /** Sends a line the user has decided on: straight away, or through the auth helper. */
  private dispatch(line: string, forced?: Held): void {
    const adapter = this.speak();
    const credentials = adapter.credentials(line);
    if (forced?.warningOnly) this.recorder.note(this.step, `sent although ${forced.warningOnly}`);
    if (forced?.cleartext) this.consentToCleartext(forced.display.join(' '));
    if (credentials?.kind === 'helper') {
      this.ask = {
        mechanism: credentials.mechanism,
        // A bare AUTH LOGIN/PLAIN carries no secret; shown as typed (without a tag yet).
        command: line.trim(),
        line,
      };
      return;
    }
    this.transmit(line);
  }

  private transmit(line: string, override?: DisplayOverride): void {
    const adapter = this.speak();
    try {
      const out = adapter.send(line, override);
      this.recorder.secrets.add(out.secrets);
      for (const [key, value] of Object.entries(out.facts ?? {})) this.recorder.fact(key, value);
      this.step = out.step;
      for (const text of out.display)
        this.recorder.client(out.step, text, out.secret ? { secret: true } : {});
      for (const note of out.notes ?? []) this.recorder.note(out.step, note);
      this.connection.write(out.bytes);
    } catch (error) {
      this.recorder.note(
        this.step,
        `not sent: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private consentToCleartext(command: string): void {
    const secure = this.connection.tls !== undefined;
    const facts = this.recorder.session.facts?.['console.cleartext'];
    const list = Array.isArray(facts) ? facts : [];
    this.recorder.fact('console.cleartext', [
      ...list,
      { command, protocol: this.adapter?.protocol ?? 'raw', tls: secure },
    ]);
    this.recorder.note(
      this.step,
      secure
        ? 'you chose to send credentials over TLS whose certificate did not verify: recorded as an error finding'
        : 'you chose to send credentials without TLS: recorded as an error finding',
    );
  }

  private credentialsSafe(): boolean {
    return (this.adapter?.isSecure ?? false) && (this.verified || this.settings.insecure);
  }

  private cleartextReason(): string {
    return this.adapter?.isSecure ? UNVERIFIED : CLEARTEXT;
  }

  /** The adapter; typing before any greeting means the server waits for the client: raw. */
  private speak(): ConsoleAdapter {
    if (!this.adapter) {
      this.adapter = createRawAdapter();
      this.recorder.note(
        'banner',
        'no greeting before your first line: speaking raw (a server that waits for the client, like HTTP)',
      );
      const early = this.probe.bytes;
      if (early.length > 0) void this.handle(this.adapter.receive(early));
    }
    return this.adapter;
  }

  /** Follows the line still arriving, for the screen: a greeting that drips is not silence. */
  private track(chunk: Buffer): void {
    const end = chunk.lastIndexOf(0x0a);
    const rest = end >= 0 ? chunk.subarray(end + 1) : chunk;
    const had = end >= 0 ? undefined : this.incoming;
    const before = this.incoming;
    this.incoming =
      rest.length === 0
        ? undefined
        : {
            bytes: had
              ? Buffer.concat([had.bytes, rest]).subarray(0, INCOMING_MAX)
              : Buffer.from(rest.subarray(0, INCOMING_MAX)),
            total: (had?.total ?? 0) + rest.length,
            since: had?.since ?? Date.now(),
          };
    if (before !== undefined || this.incoming !== undefined) this.changed();
  }

  private receive(chunk: Buffer): ConsoleEvent[] {
    this.track(chunk);
    if (this.adapter) return this.adapter.receive(chunk);
    const protocol = this.probe.push(chunk);
    if (protocol === undefined) return [];
    this.adapter = adapterFor(protocol, this.settings.implicit);
    this.recorder.note(
      'banner',
      protocol === 'raw'
        ? 'the greeting is not SMTP, POP3 or IMAP: speaking raw'
        : `the greeting is ${protocol.toUpperCase()}'s: speaking ${protocol.toUpperCase()}`,
    );
    return this.adapter.receive(this.probe.bytes);
  }

  private async pump(): Promise<void> {
    for (;;) {
      try {
        const events = await this.connection.until((chunk) => this.receive(chunk), 'command');
        await this.handle(events);
        if (this.adapter?.isOver && this.adapter.awaiting === 0) {
          this.closedReason ??= 'the session is over';
          this.connection.close();
        }
      } catch (error) {
        if (error instanceof MailmedicError && error.code === 'ETIMEDOUT' && this.isOpen) {
          // An idle console is normal; silence while a reply is owed is worth saying.
          if ((this.adapter?.awaiting ?? 0) > 0)
            this.recorder.note(this.step, `no reply yet: ${error.message}`);
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        const byUser = this.closedReason !== undefined;
        this.closedReason ??= message;
        if (!byUser) this.recorder.note(this.step, `connection ended: ${message}`);
        if (error instanceof MailmedicError && error.raw && error.raw.length > 0)
          this.recorder.note(
            this.step,
            `unexpected bytes from the server: ${Buffer.from(error.raw).toString('latin1').slice(0, 200)}`,
          );
        this.adapter?.closed();
        this.connection.destroy();
        // Lines that waited for the helper's exchange are said not sent, not kept silently.
        this.sasl = undefined;
        this.drain();
        this.changed();
        return;
      }
    }
  }

  private async handle(events: ConsoleEvent[]): Promise<void> {
    for (const event of events) {
      switch (event.type) {
        case 'note':
          this.recorder.note(event.step ?? this.step, event.text);
          break;
        case 'lines': {
          const at = event.explainIndex ?? event.lines.length - 1;
          event.lines.forEach((text, i) =>
            this.recorder.server(
              event.step,
              text,
              i === at && event.explanation ? { explanation: event.explanation } : {},
            ),
          );
          break;
        }
        case 'greeting':
          if (event.ok && this.settings.startTls) this.queueUpgrade();
          break;
        case 'challenge':
          this.challenge(event.raw, event.decoded);
          break;
        case 'tls-ready':
          await this.upgrade();
          break;
      }
    }
    if (this.sasl && this.adapter?.mode !== 'sasl' && (this.adapter?.awaiting ?? 0) === 0) {
      this.sasl = undefined;
      this.drain();
    }
    this.changed();
  }

  private queueUpgrade(): void {
    const protocol = this.adapter?.protocol;
    const lines =
      protocol === 'smtp'
        ? [`EHLO ${this.settings.ehlo}`, 'STARTTLS']
        : protocol === 'pop3'
          ? ['STLS']
          : protocol === 'imap'
            ? ['STARTTLS']
            : [];
    if (lines.length === 0) return;
    this.recorder.note('tls', `--tls starttls: upgrading first (${lines.join(', ')})`);
    this.queue.unshift(...lines);
    this.drain();
  }

  private challenge(raw: string, decoded: string | undefined): void {
    if (decoded === '' || raw.trim() === '')
      this.recorder.note(
        'auth',
        'an empty challenge: the server waits for the whole answer (for PLAIN, the base64 string)',
      );
    else if (decoded !== undefined)
      this.recorder.note('auth', `the challenge "${raw.trim()}" is base64 for "${decoded}"`);
    const sasl = this.sasl;
    if (!sasl) return;
    const step = sasl.client.respond(raw);
    this.recorder.secrets.add(sasl.client.secrets());
    if (!step.secret)
      this.recorder.note('auth', `the answer: base64("${sasl.user}") = ${step.response}`);
    else
      this.recorder.note(
        'auth',
        `the answer: base64 of ${sasl.mechanism === 'PLAIN' ? 'the PLAIN string' : 'the password'} = ${MASK} (sent masked)`,
      );
    this.transmit(step.response, {
      display: [step.secret ? MASK : step.response],
      secret: step.secret,
      secrets: sasl.client.secrets(),
    });
  }

  private async upgrade(): Promise<void> {
    const { upgrade } = this.settings;
    this.tlsPending = true;
    this.changed();
    this.recorder.note(
      'tls',
      `TLS handshake with ${upgrade.servername}: the server agreed, so nothing else may cross before the handshake (bytes that arrive now would be an injection attempt and end the session)`,
    );
    let facts: TlsFacts;
    try {
      facts = await this.connection.startTls(upgrade);
    } catch (error) {
      this.tlsPending = false;
      throw error;
    }
    this.adapter?.tlsEstablished();
    this.tlsPending = false;
    this.verified = facts.authorized;
    this.recordTls(facts, 'starttls');
    const again: Partial<Record<ConsoleProtocol, string>> = {
      smtp: 'the session starts over inside TLS: send EHLO again (RFC 3207); the server may offer more now, AUTH for instance',
      pop3: 'the session starts over inside TLS: CAPA again shows what the server offers now (RFC 2595)',
      imap: 'the session starts over inside TLS: CAPABILITY again shows what the server offers now (RFC 3501 6.2.1)',
    };
    const next = this.adapter ? again[this.adapter.protocol] : undefined;
    if (next) this.recorder.note('tls', next);
    this.drain();
  }

  private recordTls(facts: TlsFacts, mode: 'implicit' | 'starttls'): void {
    this.recorder.update((s) => {
      s.tls = { ...facts, mode };
    });
    const name = facts.servername ?? this.settings.upgrade.servername;
    this.recorder.note(
      'tls',
      facts.authorized
        ? `TLS ${facts.protocol} ${facts.cipher}; the certificate verified for ${name}`
        : `TLS ${facts.protocol} ${facts.cipher}; the certificate did NOT verify for ${name}: ${facts.authorizationError ?? 'unknown reason'}${this.settings.insecure ? ' (going on: --insecure)' : '; credentials will be held (--insecure allows them)'}`,
    );
  }

  private changed(): void {
    this.snapshot = undefined;
    for (const listener of this.listeners) listener();
  }
}

export const adapterFor = (protocol: ConsoleProtocol, tls: boolean): ConsoleAdapter => {
  switch (protocol) {
    case 'smtp':
      return createSmtpAdapter({ tls });
    case 'pop3':
      return createPop3Adapter({ tls });
    case 'imap':
      return createImapAdapter({ tls });
    case 'raw':
      return createRawAdapter();
  }
};
