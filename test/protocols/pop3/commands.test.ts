import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../../source/protocols/common/errors.js';
import { MASK, createSaslClient } from '../../../source/protocols/common/sasl.js';
import type { Pop3Command } from '../../../source/protocols/pop3/commands.js';
import {
  apopDigest,
  encodeCommand,
  verbOfRawLine,
} from '../../../source/protocols/pop3/commands.js';

const TIMESTAMP = '<1896.697170952@dbc.mtview.ca.us>';

describe('POP3 commands: wire forms', () => {
  const plain = createSaslClient('PLAIN', { user: 'bob', password: 's3cret' });
  const cases: Array<[string, Pop3Command, string, string[]]> = [
    ['CAPA', { verb: 'CAPA' }, 'CAPA\r\n', ['CAPA']],
    ['STLS', { verb: 'STLS' }, 'STLS\r\n', ['STLS']],
    [
      'USER',
      { verb: 'USER', user: 'bob@example.com' },
      'USER bob@example.com\r\n',
      ['USER bob@example.com'],
    ],
    ['PASS', { verb: 'PASS', password: 'two words' }, 'PASS two words\r\n', [`PASS ${MASK}`]],
    [
      'APOP',
      { verb: 'APOP', user: 'mrose', password: 'tanstaaf' },
      'APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n',
      [`APOP mrose ${MASK}`],
    ],
    [
      'AUTH without initial response',
      { verb: 'AUTH', mechanism: 'plain' },
      'AUTH PLAIN\r\n',
      ['AUTH PLAIN'],
    ],
    [
      'AUTH with initial response',
      { verb: 'AUTH', mechanism: 'PLAIN', initial: plain.initial()! },
      'AUTH PLAIN AGJvYgBzM2NyZXQ=\r\n',
      [`AUTH PLAIN ${MASK}`],
    ],
    [
      'AUTH with empty initial response',
      {
        verb: 'AUTH',
        mechanism: 'EXTERNAL',
        initial: { response: '', display: '', secret: false },
      },
      'AUTH EXTERNAL =\r\n',
      ['AUTH EXTERNAL ='],
    ],
    [
      'AUTH-RESPONSE',
      { verb: 'AUTH-RESPONSE', step: plain.respond('') },
      'AGJvYgBzM2NyZXQ=\r\n',
      [MASK],
    ],
    ['STAT', { verb: 'STAT' }, 'STAT\r\n', ['STAT']],
    ['LIST', { verb: 'LIST' }, 'LIST\r\n', ['LIST']],
    ['LIST n', { verb: 'LIST', message: 3 }, 'LIST 3\r\n', ['LIST 3']],
    ['UIDL', { verb: 'UIDL' }, 'UIDL\r\n', ['UIDL']],
    ['UIDL n', { verb: 'UIDL', message: 2 }, 'UIDL 2\r\n', ['UIDL 2']],
    ['TOP', { verb: 'TOP', message: 1, lines: 0 }, 'TOP 1 0\r\n', ['TOP 1 0']],
    ['RETR', { verb: 'RETR', message: 12 }, 'RETR 12\r\n', ['RETR 12']],
    ['DELE', { verb: 'DELE', message: 1 }, 'DELE 1\r\n', ['DELE 1']],
    ['RSET', { verb: 'RSET' }, 'RSET\r\n', ['RSET']],
    ['NOOP', { verb: 'NOOP' }, 'NOOP\r\n', ['NOOP']],
    ['QUIT', { verb: 'QUIT' }, 'QUIT\r\n', ['QUIT']],
    ['RAW', { verb: 'RAW', line: 'XTND XMIT' }, 'XTND XMIT\r\n', ['XTND XMIT']],
  ];
  for (const [name, command, wire, display] of cases) {
    it(name, () => {
      const out = encodeCommand(command, { apopTimestamp: TIMESTAMP });
      assert.equal(out.bytes.toString('utf8'), wire);
      assert.deepEqual(out.display, display);
      assert.equal(out.verb, command.verb);
    });
  }

  it('computes the APOP digest of RFC 1939 7', () => {
    assert.equal(apopDigest(TIMESTAMP, 'tanstaaf'), 'c4c9334bac560ecc979e58001b3e22fb');
  });

  it('warns when an AUTH line with its initial response exceeds 255 octets (RFC 5034 4)', () => {
    const long = createSaslClient('PLAIN', { user: 'u'.repeat(120), password: 'p'.repeat(120) });
    const out = encodeCommand({ verb: 'AUTH', mechanism: 'PLAIN', initial: long.initial()! });
    assert.equal(out.warnings.length, 1);
    assert.match(out.warnings[0]!, /255/);
  });
});

describe('POP3 commands: secrets', () => {
  const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

  it('PASS is secret and lists the password in every form', () => {
    const out = encodeCommand({ verb: 'PASS', password: 's3cret' });
    assert.equal(out.secret, true);
    assert.ok(!out.display.join('\n').includes('s3cret'));
    assert.ok(out.secrets.includes('s3cret'));
    assert.ok(out.secrets.includes(base64('s3cret')));
  });

  it('APOP hides the digest and lists it with the password', () => {
    const out = encodeCommand(
      { verb: 'APOP', user: 'mrose', password: 'tanstaaf' },
      { apopTimestamp: TIMESTAMP },
    );
    const shown = out.display.join('\n');
    assert.equal(out.secret, true);
    assert.ok(!shown.includes('c4c9334bac560ecc979e58001b3e22fb'));
    assert.ok(!shown.includes('tanstaaf'));
    assert.ok(out.secrets.includes('c4c9334bac560ecc979e58001b3e22fb'));
    assert.ok(out.secrets.includes('tanstaaf'));
    assert.ok(out.secrets.includes(base64('tanstaaf')));
  });

  it('APOP without a timestamp is refused', () => {
    assert.throws(() => encodeCommand({ verb: 'APOP', user: 'mrose', password: 'x' }), InputError);
  });

  it('AUTH PLAIN hides its payload and lists the payload, the password and their base64', () => {
    const client = createSaslClient('PLAIN', { user: 'bob', password: 's3cret' });
    const out = encodeCommand({
      verb: 'AUTH',
      mechanism: 'PLAIN',
      initial: client.initial()!,
      secrets: client.secrets(),
    });
    const payload = base64('\0bob\0s3cret');
    assert.equal(out.secret, true);
    assert.ok(!out.display.join('\n').includes(payload));
    assert.ok(out.secrets.includes(payload));
    assert.ok(out.secrets.includes('s3cret'));
    assert.ok(out.secrets.includes(base64('s3cret')));
  });

  const rawCases: Array<[string, string, string, string[]]> = [
    ['PASS', 'PASS hunter 2', `PASS ${MASK}`, ['hunter 2', base64('hunter 2')]],
    [
      'APOP',
      'apop mrose c4c9334bac560ecc979e58001b3e22fb',
      `apop mrose ${MASK}`,
      ['c4c9334bac560ecc979e58001b3e22fb'],
    ],
    [
      'AUTH PLAIN with payload',
      `AUTH PLAIN ${base64('\0bob\0s3cret')}`,
      `AUTH PLAIN ${MASK}`,
      ['s3cret', base64('\0bob\0s3cret')],
    ],
  ];
  for (const [name, line, shown, secrets] of rawCases) {
    it(`a typed ${name} line is masked like the built command`, () => {
      const out = encodeCommand({ verb: 'RAW', line });
      assert.equal(out.bytes.toString('utf8'), `${line}\r\n`);
      assert.deepEqual(out.display, [shown]);
      assert.equal(out.secret, true);
      for (const secret of secrets) assert.ok(out.secrets.includes(secret), `missing ${secret}`);
    });
  }

  it('a typed USER line is not secret', () => {
    const out = encodeCommand({ verb: 'RAW', line: 'USER bob' });
    assert.equal(out.secret, false);
    assert.deepEqual(out.display, ['USER bob']);
  });

  it('a typed line during a SASL exchange is masked entirely', () => {
    const out = encodeCommand(
      { verb: 'RAW', line: base64('\0bob\0s3cret') },
      { saslResponse: true },
    );
    assert.deepEqual(out.display, [MASK]);
    assert.ok(out.secrets.includes('s3cret'));
  });
});

describe('POP3 commands: refused input', () => {
  const refused: Array<[string, Pop3Command]> = [
    ['CR LF in USER', { verb: 'USER', user: 'bob\r\nDELE 1' }],
    ['LF in PASS', { verb: 'PASS', password: 'a\nb' }],
    ['NUL in APOP user', { verb: 'APOP', user: 'a\0', password: 'x' }],
    ['CR in RAW', { verb: 'RAW', line: 'NOOP\rQUIT' }],
    ['message number 0', { verb: 'RETR', message: 0 }],
    ['fractional message number', { verb: 'DELE', message: 1.5 }],
    ['negative TOP lines', { verb: 'TOP', message: 1, lines: -1 }],
    ['CR LF in AUTH mechanism', { verb: 'AUTH', mechanism: 'PLAIN\r\nQUIT' }],
  ];
  for (const [name, command] of refused) {
    it(name, () => {
      assert.throws(() => encodeCommand(command, { apopTimestamp: TIMESTAMP }), InputError);
    });
  }
});

describe('POP3 commands: typed lines', () => {
  it('maps typed verbs case-insensitively and leaves unknown ones alone', () => {
    assert.equal(verbOfRawLine('retr 1'), 'RETR');
    assert.equal(verbOfRawLine('  Stls'), 'STLS');
    assert.equal(verbOfRawLine('XTND XMIT'), undefined);
  });
});
