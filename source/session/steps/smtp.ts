// The SMTP steps in order: connect, banner, ehlo, tls, auth, send. Each records its own lines and
// status; a failure ends the SMTP part and the steps after it are marked skipped with the reason.
import { readableTlsError } from '../../diagnosis/tls-reason.js';
import { Connection, endpoint } from '../../net/connection.js';
import { MailmedicError } from '../../protocols/common/errors.js';
import {
  createSaslClient,
  SASL_MECHANISMS,
  strongestMechanism,
} from '../../protocols/common/sasl.js';
import type { SaslMechanism } from '../../protocols/common/sasl.js';
import type { SmtpCapabilities } from '../../protocols/smtp/capabilities.js';
import type { SmtpCommand } from '../../protocols/smtp/commands.js';
import { SmtpEngine } from '../../protocols/smtp/engine.js';
import { buildTestMessage } from '../../protocols/smtp/message.js';
import { queueIdOf } from '../../protocols/smtp/queue-id.js';
import { SkippedByUser, StoppedByUser, confirmStep } from '../gate.js';
import type { ReplyEvent } from '../smtp-conversation.js';
import { SmtpConversation } from '../smtp-conversation.js';
import type { StepId } from '../../record/types.js';
import type { SessionFacts } from '../../record/facts.js';
import { factOf } from '../../record/facts.js';
import { clearTextLogin, passwordWent, withClearTextNoted } from './cleartext.js';
import type { StepContext, StepOutcome } from './context.js';
import { wants } from './context.js';

export interface SmtpServer {
  host: string;
  port: number;
  /** Name for SNI and the certificate check (the MX name when we dial its address). */
  servername: string;
}

/** Silence after which a plain connection is suspected of waiting for a TLS handshake. */
export const SILENT_GREETING_MS = 5000;
/** A greeting spread over this long from its first byte to its end was dripped, not sent. */
const DRIP_MS = 1000;

export const SMTP_STEPS: readonly StepId[] = ['connect', 'banner', 'ehlo', 'tls', 'auth', 'send'];

const positive = (e: ReplyEvent): boolean => e.reply.code >= 200 && e.reply.code < 400;
const codeText = (e: ReplyEvent): string =>
  `${e.reply.code}${e.reply.enhanced ? ` ${e.reply.enhanced.text}` : ''} ${(e.reply.lines[0] ?? '').replace(e.reply.enhanced?.text ?? '', '').trim()}`.trim();

export const usesImplicitTls = (ctx: StepContext, port: number): boolean =>
  ctx.config.tls === 'implicit' || (ctx.config.tls === 'auto' && port === 465);

/** Step ids the SMTP part will record, given what was asked. */
export const plannedSmtpSteps = (ctx: StepContext): StepId[] => {
  const asked = SMTP_STEPS.filter((s) => wants(ctx, s));
  if (asked.length === 0) return [];
  const last = Math.max(...asked.map((s) => SMTP_STEPS.indexOf(s)));
  // Prerequisites run too: EHLO needs a connection and a banner.
  return SMTP_STEPS.slice(0, last + 1).filter((s) => {
    if (s === 'tls') return ctx.config.tls !== 'none' || wants(ctx, 'tls');
    if (s === 'auth')
      return ctx.config.auth !== undefined && (wants(ctx, 'auth') || wants(ctx, 'send'));
    return true;
  });
};

/** Ends the SMTP part: `why` says, for the steps left, what happened to this one. */
class StepFailed extends Error {
  constructor(
    readonly outcome: StepOutcome,
    readonly why: string = 'failed',
  ) {
    super(outcome.summary);
  }
}

/** Steps after which the conversation cannot go on when they were skipped. */
const NEEDED_BY_THE_REST: readonly StepId[] = ['connect', 'banner', 'ehlo'];

/**
 * Runs the planned SMTP steps against one server. Returns 'unreachable' when the connection
 * itself failed, so the caller can try the next MX as a real sender would.
 */
export const runSmtpSteps = async (
  ctx: StepContext,
  server: SmtpServer,
): Promise<'done' | 'unreachable'> => {
  const planned = plannedSmtpSteps(ctx);
  if (planned.length === 0) return 'done';
  const { recorder, config } = ctx;
  let conversation: SmtpConversation | undefined;
  let caps: SmtpCapabilities | undefined;
  let current: StepId = 'connect';
  const implicit = usesImplicitTls(ctx, server.port);
  const tlsOptions = { servername: server.servername, ca: config.ca };

  const run = async (step: StepId, body: () => Promise<StepOutcome>): Promise<void> => {
    if (!planned.includes(step)) return;
    current = step;
    recorder.beginStep(step);
    let outcome: StepOutcome;
    let halt: string | undefined;
    try {
      outcome = await body();
      if (outcome.status === 'error') halt = 'failed';
    } catch (error) {
      if (error instanceof StepFailed) {
        outcome = error.outcome;
        halt = error.why;
      } else if (error instanceof StoppedByUser) {
        outcome = { status: 'skipped', summary: error.message };
        halt = `stopped at ${step}`;
      } else if (error instanceof SkippedByUser) {
        outcome = { status: 'skipped', summary: error.message };
        if (NEEDED_BY_THE_REST.includes(step)) halt = `${step} skipped`;
      } else if (error instanceof MailmedicError && error.code === 'ECANCELLED' && ctx.gate) {
        // Esc in the wizard: this wait is given up, the run ends here, the session stays.
        recorder.note(step, 'cancelled by the user while waiting for the server');
        outcome = { status: 'skipped', summary: 'cancelled by the user while waiting' };
        halt = `${step} cancelled`;
      } else if (error instanceof MailmedicError) {
        error.step ??= step;
        // OpenSSL's internals (thread id, packed code, source file, "\n") are no explanation.
        const message = readableTlsError(error.message);
        recorder.note(step, `${error.code}: ${message}`);
        recorder.fact(`${step}.error`, {
          code: error.code,
          origin: error.origin,
          message,
          ...(error.command ? { command: error.command } : {}),
        });
        outcome = { status: 'error', summary: message };
        halt = 'failed';
      } else throw error;
    }
    // A skip or stop at the AUTH command after consent: the fact must not say the password went.
    if (step === 'auth') passwordWent(ctx, 'auth');
    recorder.endStep(step, outcome.status, outcome.summary);
    if (halt) throw new StepFailed(outcome, halt);
  };

  try {
    await run('connect', async () => {
      recorder.note(
        'connect',
        `connecting to ${server.host} port ${server.port}${implicit ? ' with implicit TLS' : ''}`,
      );
      await confirmStep(
        ctx.gate,
        'connect',
        [`connect to ${endpoint(server.host, server.port)}${implicit ? ' with TLS' : ''}`],
        'connect',
      );
      const started = Date.now();
      const attempt = { host: server.host, port: server.port, servername: server.servername };
      const attempts = (): NonNullable<SessionFacts['connect.attempts']> =>
        factOf(recorder.session, 'connect.attempts') ?? [];
      let connection: Connection;
      try {
        connection = await Connection.open({
          host: server.host,
          port: server.port,
          deadlines: config.deadlines,
          ...(implicit ? { tls: tlsOptions } : {}),
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
      } catch (error) {
        const code = error instanceof MailmedicError ? error.code : 'EINTERNAL';
        recorder.fact('connect.attempts', [
          ...attempts(),
          { ...attempt, ok: false, code, ms: Date.now() - started },
        ]);
        throw error;
      }
      recorder.fact('connect.attempts', [
        ...attempts(),
        { ...attempt, ok: true, ms: Date.now() - started },
      ]);
      conversation = new SmtpConversation(
        connection,
        new SmtpEngine({ tls: implicit }),
        recorder,
        ctx.gate,
      );
      const ms = Date.now() - started;
      recorder.fact('connect.remote', {
        host: server.host,
        port: server.port,
        address: connection.remoteAddress,
        ms,
      });
      recorder.note(
        'connect',
        `connected to ${connection.remoteAddress ?? server.host} port ${server.port} in ${ms} ms`,
      );
      if (connection.tls) recordTls(ctx, 'connect', connection.tls, 'implicit');
      return {
        status: 'ok',
        summary: `connected to ${endpoint(server.host, server.port)} in ${ms} ms`,
      };
    });

    const c = conversation!;
    await run('banner', async () => {
      await confirmStep(ctx.gate, 'banner', ['(wait for the greeting: 220)'], 'greeting');
      const started = Date.now();
      // What arrived while we waited: a greeting dripped a byte at a time (a tarpit) is not a
      // silent port, and must not be taken for one that expects TLS first.
      const arrival = { bytes: 0, chunks: 0, firstByteMs: 0 };
      const seconds = (ms: number): string => (ms / 1000).toFixed(ms % 1000 ? 1 : 0);
      const soFar = (): string => c.engine.partialLine.toString('latin1');
      // A port that expects TLS first stays silent until the deadline: say so early, while
      // the wait goes on (the wizard shows the note at once; the finding offers implicit TLS).
      const silentMs = Math.min(SILENT_GREETING_MS, Math.floor(config.deadlines.greeting / 2));
      const silent = implicit
        ? undefined
        : setTimeout(() => {
            if (arrival.bytes > 0) {
              recorder.note(
                'banner',
                `the greeting is arriving slowly: ${arrival.bytes} byte(s) in ${seconds(silentMs)} s so far ("${soFar()}"), the line not ended yet; still waiting for the rest`,
              );
              return;
            }
            recorder.fact('banner.silent', { ms: silentMs, port: server.port });
            recorder.note(
              'banner',
              `no greeting after ${seconds(silentMs)} s: port ${server.port} may expect TLS from the first byte (implicit TLS, as on port 465); still waiting for a plain greeting (--tls implicit tries TLS)`,
            );
          }, silentMs);
      let event: ReplyEvent;
      try {
        event = await c.greeting('banner', (chunk) => {
          if (arrival.bytes === 0) arrival.firstByteMs = Date.now() - started;
          arrival.bytes += chunk.length;
          arrival.chunks += 1;
        });
      } catch (error) {
        if (arrival.bytes > 0 && error instanceof MailmedicError && error.code === 'ETIMEDOUT') {
          const ms = Date.now() - started;
          recorder.fact('banner.drip', { ...arrival, ms, complete: false, partial: soFar() });
          recorder.note(
            'banner',
            `the greeting never ended: ${arrival.bytes} byte(s) in ${seconds(ms)} s, the first after ${arrival.firstByteMs} ms ("${soFar()}"): the server is dripping it, not silent`,
          );
        }
        throw error;
      } finally {
        clearTimeout(silent);
      }
      const ms = Date.now() - started;
      // A whole greeting that trickled in over a second or more, in many pieces.
      if (arrival.chunks >= 3 && ms - arrival.firstByteMs >= DRIP_MS)
        recorder.fact('banner.drip', { ...arrival, ms, complete: true });
      recorder.fact('banner', {
        code: event.reply.code,
        text: event.reply.lines.join('\n'),
        ms,
        host: event.reply.lines[0]?.split(/\s+/)[0] ?? '',
      });
      if (!positive(event))
        return { status: 'error', summary: `the server refused the session: ${codeText(event)}` };
      return {
        status: ms > 10_000 ? 'warning' : 'ok',
        summary: `greeting ${codeText(event)}${ms > 2000 ? ` after ${(ms / 1000).toFixed(1)} s` : ''}`,
      };
    });

    await run('ehlo', async () => {
      const result = await greet(ctx, c, 'ehlo');
      caps = result.caps;
      return result.outcome;
    });

    await run('tls', async () => {
      if (implicit) {
        const facts = c.connection.tls!;
        return tlsOutcome(ctx, facts, 'implicit TLS');
      }
      if (config.tls === 'none')
        return { status: 'skipped', summary: 'TLS not requested (--tls none)' };
      if (!caps?.startTls) {
        const status = config.tls === 'starttls' ? 'error' : 'warning';
        recorder.note(
          'tls',
          'the server does not offer STARTTLS: everything, passwords included, would cross the network in clear text',
        );
        return { status, summary: 'STARTTLS not offered' };
      }
      const event = await c.command('tls', { verb: 'STARTTLS' });
      if (event.reply.code !== 220)
        return { status: 'error', summary: `STARTTLS refused: ${codeText(event)}` };
      recorder.note('tls', `TLS handshake with ${server.servername}`);
      const facts = await c.upgrade('tls', tlsOptions);
      recordTls(ctx, 'tls', facts, 'starttls');
      const after = await greet(ctx, c, 'tls');
      caps = after.caps;
      recorder.fact('ehlo.afterTls', capsFact(caps));
      const outcome = tlsOutcome(ctx, facts, 'STARTTLS');
      if (after.outcome.status === 'error') return after.outcome;
      return outcome;
    });

    await run('auth', async () =>
      withClearTextNoted(ctx, 'auth', await authenticate(ctx, c, caps, server)),
    );
    await run('send', async () => send(ctx, c, caps));
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    for (const step of planned) {
      if (recorder.stepStatus(step) === undefined) {
        const why = error.why === 'failed' ? `${current} failed` : error.why;
        recorder.skipStep(step, `not run: ${why}`);
      }
    }
    if (current === 'connect' && error.why === 'failed') return 'unreachable';
  } finally {
    if (conversation) await quit(conversation, current);
  }
  return 'done';
};

const capsFact = (caps: SmtpCapabilities | undefined): unknown =>
  caps && {
    serverName: caps.serverName,
    extensions: caps.extensions.map((e) => [e.keyword, ...e.params].join(' ')),
    size: caps.size,
    auth: caps.auth,
    startTls: caps.startTls,
    pipelining: caps.pipelining,
  };

/** EHLO, falling back to HELO when the server does not know EHLO (500/502). */
const greet = async (
  ctx: StepContext,
  c: SmtpConversation,
  step: StepId,
): Promise<{ outcome: StepOutcome; caps?: SmtpCapabilities }> => {
  const name = ctx.config.ehlo;
  const ehlo = await c.command(step, { verb: 'EHLO', domain: name });
  if (ehlo.reply.code === 250) {
    const caps = ehlo.capabilities;
    if (step === 'ehlo') ctx.recorder.fact('ehlo', capsFact(caps));
    const list = caps?.extensions.map((e) => e.keyword).join(' ') ?? '';
    return {
      outcome: { status: 'ok', summary: `EHLO accepted${list ? `: ${list}` : ''}` },
      ...(caps ? { caps } : {}),
    };
  }
  if (ehlo.reply.code === 500 || ehlo.reply.code === 502) {
    ctx.recorder.note(
      step,
      'EHLO is not understood; falling back to HELO (no extensions: no STARTTLS, no AUTH)',
    );
    ctx.recorder.fact('ehlo.helo', true);
    const helo = await c.command(step, { verb: 'HELO', domain: name });
    if (helo.reply.code === 250)
      return {
        outcome: {
          status: 'warning',
          summary: 'only HELO accepted: the server offers no ESMTP extensions',
        },
      };
    return { outcome: { status: 'error', summary: `HELO refused: ${codeText(helo)}` } };
  }
  return { outcome: { status: 'error', summary: `EHLO refused: ${codeText(ehlo)}` } };
};

const recordTls = (
  ctx: StepContext,
  step: StepId,
  facts: NonNullable<Connection['tls']>,
  mode: 'implicit' | 'starttls',
): void => {
  ctx.recorder.update((s) => {
    s.tls = { ...facts, mode };
  });
  ctx.recorder.note(
    step,
    `TLS ${facts.protocol} ${facts.cipher}; certificate ${facts.certificate.subject || '(none)'} issued by ${facts.certificate.issuer || '(unknown)'}, valid until ${facts.certificate.validTo || '?'}`,
  );
  ctx.recorder.note(
    step,
    facts.authorized
      ? `certificate verified for ${facts.servername ?? ''}`
      : `certificate NOT verified: ${facts.authorizationError ?? 'unknown reason'}`,
  );
};

const tlsOutcome = (
  ctx: StepContext,
  facts: NonNullable<Connection['tls']>,
  how: string,
): StepOutcome => {
  if (facts.authorized)
    return { status: 'ok', summary: `${how}: ${facts.protocol}, certificate verified` };
  const reason = facts.authorizationError ?? 'unknown reason';
  if (ctx.config.insecure)
    return {
      status: 'warning',
      summary: `${how}: ${facts.protocol}, certificate not verified (${reason}); going on because of --insecure`,
    };
  // Opportunistic TLS (RFC 7435): with no credentials at stake a sending server delivers over
  // unverified TLS too; the certificate stays a finding. AUTH still refuses it without consent.
  if (ctx.config.auth === undefined)
    return {
      status: 'warning',
      summary: `${how}: ${facts.protocol}, certificate not verified (${reason}); no credentials at stake, going on as a sending server would`,
    };
  return {
    status: 'error',
    summary: `${how}: certificate not verified (${reason}); stopping before any credentials are sent (use --insecure to go on)`,
  };
};

const authenticate = async (
  ctx: StepContext,
  c: SmtpConversation,
  caps: SmtpCapabilities | undefined,
  server: SmtpServer,
): Promise<StepOutcome> => {
  const auth = ctx.config.auth!;
  const { recorder } = ctx;
  // Credentials go only over TLS unless the user consented to clear text (--plaintext-auth, or
  // the wizard's question), and only over a verified certificate unless --insecure. With no AUTH
  // offered before TLS nothing could be sent: no question, no "sent in clear" (auth.not-offered
  // says the client must use STARTTLS).
  if (!c.engine.isSecure && (caps?.auth ?? []).length > 0) {
    const refused = await clearTextLogin(
      ctx,
      'auth',
      { protocol: 'smtp', host: server.host, port: server.port, user: auth.user },
      'refusing to send credentials without TLS (--plaintext-auth allows it; --insecure is about certificates only)',
      caps?.startTls
        ? { kind: 'starttls', label: 'Use STARTTLS instead (the server offers it)' }
        : { kind: 'implicit', port: 465, label: 'Try implicit TLS on port 465 instead' },
    );
    if (refused) return refused;
  }
  const tlsFacts = c.connection.tls;
  if (tlsFacts && !tlsFacts.authorized && !ctx.config.insecure) {
    return {
      status: 'error',
      summary: 'refusing to send credentials over TLS whose certificate failed verification',
    };
  }
  const offered = caps?.auth ?? [];
  if (offered.length === 0)
    return { status: 'error', summary: 'the server offers no AUTH mechanism on this connection' };
  const credentials = { user: auth.user, password: auth.password };
  const mechanism: SaslMechanism | undefined =
    auth.mechanism === 'auto'
      ? strongestMechanism(offered, credentials)
      : SASL_MECHANISMS.find((m) => m.toLowerCase() === auth.mechanism);
  if (!mechanism)
    return {
      status: 'error',
      summary: `no usable mechanism among those offered (${offered.join(' ')})`,
    };
  if (!offered.includes(mechanism))
    recorder.note(
      'auth',
      `${mechanism} is not among the offered mechanisms (${offered.join(' ')}); trying anyway as asked`,
    );
  const sasl = createSaslClient(mechanism, credentials);
  recorder.secrets.add(sasl.secrets());
  const initial = sasl.initial();
  let event = await c.command('auth', {
    verb: 'AUTH',
    mechanism,
    ...(initial ? { initial } : {}),
    secrets: sasl.secrets(),
  });
  for (let round = 0; event.reply.code === 334 && round < 5; round += 1) {
    const step = sasl.respond(event.reply.lines[0] ?? '');
    event = await c.command('auth', { verb: 'AUTH-RESPONSE', step, secrets: sasl.secrets() });
  }
  recorder.fact('auth', {
    mechanism,
    code: event.reply.code,
    enhanced: event.reply.enhanced?.text,
    offered,
  });
  if (event.reply.code === 235)
    return { status: 'ok', summary: `authenticated as ${auth.user} with ${mechanism}` };
  return { status: 'error', summary: `authentication failed: ${codeText(event)}` };
};

const send = async (
  ctx: StepContext,
  c: SmtpConversation,
  caps: SmtpCapabilities | undefined,
): Promise<StepOutcome> => {
  const { config, recorder } = ctx;
  if (config.to.length === 0) return { status: 'skipped', summary: 'nothing to send (no --to)' };
  const from = config.from ?? defaultSender(ctx);
  if (config.from === undefined)
    recorder.note(
      'send',
      `no --from given: using <${from}> as the envelope sender${config.auth && !config.auth.user.includes('@') ? ` (the login name ${config.auth.user} is not an address; servers refuse a sender without a domain)` : ''}; give --from to use another`,
    );
  const messageId = `<mailmedic.${ctx.randomId()}@${config.ehlo}>`;
  const content = buildTestMessage({
    from,
    to: config.to,
    messageId,
    date: ctx.now(),
    ...(config.headers.length > 0 ? { headers: config.headers } : {}),
    ...(config.body !== undefined ? { body: config.body } : {}),
  });
  const size = Buffer.byteLength(content, 'utf8');
  recorder.fact('send.size', { bytes: size, ...(caps?.size ? { limit: caps.size } : {}) });
  if (caps?.size && size > caps.size) {
    recorder.note(
      'send',
      `the message (${size} bytes) is larger than the advertised SIZE limit (${caps.size} bytes)`,
    );
  }
  const mail: SmtpCommand = {
    verb: 'MAIL',
    from,
    ...(caps?.size !== undefined ? { size } : {}),
    ...(/[\u0080-\uffff]/.test(content) && caps?.eightBitMime ? { body: '8BITMIME' as const } : {}),
  };
  const rcpts: SmtpCommand[] = config.to.map((to) => ({ verb: 'RCPT', to }));
  const started = Date.now();

  let replies: ReplyEvent[];
  if (caps?.pipelining) {
    recorder.note('send', 'the server offers PIPELINING: MAIL, RCPT and DATA go in one write');
    replies = await c.pipeline('send', [mail, ...rcpts, { verb: 'DATA' }]);
  } else {
    replies = [await c.command('send', mail)];
    if (!positive(replies[0]!))
      return { status: 'error', summary: `sender refused: ${codeText(replies[0]!)}` };
    for (const rcpt of rcpts) replies.push(await c.command('send', rcpt));
    if (replies.slice(1).some(positive)) replies.push(await c.command('send', { verb: 'DATA' }));
  }
  const [mailReply, ...rest] = replies;
  const rcptReplies = rest.slice(0, rcpts.length);
  const dataReply = rest[rcpts.length];
  const accepted = config.to.filter((_, i) => rcptReplies[i] && positive(rcptReplies[i]!));
  const refused = config.to.filter((to) => !accepted.includes(to));
  recorder.fact(
    'send.recipients',
    config.to.map((to, i) => ({
      to,
      code: rcptReplies[i]?.reply.code,
      enhanced: rcptReplies[i]?.reply.enhanced?.text,
    })),
  );
  if (!mailReply || !positive(mailReply)) {
    if (dataReply?.reply.code === 354)
      await c.command('send', { verb: 'MESSAGE', content: '' }).catch(() => undefined);
    return {
      status: 'error',
      summary: `sender refused: ${mailReply ? codeText(mailReply) : 'no reply'}`,
    };
  }
  if (accepted.length === 0) {
    // A pipelined DATA that the server still accepted must be closed off with an empty message.
    if (dataReply?.reply.code === 354)
      await c.command('send', { verb: 'MESSAGE', content: '' }).catch(() => undefined);
    return {
      status: 'error',
      summary: `every recipient refused: ${rcptReplies[0] ? codeText(rcptReplies[0]) : 'no reply'}`,
    };
  }
  if (!dataReply || dataReply.reply.code !== 354)
    return {
      status: 'error',
      summary: `DATA refused: ${dataReply ? codeText(dataReply) : 'no reply'}`,
    };
  const end = await c.command('send', { verb: 'MESSAGE', content }, 'dataEnd');
  if (!positive(end))
    return { status: 'error', summary: `message refused at end of data: ${codeText(end)}` };
  const queueId = queueIdOf(end.reply.lines.join('\n'))?.id;
  recorder.update((s) => {
    s.delivery = { messageId, ...(queueId ? { queueId } : {}) };
  });
  recorder.fact('send.acceptedAt', Date.now());
  const ms = Date.now() - started;
  if (refused.length > 0)
    return {
      status: 'warning',
      summary: `accepted for ${accepted.length} of ${config.to.length} recipients (${refused.join(', ')} refused)`,
    };
  return {
    status: 'ok',
    summary: `message accepted${queueId ? ` as ${queueId}` : ''} in ${ms} ms`,
  };
};

const isIp = (host: string): boolean => /^[\d.]+$/.test(host) || host.includes(':');

/**
 * The envelope sender when --from is not given: the login when it is an address, otherwise a
 * name at the domain this test is about (never a bare login, which servers refuse with 501).
 */
export const defaultSender = (ctx: StepContext): string => {
  const { config } = ctx;
  const login = config.auth?.user;
  if (login?.includes('@')) return login;
  const server = config.target.server?.host;
  const serverDomain =
    server && !isIp(server) && server.split('.').length > 2
      ? server.split('.').slice(1).join('.')
      : server && !isIp(server) && server.includes('.')
        ? server
        : undefined;
  const domain =
    config.target.domain ??
    serverDomain ??
    // A recipient's domain exists in DNS; this machine's name (the EHLO default) often does not.
    config.to[0]?.split('@')[1] ??
    (config.ehlo.includes('.') && !isIp(config.ehlo) ? config.ehlo : undefined) ??
    'localhost';
  const local = login && /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(login) ? login : 'mailmedic';
  return `${local}@${domain}`;
};

/** Says goodbye when the session is still in a state where QUIT means something. */
const quit = async (c: SmtpConversation, step: StepId): Promise<void> => {
  // The manual console took the connection over: the session goes on there.
  if (c.handedOver) return;
  try {
    if (c.connection.isOpen && c.engine.whyNot({ verb: 'QUIT' }) === undefined) {
      await c.command(step, { verb: 'QUIT' });
    }
  } catch {
    // The server may drop the line instead of answering QUIT; nothing is lost.
  } finally {
    c.close();
  }
};
