// The imap step: log in, open INBOX read-only (EXAMINE, so nothing is marked seen), and when this
// session sent a message, SEARCH for its Message-ID until it arrives, then FETCH its header.
// Guided, each command is proposed with the tag it will carry (mailbox-talk.ts); an edited line
// goes out as typed, the engine tracks it, and the step reads what the engine learned.
import { DEFAULT_IMAP_PORT } from '../config.js';
import { describeImapResponse } from '../../knowledge/index.js';
import { readableTlsError } from '../../diagnosis/tls-reason.js';
import { Connection } from '../../net/connection.js';
import { MailmedicError } from '../../protocols/common/errors.js';
import { createSaslClient } from '../../protocols/common/sasl.js';
import type { ImapCommand } from '../../protocols/imap/commands.js';
import { encodeCommand } from '../../protocols/imap/commands.js';
import type { ImapEvent, ImapTaggedEvent } from '../../protocols/imap/engine.js';
import { ImapEngine } from '../../protocols/imap/engine.js';
import type { HandedConnection } from '../gate.js';
import { createImapAdapter, splitTag } from '../console/imap-adapter.js';
import type { StepContext, StepOutcome } from './context.js';
import {
  closePolitely,
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
import { markRetrieved } from './pop3.js';

const STEP = 'imap' as const;
export { DEFAULT_IMAP_PORT };
/** The engine's own tags: this prefix and a counter (ImapEngine's default). */
const TAG_PREFIX = 'a';

/** A completion, and the line the user typed instead of the proposed command, if any. */
type Exchanged = ImapTaggedEvent & { edited?: string };

class ImapTalk {
  /** Set once the manual console took the connection: nothing here may write or close it. */
  private handedOver = false;
  /** Tags the engine numbered so far, so a proposal shows the tag it will carry. */
  private numbered = 0;
  /** Set after the poll's first round: its commands go without asking (Proposal.repeat). */
  repeat = false;
  /** Judges an edited line as the console would: tag, engine state, capabilities. */
  private readonly judge;

  constructor(
    readonly connection: Connection,
    readonly engine: ImapEngine,
    private readonly ctx: StepContext,
    private readonly servername: string,
  ) {
    this.judge = createImapAdapter({ engine });
  }

  async greeting(): Promise<Extract<ImapEvent, { type: 'greeting' }>> {
    return (await this.read((e) => e.type === 'greeting', 'greeting')) as Extract<
      ImapEvent,
      { type: 'greeting' }
    >;
  }

  /**
   * Proposes the command with its tag (guided), sends it or the user's edit, and waits for its
   * tagged completion, releasing held parts on "+".
   */
  async command(command: ImapCommand): Promise<Exchanged> {
    const tag = `${TAG_PREFIX}${this.numbered + 1}`;
    const caps = this.engine.capabilities;
    const preview = encodeCommand(command, tag, {
      saslIr: caps?.saslIr ?? false,
      literalPlus: caps?.literalPlus ?? false,
      literalMinus: caps?.literalMinus ?? false,
    });
    const typed = await proposeCommand(
      this.ctx.gate,
      STEP,
      {
        display: preview.parts.flatMap((part) => part.display),
        secret: preview.parts.some((part) => part.secret),
        repeat: this.repeat,
      },
      (line) => this.judge.whyNot(line),
      () => this.handOver(),
    );
    const first = preview.parts[0]?.display[0];
    if (typed === undefined || typed.trim() === first) return this.exchange(command);
    // The proposal's own tag typed back is the engine's to give; any other tag is the user's.
    const split = splitTag(typed);
    const edited: ImapCommand = {
      verb: 'RAW',
      line: split.command,
      ...(split.tag !== undefined && split.tag !== tag ? { tag: split.tag } : {}),
    };
    return { ...(await this.exchange(edited)), edited: typed };
  }

  private async exchange(command: ImapCommand): Promise<ImapTaggedEvent> {
    const out = this.engine.send(command);
    if (out.tag !== undefined && !(command.verb === 'RAW' && command.tag !== undefined))
      this.numbered += 1;
    writeCommand(this.connection, this.ctx.recorder, STEP, out);
    return (await this.read(
      (e) => e.type === 'tagged' && e.tag === out.tag,
      'command',
    )) as ImapTaggedEvent;
  }

  private handOver(): HandedConnection {
    this.handedOver = true;
    return {
      step: STEP,
      protocol: 'imap',
      connection: this.connection,
      engine: this.engine,
      servername: this.servername,
    };
  }

  private read(
    done: (e: ImapEvent) => boolean,
    deadline: 'greeting' | 'command',
  ): Promise<ImapEvent> {
    const { recorder } = this.ctx;
    const record = (event: ImapEvent): void => {
      if (event.type === 'note') return void recorder.note(STEP, event.text);
      const statusLine = event.type === 'tagged' ? event.rawLines.length - 1 : 0;
      recordServerLines(recorder, STEP, event.rawLines, describeImapResponse, statusLine);
      for (const literal of event.literals)
        recorder.note(STEP, `(a literal of ${literal.length} bytes)`);
      // A held part of the command (a literal, an initial response) goes on the server's "+".
      if (event.type === 'continuation' && event.send)
        writeCommand(this.connection, recorder, STEP, event.send);
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
  logout(): Promise<void> {
    if (this.handedOver) return Promise.resolve();
    return closePolitely(
      this.connection,
      this.engine.whyNot({ verb: 'LOGOUT' }) === undefined,
      () => this.exchange({ verb: 'LOGOUT' }),
    );
  }
}

/** Says in the session that the user's line, not the proposed one, went out, and what follows. */
const noteEdit = (ctx: StepContext, answer: Exchanged, proposed: string, then: string): void => {
  if (answer.edited !== undefined)
    ctx.recorder.note(STEP, `you sent "${answer.edited.trim()}" instead of ${proposed}: ${then}`);
};

const failure = (what: string, event: ImapTaggedEvent): StepOutcome => ({
  status: 'error',
  summary:
    `${what}: ${event.response.status}${event.response.code ? ` [${event.response.code.name}]` : ''} ${event.response.text}`.trim(),
});

export const runImapStep = async (ctx: StepContext): Promise<StepOutcome> => {
  const { config, recorder } = ctx;
  const server = { host: config.imap!.host, port: config.imap!.port ?? DEFAULT_IMAP_PORT };
  const implicit = config.imap!.tls ?? server.port === DEFAULT_IMAP_PORT;
  const tls = { servername: server.host, ca: config.ca };
  const messageId = recorder.session.delivery?.messageId;
  let talk: ImapTalk | undefined;
  try {
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
    talk = new ImapTalk(connection, new ImapEngine({ tls: implicit }), ctx, server.host);
    const engine = talk.engine;
    const greeting = await talk.greeting();
    if (greeting.response.status === 'BYE')
      return {
        status: 'error',
        summary: `the server refused the session: ${greeting.response.text}`,
      };
    if (!engine.capabilities) await talk.command({ verb: 'CAPABILITY' });
    const preauth = greeting.response.status === 'PREAUTH';
    if (!engine.isSecure && !preauth && engine.capabilities?.startTls) {
      const starttls = await talk.command({ verb: 'STARTTLS' });
      if (engine.state === 'tls') {
        const facts = await connection.startTls(tls);
        engine.tlsEstablished();
        recordMailboxTls(ctx, STEP, facts, 'starttls');
        await talk.command({ verb: 'CAPABILITY' });
      } else if (starttls.edited === undefined) return failure('STARTTLS refused', starttls);
      else noteEdit(ctx, starttls, 'STARTTLS', 'the connection stays without TLS');
    }
    const refused = await guardMailboxLogin(
      ctx,
      STEP,
      connection,
      server,
      engine.isSecure || preauth,
      {
        verb: 'STARTTLS',
        offered: engine.capabilities?.startTls === true,
        implicitPort: 993,
      },
    );
    if (refused) return refused;
    const mailbox = config.mailbox!;
    if (!preauth) {
      const caps = engine.capabilities;
      let login: Exchanged;
      if (caps?.loginDisabled && caps.auth.includes('PLAIN')) {
        const client = createSaslClient('PLAIN', {
          user: mailbox.user,
          password: mailbox.password,
        });
        recorder.secrets.add(client.secrets());
        const initial = client.initial();
        login = await talk.command({
          verb: 'AUTHENTICATE',
          mechanism: 'PLAIN',
          ...(initial ? { initial } : {}),
          secrets: client.secrets(),
        });
      } else {
        login = await talk.command({
          verb: 'LOGIN',
          user: mailbox.user,
          password: mailbox.password,
        });
      }
      recorder.fact('imap.login', {
        status: login.response.status,
        code: login.response.code?.name,
        text: login.response.text,
      });
      if (login.response.status !== 'OK') return failure('login failed', login);
    }
    const examine = await talk.command({ verb: 'EXAMINE', mailbox: 'INBOX' });
    if (examine.response.status !== 'OK') return failure('EXAMINE INBOX failed', examine);
    const opened = engine.mailbox;
    noteEdit(
      ctx,
      examine,
      'EXAMINE INBOX',
      opened
        ? `${opened.name} is open${opened.readOnly ? ' read-only' : ' read-write'}`
        : 'no mailbox is open',
    );
    if (!opened)
      return {
        status: 'warning',
        summary: `logged in as ${mailbox.user}; no mailbox opened (EXAMINE INBOX was replaced by "${examine.edited?.trim() ?? ''}")`,
      };
    const exists = opened.exists ?? 0;
    const counted = `logged in as ${mailbox.user}; ${opened.name} has ${exists} message(s)`;
    // No message of ours to look for: reading the newest one's header shows mail can be read,
    // not only that the login works.
    if (!messageId) {
      if (exists === 0) return { status: 'ok', summary: counted };
      const fetch = await talk.command({
        verb: 'FETCH',
        sequence: exists,
        items: ['UID', 'RFC822.SIZE', 'BODY.PEEK[HEADER]'],
      });
      if (fetch.response.status !== 'OK')
        return {
          status: 'warning',
          summary: `${counted}; reading message ${exists}, the newest, failed: ${fetch.response.status} ${fetch.response.text}`,
        };
      const size = fetch.fetched?.[0]?.size;
      return {
        status: 'ok',
        summary: `${counted}; message ${exists}, the newest, reads${size !== undefined ? ` (${size} octets)` : ''}`,
      };
    }

    const waitUntil = Date.now() + config.deadlines.command;
    for (let round = 1; ; round += 1) {
      const search = await talk.command({ verb: 'SEARCH', header: 'Message-ID', value: messageId });
      if (search.response.status !== 'OK') return failure('SEARCH failed', search);
      noteEdit(
        ctx,
        search,
        'the SEARCH for the test message',
        `${search.search ? `${search.search.length} message(s) matched; ` : ''}the step still looks for the test message by its Message-ID`,
      );
      // What an edited search matched is the user's question, not proof of the test message.
      const found = search.edited === undefined ? search.search?.at(-1) : undefined;
      if (found !== undefined) {
        const fetch = await talk.command({
          verb: 'FETCH',
          sequence: found,
          items: ['UID', 'RFC822.SIZE', 'BODY.PEEK[HEADER]'],
        });
        if (fetch.response.status !== 'OK') return failure(`FETCH ${found} failed`, fetch);
        const size = fetch.fetched?.[0]?.size;
        markRetrieved(ctx, 'imap');
        return {
          status: 'ok',
          summary: `found the test message as message ${found}${size !== undefined ? ` (${size} octets)` : ''}`,
        };
      }
      if (Date.now() >= waitUntil)
        return {
          status: 'error',
          summary: `the test message did not arrive within ${Math.round(config.deadlines.command / 1000)} s`,
        };
      recorder.note(STEP, notYet(ctx, round, 'NOOP and the same SEARCH'));
      talk.repeat = true;
      await pauseBeforeRound(ctx, STEP, round + 1);
      // NOOP lets the server report new messages in the open mailbox (RFC 3501 6.1.2).
      await talk.command({ verb: 'NOOP' });
    }
  } catch (error) {
    const ended = userEnded(ctx, STEP, error);
    if (ended) return ended;
    if (!(error instanceof MailmedicError)) throw error;
    const message = readableTlsError(error.message);
    recorder.note(STEP, `${error.code}: ${message}`);
    recorder.fact('imap.error', { code: error.code, origin: error.origin, message });
    return { status: 'error', summary: message };
  } finally {
    await talk?.logout();
  }
};
