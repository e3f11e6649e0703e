// The manual driver: a console on any TCP host and port. The user types lines; the protocol
// adapter warns when a line does not fit the session's state (the user may send it anyway),
// masks secrets, and explains replies; everything lands in the session like any other step.
import { Connection } from '../../net/connection.js';
import type { TlsOptions } from '../../net/connection.js';
import type { Deadlines } from '../../net/deadlines.js';
import { MailmedicError } from '../../protocols/common/errors.js';
import type { SessionRecorder } from '../../record/recorder.js';
import type { StepId } from '../../record/types.js';
import type { ConsoleAdapter } from './adapter.js';

export interface ManualConsoleOptions {
  host: string;
  port: number;
  adapter: ConsoleAdapter;
  recorder: SessionRecorder;
  step: StepId;
  deadlines?: Partial<Deadlines>;
  /** Implicit TLS from the first byte. */
  tls?: TlsOptions;
  /** The name and CAs for a later STARTTLS/STLS. */
  upgrade?: TlsOptions;
}

export type SendResult = { sent: true } | { sent: false; warning: string };

export class ManualConsole {
  private reading: Promise<void> | undefined;
  private closedReason: string | undefined;
  private tlsPending = false;

  private constructor(
    private readonly connection: Connection,
    private readonly options: ManualConsoleOptions,
  ) {}

  static async open(options: ManualConsoleOptions): Promise<ManualConsole> {
    const { recorder, step } = options;
    recorder.note(
      step,
      `manual console: connecting to ${options.host} port ${options.port}${options.tls ? ' with TLS' : ''}`,
    );
    const connection = await Connection.open({
      host: options.host,
      port: options.port,
      ...(options.deadlines ? { deadlines: options.deadlines } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
    });
    recorder.note(step, `connected to ${connection.remoteAddress ?? options.host}`);
    const console = new ManualConsole(connection, options);
    console.reading = console.pump();
    return console;
  }

  get isOpen(): boolean {
    return this.closedReason === undefined && this.connection.isOpen;
  }

  /** Sends a typed line. Without `force`, a line that does not fit the state comes back with a warning. */
  send(line: string, options: { force?: boolean } = {}): SendResult {
    if (!this.isOpen)
      return { sent: false, warning: this.closedReason ?? 'the connection is closed' };
    if (this.tlsPending) return { sent: false, warning: 'the TLS handshake must finish first' };
    const warning = this.options.adapter.whyNot(line);
    if (warning && !options.force) return { sent: false, warning };
    const out = this.options.adapter.send(line);
    const { recorder, step } = this.options;
    recorder.secrets.add(out.secrets);
    for (const [key, value] of Object.entries(out.facts ?? {})) recorder.fact(key, value);
    if (warning) recorder.note(step, `sent although ${warning}`);
    for (const text of out.display) recorder.client(step, text, out.secret ? { secret: true } : {});
    this.connection.write(out.bytes);
    return { sent: true };
  }

  /** Resolves when the reader has stopped (the peer closed, or close() was called). */
  async closed(): Promise<void> {
    await this.reading;
  }

  close(): void {
    this.closedReason ??= 'closed by the user';
    this.connection.close();
  }

  private async pump(): Promise<void> {
    const { adapter, recorder, step } = this.options;
    for (;;) {
      try {
        const events = await this.connection.until((chunk) => adapter.receive(chunk), 'command');
        for (const event of events) {
          if (event.type === 'note') recorder.note(step, event.text);
          else if (event.type === 'tls-ready') await this.upgrade();
          else {
            const last = event.lines.length - 1;
            event.lines.forEach((text, i) =>
              recorder.server(
                step,
                text,
                i === last && event.explanation ? { explanation: event.explanation } : {},
              ),
            );
          }
        }
      } catch (error) {
        if (error instanceof MailmedicError && error.code === 'ETIMEDOUT') {
          // An idle console is normal; silence while a reply is owed is worth saying.
          if (adapter.awaiting > 0) recorder.note(step, `no reply yet: ${error.message}`);
          if (this.isOpen) continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        this.closedReason ??= message;
        if (!(
          error instanceof MailmedicError &&
          error.code === 'ECLOSED' &&
          this.closedReason === 'closed by the user'
        )) {
          recorder.note(step, `connection ended: ${message}`);
        }
        this.connection.destroy();
        return;
      }
    }
  }

  private async upgrade(): Promise<void> {
    const { recorder, step, upgrade, host } = this.options;
    this.tlsPending = true;
    recorder.note(step, 'TLS handshake');
    const facts = await this.connection.startTls(upgrade ?? { servername: host });
    this.options.adapter.tlsEstablished();
    this.tlsPending = false;
    recorder.note(
      step,
      `TLS ${facts.protocol} ${facts.cipher}; certificate ${facts.authorized ? 'verified' : `NOT verified: ${facts.authorizationError ?? 'unknown'}`}`,
    );
  }
}
