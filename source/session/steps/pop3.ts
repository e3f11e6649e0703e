// The pop3 step: log in to the mailbox and, when this session sent a message, find it by its
// Message-ID (polling: delivery takes a moment, and a POP3 session sees a snapshot of the
// maildrop taken at login). The mailbox is only read: nothing is deleted.
import { describePop3Response } from '../../knowledge/index.js';
import { readableTlsError } from '../../diagnosis/tls-reason.js';
import { Connection } from '../../net/connection.js';
import { MailmedicError } from '../../protocols/common/errors.js';
import { createSaslClient } from '../../protocols/common/sasl.js';
import type { Pop3Command } from '../../protocols/pop3/commands.js';
import type { Pop3Event, Pop3ResponseEvent } from '../../protocols/pop3/engine.js';
import { Pop3Engine } from '../../protocols/pop3/engine.js';
import { clearTextLogin } from './cleartext.js';
import type { StepContext, StepOutcome } from './context.js';
import {
  closePolitely,
  messageIdOf,
  readUntil,
  recordMailboxTls,
  recordServerLines,
  sleep,
  writeCommand,
} from './mailbox-talk.js';

const STEP = 'pop3' as const;
export const DEFAULT_POP3_PORT = 995;
/** How many of the newest messages are searched for the test message. */
const SEARCH_DEPTH = 50;
/**
 * What the step keeps of a retrieved message: every header and the start of the body. RETR only
 * proves the message can be read whole; its octets are counted to the end, its bytes not kept, so
 * a 50 MB message costs the same memory as a small one.
 */
const KEPT_MESSAGE_BYTES = 256 * 1024;

type Answer = Pop3ResponseEvent | Extract<Pop3Event, { type: 'challenge' }>;

class Pop3Talk {
  constructor(
    readonly connection: Connection,
    readonly engine: Pop3Engine,
    private readonly ctx: StepContext,
  ) {}

  async greeting(): Promise<Extract<Pop3Event, { type: 'greeting' }>> {
    const events = await this.read((e) => e.type === 'greeting', 'greeting');
    return events as Extract<Pop3Event, { type: 'greeting' }>;
  }

  async command(command: Pop3Command): Promise<Answer> {
    writeCommand(this.connection, this.ctx.recorder, STEP, this.engine.send(command));
    return (await this.read(
      (e) => e.type === 'response' || e.type === 'challenge',
      'command',
    )) as Answer;
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

  quit(): Promise<void> {
    return closePolitely(this.connection, this.engine.whyNot({ verb: 'QUIT' }) === undefined, () =>
      this.command({ verb: 'QUIT' }),
    );
  }
}

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
  );
  try {
    const greeting = await talk.greeting();
    if (!greeting.response.ok)
      return {
        status: 'error',
        summary: `the server refused the session: ${greeting.response.text}`,
      };
    let capa = await talk.command({ verb: 'CAPA' });
    if (!talk.engine.isSecure) {
      if (!talk.engine.capabilities?.stls) {
        const refused = await clearTextLogin(
          ctx,
          STEP,
          { protocol: 'pop3', host: server.host, port: server.port, user: config.mailbox!.user },
          'the server offers no STLS: refusing to send the password in clear text (--plaintext-auth allows it)',
          { kind: 'implicit', port: 995, label: 'Try POP3 over TLS on port 995 instead' },
        );
        if (refused) return refused;
      } else {
        const stls = await talk.command({ verb: 'STLS' });
        if (!stls.response.ok) return failure('STLS refused', stls);
        const facts = await connection.startTls(tls);
        talk.engine.tlsEstablished();
        recordMailboxTls(ctx, STEP, facts, 'starttls');
        capa = await talk.command({ verb: 'CAPA' });
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
    const sasl = talk.engine.capabilities?.sasl ?? [];
    let login: Answer;
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
      login = await talk.command({ verb: 'PASS', password: mailbox.password });
    }
    recorder.fact('pop3.login', {
      ok: login.response.ok,
      code: login.response.code?.text,
      text: login.response.text,
      capa: capa.response.ok ? capa.response.lines : [],
    });
    if (!login.response.ok) return failure('login failed', login);

    const stat = (await talk.command({ verb: 'STAT' })) as Pop3ResponseEvent;
    const count = stat.stat?.messages ?? 0;
    if (!messageId)
      return {
        status: 'ok',
        summary: `logged in as ${mailbox.user}; ${count} message(s), ${stat.stat?.octets ?? 0} octets`,
      };
    for (let n = count; n >= 1 && n > count - SEARCH_DEPTH; n -= 1) {
      const top = (await talk.command({ verb: 'TOP', message: n, lines: 0 })) as Pop3ResponseEvent;
      if (!top.response.ok || !top.message) continue;
      if (messageIdOf(top.message.bytes.toString('utf8')) === messageId) {
        const retr = (await talk.command({ verb: 'RETR', message: n })) as Pop3ResponseEvent;
        if (!retr.response.ok) return failure(`RETR ${n} failed`, retr);
        return {
          status: 'ok',
          summary: `found the test message as message ${n} (${retr.message?.octets ?? 0} octets${retr.message?.truncated ? `, read to the end; the first ${KEPT_MESSAGE_BYTES / 1024} KiB kept` : ''})`,
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
      outcome = await attempt(ctx, server, messageId);
    } catch (error) {
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
      recorder.note(STEP, `not delivered yet; looking again in 2 s (round ${round})`);
      await sleep(2000, ctx.signal);
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
