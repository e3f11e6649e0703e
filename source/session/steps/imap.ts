// The imap step: log in, open INBOX read-only (EXAMINE, so nothing is marked seen), and when this
// session sent a message, SEARCH for its Message-ID until it arrives, then FETCH its header.
import { describeImapResponse } from '../../knowledge/index.js';
import { readableTlsError } from '../../diagnosis/tls-reason.js';
import { Connection } from '../../net/connection.js';
import { MailmedicError } from '../../protocols/common/errors.js';
import { createSaslClient } from '../../protocols/common/sasl.js';
import type { ImapCommand } from '../../protocols/imap/commands.js';
import type { ImapEvent, ImapTaggedEvent } from '../../protocols/imap/engine.js';
import { ImapEngine } from '../../protocols/imap/engine.js';
import { clearTextLogin } from './cleartext.js';
import type { StepContext, StepOutcome } from './context.js';
import {
  closePolitely,
  readUntil,
  recordMailboxTls,
  recordServerLines,
  sleep,
  writeCommand,
} from './mailbox-talk.js';
import { markRetrieved } from './pop3.js';

const STEP = 'imap' as const;
export const DEFAULT_IMAP_PORT = 993;

class ImapTalk {
  constructor(
    readonly connection: Connection,
    readonly engine: ImapEngine,
    private readonly ctx: StepContext,
  ) {}

  async greeting(): Promise<Extract<ImapEvent, { type: 'greeting' }>> {
    return (await this.read((e) => e.type === 'greeting', 'greeting')) as Extract<
      ImapEvent,
      { type: 'greeting' }
    >;
  }

  /** Sends a command and waits for its tagged completion, releasing held parts on "+". */
  async command(command: ImapCommand): Promise<ImapTaggedEvent> {
    const out = this.engine.send(command);
    writeCommand(this.connection, this.ctx.recorder, STEP, out);
    return (await this.read(
      (e) => e.type === 'tagged' && e.tag === out.tag,
      'command',
    )) as ImapTaggedEvent;
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

  logout(): Promise<void> {
    return closePolitely(
      this.connection,
      this.engine.whyNot({ verb: 'LOGOUT' }) === undefined,
      () => this.command({ verb: 'LOGOUT' }),
    );
  }
}

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
    talk = new ImapTalk(connection, new ImapEngine({ tls: implicit }), ctx);
    const greeting = await talk.greeting();
    if (greeting.response.status === 'BYE')
      return {
        status: 'error',
        summary: `the server refused the session: ${greeting.response.text}`,
      };
    if (!talk.engine.capabilities) await talk.command({ verb: 'CAPABILITY' });
    if (!talk.engine.isSecure && greeting.response.status !== 'PREAUTH') {
      if (!talk.engine.capabilities?.startTls) {
        const refused = await clearTextLogin(
          ctx,
          STEP,
          { protocol: 'imap', host: server.host, port: server.port, user: config.mailbox!.user },
          'the server offers no STARTTLS: refusing to send the password in clear text (--plaintext-auth allows it)',
          { kind: 'implicit', port: 993, label: 'Try IMAP over TLS on port 993 instead' },
        );
        if (refused) return refused;
      } else {
        const starttls = await talk.command({ verb: 'STARTTLS' });
        if (starttls.response.status !== 'OK') return failure('STARTTLS refused', starttls);
        const facts = await connection.startTls(tls);
        talk.engine.tlsEstablished();
        recordMailboxTls(ctx, STEP, facts, 'starttls');
        await talk.command({ verb: 'CAPABILITY' });
      }
    }
    const facts = connection.tls;
    if (facts && !facts.authorized && !config.insecure) {
      return {
        status: 'error',
        summary: `certificate not verified (${facts.authorizationError ?? 'unknown'}); not sending the password (use --insecure to go on)`,
      };
    }
    const mailbox = config.mailbox!;
    if (greeting.response.status !== 'PREAUTH') {
      const caps = talk.engine.capabilities;
      let login: ImapTaggedEvent;
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
    const exists = talk.engine.mailbox?.exists ?? 0;
    if (!messageId)
      return {
        status: 'ok',
        summary: `logged in as ${mailbox.user}; INBOX has ${exists} message(s)`,
      };

    const waitUntil = Date.now() + config.deadlines.command;
    for (let round = 1; ; round += 1) {
      const search = await talk.command({ verb: 'SEARCH', header: 'Message-ID', value: messageId });
      if (search.response.status !== 'OK') return failure('SEARCH failed', search);
      const found = search.search?.at(-1);
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
      recorder.note(STEP, `not delivered yet; looking again in 2 s (round ${round})`);
      await sleep(2000, ctx.signal);
      // NOOP lets the server report new messages in the open mailbox (RFC 3501 6.1.2).
      await talk.command({ verb: 'NOOP' });
    }
  } catch (error) {
    if (!(error instanceof MailmedicError)) throw error;
    const message = readableTlsError(error.message);
    recorder.note(STEP, `${error.code}: ${message}`);
    recorder.fact('imap.error', { code: error.code, origin: error.origin, message });
    return { status: 'error', summary: message };
  } finally {
    await talk?.logout();
  }
};
