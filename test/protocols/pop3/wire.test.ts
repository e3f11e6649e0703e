// What the engine makes of hostile or broken bytes, of messages (dot-unstuffing, the size cap),
// and of the network splitting bytes anywhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RemoteProtocolError } from '../../../source/protocols/common/errors.js';
import { Pop3Engine } from '../../../source/protocols/pop3/engine.js';
import type { Pop3Event } from '../../../source/protocols/pop3/engine.js';
import { GREETING, b, byteByByte, greeted, loggedIn, only } from './helpers.js';

const isProtocolError =
  (code: 'EPROTOCOL' | 'ELIMIT' = 'EPROTOCOL') =>
  (error: unknown): boolean => {
    assert.ok(error instanceof RemoteProtocolError, `not a RemoteProtocolError: ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.origin, 'remote');
    return true;
  };

describe('POP3 wire: malformed responses', () => {
  const greetings: Array<[string, string, 'EPROTOCOL' | 'ELIMIT']> = [
    ['+OKAY', '+OKAY ready\r\n', 'EPROTOCOL'],
    ['garbage', 'HELLO THERE\r\n', 'EPROTOCOL'],
    ['lower-case status', '+ok ready\r\n', 'EPROTOCOL'],
    ['an empty line', '\r\n', 'EPROTOCOL'],
    ['a NUL byte', '+OK rea\0dy\r\n', 'EPROTOCOL'],
    ['a "+ " continuation as greeting', '+ hello\r\n', 'EPROTOCOL'],
    ['an overlong line', `+OK ${'x'.repeat(9000)}\r\n`, 'ELIMIT'],
    ['an overlong line still growing', `+OK ${'x'.repeat(9000)}`, 'ELIMIT'],
  ];
  for (const [name, bytes, code] of greetings) {
    it(`greeting: ${name}`, () => {
      const engine = new Pop3Engine();
      assert.throws(() => engine.receive(b(bytes)), isProtocolError(code));
      // A stream that could not be parsed cannot be trusted any further.
      assert.equal(engine.state, 'closed');
    });
  }

  it('keeps the offending bytes on the error', () => {
    const engine = new Pop3Engine();
    assert.throws(
      () => engine.receive(b('+OKAY\r\n')),
      (error: unknown) =>
        error instanceof RemoteProtocolError && Buffer.from(error.raw!).toString() === '+OKAY\r\n',
    );
  });

  it('a multi-line response over the line limit', () => {
    const engine = loggedIn();
    engine.send({ verb: 'LIST' });
    const lines = Array.from({ length: 1001 }, (_, i) => `${i + 1} 100\r\n`).join('');
    assert.throws(() => engine.receive(b(`+OK\r\n${lines}.\r\n`)), isProtocolError('ELIMIT'));
  });

  it('a multi-line response over a configured byte limit', () => {
    const engine = loggedIn({ limits: { maxReplyBytes: 64 } });
    engine.send({ verb: 'UIDL' });
    const lines = Array.from({ length: 10 }, (_, i) => `${i + 1} uid-${i}\r\n`).join('');
    assert.throws(() => engine.receive(b(`+OK\r\n${lines}.\r\n`)), isProtocolError('ELIMIT'));
  });

  it('a response when nothing was asked, other than -ERR', () => {
    const engine = loggedIn();
    assert.throws(() => engine.receive(b('+OK surprise\r\n')), isProtocolError());
  });

  const payloads: Array<[string, () => Pop3Engine, string]> = [
    [
      'a STAT without numbers',
      () => {
        const e = loggedIn();
        e.send({ verb: 'STAT' });
        return e;
      },
      '+OK lots\r\n',
    ],
    [
      'a LIST line without a size',
      () => {
        const e = loggedIn();
        e.send({ verb: 'LIST' });
        return e;
      },
      '+OK\r\n1\r\n.\r\n',
    ],
    [
      'a UIDL line with a control character in the uid',
      () => {
        const e = loggedIn();
        e.send({ verb: 'UIDL', message: 1 });
        return e;
      },
      '+OK 1 ab\x01cd\r\n',
    ],
  ];
  for (const [name, make, bytes] of payloads) {
    it(name, () => {
      assert.throws(() => make().receive(b(bytes)), isProtocolError());
    });
  }
});

describe('POP3 wire: STLS response injection', () => {
  it('moves to tls and back to AUTHORIZATION after the handshake, forgetting capabilities', () => {
    const engine = greeted();
    engine.send({ verb: 'CAPA' });
    engine.receive(b('+OK\r\nSTLS\r\nUSER\r\n.\r\n'));
    assert.ok(engine.capabilities);
    engine.send({ verb: 'STLS' });
    const event = only(engine.receive(b('+OK Begin TLS negotiation now.\r\n')), 'response');
    assert.equal(event.state, 'tls');
    assert.match(engine.whyNot({ verb: 'CAPA' }) ?? '', /TLS handshake/);
    engine.tlsEstablished();
    assert.equal(engine.state, 'authorization');
    assert.equal(engine.isSecure, true);
    assert.equal(engine.capabilities, undefined);
    assert.match(engine.whyNot({ verb: 'STLS' }) ?? '', /already active/);
  });

  it('bytes after the +OK in the same read are refused', () => {
    const engine = greeted();
    engine.send({ verb: 'STLS' });
    assert.throws(
      () => engine.receive(b('+OK Begin TLS\r\n+OK injected\r\n')),
      (error: unknown) =>
        error instanceof RemoteProtocolError &&
        /injection/.test(error.message) &&
        Buffer.from(error.raw!).toString() === '+OK injected\r\n',
    );
    assert.equal(engine.state, 'closed');
  });

  it('bytes after the +OK in a later read are refused', () => {
    const engine = greeted();
    engine.send({ verb: 'STLS' });
    engine.receive(b('+OK Begin TLS\r\n'));
    assert.throws(() => engine.receive(b('-ERR x\r\n')), isProtocolError());
  });

  it('a -ERR to STLS stays in the clear, in AUTHORIZATION', () => {
    const engine = greeted();
    engine.send({ verb: 'STLS' });
    engine.receive(b('-ERR not available\r\n'));
    assert.equal(engine.state, 'authorization');
    assert.throws(() => engine.tlsEstablished(), { name: 'IllegalTransitionError' });
  });
});

describe('POP3 wire: RETR and TOP', () => {
  it('unstuffs dots and keeps the exact bytes', () => {
    const engine = loggedIn();
    engine.send({ verb: 'RETR', message: 1 });
    const event = only(
      engine.receive(
        b('+OK 52 octets\r\nSubject: dots\r\n\r\n..hidden\r\n...\r\n. space\r\nend\r\n.\r\n'),
      ),
      'response',
    );
    const message = event.message!;
    assert.equal(
      message.bytes.toString(),
      'Subject: dots\r\n\r\n.hidden\r\n..\r\n space\r\nend\r\n',
    );
    assert.equal(message.truncated, false);
    assert.equal(message.octets, message.bytes.length);
    assert.equal(message.lines, 6);
    assert.deepEqual(event.response.rawLines, [
      '+OK 52 octets',
      'Subject: dots',
      '',
      '..hidden',
      '...',
      '. space',
      'end',
      '.',
    ]);
    assert.deepEqual(event.response.lines, []);
    assert.equal(engine.state, 'transaction');
  });

  it('keeps 8-bit bytes as they were sent', () => {
    const engine = loggedIn();
    engine.send({ verb: 'RETR', message: 1 });
    const latin1 = Buffer.from([0x53, 0x3a, 0x20, 0xe9, 0x0d, 0x0a]);
    const events = engine.receive(Buffer.concat([b('+OK\r\n'), latin1, b('.\r\n')]));
    assert.deepEqual(only(events, 'response').message!.bytes, latin1);
  });

  it('an empty message', () => {
    const engine = loggedIn();
    engine.send({ verb: 'TOP', message: 1, lines: 0 });
    const message = only(engine.receive(b('+OK\r\n.\r\n')), 'response').message!;
    assert.equal(message.bytes.length, 0);
    assert.equal(message.lines, 0);
  });

  it('a -ERR to RETR has no message and no payload', () => {
    const engine = loggedIn();
    engine.send({ verb: 'RETR', message: 9 });
    const event = only(engine.receive(b('-ERR no such message\r\n')), 'response');
    assert.equal(event.message, undefined);
    engine.send({ verb: 'NOOP' });
    assert.equal(only(engine.receive(b('+OK\r\n')), 'response').answers, 'NOOP');
  });

  it('over the cap: reads to the dot, returns the message truncated with a visible mark', () => {
    const engine = loggedIn({ maxMessageBytes: 40 });
    engine.send({ verb: 'RETR', message: 1 });
    engine.send({ verb: 'NOOP' });
    const body = Array.from(
      { length: 50 },
      (_, i) => `line ${String(i).padStart(3, '0')} ${'x'.repeat(20)}\r\n`,
    ).join('');
    const events = engine.receive(b(`+OK\r\n${body}.\r\n+OK noop\r\n`));
    const retr = events[0];
    assert.ok(retr?.type === 'response' && retr.answers === 'RETR');
    const message = retr.message!;
    assert.equal(message.truncated, true);
    assert.equal(message.octets, body.length);
    assert.equal(message.lines, 50);
    // One 31-byte line fits in 40 bytes; the second would not.
    assert.equal(
      message.bytes.toString(),
      `line 000 ${'x'.repeat(20)}\r\n[mailmedic: message truncated: kept 31 of ${body.length} bytes, the rest was read and discarded]\r\n`,
    );
    assert.equal(retr.response.rawLines.length, 3);
    // The stream stayed in step: the next response answers the next command.
    const noop = events[1];
    assert.ok(noop?.type === 'response' && noop.answers === 'NOOP');
    assert.equal(engine.state, 'transaction');
  });

  it('a 10 MiB default cap', () => {
    const engine = loggedIn();
    engine.send({ verb: 'RETR', message: 1 });
    const line = `${'y'.repeat(998)}\r\n`;
    const count = 11 * 1024;
    const chunks = [b('+OK\r\n'), ...Array.from({ length: count }, () => b(line)), b('.\r\n')];
    const events = engine.receive(Buffer.concat(chunks));
    const message = only(events, 'response').message!;
    assert.equal(message.truncated, true);
    assert.equal(message.octets, count * 1000);
    assert.ok(message.bytes.length <= 10 * 1024 * 1024 + 200);
    assert.ok(message.bytes.length > 10 * 1024 * 1024 - 1000);
  });
});

describe('POP3 wire: split bytes', () => {
  const serverBytes = b(
    [
      GREETING.trimEnd(),
      '+OK Capability list follows',
      'USER',
      'SASL PLAIN',
      '.',
      '+OK',
      '+OK logged in',
      '+OK 2 320',
      '+OK',
      '1 120',
      '2 200',
      '.',
      '+OK 120 octets',
      'Subject: hi',
      '',
      '..stuffed',
      '.',
      '-ERR [SYS/TEMP] not now',
      '+OK bye',
      '',
    ].join('\r\n'),
  );
  const script = (): Pop3Engine => {
    const engine = new Pop3Engine();
    return engine;
  };
  const sendAll = (engine: Pop3Engine): void => {
    engine.send({ verb: 'CAPA' });
    engine.send({ verb: 'USER', user: 'bob' });
    engine.send({ verb: 'PASS', password: 's3cret' });
    engine.send({ verb: 'STAT' });
    engine.send({ verb: 'LIST' });
    engine.send({ verb: 'RETR', message: 1 });
    engine.send({ verb: 'DELE', message: 1 });
    engine.send({ verb: 'QUIT' });
  };

  it('one byte at a time gives the same events as one read', () => {
    const whole = script();
    const first = whole.receive(serverBytes.subarray(0, GREETING.length));
    sendAll(whole);
    const wholeEvents: Pop3Event[] = [
      ...first,
      ...whole.receive(serverBytes.subarray(GREETING.length)),
    ];

    const split = script();
    const firstSplit = byteByByte(split, serverBytes.subarray(0, GREETING.length));
    sendAll(split);
    const splitEvents = [
      ...firstSplit,
      ...byteByByte(split, serverBytes.subarray(GREETING.length)),
    ];

    assert.equal(wholeEvents.length, 9);
    assert.deepEqual(splitEvents, wholeEvents);
    assert.equal(split.state, 'update');
    const retr = wholeEvents.find((e) => e.type === 'response' && e.answers === 'RETR');
    assert.ok(retr?.type === 'response');
    assert.equal(retr.message!.bytes.toString(), 'Subject: hi\r\n\r\n.stuffed\r\n');
    const dele = wholeEvents.find((e) => e.type === 'response' && e.answers === 'DELE');
    assert.ok(dele?.type === 'response');
    assert.equal(dele.response.code?.text, 'SYS/TEMP');
  });

  it('every two-way split gives the same events', () => {
    const reference = greeted();
    sendAll(reference);
    const rest = serverBytes.subarray(GREETING.length);
    const expected = reference.receive(rest);
    for (let cut = 1; cut < rest.length; cut += 1) {
      const engine = greeted();
      sendAll(engine);
      const events = [
        ...engine.receive(rest.subarray(0, cut)),
        ...engine.receive(rest.subarray(cut)),
      ];
      assert.deepEqual(events, expected, `split at ${cut}`);
    }
  });
});
