// What the engine makes of hostile or broken bytes, of literals and their limit, and of the
// network splitting bytes anywhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RemoteProtocolError } from '../../../source/protocols/common/errors.js';
import { ImapEngine } from '../../../source/protocols/imap/engine.js';
import type { ImapEvent } from '../../../source/protocols/imap/engine.js';
import { ImapResponseReader } from '../../../source/protocols/imap/reader.js';
import { DEFAULT_FRAMING_LIMITS } from '../../../source/protocols/common/limits.js';
import {
  GREETING,
  PLAIN_GREETING,
  b,
  byteByByte,
  greeted,
  loggedIn,
  only,
  selected,
} from './helpers.js';

const isProtocolError =
  (code: 'EPROTOCOL' | 'ELIMIT' = 'EPROTOCOL') =>
  (error: unknown): boolean => {
    assert.ok(error instanceof RemoteProtocolError, `not a RemoteProtocolError: ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.origin, 'remote');
    return true;
  };

const fetching = (options = {}): ImapEngine => {
  const engine = selected(options);
  engine.send({ verb: 'FETCH', sequence: 1, items: ['BODY.PEEK[]'] });
  return engine;
};

describe('IMAP wire: malformed responses', () => {
  const cases: Array<[string, () => ImapEngine, string, 'EPROTOCOL' | 'ELIMIT']> = [
    ['a tagged response with an unknown tag', selected, 'a9 OK done\r\n', 'EPROTOCOL'],
    ['garbage', selected, 'HELLO THERE\r\n', 'EPROTOCOL'],
    ['a POP3 status line', selected, '+OKAY\r\n', 'EPROTOCOL'],
    [
      'a tagged BYE',
      () => {
        const e = selected();
        e.send({ verb: 'NOOP' });
        return e;
      },
      'a3 BYE no\r\n',
      'EPROTOCOL',
    ],
    [
      'a tagged line without a status',
      () => {
        const e = selected();
        e.send({ verb: 'NOOP' });
        return e;
      },
      'a3 DONE\r\n',
      'EPROTOCOL',
    ],
    ['"*" without a space', selected, '*OK\r\n', 'EPROTOCOL'],
    ['an empty line', selected, '\r\n', 'EPROTOCOL'],
    ['a NUL byte', selected, '* OK he\0llo\r\n', 'EPROTOCOL'],
    ['a "+" with nothing waiting', selected, '+ go ahead\r\n', 'EPROTOCOL'],
    ['an overlong line', selected, `* OK ${'x'.repeat(9000)}\r\n`, 'ELIMIT'],
    ['an unterminated quoted string', fetching, '* 1 FETCH (BODY[] "abc)\r\n', 'EPROTOCOL'],
    ['an unclosed list', fetching, '* 1 FETCH (UID 4\r\n', 'EPROTOCOL'],
    ['an odd attribute list', fetching, '* 1 FETCH (UID)\r\n', 'EPROTOCOL'],
    ['a non-numeric UID', fetching, '* 1 FETCH (UID abc)\r\n', 'EPROTOCOL'],
    [
      'a non-numeric SEARCH result',
      () => {
        const e = selected();
        e.send({ verb: 'SEARCH', header: 'Message-ID', value: 'x' });
        return e;
      },
      '* SEARCH 1 two\r\n',
      'EPROTOCOL',
    ],
    [
      'a literal over the default 10 MiB limit',
      fetching,
      '* 1 FETCH (BODY[] {10485761}\r\n',
      'ELIMIT',
    ],
    ['a huge announced literal', fetching, '* 1 FETCH (BODY[] {999999999999}\r\n', 'ELIMIT'],
    [
      'an absurdly long literal size',
      fetching,
      `* 1 FETCH (BODY[] {${'9'.repeat(400)}}\r\n`,
      'ELIMIT',
    ],
  ];
  for (const [name, make, bytes, code] of cases) {
    it(name, () => {
      const engine = make();
      assert.throws(() => engine.receive(b(bytes)), isProtocolError(code));
      // A stream that could not be parsed cannot be trusted any further.
      assert.equal(engine.state, 'closed');
    });
  }

  it('keeps the offending line on the error', () => {
    const engine = selected();
    assert.throws(
      () => engine.receive(b('zz9 OK\r\n')),
      (error: unknown) =>
        error instanceof RemoteProtocolError && Buffer.from(error.raw!).toString() === 'zz9 OK\r\n',
    );
  });

  it('a literal over the limit is refused before any of it arrives, and without allocating it', () => {
    const engine = fetching();
    const before = process.memoryUsage().arrayBuffers;
    assert.throws(
      () => engine.receive(b('* 1 FETCH (BODY[] {999999999999}\r\n')),
      isProtocolError('ELIMIT'),
    );
    // Nothing near the announced size (or even 1 MiB) was set aside.
    assert.ok(process.memoryUsage().arrayBuffers - before < 1024 * 1024);
  });

  it('a configured literal limit: at the limit passes, one over fails', () => {
    const ok = fetching({ maxLiteralBytes: 10 });
    const events = ok.receive(b('* 1 FETCH (BODY[] {10}\r\n0123456789)\r\na3 OK done\r\n'));
    assert.equal(only(events, 'tagged').fetched![0]!.body!.toString(), '0123456789');
    const over = fetching({ maxLiteralBytes: 10 });
    assert.throws(() => over.receive(b('* 1 FETCH (BODY[] {11}\r\n')), isProtocolError('ELIMIT'));
  });

  it('the limit bounds all literals of one response together', () => {
    const engine = fetching({ maxLiteralBytes: 10 });
    assert.throws(
      () => engine.receive(b('* 1 FETCH (BODY[HEADER] {6}\r\nab\r\n\r\n BODY[] {6}\r\n')),
      isProtocolError('ELIMIT'),
    );
  });

  it('a response over the line limit (many literal lines)', () => {
    const engine = fetching({ limits: { maxReplyLines: 5 } });
    const parts = Array.from({ length: 6 }, (_, i) => `BODY[${i + 1}] {1}\r\nx`).join(' ');
    assert.throws(() => engine.receive(b(`* 1 FETCH (${parts})\r\n`)), isProtocolError('ELIMIT'));
  });

  it('the reader never asks the framer for the announced size at once', () => {
    const reader = new ImapResponseReader(DEFAULT_FRAMING_LIMITS, 64);
    reader.push(b('* 1 FETCH (BODY[] {20}\r\n0123456789'));
    assert.equal(reader.next(), undefined);
    assert.equal(reader.pending, 0);
    reader.push(b('abcdefghij)\r\n'));
    const response = reader.next()!;
    assert.equal(response.literals[0]!.toString(), '0123456789abcdefghij');
    assert.deepEqual(response.lines, ['* 1 FETCH (BODY[] {20}', ')']);
  });

  it('an empty literal', () => {
    const engine = fetching();
    const events = engine.receive(b('* 1 FETCH (BODY[] {0}\r\n)\r\na3 OK done\r\n'));
    assert.equal(only(events, 'tagged').fetched![0]!.body!.length, 0);
  });
});

describe('IMAP wire: STARTTLS response injection', () => {
  it('moves to tls and back to not-authenticated, forgetting capabilities', () => {
    const engine = greeted();
    assert.ok(engine.capabilities);
    const out = engine.send({ verb: 'STARTTLS' });
    const event = only(engine.receive(b(`${out.tag} OK Begin TLS negotiation now.\r\n`)), 'tagged');
    assert.equal(event.state, 'tls');
    engine.tlsEstablished();
    assert.equal(engine.state, 'not-authenticated');
    assert.equal(engine.isSecure, true);
    assert.equal(engine.capabilities, undefined);
    assert.match(engine.whyNot({ verb: 'STARTTLS' }) ?? '', /already active/);
  });

  it('bytes after the tagged OK in the same read are refused', () => {
    const engine = greeted();
    engine.send({ verb: 'STARTTLS' });
    assert.throws(
      () =>
        engine.receive(b('a1 OK Begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n')),
      (error: unknown) =>
        error instanceof RemoteProtocolError &&
        /injection/.test(error.message) &&
        Buffer.from(error.raw!).toString().startsWith('* OK [CAPABILITY'),
    );
    assert.equal(engine.state, 'closed');
  });

  it('bytes after the tagged OK in a later read are refused', () => {
    const engine = greeted();
    engine.send({ verb: 'STARTTLS' });
    engine.receive(b('a1 OK Begin TLS\r\n'));
    assert.throws(() => engine.receive(b('*')), isProtocolError());
  });

  it('a NO to STARTTLS stays in the clear', () => {
    const engine = greeted();
    engine.send({ verb: 'STARTTLS' });
    engine.receive(b('a1 NO [UNAVAILABLE] TLS not configured\r\n'));
    assert.equal(engine.state, 'not-authenticated');
    assert.throws(() => engine.tlsEstablished(), { name: 'IllegalTransitionError' });
  });
});

describe('IMAP wire: split bytes', () => {
  const header = 'Message-ID: <abc@example.com>\r\nSubject: Grüße\r\n\r\n';
  const body = `${header}Hello\r\n)\r\n{3}\r\n`;
  const len = (s: string): number => Buffer.byteLength(s, 'utf8');
  const server = b(
    [
      'a1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in',
      '* FLAGS (\\Seen \\Deleted)',
      '* 1 EXISTS',
      '* 0 RECENT',
      '* OK [UIDVALIDITY 1700000000] UIDs valid',
      '* OK [UIDNEXT 2] Predicted next UID',
      'a2 OK [READ-WRITE] Select completed',
      '* SEARCH 1',
      'a3 OK Search completed',
      `* 1 FETCH (UID 1 RFC822.SIZE ${len(body)} BODY[HEADER] {${len(header)}}\r\n${header} BODY[] {${len(body)}}\r\n${body})`,
      'a4 OK Fetch completed',
      '* BYE Logging out',
      'a5 OK Logout completed',
      '',
    ].join('\r\n'),
  );
  const sendAll = (engine: ImapEngine): void => {
    engine.send({ verb: 'LOGIN', user: 'bob', password: 's3cret' });
    engine.send({ verb: 'SELECT', mailbox: 'INBOX' });
    engine.send({ verb: 'SEARCH', header: 'Message-ID', value: '<abc@example.com>' });
    engine.send({
      verb: 'FETCH',
      sequence: 1,
      items: ['UID', 'RFC822.SIZE', 'BODY.PEEK[HEADER]', 'BODY.PEEK[]'],
    });
    engine.send({ verb: 'LOGOUT' });
  };

  it('one byte at a time gives the same events as one read', () => {
    const whole = new ImapEngine();
    const wholeEvents: ImapEvent[] = whole.receive(b(PLAIN_GREETING));
    sendAll(whole);
    wholeEvents.push(...whole.receive(server));

    const split = new ImapEngine();
    const splitEvents = byteByByte(split, b(PLAIN_GREETING));
    sendAll(split);
    splitEvents.push(...byteByByte(split, server));

    assert.equal(wholeEvents.length, 14);
    assert.deepEqual(splitEvents, wholeEvents);
    assert.equal(split.state, 'logout');
    const fetch = wholeEvents.find((e) => e.type === 'tagged' && e.answers === 'FETCH');
    assert.ok(fetch?.type === 'tagged');
    assert.equal(fetch.fetched![0]!.body!.toString(), body);
    assert.equal(fetch.fetched![0]!.header!.toString(), header);
    const search = wholeEvents.find((e) => e.type === 'tagged' && e.answers === 'SEARCH');
    assert.ok(search?.type === 'tagged');
    assert.deepEqual(search.search, [1]);
  });

  it('every two-way split gives the same events', () => {
    const reference = greeted();
    sendAll(reference);
    const expected = reference.receive(server);
    for (let cut = 1; cut < server.length; cut += 1) {
      const engine = greeted();
      sendAll(engine);
      const events = [
        ...engine.receive(server.subarray(0, cut)),
        ...engine.receive(server.subarray(cut)),
      ];
      assert.deepEqual(events, expected, `split at ${cut}`);
    }
  });

  it('a greeting split byte by byte with LITERAL+ capabilities', () => {
    const engine = new ImapEngine();
    const events = byteByByte(engine, b(GREETING));
    assert.equal(only(events, 'greeting').capabilities?.literalPlus, true);
    assert.equal(loggedIn().state, 'authenticated');
  });
});
