import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../../source/protocols/common/errors.js';
import { MASK, createSaslClient } from '../../../source/protocols/common/sasl.js';
import type { ImapCommand, ImapEncodeContext } from '../../../source/protocols/imap/commands.js';
import { encodeCommand, verbOfRawLine } from '../../../source/protocols/imap/commands.js';
import { encodeMailboxName } from '../../../source/protocols/imap/strings.js';

const wireOf = (command: ImapCommand, context: ImapEncodeContext = {}): string[] =>
  encodeCommand(command, 'a1', context).parts.map((p) => p.bytes.toString('utf8'));
const displayOf = (command: ImapCommand, context: ImapEncodeContext = {}): string[] =>
  encodeCommand(command, 'a1', context).parts.flatMap((p) => p.display);
const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

describe('IMAP commands: wire forms', () => {
  const plain = createSaslClient('PLAIN', { user: 'bob', password: 's3cret' });
  const cases: Array<[string, ImapCommand, ImapEncodeContext, string[]]> = [
    ['CAPABILITY', { verb: 'CAPABILITY' }, {}, ['a1 CAPABILITY\r\n']],
    ['NOOP', { verb: 'NOOP' }, {}, ['a1 NOOP\r\n']],
    ['LOGOUT', { verb: 'LOGOUT' }, {}, ['a1 LOGOUT\r\n']],
    ['STARTTLS', { verb: 'STARTTLS' }, {}, ['a1 STARTTLS\r\n']],
    ['CLOSE', { verb: 'CLOSE' }, {}, ['a1 CLOSE\r\n']],
    ['UNSELECT', { verb: 'UNSELECT' }, {}, ['a1 UNSELECT\r\n']],
    [
      'LOGIN quoted',
      { verb: 'LOGIN', user: 'bob@example.com', password: 's3cret' },
      {},
      ['a1 LOGIN "bob@example.com" "s3cret"\r\n'],
    ],
    [
      'LOGIN with quotes and backslashes',
      { verb: 'LOGIN', user: 'bob', password: 'a"b\\c' },
      {},
      ['a1 LOGIN "bob" "a\\"b\\\\c"\r\n'],
    ],
    [
      'LOGIN with an empty password',
      { verb: 'LOGIN', user: 'bob', password: '' },
      {},
      ['a1 LOGIN "bob" ""\r\n'],
    ],
    [
      'LOGIN with a non-ASCII password: a synchronising literal',
      { verb: 'LOGIN', user: 'bob', password: 'pässwört' },
      {},
      ['a1 LOGIN "bob" {10}\r\n', 'pässwört\r\n'],
    ],
    [
      'LOGIN with both values non-ASCII: two waits',
      { verb: 'LOGIN', user: 'jürgen', password: 'pässwört' },
      {},
      ['a1 LOGIN {7}\r\n', 'jürgen {10}\r\n', 'pässwört\r\n'],
    ],
    [
      'LOGIN with LITERAL+: one part',
      { verb: 'LOGIN', user: 'bob', password: 'pässwört' },
      { literalPlus: true },
      ['a1 LOGIN "bob" {10+}\r\npässwört\r\n'],
    ],
    [
      'LOGIN with LITERAL-: non-synchronising when small',
      { verb: 'LOGIN', user: 'bob', password: 'pässwört' },
      { literalMinus: true },
      ['a1 LOGIN "bob" {10+}\r\npässwört\r\n'],
    ],
    [
      'LOGIN with a control character: a literal',
      { verb: 'LOGIN', user: 'bob', password: 'a\tb' },
      {},
      ['a1 LOGIN "bob" {3}\r\n', 'a\tb\r\n'],
    ],
    [
      'AUTHENTICATE without initial response',
      { verb: 'AUTHENTICATE', mechanism: 'login' },
      {},
      ['a1 AUTHENTICATE LOGIN\r\n'],
    ],
    [
      'AUTHENTICATE PLAIN with SASL-IR',
      { verb: 'AUTHENTICATE', mechanism: 'PLAIN', initial: plain.initial()! },
      { saslIr: true },
      ['a1 AUTHENTICATE PLAIN AGJvYgBzM2NyZXQ=\r\n'],
    ],
    [
      'AUTHENTICATE PLAIN without SASL-IR waits for "+"',
      { verb: 'AUTHENTICATE', mechanism: 'PLAIN', initial: plain.initial()! },
      {},
      ['a1 AUTHENTICATE PLAIN\r\n', 'AGJvYgBzM2NyZXQ=\r\n'],
    ],
    [
      'AUTHENTICATE with an empty initial response and SASL-IR',
      {
        verb: 'AUTHENTICATE',
        mechanism: 'EXTERNAL',
        initial: { response: '', display: '', secret: false },
      },
      { saslIr: true },
      ['a1 AUTHENTICATE EXTERNAL =\r\n'],
    ],
    [
      'AUTH-RESPONSE has no tag',
      { verb: 'AUTH-RESPONSE', step: { response: 'Ym9i', display: 'Ym9i', secret: false } },
      {},
      ['Ym9i\r\n'],
    ],
    ['SELECT', { verb: 'SELECT', mailbox: 'INBOX' }, {}, ['a1 SELECT "INBOX"\r\n']],
    [
      'EXAMINE',
      { verb: 'EXAMINE', mailbox: 'Archive/2024' },
      {},
      ['a1 EXAMINE "Archive/2024"\r\n'],
    ],
    [
      'SELECT with a non-ASCII name: modified UTF-7',
      { verb: 'SELECT', mailbox: 'Entwürfe' },
      {},
      ['a1 SELECT "Entw&APw-rfe"\r\n'],
    ],
    [
      'SEARCH HEADER Message-ID',
      { verb: 'SEARCH', header: 'Message-ID', value: '<abc.123@example.com>' },
      {},
      ['a1 SEARCH HEADER Message-ID "<abc.123@example.com>"\r\n'],
    ],
    [
      'UID SEARCH',
      { verb: 'SEARCH', header: 'Message-ID', value: '<abc@example.com>', uid: true },
      {},
      ['a1 UID SEARCH HEADER Message-ID "<abc@example.com>"\r\n'],
    ],
    [
      'SEARCH with a non-ASCII value: CHARSET and a literal',
      { verb: 'SEARCH', header: 'Subject', value: 'Grüße' },
      {},
      ['a1 SEARCH CHARSET UTF-8 HEADER Subject {7}\r\n', 'Grüße\r\n'],
    ],
    [
      'FETCH headers and size',
      { verb: 'FETCH', sequence: 1, items: ['UID', 'RFC822.SIZE', 'BODY.PEEK[HEADER]'] },
      {},
      ['a1 FETCH 1 (UID RFC822.SIZE BODY.PEEK[HEADER])\r\n'],
    ],
    [
      'UID FETCH the body',
      { verb: 'FETCH', sequence: '42', items: ['BODY.PEEK[]'], uid: true },
      {},
      ['a1 UID FETCH 42 (BODY.PEEK[])\r\n'],
    ],
    [
      'FETCH a header field and a partial body over a range',
      {
        verb: 'FETCH',
        sequence: '1:*',
        items: ['BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]', 'BODY.PEEK[]<0.1024>'],
      },
      {},
      ['a1 FETCH 1:* (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)] BODY.PEEK[]<0.1024>)\r\n'],
    ],
    ['RAW gets the tag', { verb: 'RAW', line: 'ID NIL' }, {}, ['a1 ID NIL\r\n']],
  ];
  for (const [name, command, context, parts] of cases) {
    it(name, () => {
      assert.deepEqual(wireOf(command, context), parts);
    });
  }

  it('modified UTF-7 per RFC 3501 5.1.3', () => {
    assert.equal(encodeMailboxName('~peter/mail/台北/日本語'), '~peter/mail/&U,BTFw-/&ZeVnLIqe-');
    assert.equal(encodeMailboxName('Tom & Jerry'), 'Tom &- Jerry');
    assert.equal(encodeMailboxName('INBOX'), 'INBOX');
  });

  it('names the verb the server sees', () => {
    assert.equal(
      encodeCommand({ verb: 'FETCH', sequence: 1, items: ['UID'], uid: true }, 'a1').wireVerb,
      'UID FETCH',
    );
    assert.equal(
      encodeCommand({ verb: 'RAW', line: 'uid search all' }, 'a1').wireVerb,
      'UID SEARCH',
    );
  });
});

describe('IMAP commands: secrets', () => {
  it('LOGIN shows the user, masks the password, and lists its forms', () => {
    const out = encodeCommand({ verb: 'LOGIN', user: 'bob', password: 's3cret' }, 'a1');
    assert.deepEqual(out.parts[0]!.display, [`a1 LOGIN "bob" ${MASK}`]);
    assert.equal(out.parts[0]!.secret, true);
    assert.ok(out.secrets.includes('s3cret'));
    assert.ok(out.secrets.includes('"s3cret"'));
    assert.ok(out.secrets.includes(base64('s3cret')));
  });

  it('a literal password is masked in the part that carries it', () => {
    const out = encodeCommand({ verb: 'LOGIN', user: 'bob', password: 'pässwört' }, 'a1');
    assert.deepEqual(out.parts[0]!.display, ['a1 LOGIN "bob" {10}']);
    assert.equal(out.parts[0]!.secret, false);
    assert.deepEqual(out.parts[1]!.display, [MASK]);
    assert.equal(out.parts[1]!.secret, true);
    const withPlus = encodeCommand({ verb: 'LOGIN', user: 'bob', password: 'pässwört' }, 'a1', {
      literalPlus: true,
    });
    assert.deepEqual(withPlus.parts[0]!.display, ['a1 LOGIN "bob" {10+}', MASK]);
    assert.ok(!withPlus.parts[0]!.display.join('\n').includes('pässwört'));
  });

  it('AUTHENTICATE hides its payload in both forms', () => {
    const client = createSaslClient('PLAIN', { user: 'bob', password: 's3cret' });
    const payload = base64('\0bob\0s3cret');
    for (const saslIr of [true, false]) {
      const out = encodeCommand(
        {
          verb: 'AUTHENTICATE',
          mechanism: 'PLAIN',
          initial: client.initial()!,
          secrets: client.secrets(),
        },
        'a1',
        { saslIr },
      );
      const shown = out.parts.flatMap((p) => p.display).join('\n');
      assert.ok(!shown.includes(payload), shown);
      assert.ok(shown.includes(MASK));
      assert.ok(out.secrets.includes(payload));
      assert.ok(out.secrets.includes('s3cret'));
      assert.ok(out.secrets.includes(base64('s3cret')));
    }
  });

  it('a typed LOGIN is masked', () => {
    const out = encodeCommand({ verb: 'RAW', line: 'LOGIN "bob smith" "pa ss"' }, 'a7');
    assert.equal(out.parts[0]!.bytes.toString(), 'a7 LOGIN "bob smith" "pa ss"\r\n');
    assert.deepEqual(out.parts[0]!.display, [`a7 LOGIN "bob smith" ${MASK}`]);
    assert.equal(out.parts[0]!.secret, true);
    assert.ok(out.secrets.includes('pa ss'));
    assert.ok(out.secrets.includes('"pa ss"'));
  });

  it('a typed AUTHENTICATE with an initial response is masked', () => {
    const payload = base64('\0bob\0s3cret');
    const out = encodeCommand({ verb: 'RAW', line: `AUTHENTICATE PLAIN ${payload}` }, 'a2');
    assert.deepEqual(out.parts[0]!.display, [`a2 AUTHENTICATE PLAIN ${MASK}`]);
    assert.ok(out.secrets.includes(payload));
    assert.ok(out.secrets.includes('s3cret'));
  });

  it('a typed line answering a SASL challenge is masked and untagged', () => {
    const out = encodeCommand({ verb: 'RAW', line: base64('\0bob\0s3cret') }, 'a3', {
      saslResponse: true,
    });
    assert.equal(out.parts[0]!.bytes.toString(), `${base64('\0bob\0s3cret')}\r\n`);
    assert.deepEqual(displayOf({ verb: 'RAW', line: 'x' }, { saslResponse: true }), [MASK]);
    assert.ok(out.secrets.includes('s3cret'));
  });
});

describe('IMAP commands: refused input', () => {
  const refused: Array<[string, ImapCommand]> = [
    ['CR LF in the user', { verb: 'LOGIN', user: 'bob\r\na2 DELETE INBOX', password: 'x' }],
    ['LF in the password', { verb: 'LOGIN', user: 'bob', password: 'a\nb' }],
    ['NUL in the mailbox', { verb: 'SELECT', mailbox: 'IN\0BOX' }],
    ['an empty mailbox', { verb: 'EXAMINE', mailbox: '' }],
    ['CR in a search value', { verb: 'SEARCH', header: 'Message-ID', value: '<a>\r\n' }],
    ['a header name with a colon', { verb: 'SEARCH', header: 'Message-ID:', value: 'x' }],
    ['a header name with a space', { verb: 'SEARCH', header: 'Message ID', value: 'x' }],
    ['a sequence set with letters', { verb: 'FETCH', sequence: '1 (BODY[])', items: ['UID'] }],
    ['message number 0', { verb: 'FETCH', sequence: 0, items: ['UID'] }],
    [
      'a FETCH item with a quote',
      { verb: 'FETCH', sequence: 1, items: ['BODY[HEADER.FIELDS ("X")]'] },
    ],
    ['no FETCH items', { verb: 'FETCH', sequence: 1, items: [] }],
    ['a mechanism with spaces', { verb: 'AUTHENTICATE', mechanism: 'PLAIN X' }],
    ['a typed line ending in a literal', { verb: 'RAW', line: 'LOGIN bob {5}' }],
    ['LF in a typed line', { verb: 'RAW', line: 'NOOP\na2 LOGOUT' }],
  ];
  for (const [name, command] of refused) {
    it(name, () => {
      assert.throws(() => encodeCommand(command, 'a1'), InputError);
    });
  }
});

describe('IMAP commands: typed lines', () => {
  it('maps typed verbs, including UID forms', () => {
    assert.equal(verbOfRawLine('select INBOX'), 'SELECT');
    assert.equal(verbOfRawLine('UID fetch 1 (UID)'), 'FETCH');
    assert.equal(verbOfRawLine('uid search all'), 'SEARCH');
    assert.equal(verbOfRawLine('UID EXPUNGE 1'), undefined);
    assert.equal(verbOfRawLine('ID NIL'), undefined);
  });
});
