import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IllegalTransitionError } from '../../../source/protocols/common/errors.js';
import { MASK } from '../../../source/protocols/common/sasl.js';
import type { Pop3Command } from '../../../source/protocols/pop3/commands.js';
import { Pop3Engine } from '../../../source/protocols/pop3/engine.js';
import type { Pop3Event } from '../../../source/protocols/pop3/engine.js';
import { GREETING, b, greeted, loggedIn, only } from './helpers.js';

describe('POP3 engine: greeting', () => {
  it('takes the APOP timestamp from the greeting', () => {
    const engine = new Pop3Engine();
    const event = only(engine.receive(b(GREETING)), 'greeting');
    assert.equal(event.apopTimestamp, '<1896.697170952@dbc.mtview.ca.us>');
    assert.equal(event.response.status, '+OK');
    assert.equal(event.response.text, 'POP3 server ready <1896.697170952@dbc.mtview.ca.us>');
    assert.deepEqual(event.response.rawLines, [
      '+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>',
    ]);
    assert.equal(event.stateBefore, 'greeting');
    assert.equal(engine.state, 'authorization');
    assert.equal(engine.apopTimestamp, '<1896.697170952@dbc.mtview.ca.us>');
  });

  it('a greeting without a timestamp leaves APOP unavailable', () => {
    const engine = new Pop3Engine();
    const event = only(engine.receive(b('+OK Dovecot ready.\r\n')), 'greeting');
    assert.equal(event.apopTimestamp, undefined);
    assert.match(engine.whyNot({ verb: 'APOP', user: 'a', password: 'b' }) ?? '', /timestamp/);
    assert.throws(
      () => engine.send({ verb: 'APOP', user: 'a', password: 'b' }),
      IllegalTransitionError,
    );
  });

  it('a -ERR greeting closes the session and keeps its code', () => {
    const engine = new Pop3Engine();
    const event = only(engine.receive(b('-ERR [SYS/TEMP] too many connections\r\n')), 'greeting');
    assert.equal(event.response.ok, false);
    assert.equal(event.response.code?.text, 'SYS/TEMP');
    assert.equal(event.response.text, 'too many connections');
    assert.equal(engine.state, 'closed');
  });

  it('a greeting with a bare LF is accepted with a note', () => {
    const engine = new Pop3Engine();
    const events = engine.receive(b('+OK ready\n'));
    assert.deepEqual(
      events.map((e) => e.type),
      ['note', 'greeting'],
    );
    assert.equal(engine.state, 'authorization');
  });

  it('waits for a greeting split across reads', () => {
    const engine = new Pop3Engine();
    assert.deepEqual(engine.receive(b('+OK rea')), []);
    assert.equal(engine.state, 'greeting');
    assert.equal(only(engine.receive(b('dy\r\n')), 'greeting').response.text, 'ready');
  });
});

describe('POP3 engine: a retrieval session', () => {
  it('goes AUTHORIZATION -> TRANSACTION -> UPDATE with USER/PASS', () => {
    const engine = greeted();
    assert.equal(engine.send({ verb: 'USER', user: 'bob' }).bytes.toString(), 'USER bob\r\n');
    let event = only(engine.receive(b('+OK bob is welcome\r\n')), 'response');
    assert.equal(event.answers, 'USER');
    assert.equal(engine.state, 'user');
    const pass = engine.send({ verb: 'PASS', password: 's3cret' });
    assert.deepEqual(pass.display, [`PASS ${MASK}`]);
    event = only(engine.receive(b('+OK maildrop has 2 messages (320 octets)\r\n')), 'response');
    assert.equal(event.stateBefore, 'user');
    assert.equal(event.state, 'transaction');
    assert.equal(engine.isAuthenticated, true);

    engine.send({ verb: 'STAT' });
    assert.deepEqual(only(engine.receive(b('+OK 2 320\r\n')), 'response').stat, {
      messages: 2,
      octets: 320,
    });

    engine.send({ verb: 'LIST' });
    const list = only(
      engine.receive(b('+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n')),
      'response',
    );
    assert.deepEqual(list.listing, [
      { message: 1, octets: 120 },
      { message: 2, octets: 200 },
    ]);
    assert.deepEqual(list.response.rawLines, [
      '+OK 2 messages (320 octets)',
      '1 120',
      '2 200',
      '.',
    ]);

    engine.send({ verb: 'LIST', message: 2 });
    assert.deepEqual(only(engine.receive(b('+OK 2 200\r\n')), 'response').listing, [
      { message: 2, octets: 200 },
    ]);

    engine.send({ verb: 'UIDL' });
    const uidl = only(
      engine.receive(b('+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n')),
      'response',
    );
    assert.deepEqual(uidl.uids, [
      { message: 1, uid: 'whqtswO00WBw418f9t5JxYwZ' },
      { message: 2, uid: 'QhdPYR:00WBw1Ph7x7' },
    ]);

    engine.send({ verb: 'UIDL', message: 2 });
    assert.deepEqual(only(engine.receive(b('+OK 2 QhdPYR:00WBw1Ph7x7\r\n')), 'response').uids, [
      { message: 2, uid: 'QhdPYR:00WBw1Ph7x7' },
    ]);

    engine.send({ verb: 'DELE', message: 1 });
    assert.equal(only(engine.receive(b('+OK message 1 deleted\r\n')), 'response').answers, 'DELE');
    engine.send({ verb: 'RSET' });
    engine.receive(b('+OK\r\n'));
    engine.send({ verb: 'NOOP' });
    engine.receive(b('+OK\r\n'));
    engine.send({ verb: 'QUIT' });
    const quit = only(engine.receive(b('+OK dewey POP3 server signing off\r\n')), 'response');
    assert.equal(quit.state, 'update');
    assert.equal(engine.state, 'update');
  });

  it('a failed PASS goes back to AUTHORIZATION, keeping the AUTH code (RFC 3206)', () => {
    const engine = greeted();
    engine.send({ verb: 'USER', user: 'bob' });
    engine.receive(b('+OK\r\n'));
    engine.send({ verb: 'PASS', password: 'wrong' });
    const event = only(engine.receive(b('-ERR [AUTH] Authentication failed.\r\n')), 'response');
    assert.equal(event.response.code?.text, 'AUTH');
    assert.equal(event.response.code?.known, true);
    assert.equal(event.state, 'authorization');
    assert.equal(engine.isAuthenticated, false);
  });

  it('logs in with APOP', () => {
    const engine = greeted();
    const out = engine.send({ verb: 'APOP', user: 'mrose', password: 'tanstaaf' });
    assert.equal(out.bytes.toString(), 'APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n');
    engine.receive(b('+OK maildrop has 1 message (369 octets)\r\n'));
    assert.equal(engine.state, 'transaction');
  });

  it('QUIT in AUTHORIZATION closes without UPDATE', () => {
    const engine = greeted();
    engine.send({ verb: 'QUIT' });
    engine.receive(b('+OK bye\r\n'));
    assert.equal(engine.state, 'closed');
  });

  it('parses CAPA tags', () => {
    const engine = greeted();
    engine.send({ verb: 'CAPA' });
    const event = only(
      engine.receive(
        b(
          '+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL PLAIN login\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\nUIDL\r\nSTLS\r\nEXPIRE 60\r\nLOGIN-DELAY 900\r\nIMPLEMENTATION Dovecot 2.3\r\n.\r\n',
        ),
      ),
      'response',
    );
    const caps = event.capabilities!;
    assert.deepEqual(caps.sasl, ['PLAIN', 'LOGIN']);
    assert.equal(caps.stls, true);
    assert.equal(caps.top, true);
    assert.equal(caps.user, true);
    assert.equal(caps.uidl, true);
    assert.equal(caps.pipelining, true);
    assert.equal(caps.respCodes, true);
    assert.equal(caps.authRespCode, true);
    assert.equal(caps.utf8, false);
    assert.equal(caps.expire, '60');
    assert.equal(caps.loginDelay, 900);
    assert.equal(caps.implementation, 'Dovecot 2.3');
    assert.deepEqual(caps.tags[2], { name: 'SASL', params: ['PLAIN', 'login'] });
    assert.equal(engine.capabilities, caps);
  });

  it('CAPA answered by -ERR is a single line', () => {
    const engine = greeted();
    engine.send({ verb: 'CAPA' });
    const event = only(engine.receive(b('-ERR unknown command\r\n')), 'response');
    assert.equal(event.capabilities, undefined);
    engine.send({ verb: 'USER', user: 'bob' });
    assert.equal(only(engine.receive(b('+OK\r\n')), 'response').answers, 'USER');
  });

  it('a typed LIST is parsed like the built one', () => {
    const engine = loggedIn();
    engine.send({ verb: 'RAW', line: 'list' });
    const event = only(engine.receive(b('+OK\r\n1 10\r\n.\r\n')), 'response');
    assert.equal(event.answers, 'RAW');
    assert.deepEqual(event.listing, [{ message: 1, octets: 10 }]);
    engine.send({ verb: 'RAW', line: 'LIST 1' });
    assert.deepEqual(only(engine.receive(b('+OK 1 10\r\n')), 'response').listing, [
      { message: 1, octets: 10 },
    ]);
  });

  it('pipelined commands get their responses in order (RFC 2449 PIPELINING)', () => {
    const engine = greeted();
    engine.send({ verb: 'USER', user: 'bob' });
    engine.send({ verb: 'PASS', password: 's3cret' });
    engine.send({ verb: 'STAT' });
    assert.equal(engine.projected, 'transaction');
    const events = engine.receive(b('+OK\r\n+OK\r\n+OK 0 0\r\n'));
    assert.deepEqual(
      events.map((e) => (e.type === 'response' ? e.answers : e.type)),
      ['USER', 'PASS', 'STAT'],
    );
    assert.equal(engine.state, 'transaction');
  });
});

describe('POP3 engine: SASL', () => {
  it('AUTH PLAIN with an initial response', () => {
    const engine = greeted();
    const out = engine.send({
      verb: 'AUTH',
      mechanism: 'PLAIN',
      initial: { response: 'AGJvYgBzM2NyZXQ=', display: MASK, secret: true },
    });
    assert.equal(out.bytes.toString(), 'AUTH PLAIN AGJvYgBzM2NyZXQ=\r\n');
    engine.receive(b('+OK Logged in.\r\n'));
    assert.equal(engine.state, 'transaction');
    assert.equal(engine.isAuthenticated, true);
  });

  it('AUTH PLAIN with the "+ " continuation form', () => {
    const engine = greeted();
    engine.send({ verb: 'AUTH', mechanism: 'PLAIN' });
    const challenge = only(engine.receive(b('+ \r\n')), 'challenge');
    assert.equal(challenge.response.status, '+');
    assert.equal(challenge.decoded, '');
    assert.equal(challenge.state, 'sasl');
    // Nothing but the SASL response may follow now.
    assert.throws(() => engine.send({ verb: 'STAT' }), IllegalTransitionError);
    const out = engine.send({
      verb: 'AUTH-RESPONSE',
      step: { response: 'AGJvYgBzM2NyZXQ=', display: MASK, secret: true },
    });
    assert.equal(out.bytes.toString(), 'AGJvYgBzM2NyZXQ=\r\n');
    assert.deepEqual(out.display, [MASK]);
    const done = only(engine.receive(b('+OK Logged in.\r\n')), 'response');
    assert.equal(done.answers, 'AUTH-RESPONSE');
    assert.equal(done.stateBefore, 'sasl');
    assert.equal(engine.state, 'transaction');
  });

  it('AUTH LOGIN challenges are decoded for display', () => {
    const engine = greeted();
    engine.send({ verb: 'AUTH', mechanism: 'LOGIN' });
    assert.equal(only(engine.receive(b('+ VXNlcm5hbWU6\r\n')), 'challenge').decoded, 'Username:');
    engine.send({
      verb: 'AUTH-RESPONSE',
      step: { response: 'Ym9i', display: 'Ym9i', secret: false },
    });
    assert.equal(only(engine.receive(b('+ UGFzc3dvcmQ6\r\n')), 'challenge').decoded, 'Password:');
    engine.send({
      verb: 'AUTH-RESPONSE',
      step: { response: 'czNjcmV0', display: MASK, secret: true },
    });
    const failed = only(engine.receive(b('-ERR [AUTH] Authentication failed.\r\n')), 'response');
    assert.equal(failed.state, 'authorization');
  });

  it('a typed line during a SASL exchange is the (masked) response', () => {
    const engine = greeted();
    engine.send({ verb: 'AUTH', mechanism: 'PLAIN' });
    engine.receive(b('+ \r\n'));
    const out = engine.send({ verb: 'RAW', line: 'AGJvYgBzM2NyZXQ=' });
    assert.deepEqual(out.display, [MASK]);
    assert.ok(out.secrets.includes('s3cret'));
    engine.receive(b('+OK\r\n'));
    assert.equal(engine.state, 'transaction');
  });

  it('a "+ " answering something that is not AUTH is a protocol error', () => {
    const engine = loggedIn();
    engine.send({ verb: 'NOOP' });
    assert.throws(() => engine.receive(b('+ go on\r\n')), { name: 'RemoteProtocolError' });
  });
});

describe('POP3 engine: illegal transitions', () => {
  const cases: Array<[string, () => Pop3Engine, Pop3Command]> = [
    ['anything before the greeting', () => new Pop3Engine(), { verb: 'CAPA' }],
    ['RETR before login', greeted, { verb: 'RETR', message: 1 }],
    ['STAT before login', greeted, { verb: 'STAT' }],
    ['PASS before USER', greeted, { verb: 'PASS', password: 'x' }],
    ['USER after login', loggedIn, { verb: 'USER', user: 'bob' }],
    ['STLS after login', loggedIn, { verb: 'STLS' }],
    [
      'AUTH-RESPONSE without a challenge',
      greeted,
      { verb: 'AUTH-RESPONSE', step: { response: 'x', display: 'x', secret: false } },
    ],
    ['STLS when the connection began with TLS', () => greeted({ tls: true }), { verb: 'STLS' }],
    [
      'anything after QUIT',
      () => {
        const engine = loggedIn();
        engine.send({ verb: 'QUIT' });
        return engine;
      },
      { verb: 'NOOP' },
    ],
    [
      'anything after UPDATE',
      () => {
        const engine = loggedIn();
        engine.send({ verb: 'QUIT' });
        engine.receive(b('+OK\r\n'));
        return engine;
      },
      { verb: 'RAW', line: 'NOOP' },
    ],
    [
      'a second command while AUTH waits for its answer',
      () => {
        const engine = greeted();
        engine.send({ verb: 'AUTH', mechanism: 'PLAIN' });
        return engine;
      },
      { verb: 'USER', user: 'bob' },
    ],
  ];
  for (const [name, make, command] of cases) {
    it(name, () => {
      const engine = make();
      assert.notEqual(engine.whyNot(command), undefined);
      assert.throws(
        () => engine.send(command),
        (error: unknown) => {
          assert.ok(error instanceof IllegalTransitionError);
          assert.equal(error.code, 'ESTATE');
          return true;
        },
      );
    });
  }

  it('USER then PASS is allowed', () => {
    const engine = greeted();
    engine.send({ verb: 'USER', user: 'bob' });
    assert.equal(engine.whyNot({ verb: 'PASS', password: 'x' }), undefined);
  });
});

describe('POP3 engine: extended response codes (RFC 2449 8, RFC 3206)', () => {
  const cases: Array<[string, string, string[], boolean, string]> = [
    [
      '-ERR [IN-USE] Mailbox is locked by another session\r\n',
      'IN-USE',
      ['IN-USE'],
      true,
      'Mailbox is locked by another session',
    ],
    [
      '-ERR [LOGIN-DELAY] wait 15 minutes\r\n',
      'LOGIN-DELAY',
      ['LOGIN-DELAY'],
      true,
      'wait 15 minutes',
    ],
    ['-ERR [SYS/TEMP] try later\r\n', 'SYS/TEMP', ['SYS', 'TEMP'], true, 'try later'],
    ['-ERR [SYS/PERM] mailbox corrupt\r\n', 'SYS/PERM', ['SYS', 'PERM'], true, 'mailbox corrupt'],
    ['-ERR [AUTH] bad password\r\n', 'AUTH', ['AUTH'], true, 'bad password'],
    ['-ERR [x-vendor/thing] custom\r\n', 'X-VENDOR/THING', ['X-VENDOR', 'THING'], false, 'custom'],
  ];
  for (const [line, text, levels, known, rest] of cases) {
    it(line.trim(), () => {
      const engine = greeted();
      engine.send({ verb: 'USER', user: 'bob' });
      engine.receive(b('+OK\r\n'));
      engine.send({ verb: 'PASS', password: 'x' });
      const event = only(engine.receive(b(line)), 'response');
      assert.deepEqual(event.response.code, { text, levels, known });
      assert.equal(event.response.text, rest);
    });
  }

  it('text that merely starts with "[" and never closes is not a code', () => {
    const engine = loggedIn();
    engine.send({ verb: 'NOOP' });
    const event = only(engine.receive(b('-ERR [not a code\r\n')), 'response');
    assert.equal(event.response.code, undefined);
    assert.equal(event.response.text, '[not a code');
  });
});

describe('POP3 engine: unsolicited and late data', () => {
  it('a -ERR with nothing asked ends the session', () => {
    const engine = loggedIn();
    const event = only(engine.receive(b('-ERR Disconnected for inactivity.\r\n')), 'response');
    assert.equal(event.answers, 'UNSOLICITED');
    assert.equal(engine.state, 'closed');
  });

  it('bytes after QUIT are ignored with a note', () => {
    const engine = loggedIn();
    engine.send({ verb: 'QUIT' });
    const events: Pop3Event[] = engine.receive(b('+OK bye\r\ntrailing junk\r\n'));
    assert.deepEqual(
      events.map((e) => e.type),
      ['response', 'note'],
    );
    assert.equal(engine.state, 'update');
    // Later bytes are dropped without a second note.
    assert.deepEqual(engine.receive(b('more junk\r\n')), []);
  });

  it('closed() ends the session', () => {
    const engine = loggedIn();
    engine.send({ verb: 'STAT' });
    engine.closed();
    assert.equal(engine.state, 'closed');
    assert.equal(engine.awaiting, 0);
    assert.throws(() => engine.send({ verb: 'STAT' }), IllegalTransitionError);
  });
});
