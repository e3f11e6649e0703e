// One SMTP conversation: the engine's bytes go out through the connection, the replies come back
// into the engine, and every line lands in the session with its explanation. The three drivers
// (check, guided wizard, manual console) all talk SMTP through this.
import { describeSmtpReply } from '../knowledge/index.js';
import type { Connection, TlsOptions } from '../net/connection.js';
import type { TlsFacts } from '../net/tls-facts.js';
import { MailmedicError } from '../protocols/common/errors.js';
import type { SmtpCommand } from '../protocols/smtp/commands.js';
import { encodeCommand } from '../protocols/smtp/commands.js';
import type { SmtpEngine, SmtpEvent } from '../protocols/smtp/engine.js';
import type { SmtpReply } from '../protocols/smtp/reply.js';
import type { DeadlineName } from '../net/deadlines.js';
import type { CommandGate } from './gate.js';
import { HandedToConsole, SkippedByUser, StoppedByUser } from './gate.js';
import type { SessionRecorder } from '../record/recorder.js';
import type { StepId } from '../record/types.js';

export type ReplyEvent = Extract<SmtpEvent, { type: 'reply' }>;

export const explainReply = (reply: SmtpReply): string =>
  describeSmtpReply({
    code: reply.code,
    text: reply.lines.join('\n'),
    ...(reply.enhanced ? { enhanced: reply.enhanced.text } : {}),
  });

export class SmtpConversation {
  constructor(
    readonly connection: Connection,
    readonly engine: SmtpEngine,
    private readonly recorder: SessionRecorder,
    /** The guided driver's say before each write; absent for automated runs. */
    private readonly gate?: CommandGate,
  ) {}

  /** Waits for the banner; `observe` sees every chunk as it arrives (a drip is not silence). */
  async greeting(step: StepId, observe?: (chunk: Buffer) => void): Promise<ReplyEvent> {
    const [event] = await this.collect(step, 1, 'greeting', observe);
    return event!;
  }

  /** Sends one command and waits for its reply. */
  async command(
    step: StepId,
    command: SmtpCommand,
    deadline: DeadlineName = 'command',
  ): Promise<ReplyEvent> {
    const [event] = await this.pipeline(step, [command], deadline);
    return event!;
  }

  /** Sends several commands in one write (RFC 2920) and returns their replies in order. */
  async pipeline(
    step: StepId,
    commands: SmtpCommand[],
    deadline: DeadlineName = 'command',
  ): Promise<ReplyEvent[]> {
    // Every command of a group is decided before any is encoded: a skip or stop halfway must
    // leave the engine expecting no reply for a command that never went out.
    const decided: SmtpCommand[] = [];
    for (const original of commands) decided.push(await this.decide(step, original, deadline));
    const parts: Buffer[] = [];
    for (const command of decided) {
      const out = this.engine.send(command);
      this.recorder.secrets.add(out.secrets);
      for (const text of out.display)
        this.recorder.client(step, text, out.secret ? { secret: true } : {});
      for (const warning of out.warnings) this.recorder.note(step, warning);
      this.lastSent = out.verb === 'MESSAGE' ? '(end of DATA)' : out.display[0];
      parts.push(out.bytes);
    }
    this.connection.write(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
    return this.collect(step, commands.length, deadline);
  }

  /** The last command line written, as displayed (masked when secret). */
  private lastSent: string | undefined;

  /** Asks the gate, if any, whether and what to send; an edit becomes a raw line the engine tracks. */
  private async decide(
    step: StepId,
    command: SmtpCommand,
    deadline: DeadlineName,
  ): Promise<SmtpCommand> {
    if (!this.gate) return command;
    const preview = encodeCommand(command);
    const editable = !preview.secret && command.verb !== 'MESSAGE';
    const decision = await this.gate.confirm({
      step,
      kind: 'command',
      display: preview.display,
      secret: preview.secret,
      editable,
      deadline,
      check: (line) => this.engine.whyNot({ verb: 'RAW', line }),
    });
    if (decision.action === 'stop') throw new StoppedByUser(step);
    if (decision.action === 'skip') throw new SkippedByUser(step, decision.reason);
    if (decision.action === 'console') {
      this.gate.takeOver?.({ step, ...this.handOver() });
      throw new HandedToConsole(step);
    }
    if (decision.action === 'edit' && editable) {
      return { verb: 'RAW', line: decision.line };
    }
    return command;
  }

  /** After a 220 to STARTTLS: the handshake, then the engine starts over. */
  async upgrade(step: StepId, options: TlsOptions): Promise<TlsFacts> {
    const facts = await this.connection.startTls(options);
    this.engine.tlsEstablished();
    return facts;
  }

  /** Set once the manual console took the connection: nothing here may write or close it. */
  handedOver = false;

  /**
   * Gives the live connection and its engine, in their current state, to the manual console
   * (the wizard's `m`). Afterwards close() leaves them alone: the console owns them.
   */
  handOver(): { connection: Connection; engine: SmtpEngine } {
    this.handedOver = true;
    return { connection: this.connection, engine: this.engine };
  }

  close(): void {
    if (this.handedOver) return;
    this.engine.closed();
    this.connection.close();
  }

  private async collect(
    step: StepId,
    count: number,
    deadline: DeadlineName,
    observe?: (chunk: Buffer) => void,
  ): Promise<ReplyEvent[]> {
    const replies: ReplyEvent[] = [];
    const pending: ReplyEvent[] = [];
    const take = (): ReplyEvent[] | undefined => {
      while (pending.length > 0 && replies.length < count) replies.push(pending.shift()!);
      return replies.length >= count ? replies : undefined;
    };
    try {
      return await this.connection.until((chunk) => {
        observe?.(chunk);
        for (const event of this.engine.receive(chunk)) {
          if (event.type === 'note') this.recorder.note(step, event.text);
          else {
            this.record(step, event);
            pending.push(event);
          }
        }
        return take();
      }, deadline);
    } catch (error) {
      if (error instanceof MailmedicError) {
        error.step ??= step;
        error.command ??= this.lastSent;
        if (error.raw && error.raw.length > 0) {
          this.recorder.note(
            step,
            `unparseable bytes from the server: ${Buffer.from(error.raw).toString('latin1').slice(0, 200)}`,
          );
        }
        if (error.code === 'ECLOSED' || error.origin === 'remote') this.engine.closed();
      }
      throw error;
    }
  }

  private record(step: StepId, event: ReplyEvent): void {
    const { reply } = event;
    const last = reply.rawLines.length - 1;
    reply.rawLines.forEach((line, i) => {
      const explanation = i === last ? explainReply(reply) : undefined;
      this.recorder.server(step, line, explanation ? { explanation } : {});
    });
    if (event.challenge !== undefined)
      this.recorder.note(step, `the server's challenge decodes to "${event.challenge}"`);
  }
}
