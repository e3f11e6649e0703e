import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  IllegalTransitionError,
  RemoteProtocolError,
} from '../../../source/protocols/common/errors.js';
import { createSaslClient, MASK } from '../../../source/protocols/common/sasl.js';
import type { SmtpCommand } from '../../../source/protocols/smtp/commands.js';
import type { SmtpEngineOptions, SmtpEvent } from '../../../source/protocols/smtp/engine.js';
import { SmtpEngine } from '../../../source/protocols/smtp/engine.js';
import { GMAIL_EHLO, GMAIL_EHLO_TLS, POSTFIX_EHLO } from './ehlo-fixtures.js';

type ReplyEvent = Extract<SmtpEvent, { type: 'reply' }>;

const feed = (engine: SmtpEngine, text: string): SmtpEvent[] =>
  engine.receive(Buffer.from(text, 'utf8'));
const replies = (events: SmtpEvent[]): ReplyEvent[] =>
  events.filter((e): e is ReplyEvent => e.type === 'reply');
const only = (events: SmtpEvent[]): ReplyEvent => {
  const r = replies(events);
  assert.equal(r.length, 1, `expected one reply, got ${r.length}`);
  return r[0]!;
};
const summary = (events: SmtpEvent[]): Array<[string, number, string, string]> =>
  replies(events).map((e) => [e.answers, e.reply.code, e.stateBefore, e.state]);

const greeted = (options: SmtpEngineOptions = {}): SmtpEngine => {
  const engine = new SmtpEngine(options);
  feed(engine, '220 mx.example.org ESMTP\r\n');
  assert.equal(engine.state, 'ready');
  return engine;
};

/** Greeted and EHLO accepted with the given EHLO reply. */
const session = (ehloReply = POSTFIX_EHLO, options: SmtpEngineOptions = {}): SmtpEngine => {
  const engine = greeted(options);
  engine.send({ verb: 'EHLO', domain: 'client.example' });
  feed(engine, ehloReply);
  assert.equal(engine.state, 'session');
  return engine;
};

const throwsIllegal = (fn: () => unknown, pattern?: RegExp): void => {
  assert.throws(
    fn,
    (e: unknown) =>
      e instanceof IllegalTransitionError &&
      e.code === 'ESTATE' &&
      (!pattern || pattern.test(e.message)),
  );
};

const throwsRemote = (
  fn: () => unknown,
  check: (e: RemoteProtocolError) => boolean = () => true,
): void => {
  assert.throws(fn, (e: unknown) => e instanceof RemoteProtocolError && check(e));
};

describe('SmtpEngine greeting', () => {
  const cases: Array<[string, string, string]> = [
    ['220 → ready', '220 mx.example.org ESMTP Postfix\r\n', 'ready'],
    [
      'multi-line 220 → ready',
      '220-mx.example.org ESMTP\r\n220-no UCE\r\n220 go ahead\r\n',
      'ready',
    ],
    ['554 → rejected', '554 5.7.1 no service for you\r\n', 'rejected'],
    ['421 → closed', '421 4.3.2 too busy\r\n', 'closed'],
    ['450 → closed', '450 try later\r\n', 'closed'],
  ];
  for (const [name, wire, state] of cases) {
    it(name, () => {
      const engine = new SmtpEngine();
      assert.equal(engine.state, 'greeting');
      assert.equal(engine.awaiting, 1);
      const event = only(feed(engine, wire));
      assert.equal(event.answers, 'GREETING');
      assert.equal(event.stateBefore, 'greeting');
      assert.equal(event.state, state);
      assert.equal(engine.state, state);
      assert.equal(engine.awaiting, 0);
    });
  }

  it('the multi-line greeting keeps every line', () => {
    const engine = new SmtpEngine();
    const event = only(feed(engine, '220-mx.example.org ESMTP\r\n220 go ahead\r\n'));
    assert.deepEqual(event.reply.lines, ['mx.example.org ESMTP', 'go ahead']);
  });

  it('a greeting that arrives byte by byte', () => {
    const engine = new SmtpEngine();
    const events: SmtpEvent[] = [];
    for (const byte of Buffer.from('220-a\r\n220 b\r\n'))
      events.push(...engine.receive(Uint8Array.of(byte)));
    assert.deepEqual(summary(events), [['GREETING', 220, 'greeting', 'ready']]);
  });

  it('after a rejection only QUIT is allowed', () => {
    const engine = new SmtpEngine();
    feed(engine, '554 go away\r\n');
    throwsIllegal(() => engine.send({ verb: 'EHLO', domain: 'x' }));
    engine.send({ verb: 'QUIT' });
    assert.equal(only(feed(engine, '221 bye\r\n')).state, 'closed');
  });

  it('nothing may be sent before the greeting', () => {
    const engine = new SmtpEngine();
    assert.match(engine.whyNot({ verb: 'EHLO', domain: 'x' }) ?? '', /greeting/);
    throwsIllegal(() => engine.send({ verb: 'EHLO', domain: 'x' }));
  });

  it('notes a bare LF once', () => {
    const engine = new SmtpEngine();
    const events = feed(engine, '220 hi\n');
    assert.deepEqual(events[0], {
      type: 'note',
      text: 'the server ends lines with a bare LF instead of CRLF (tolerated)',
    });
    assert.equal(only(events).reply.bareLf, true);
    engine.send({ verb: 'NOOP' });
    assert.equal(feed(engine, '250 ok\n').filter((e) => e.type === 'note').length, 0);
  });
});

describe('SmtpEngine EHLO and HELO', () => {
  it('EHLO → session, capabilities on the event and the engine', () => {
    const engine = greeted();
    const out = engine.send({ verb: 'EHLO', domain: 'client.example' });
    assert.equal(out.bytes.toString(), 'EHLO client.example\r\n');
    assert.equal(engine.awaiting, 1);
    assert.equal(engine.projected, 'session');
    const event = only(feed(engine, GMAIL_EHLO));
    assert.equal(event.answers, 'EHLO');
    assert.equal(event.stateBefore, 'ready');
    assert.equal(event.state, 'session');
    assert.equal(event.capabilities?.serverName, 'smtp.gmail.com');
    assert.equal(event.capabilities?.startTls, true);
    assert.equal(engine.capabilities, event.capabilities);
  });

  for (const code of [500, 502]) {
    it(`${code} to EHLO leaves the state ready so HELO can follow`, () => {
      const engine = greeted();
      engine.send({ verb: 'EHLO', domain: 'client.example' });
      const event = only(feed(engine, `${code} 5.5.1 command unrecognized\r\n`));
      assert.equal(event.state, 'ready');
      assert.equal(event.capabilities, undefined);
      assert.equal(engine.whyNot({ verb: 'HELO', domain: 'client.example' }), undefined);
      engine.send({ verb: 'HELO', domain: 'client.example' });
      const helo = only(feed(engine, '250 mx.example.org\r\n'));
      assert.equal(helo.answers, 'HELO');
      assert.equal(helo.state, 'session');
      assert.equal(helo.capabilities, undefined);
      assert.equal(engine.capabilities, undefined);
    });
  }

  it('the EHLO reply split at every position gives the same events', () => {
    const wire = `220 mx ESMTP\r\n${POSTFIX_EHLO}`;
    const run = (chunks: string[]): unknown => {
      const engine = new SmtpEngine();
      const events: SmtpEvent[] = [];
      events.push(...feed(engine, chunks[0]!));
      if (engine.state === 'ready') engine.send({ verb: 'EHLO', domain: 'c' });
      for (const chunk of chunks.slice(1)) events.push(...feed(engine, chunk));
      return replies(events).map((e) => ({ ...e, reply: { ...e.reply } }));
    };
    // The greeting must be complete before EHLO is sent; split anywhere in the EHLO reply.
    const greeting = '220 mx ESMTP\r\n';
    const whole = run([greeting, POSTFIX_EHLO]);
    for (let i = 0; i <= POSTFIX_EHLO.length; i += 1) {
      assert.deepEqual(
        run([greeting, POSTFIX_EHLO.slice(0, i), POSTFIX_EHLO.slice(i)]),
        whole,
        `split at ${i}`,
      );
    }
    assert.equal(wire.startsWith(greeting), true);
  });
});

describe('SmtpEngine STARTTLS', () => {
  it('220 → tls; receive() refuses data; tlsEstablished() → ready, secure, capabilities cleared', () => {
    const engine = session(GMAIL_EHLO);
    assert.equal(engine.isSecure, false);
    engine.send({ verb: 'STARTTLS' });
    throwsIllegal(() => engine.send({ verb: 'MAIL', from: 'a@b' }), /TLS handshake/);
    const event = only(feed(engine, '220 2.0.0 Ready to start TLS\r\n'));
    assert.equal(event.answers, 'STARTTLS');
    assert.equal(event.state, 'tls');
    assert.equal(engine.state, 'tls');
    throwsRemote(() => feed(engine, '250 x\r\n'));
    assert.match(engine.whyNot({ verb: 'EHLO', domain: 'x' }) ?? '', /TLS handshake/);
    throwsIllegal(() => engine.send({ verb: 'RAW', line: 'NOOP' }));
    engine.tlsEstablished();
    assert.equal(engine.state, 'ready');
    assert.equal(engine.isSecure, true);
    assert.equal(engine.capabilities, undefined);
    engine.send({ verb: 'EHLO', domain: 'client.example' });
    const again = only(feed(engine, GMAIL_EHLO_TLS));
    assert.equal(again.state, 'session');
    assert.equal(engine.capabilities, again.capabilities);
    assert.deepEqual(again.capabilities?.auth.slice(0, 3), ['LOGIN', 'PLAIN', 'XOAUTH2']);
  });

  it('a second STARTTLS is refused by whyNot and send', () => {
    const engine = session(GMAIL_EHLO);
    engine.send({ verb: 'STARTTLS' });
    feed(engine, '220 go\r\n');
    engine.tlsEstablished();
    engine.send({ verb: 'EHLO', domain: 'c' });
    feed(engine, GMAIL_EHLO);
    assert.equal(engine.whyNot({ verb: 'STARTTLS' }), 'TLS is already active');
    throwsIllegal(() => engine.send({ verb: 'STARTTLS' }), /already active/);
  });

  it('STARTTLS on an implicit-TLS connection is refused', () => {
    const engine = session(GMAIL_EHLO, { tls: true });
    assert.equal(engine.isSecure, true);
    throwsIllegal(() => engine.send({ verb: 'STARTTLS' }));
  });

  it('a refused STARTTLS keeps the session', () => {
    const engine = session(GMAIL_EHLO);
    engine.send({ verb: 'STARTTLS' });
    const event = only(feed(engine, '454 4.7.0 TLS not available\r\n'));
    assert.equal(event.state, 'session');
    assert.equal(engine.isSecure, false);
  });

  it('tlsEstablished() outside state tls is an illegal transition', () => {
    throwsIllegal(() => session().tlsEstablished());
  });

  it('response injection: bytes after the 220 in the same chunk are refused and kept', () => {
    const engine = session(GMAIL_EHLO);
    engine.send({ verb: 'STARTTLS' });
    throwsRemote(
      () => feed(engine, '220 ready\r\n250 injected\r\n'),
      (e) =>
        e.code === 'EPROTOCOL' &&
        Buffer.from(e.raw!).toString() === '250 injected\r\n' &&
        /injection/.test(e.message),
    );
  });

  it('response injection: even a partial line after the 220 is refused', () => {
    const engine = session(GMAIL_EHLO);
    engine.send({ verb: 'STARTTLS' });
    throwsRemote(
      () => feed(engine, '220 ready\r\n2'),
      (e) => Buffer.from(e.raw!).toString() === '2',
    );
  });
});

describe('SmtpEngine AUTH', () => {
  const secured = (): SmtpEngine => session(POSTFIX_EHLO, { tls: true });

  it('PLAIN with an initial response → 235 → authenticated', () => {
    const engine = secured();
    const client = createSaslClient('PLAIN', { user: 'alice', password: 's3cret' });
    const initial = client.initial()!;
    const out = engine.send({
      verb: 'AUTH',
      mechanism: 'PLAIN',
      initial,
      secrets: client.secrets(),
    });
    assert.equal(out.bytes.toString(), 'AUTH PLAIN AGFsaWNlAHMzY3JldA==\r\n');
    assert.deepEqual(out.display, [`AUTH PLAIN ${MASK}`]);
    assert.equal(out.secret, true);
    for (const form of [
      's3cret',
      Buffer.from('s3cret').toString('base64'),
      'AGFsaWNlAHMzY3JldA==',
    ]) {
      assert.ok(out.secrets.includes(form), `secrets lack ${form}`);
    }
    assert.doesNotMatch(out.display.join('\n'), /s3cret|czNjcmV0|AGFsaWNlAHMzY3JldA/);
    assert.equal(engine.isAuthenticated, false);
    const event = only(feed(engine, '235 2.7.0 Authentication successful\r\n'));
    assert.equal(event.answers, 'AUTH');
    assert.equal(event.state, 'session');
    assert.equal(engine.isAuthenticated, true);
  });

  it('a second AUTH after success is refused', () => {
    const engine = secured();
    engine.send({
      verb: 'AUTH',
      mechanism: 'PLAIN',
      initial: { response: 'AGEAYg==', display: MASK, secret: true },
    });
    feed(engine, '235 ok\r\n');
    assert.match(
      engine.whyNot({ verb: 'AUTH', mechanism: 'LOGIN' }) ?? '',
      /already authenticated/,
    );
    throwsIllegal(() => engine.send({ verb: 'AUTH', mechanism: 'LOGIN' }));
  });

  it('a failed AUTH (535) returns to session, unauthenticated, and may be retried', () => {
    const engine = secured();
    engine.send({
      verb: 'AUTH',
      mechanism: 'PLAIN',
      initial: { response: 'AGEAYg==', display: MASK, secret: true },
    });
    const event = only(feed(engine, '535 5.7.8 Error: authentication failed\r\n'));
    assert.equal(event.state, 'session');
    assert.equal(event.reply.enhanced?.text, '5.7.8');
    assert.equal(engine.isAuthenticated, false);
    assert.equal(engine.whyNot({ verb: 'AUTH', mechanism: 'LOGIN' }), undefined);
  });

  it('LOGIN: two 334 challenges decoded, then 235', () => {
    const engine = secured();
    const client = createSaslClient('LOGIN', { user: 'alice', password: 's3cret' });
    engine.send({ verb: 'AUTH', mechanism: 'LOGIN' });
    const first = only(feed(engine, '334 VXNlcm5hbWU6\r\n'));
    assert.equal(first.state, 'auth');
    assert.equal(first.challenge, 'Username:');
    throwsIllegal(() => engine.send({ verb: 'MAIL', from: 'a@b' }));
    const user = engine.send({
      verb: 'AUTH-RESPONSE',
      step: client.respond(first.reply.lines[0]!),
      secrets: client.secrets(),
    });
    assert.equal(user.bytes.toString(), 'YWxpY2U=\r\n');
    const second = only(feed(engine, '334 UGFzc3dvcmQ6\r\n'));
    assert.equal(second.answers, 'AUTH-RESPONSE');
    assert.equal(second.challenge, 'Password:');
    assert.equal(second.state, 'auth');
    const pass = engine.send({
      verb: 'AUTH-RESPONSE',
      step: client.respond(second.reply.lines[0]!),
      secrets: client.secrets(),
    });
    assert.equal(pass.bytes.toString(), 'czNjcmV0\r\n');
    assert.deepEqual(pass.display, [MASK]);
    assert.ok(pass.secrets.includes('czNjcmV0') && pass.secrets.includes('s3cret'));
    const done = only(feed(engine, '235 2.7.0 ok\r\n'));
    assert.equal(done.state, 'session');
    assert.equal(engine.isAuthenticated, true);
  });

  it('CRAM-MD5 answers the RFC 2195 challenge', () => {
    const engine = secured();
    const client = createSaslClient('CRAM-MD5', { user: 'tim', password: 'tanstaaftanstaaf' });
    engine.send({ verb: 'AUTH', mechanism: 'CRAM-MD5' });
    const challenge = only(
      feed(engine, '334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n'),
    );
    assert.equal(challenge.challenge, '<1896.697170952@postoffice.reston.mci.net>');
    const out = engine.send({
      verb: 'AUTH-RESPONSE',
      step: client.respond(challenge.reply.lines[0]!),
      secrets: client.secrets(),
    });
    assert.equal(out.bytes.toString(), 'dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n');
    assert.deepEqual(out.display, [MASK]);
    assert.ok(out.secrets.includes('tanstaaftanstaaf'));
    assert.equal(only(feed(engine, '235 ok\r\n')).state, 'session');
    assert.equal(engine.isAuthenticated, true);
  });

  it('XOAUTH2: error challenge, empty response, final 535', () => {
    const engine = secured();
    const token = 'ya29.a0AfH6SMB';
    const client = createSaslClient('XOAUTH2', { user: 'alice@gmail.com', token });
    const out = engine.send({
      verb: 'AUTH',
      mechanism: 'XOAUTH2',
      initial: client.initial()!,
      secrets: client.secrets(),
    });
    assert.ok(out.secrets.includes(token));
    assert.ok(!out.display.join('').includes(token));
    const json = '{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}';
    const challenge = only(feed(engine, `334 ${Buffer.from(json).toString('base64')}\r\n`));
    assert.equal(challenge.state, 'auth');
    assert.equal(challenge.challenge, json);
    const empty = engine.send({
      verb: 'AUTH-RESPONSE',
      step: client.respond(challenge.reply.lines[0]!),
    });
    assert.equal(empty.bytes.toString(), '\r\n');
    const final = only(
      feed(
        engine,
        '535-5.7.8 Username and Password not accepted.\r\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials\r\n',
      ),
    );
    assert.equal(final.answers, 'AUTH-RESPONSE');
    assert.equal(final.state, 'session');
    assert.equal(engine.isAuthenticated, false);
  });

  it('a 334 whose text is not base64 has no decoded challenge', () => {
    const engine = secured();
    engine.send({ verb: 'AUTH', mechanism: 'LOGIN' });
    const event = only(feed(engine, '334 Go ahead\r\n'));
    assert.equal(event.challenge, undefined);
    assert.equal(event.state, 'auth');
  });

  it('AUTH-RESPONSE outside auth, and before the 334 arrives, is refused', () => {
    const engine = secured();
    const step = { response: 'eA==', display: 'eA==', secret: false };
    throwsIllegal(() => engine.send({ verb: 'AUTH-RESPONSE', step }));
    engine.send({ verb: 'AUTH', mechanism: 'LOGIN' });
    throwsIllegal(() => engine.send({ verb: 'AUTH-RESPONSE', step }));
  });

  it('tlsEstablished() forgets an earlier authentication', () => {
    const engine = session(GMAIL_EHLO);
    engine.send({
      verb: 'AUTH',
      mechanism: 'PLAIN',
      initial: { response: 'AGEAYg==', display: MASK, secret: true },
    });
    feed(engine, '235 ok\r\n');
    engine.send({ verb: 'STARTTLS' });
    feed(engine, '220 go\r\n');
    engine.tlsEstablished();
    assert.equal(engine.isAuthenticated, false);
  });
});

describe('SmtpEngine mail transaction', () => {
  it('MAIL, RCPT, DATA, MESSAGE in sequence', () => {
    const engine = session();
    const steps: Array<[SmtpCommand, string, string, string]> = [
      [{ verb: 'MAIL', from: 'alice@example.org' }, '250 2.1.0 Ok\r\n', 'MAIL', 'mail'],
      [{ verb: 'RCPT', to: 'bob@example.net' }, '250 2.1.5 Ok\r\n', 'RCPT', 'rcpt'],
      [{ verb: 'RCPT', to: 'carol@example.net' }, '251 2.1.5 will forward\r\n', 'RCPT', 'rcpt'],
      [{ verb: 'DATA' }, '354 End data with <CR><LF>.<CR><LF>\r\n', 'DATA', 'data'],
      [
        { verb: 'MESSAGE', content: 'Subject: hi\r\n\r\n.hello\r\n' },
        '250 2.0.0 Ok: queued as 4ABC\r\n',
        'MESSAGE',
        'session',
      ],
    ];
    for (const [command, reply, answers, state] of steps) {
      engine.send(command);
      const event = only(feed(engine, reply));
      assert.equal(event.answers, answers);
      assert.equal(event.state, state, `${answers} → ${state}`);
    }
    // A new transaction may start.
    assert.equal(engine.whyNot({ verb: 'MAIL', from: 'a@b' }), undefined);
  });

  it('the MESSAGE bytes are dot-stuffed and terminated', () => {
    const engine = session();
    engine.send({ verb: 'MAIL', from: 'a@b' });
    feed(engine, '250 ok\r\n');
    engine.send({ verb: 'RCPT', to: 'c@d' });
    feed(engine, '250 ok\r\n');
    engine.send({ verb: 'DATA' });
    feed(engine, '354 go\r\n');
    assert.equal(engine.send({ verb: 'MESSAGE', content: '.\n' }).bytes.toString(), '..\r\n.\r\n');
  });

  it('a refused MAIL keeps the session', () => {
    const engine = session();
    engine.send({ verb: 'MAIL', from: 'a@b' });
    assert.equal(only(feed(engine, '553 5.7.1 sender rejected\r\n')).state, 'session');
  });

  it('a refused DATA stays in rcpt; a refused message goes back to session', () => {
    const engine = session();
    engine.send({ verb: 'MAIL', from: 'a@b' });
    feed(engine, '250 ok\r\n');
    engine.send({ verb: 'RCPT', to: 'c@d' });
    feed(engine, '250 ok\r\n');
    engine.send({ verb: 'DATA' });
    assert.equal(only(feed(engine, '451 try later\r\n')).state, 'rcpt');
    engine.send({ verb: 'DATA' });
    feed(engine, '354 go\r\n');
    engine.send({ verb: 'MESSAGE', content: 'x' });
    assert.equal(only(feed(engine, '554 5.7.1 spam\r\n')).state, 'session');
  });

  it('RSET ends a transaction', () => {
    const engine = session();
    engine.send({ verb: 'MAIL', from: 'a@b' });
    feed(engine, '250 ok\r\n');
    engine.send({ verb: 'RSET' });
    assert.equal(only(feed(engine, '250 ok\r\n')).state, 'session');
  });

  it('NOOP, VRFY and HELP keep the state', () => {
    const engine = session();
    engine.send({ verb: 'MAIL', from: 'a@b' });
    feed(engine, '250 ok\r\n');
    for (const command of [
      { verb: 'NOOP' },
      { verb: 'VRFY', argument: 'x' },
      { verb: 'HELP' },
    ] as SmtpCommand[]) {
      engine.send(command);
      assert.equal(only(feed(engine, '502 no\r\n')).state, 'mail');
    }
  });

  describe('illegal transitions throw IllegalTransitionError', () => {
    const cases: Array<[string, () => SmtpEngine, SmtpCommand]> = [
      ['MAIL before EHLO', () => greeted(), { verb: 'MAIL', from: 'a@b' }],
      ['RCPT before MAIL', () => session(), { verb: 'RCPT', to: 'a@b' }],
      ['DATA before RCPT', () => session(), { verb: 'DATA' }],
      ['MESSAGE without DATA', () => session(), { verb: 'MESSAGE', content: 'x' }],
      ['STARTTLS before EHLO', () => greeted(), { verb: 'STARTTLS' }],
      ['AUTH before EHLO', () => greeted(), { verb: 'AUTH', mechanism: 'PLAIN' }],
      [
        'AUTH during a transaction',
        () => {
          const e = session();
          e.send({ verb: 'MAIL', from: 'a@b' });
          return e;
        },
        { verb: 'AUTH', mechanism: 'LOGIN' },
      ],
      [
        'DATA after MAIL only',
        () => {
          const e = session();
          e.send({ verb: 'MAIL', from: 'a@b' });
          feed(e, '250 ok\r\n');
          return e;
        },
        { verb: 'DATA' },
      ],
      [
        'MESSAGE before the 354 arrives',
        () => {
          const e = session();
          e.send({ verb: 'MAIL', from: 'a@b' });
          e.send({ verb: 'RCPT', to: 'c@d' });
          e.send({ verb: 'DATA' });
          return e;
        },
        { verb: 'MESSAGE', content: 'x' },
      ],
      [
        'a second MESSAGE after the first is sent',
        () => {
          const e = session();
          e.send({ verb: 'MAIL', from: 'a@b' });
          e.send({ verb: 'RCPT', to: 'c@d' });
          e.send({ verb: 'DATA' });
          feed(e, '250 ok\r\n250 ok\r\n354 go\r\n');
          e.send({ verb: 'MESSAGE', content: 'x' });
          return e;
        },
        { verb: 'MESSAGE', content: 'y' },
      ],
      [
        'a command while the message is due',
        () => {
          const e = session();
          e.send({ verb: 'MAIL', from: 'a@b' });
          e.send({ verb: 'RCPT', to: 'c@d' });
          e.send({ verb: 'DATA' });
          feed(e, '250 ok\r\n250 ok\r\n354 go\r\n');
          return e;
        },
        { verb: 'NOOP' },
      ],
      [
        'anything after QUIT',
        () => {
          const e = session();
          e.send({ verb: 'QUIT' });
          feed(e, '221 bye\r\n');
          return e;
        },
        { verb: 'NOOP' },
      ],
    ];
    for (const [name, setup, command] of cases) {
      it(name, () => {
        const engine = setup();
        const stateBefore = engine.state;
        const awaiting = engine.awaiting;
        assert.notEqual(engine.whyNot(command), undefined);
        throwsIllegal(() => engine.send(command));
        assert.equal(engine.state, stateBefore, 'state unchanged');
        assert.equal(engine.awaiting, awaiting, 'nothing queued');
      });
    }
  });
});

describe('SmtpEngine PIPELINING', () => {
  const pipelined = (): SmtpEngine => {
    const engine = session(GMAIL_EHLO);
    assert.equal(engine.capabilities?.pipelining, true);
    engine.send({ verb: 'MAIL', from: 'alice@example.org', size: 100 });
    assert.equal(engine.projected, 'mail');
    engine.send({ verb: 'RCPT', to: 'bob@example.net' });
    assert.equal(engine.projected, 'rcpt');
    engine.send({ verb: 'RCPT', to: 'carol@example.net' });
    engine.send({ verb: 'DATA' });
    assert.equal(engine.projected, 'data');
    assert.equal(engine.state, 'session');
    assert.equal(engine.awaiting, 4);
    return engine;
  };

  it('four replies in one chunk are matched in order', () => {
    const engine = pipelined();
    const events = feed(engine, '250 2.1.0 OK\r\n250 2.1.5 OK\r\n250 2.1.5 OK\r\n354 Go ahead\r\n');
    assert.deepEqual(summary(events), [
      ['MAIL', 250, 'session', 'mail'],
      ['RCPT', 250, 'mail', 'rcpt'],
      ['RCPT', 250, 'rcpt', 'rcpt'],
      ['DATA', 354, 'rcpt', 'data'],
    ]);
    assert.equal(engine.awaiting, 0);
    assert.equal(engine.whyNot({ verb: 'MESSAGE', content: 'x' }), undefined);
  });

  it('one refused RCPT, the other accepted: DATA still reaches data', () => {
    const engine = pipelined();
    const events = feed(engine, '250 OK\r\n550 5.1.1 no such user\r\n250 OK\r\n354 Go ahead\r\n');
    assert.deepEqual(summary(events), [
      ['MAIL', 250, 'session', 'mail'],
      ['RCPT', 550, 'mail', 'mail'],
      ['RCPT', 250, 'mail', 'rcpt'],
      ['DATA', 354, 'rcpt', 'data'],
    ]);
    assert.equal(replies(events)[1]!.reply.enhanced?.text, '5.1.1');
  });

  it('the first accepted, the second refused: still data', () => {
    const engine = pipelined();
    const events = feed(engine, '250 OK\r\n250 OK\r\n550 no\r\n354 go\r\n');
    assert.equal(summary(events).at(-1)![3], 'data');
  });

  it('every RCPT refused: DATA refused, back in mail', () => {
    const engine = pipelined();
    const events = feed(engine, '250 OK\r\n550 no\r\n550 no\r\n554 5.5.1 no valid recipients\r\n');
    assert.deepEqual(
      summary(events).map((s) => s[3]),
      ['mail', 'mail', 'mail', 'mail'],
    );
  });

  it('replies arriving in any split give the same events', () => {
    const wire = '250 OK\r\n550 no\r\n250-multi\r\n250 OK\r\n354 go\r\n';
    const whole = summary(feed(pipelined(), wire));
    for (let i = 0; i <= wire.length; i += 1) {
      const engine = pipelined();
      const events = [...feed(engine, wire.slice(0, i)), ...feed(engine, wire.slice(i))];
      assert.deepEqual(summary(events), whole, `split at ${i}`);
    }
  });

  it('a reply too many is a protocol error', () => {
    const engine = pipelined();
    throwsRemote(
      () => feed(engine, '250 a\r\n250 b\r\n250 c\r\n354 d\r\n250 extra\r\n'),
      (e) => /no command was waiting/.test(e.message),
    );
  });
});

describe('SmtpEngine unsolicited replies and closing', () => {
  it('a reply when no command is pending is a RemoteProtocolError', () => {
    const engine = session();
    throwsRemote(
      () => feed(engine, '250 surprise\r\n'),
      (e) => e.code === 'EPROTOCOL' && Buffer.from(e.raw!).toString().includes('250 surprise'),
    );
  });

  it('an unsolicited 421 closes', () => {
    const engine = session();
    const event = only(feed(engine, '421 4.4.2 timeout, closing\r\n'));
    assert.equal(event.answers, 'UNSOLICITED');
    assert.equal(event.stateBefore, 'session');
    assert.equal(event.state, 'closed');
    assert.match(engine.whyNot({ verb: 'NOOP' }) ?? '', /closed/);
  });

  it('421 to any command closes', () => {
    const engine = session();
    engine.send({ verb: 'MAIL', from: 'a@b' });
    assert.equal(only(feed(engine, '421 shutting down\r\n')).state, 'closed');
  });

  it('QUIT → 221 → closed', () => {
    const engine = session();
    const out = engine.send({ verb: 'QUIT' });
    assert.equal(out.bytes.toString(), 'QUIT\r\n');
    const event = only(feed(engine, '221 2.0.0 Bye\r\n'));
    assert.equal(event.answers, 'QUIT');
    assert.equal(event.state, 'closed');
    throwsIllegal(() => engine.send({ verb: 'RAW', line: 'NOOP' }));
  });

  it('QUIT is allowed mid-transaction and during AUTH', () => {
    const engine = session();
    engine.send({ verb: 'AUTH', mechanism: 'LOGIN' });
    feed(engine, '334 VXNlcm5hbWU6\r\n');
    assert.equal(engine.whyNot({ verb: 'QUIT' }), undefined);
  });

  it('closed() forgets pending commands', () => {
    const engine = session();
    engine.send({ verb: 'NOOP' });
    engine.closed();
    assert.equal(engine.state, 'closed');
    assert.equal(engine.awaiting, 0);
  });

  it('malformed replies keep their raw bytes', () => {
    const engine = session();
    engine.send({ verb: 'NOOP' });
    throwsRemote(
      () => feed(engine, 'HTTP/1.1 400 Bad Request\r\n'),
      (e) => Buffer.from(e.raw!).toString() === 'HTTP/1.1 400 Bad Request\r\n',
    );
  });

  it('an overlong line is ELIMIT, limits come from the options', () => {
    const engine = new SmtpEngine({ limits: { maxLineBytes: 16 } });
    throwsRemote(
      () => feed(engine, `220 ${'x'.repeat(20)}\r\n`),
      (e) => e.code === 'ELIMIT',
    );
    const lines = new SmtpEngine({ limits: { maxReplyLines: 2 } });
    throwsRemote(
      () => feed(lines, '220-a\r\n220-b\r\n220 c\r\n'),
      (e) => e.code === 'ELIMIT',
    );
  });
});

describe('SmtpEngine manual mode (RAW)', () => {
  it('RAW lines are tracked by their verb', () => {
    const engine = session();
    engine.send({ verb: 'RAW', line: 'MAIL FROM:<a@b>' });
    assert.equal(engine.projected, 'mail');
    const event = only(feed(engine, '250 ok\r\n'));
    assert.equal(event.answers, 'RAW');
    assert.equal(event.state, 'mail');
  });

  it('whyNot warns about a RAW line out of order, but send lets it through', () => {
    const engine = session();
    const reason = engine.whyNot({ verb: 'RAW', line: 'RCPT TO:<x@y>' });
    assert.equal(reason, 'RCPT is not valid in state "session"');
    engine.send({ verb: 'RAW', line: 'RCPT TO:<x@y>' });
    assert.equal(only(feed(engine, '503 5.5.1 need MAIL first\r\n')).state, 'session');
  });

  it('an unknown RAW verb gets no warning and keeps the state', () => {
    const engine = session();
    assert.equal(engine.whyNot({ verb: 'RAW', line: 'EXPN staff' }), undefined);
    engine.send({ verb: 'RAW', line: 'EXPN staff' });
    assert.equal(only(feed(engine, '502 no\r\n')).state, 'session');
  });

  it('RAW EHLO collects capabilities; RAW STARTTLS leads to tls', () => {
    const engine = greeted();
    engine.send({ verb: 'RAW', line: 'ehlo me' });
    assert.equal(only(feed(engine, GMAIL_EHLO)).capabilities?.startTls, true);
    engine.send({ verb: 'RAW', line: 'STARTTLS' });
    assert.equal(only(feed(engine, '220 go\r\n')).state, 'tls');
  });

  it('in auth, an unrecognised RAW line is the SASL response', () => {
    const engine = session();
    engine.send({ verb: 'RAW', line: 'AUTH LOGIN' });
    assert.equal(only(feed(engine, '334 VXNlcm5hbWU6\r\n')).state, 'auth');
    engine.send({ verb: 'RAW', line: 'YWxpY2U=' });
    feed(engine, '334 UGFzc3dvcmQ6\r\n');
    engine.send({ verb: 'RAW', line: 'czNjcmV0' });
    assert.equal(only(feed(engine, '235 ok\r\n')).state, 'session');
    assert.equal(engine.isAuthenticated, true);
  });

  it('message lines typed after 354 expect no reply; the final dot does', () => {
    const engine = session();
    for (const line of ['MAIL FROM:<a@b>', 'RCPT TO:<c@d>', 'DATA']) {
      engine.send({ verb: 'RAW', line });
    }
    feed(engine, '250 ok\r\n250 ok\r\n354 go\r\n');
    assert.equal(engine.state, 'data');
    for (const line of ['Subject: typed by hand', '', 'MAIL is a word', 'hello']) {
      assert.equal(
        engine.whyNot({ verb: 'RAW', line }),
        undefined,
        'message lines are not commands',
      );
      engine.send({ verb: 'RAW', line });
      assert.equal(engine.awaiting, 0, `no reply expected for ${JSON.stringify(line)}`);
    }
    engine.send({ verb: 'RAW', line: '.' });
    assert.equal(engine.awaiting, 1);
    const event = only(feed(engine, '250 2.0.0 Ok: queued as 1234\r\n'));
    assert.equal(event.answers, 'RAW');
    assert.equal(event.state, 'session');
  });

  it('RAW lines still refuse CR and LF', () => {
    const engine = session();
    assert.throws(
      () => engine.send({ verb: 'RAW', line: 'NOOP\r\nQUIT' }),
      (e: unknown) => e instanceof Error && 'field' in e,
    );
    assert.equal(engine.awaiting, 0);
  });
});

describe('SmtpEngine secrets', () => {
  it('no display of an AUTH exchange shows the password in any form', () => {
    const password = 'p\u00e4ss w0rd!';
    const engine = session(POSTFIX_EHLO, { tls: true });
    for (const mechanism of ['PLAIN', 'LOGIN'] as const) {
      const client = createSaslClient(mechanism, { user: 'alice', password });
      const initial = client.initial();
      const outs = [
        engine.send({
          verb: 'AUTH',
          mechanism,
          ...(initial ? { initial } : {}),
          secrets: client.secrets(),
        }),
      ];
      if (mechanism === 'LOGIN') {
        feed(engine, '334 VXNlcm5hbWU6\r\n');
        outs.push(
          engine.send({
            verb: 'AUTH-RESPONSE',
            step: client.respond('VXNlcm5hbWU6'),
            secrets: client.secrets(),
          }),
        );
        feed(engine, '334 UGFzc3dvcmQ6\r\n');
        outs.push(
          engine.send({
            verb: 'AUTH-RESPONSE',
            step: client.respond('UGFzc3dvcmQ6'),
            secrets: client.secrets(),
          }),
        );
      }
      feed(engine, '535 no\r\n');
      const display = outs.flatMap((o) => o.display).join('\n');
      const all = outs.at(-1)!.secrets;
      for (const form of [
        password,
        Buffer.from(password).toString('base64'),
        Buffer.from(password, 'latin1').toString('base64'),
      ]) {
        assert.ok(all.includes(form), `${mechanism}: secrets lack ${form}`);
        assert.ok(!display.includes(form), `${mechanism}: display shows ${form}`);
      }
      for (const out of outs) {
        for (const secret of out.secrets)
          assert.ok(!out.display.join('\n').includes(secret), `${mechanism}: ${secret} shown`);
      }
    }
  });
});
