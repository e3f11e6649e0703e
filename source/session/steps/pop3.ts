// The pop3 step: log in to the mailbox and, when this session sent a message, find it by its
// Message-ID (polling: delivery takes a moment, and a POP3 session sees a snapshot of the
// maildrop taken at login). The mailbox is only read: nothing is deleted. Guided, each command is
// proposed before it goes (mailbox-talk.ts); an edited line goes out as typed, the engine tracks
// it, and the step reads what the engine learned rather than what it meant to ask.
import { DEFAULT_POP3_PORT } from '../config.js';
import { describePop3Response } from '../../knowledge/index.js';
import { readableTlsError } from '../../diagnosis/tls-reason.js';
import { Connection } from '../../net/connection.js';
import { MailmedicError } from '../../protocols/common/errors.js';
import { createSaslClient } from '../../protocols/common/sasl.js';
import type { Pop3Command } from '../../protocols/pop3/commands.js';
import { encodeCommand } from '../../protocols/pop3/commands.js';
import type { Pop3Event, Pop3ResponseEvent } from '../../protocols/pop3/engine.js';
import { Pop3Engine } from '../../protocols/pop3/engine.js';
import type { HandedConnection } from '../gate.js';
import { createPop3Adapter } from '../console/pop3-adapter.js';
import type { StepContext, StepOutcome } from './context.js';
import {
  closePolitely,
  messageIdOf,
  proposeCommand,
  readUntil,
  recordMailboxTls,
  recordServerLines,
  guardMailboxLogin,
  notYet,
  pauseBeforeRound,
  userEnded,
  writeCommand,
} from './mailbox-talk.js';

const STEP = 'pop3' as const;
export { DEFAULT_POP3_PORT };
/** How many of the newest messages are searched for the test message. */
const SEARCH_DEPTH = 50;
/**
 * What the step keeps of a retrieved message: every header and the start of the body. RETR only
 * proves the message can be read whole; its octets are counted to the end, its bytes not kept, so
 * a 50 MB message costs the same memory as a small one.
 */
const KEPT_MESSAGE_BYTES = 256 * 1024;

type Answer = Pop3ResponseEvent | Extract<Pop3Event, { type: 'challenge' }>;

/** An answer, and the line the user typed instead of the proposed command, if any. */
type Exchanged = Answer & { edited?: string };

class Pop3Talk {
  /** Set once the manual console took the connection: nothing here may write or close it. */
  private handedOver = false;
  /** Judges an edited line as the console would: the engine's state, then the capabilities. */
  private readonly judge;

  constructor(
    readonly connection: Connection,
    readonly engine: Pop3Engine,
    private readonly ctx: StepContext,
    private readonly servername: string,
    /** A later round of the poll: its commands go without asking (Proposal.repeat). */
    private readonly repeat = false,
  ) {
    this.judge = createPop3Adapter({ engine });
  }

  async greeting(): Promise<Extract<Pop3Event, { type: 'greeting' }>> {
    const events = await this.read((e) => e.type === 'greeting', 'greeting');
    return events as Extract<Pop3Event, { type: 'greeting' }>;
  }

  /**
   * Proposes the command (guided), sends it or the user's edit, and waits for its answer. A SASL
   * answer ("+ " challenge) counts as an answer.
   */
  async command(command: Pop3Command): Promise<Exchanged> {
    const preview = encodeCommand(command, {
      ...(this.engine.apopTimestamp !== undefined
        ? { apopTimestamp: this.engine.apopTimestamp }
        : {}),
      saslResponse: command.verb === 'AUTH-RESPONSE',
    });
    const typed = await proposeCommand(
      this.ctx.gate,
      STEP,
      { display: preview.display, secret: preview.secret, repeat: this.repeat },
      (line) => this.judge.whyNot(line),
      () => this.handOver(),
    );
    const edited = typed !== undefined && typed.trim() !== preview.display[0] ? typed : undefined;
    const answer = await this.exchange(
      edited === undefined ? command : { verb: 'RAW', line: edited },
    );
    return edited === undefined ? answer : { ...answer, edited };
  }

  private async exchange(command: Pop3Command): Promise<Answer> {
    writeCommand(this.connection, this.ctx.recorder, STEP, this.engine.send(command));
    return (await this.read(
      (e) => e.type === 'response' || e.type === 'challenge',
      'command',
    )) as Answer;
  }

  private handOver(): HandedConnection {
    this.handedOver = true;
    return {
      step: STEP,
      protocol: 'pop3',
      connection: this.connection,
      engine: this.engine,
      servername: this.servername,
    };
  }

  private read(
    done: (e: Pop3Event) => boolean,
    deadline: 'greeting' | 'command',
  ): Promise<Pop3Event> {
    const { recorder } = this.ctx;
    const record = (event: Pop3Event): void => {
      if (event.type === 'note') return void recorder.note(STEP, event.text);
      recordServerLines(recorder, STEP, event.response.rawLines, describePop3Response);
      if (event.type === 'challenge' && event.decoded !== undefined) {
        recorder.note(STEP, `the challenge decodes to "${event.decoded}"`);
      }
    };
    return readUntil(
      this.connection,
      (chunk) => this.engine.receive(chunk),
      record,
      done,
      deadline,
    );
  }

  /** The goodbye after the step has ended: not a decision, so it is not proposed. */
  quit(): Promise<void> {
    if (this.handedOver) return Promise.resolve();
    return closePolitely(this.connection, this.engine.whyNot({ verb: 'QUIT' }) === undefined, () =>
      this.exchange({ verb: 'QUIT' }),
    );
  }
}

/** How many messages an answer says the maildrop holds: STAT, or a LIST/UIDL typed instead. */
const messageCount = (answer: Exchanged): number | undefined => {
  if (!answer.response.ok || answer.type !== 'response') return undefined;
  if (answer.stat) return answer.stat.messages;
  // "LIST 3" or "UIDL 3" answers for one message, which says nothing of the others.
  if (/^\s*\S+\s+\S/.test(answer.edited ?? '')) return undefined;
  const entries = answer.listing ?? answer.uids;
  return entries?.reduce((most, entry) => Math.max(most, entry.message), 0);
};

/** Says in the session that the user's line, not the proposed one, went out, and what follows. */
const noteEdit = (ctx: StepContext, answer: Exchanged, proposed: string, then: string): void => {
  if (answer.edited !== undefined)
    ctx.recorder.note(STEP, `you sent "${answer.edited.trim()}" instead of ${proposed}: ${then}`);
};

const codeOf = (answer: Answer): string =>
  answer.response.code ? `[${answer.response.code.text}] ` : '';
const failure = (what: string, answer: Answer): StepOutcome => ({
  status: 'error',
  summary: `${what}: -ERR ${codeOf(answer)}${answer.response.text}`.trim(),
});

/** One POP3 session: connect, TLS, login, and look for the message. */
const attempt = async (
  ctx: StepContext,
  server: { host: string; port: number; tls: boolean },
  messageId: string | undefined,
  round: number,
): Promise<StepOutcome & { found?: boolean }> => {
  const { config, recorder } = ctx;
  const implicit = server.tls;
  const tls = { servername: server.host, ca: config.ca };
  recorder.note(
    STEP,
    `connecting to ${server.host} port ${server.port}${implicit ? ' with implicit TLS' : ''}`,
  );
  const connection = await Connection.open({
    host: server.host,
    port: server.port,
    deadlines: config.deadlines,
    ...(implicit ? { tls } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  if (connection.tls) recordMailboxTls(ctx, STEP, connection.tls, 'implicit');
  const talk = new Pop3Talk(
    connection,
    new Pop3Engine({ tls: implicit, maxMessageBytes: KEPT_MESSAGE_BYTES }),
    ctx,
    server.host,
    round > 1,
  );
  const engine = talk.engine;
  try {
    const greeting = await talk.greeting();
    if (!greeting.response.ok)
      return {
        status: 'error',
        summary: `the server refused the session: ${greeting.response.text}`,
      };
    let capa = await talk.command({ verb: 'CAPA' });
    if (!engine.isSecure && engine.capabilities?.stls) {
      const stls = await talk.command({ verb: 'STLS' });
      if (engine.state === 'tls') {
        const facts = await connection.startTls(tls);
        engine.tlsEstablished();
        recordMailboxTls(ctx, STEP, facts, 'starttls');
        capa = await talk.command({ verb: 'CAPA' });
      } else if (stls.edited === undefined) return failure('STLS refused', stls);
      else noteEdit(ctx, stls, 'STLS', 'the connection stays without TLS');
    }
    const refused = await guardMailboxLogin(ctx, STEP, connection, server, engine.isSecure, {
      verb: 'STLS',
      offered: engine.capabilities?.stls === true,
      implicitPort: 995,
    });
    if (refused) return refused;
    const mailbox = config.mailbox!;
    const sasl = engine.capabilities?.sasl ?? [];
    let login: Exchanged;
    if (sasl.includes('PLAIN')) {
      const client = createSaslClient('PLAIN', { user: mailbox.user, password: mailbox.password });
      recorder.secrets.add(client.secrets());
      const initial = client.initial();
      login = await talk.command({
        verb: 'AUTH',
        mechanism: 'PLAIN',
        ...(initial ? { initial } : {}),
        secrets: client.secrets(),
      });
      if (login.type === 'challenge')
        login = await talk.command({
          verb: 'AUTH-RESPONSE',
          step: client.respond(''),
          secrets: client.secrets(),
        });
    } else {
      const user = await talk.command({ verb: 'USER', user: mailbox.user });
      if (!user.response.ok) return failure('USER refused', user);
      noteEdit(ctx, user, `USER ${mailbox.user}`, 'PASS follows with the configured password');
      login = await talk.command({ verb: 'PASS', password: mailbox.password });
    }
    recorder.fact('pop3.login', {
      ok: login.response.ok && engine.isAuthenticated,
      code: login.response.code?.text,
      text: login.response.text,
      capa: capa.response.ok ? capa.response.lines : [],
    });
    if (!login.response.ok) return failure('login failed', login);

    const stat = await talk.command({ verb: 'STAT' });
    const count = messageCount(stat);
    noteEdit(
      ctx,
      stat,
      'STAT',
      count === undefined
        ? 'its answer does not say how many messages there are'
        : `its answer says the newest message is number ${count}`,
    );
    const octets = stat.type === 'response' ? stat.stat?.octets : undefined;
    if (count === undefined)
      return {
        status: 'warning',
        summary: `logged in as ${mailbox.user}; the message count is unknown (STAT was replaced by "${stat.edited?.trim() ?? ''}")`,
      };
    const counted = `logged in as ${mailbox.user}; ${count} message(s)${octets !== undefined ? `, ${octets} octets` : ''}`;
    // No message of ours to look for: reading the newest one's header shows mail can be read,
    // not only that the login works ("I cannot read my mail" is often a login that works).
    if (!messageId) {
      if (count === 0 || engine.capabilities?.top === false)
        return { status: 'ok', summary: counted };
      const top = await talk.command({ verb: 'TOP', message: count, lines: 0 });
      if (!top.response.ok)
        return {
          status: 'warning',
          summary: `${counted}; reading message ${count}, the newest, failed: -ERR ${codeOf(top)}${top.response.text}`,
        };
      const header = top.type === 'response' ? top.message : undefined;
      return {
        status: 'ok',
        summary: header
          ? `${counted}; the header of message ${count}, the newest, reads (${header.octets} octets)`
          : counted,
      };
    }
    for (let n = count; n >= 1 && n > count - SEARCH_DEPTH; n -= 1) {
      const top = await talk.command({ verb: 'TOP', message: n, lines: 0 });
      if (top.type !== 'response' || !top.response.ok || !top.message) continue;
      if (messageIdOf(top.message.bytes.toString('utf8')) === messageId) {
        const retr = await talk.command({ verb: 'RETR', message: n });
        if (!retr.response.ok) return failure(`RETR ${n} failed`, retr);
        const read = retr.type === 'response' ? retr.message : undefined;
        if (!read) {
          noteEdit(ctx, retr, `RETR ${n}`, 'the message itself was not read');
          return {
            status: 'ok',
            summary: `found the test message as message ${n}; not read whole (RETR was replaced by "${retr.edited?.trim() ?? ''}")`,
            found: true,
          };
        }
        return {
          status: 'ok',
          summary: `found the test message as message ${n} (${read.octets} octets${read.truncated ? `, read to the end; the first ${KEPT_MESSAGE_BYTES / 1024} KiB kept` : ''})`,
          found: true,
        };
      }
    }
    return {
      status: 'warning',
      summary: `the test message is not among the newest ${Math.min(count, SEARCH_DEPTH)} message(s) yet`,
      found: false,
    };
  } finally {
    await talk.quit();
  }
};

export const runPop3Step = async (ctx: StepContext): Promise<StepOutcome> => {
  const { config, recorder } = ctx;
  const port = config.pop3!.port ?? DEFAULT_POP3_PORT;
  const server = {
    host: config.pop3!.host,
    port,
    tls: config.pop3!.tls ?? port === DEFAULT_POP3_PORT,
  };
  const messageId = ctx.recorder.session.delivery?.messageId;
  const waitUntil = Date.now() + config.deadlines.command;
  for (let round = 1; ; round += 1) {
    let outcome: StepOutcome & { found?: boolean };
    try {
      outcome = await attempt(ctx, server, messageId, round);
    } catch (error) {
      const ended = userEnded(ctx, STEP, error);
      if (ended) return ended;
      if (!(error instanceof MailmedicError)) throw error;
      const message = readableTlsError(error.message);
      recorder.note(STEP, `${error.code}: ${message}`);
      recorder.fact('pop3.error', {
        code: error.code,
        origin: error.origin,
        message,
      });
      return { status: 'error', summary: message };
    }
    if (outcome.found === false && Date.now() < waitUntil) {
      recorder.note(STEP, notYet(ctx, round, 'a new login and the same commands'));
      try {
        await pauseBeforeRound(ctx, STEP, round + 1);
      } catch (error) {
        const ended = userEnded(ctx, STEP, error);
        if (ended) return ended;
        throw error;
      }
      continue;
    }
    if (outcome.found) markRetrieved(ctx, 'pop3');
    if (outcome.found === false)
      return {
        status: 'error',
        summary: `the test message did not arrive within ${Math.round(config.deadlines.command / 1000)} s`,
      };
    return outcome;
  }
};

export const markRetrieved = (ctx: StepContext, by: 'pop3' | 'imap'): void => {
  const acceptedAt = ctx.recorder.session.facts?.['send.acceptedAt'] as number | undefined;
  ctx.recorder.update((s) => {
    if (!s.delivery || s.delivery.retrievedBy) return;
    s.delivery.retrievedBy = by;
    if (acceptedAt !== undefined) s.delivery.latencyMs = Math.max(0, Date.now() - acceptedAt);
  });
};
