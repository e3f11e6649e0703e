import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../source/protocols/common/errors.js';
import { createSaslClient, MASK } from '../../../source/protocols/common/sasl.js';
import type { SmtpCommand } from '../../../source/protocols/smtp/commands.js';
import {
  encodeCommand,
  encodeMessage,
  MAX_TEXT_LINE,
  verbOfRawLine,
} from '../../../source/protocols/smtp/commands.js';

describe('encodeCommand wire forms', () => {
  const cases: Array<[string, SmtpCommand, string, string]> = [
    ['EHLO', { verb: 'EHLO', domain: 'client.example.com' }, 'EHLO client.example.com\r\n', 'EHLO'],
    ['HELO', { verb: 'HELO', domain: 'client.example.com' }, 'HELO client.example.com\r\n', 'HELO'],
    [
      'EHLO address literal',
      { verb: 'EHLO', domain: '[192.0.2.1]' },
      'EHLO [192.0.2.1]\r\n',
      'EHLO',
    ],
    ['STARTTLS', { verb: 'STARTTLS' }, 'STARTTLS\r\n', 'STARTTLS'],
    [
      'AUTH without initial response',
      { verb: 'AUTH', mechanism: 'login' },
      'AUTH LOGIN\r\n',
      'AUTH',
    ],
    [
      'MAIL',
      { verb: 'MAIL', from: 'alice@example.com' },
      'MAIL FROM:<alice@example.com>\r\n',
      'MAIL',
    ],
    [
      'MAIL already bracketed',
      { verb: 'MAIL', from: '<alice@example.com>' },
      'MAIL FROM:<alice@example.com>\r\n',
      'MAIL',
    ],
    [
      'MAIL trims spaces',
      { verb: 'MAIL', from: ' alice@example.com ' },
      'MAIL FROM:<alice@example.com>\r\n',
      'MAIL',
    ],
    ['MAIL null sender ""', { verb: 'MAIL', from: '' }, 'MAIL FROM:<>\r\n', 'MAIL'],
    ['MAIL null sender "<>"', { verb: 'MAIL', from: '<>' }, 'MAIL FROM:<>\r\n', 'MAIL'],
    [
      'MAIL SIZE',
      { verb: 'MAIL', from: 'a@b', size: 1234 },
      'MAIL FROM:<a@b> SIZE=1234\r\n',
      'MAIL',
    ],
    ['MAIL SIZE=0', { verb: 'MAIL', from: 'a@b', size: 0 }, 'MAIL FROM:<a@b> SIZE=0\r\n', 'MAIL'],
    [
      'MAIL SIZE rounds down',
      { verb: 'MAIL', from: 'a@b', size: 12.7 },
      'MAIL FROM:<a@b> SIZE=12\r\n',
      'MAIL',
    ],
    [
      'MAIL BODY',
      { verb: 'MAIL', from: 'a@b', body: '8BITMIME' },
      'MAIL FROM:<a@b> BODY=8BITMIME\r\n',
      'MAIL',
    ],
    [
      'MAIL SIZE, BODY and SMTPUTF8',
      {
        verb: 'MAIL',
        from: 'j\u00f6rg@b\u00fccher.example',
        size: 10,
        body: '8BITMIME',
        smtpUtf8: true,
      },
      'MAIL FROM:<j\u00f6rg@b\u00fccher.example> SIZE=10 BODY=8BITMIME SMTPUTF8\r\n',
      'MAIL',
    ],
    [
      'MAIL null sender with SIZE',
      { verb: 'MAIL', from: '', size: 5 },
      'MAIL FROM:<> SIZE=5\r\n',
      'MAIL',
    ],
    ['RCPT', { verb: 'RCPT', to: 'bob@example.com' }, 'RCPT TO:<bob@example.com>\r\n', 'RCPT'],
    ['RCPT postmaster', { verb: 'RCPT', to: '<postmaster>' }, 'RCPT TO:<postmaster>\r\n', 'RCPT'],
    ['DATA', { verb: 'DATA' }, 'DATA\r\n', 'DATA'],
    ['RSET', { verb: 'RSET' }, 'RSET\r\n', 'RSET'],
    ['NOOP', { verb: 'NOOP' }, 'NOOP\r\n', 'NOOP'],
    ['VRFY', { verb: 'VRFY', argument: 'postmaster' }, 'VRFY postmaster\r\n', 'VRFY'],
    ['HELP', { verb: 'HELP' }, 'HELP\r\n', 'HELP'],
    ['HELP topic', { verb: 'HELP', argument: 'MAIL' }, 'HELP MAIL\r\n', 'HELP'],
    ['QUIT', { verb: 'QUIT' }, 'QUIT\r\n', 'QUIT'],
    ['RAW', { verb: 'RAW', line: 'mail from:<a@b>' }, 'mail from:<a@b>\r\n', 'MAIL'],
    ['RAW empty line', { verb: 'RAW', line: '' }, '\r\n', ''],
  ];
  for (const [name, command, bytes, wireVerb] of cases) {
    it(name, () => {
      const out = encodeCommand(command);
      assert.equal(out.bytes.toString('utf8'), bytes);
      assert.equal(out.verb, command.verb);
      assert.equal(out.wireVerb, wireVerb);
      assert.deepEqual(out.display, [bytes.slice(0, -2)]);
      assert.equal(out.secret, false);
      assert.deepEqual(out.secrets, []);
      assert.deepEqual(out.warnings, []);
    });
  }
});

describe('CR, LF and NUL in any field are refused with the field named', () => {
  const injections = ['\r\n', '\n', '\r', '\0'];
  const builders: Array<[string, (bad: string) => SmtpCommand]> = [
    ['EHLO name', (bad) => ({ verb: 'EHLO', domain: `x${bad}RSET` })],
    ['EHLO name', (bad) => ({ verb: 'HELO', domain: `x${bad}` })],
    ['mechanism', (bad) => ({ verb: 'AUTH', mechanism: `PLAIN${bad}` })],
    ['MAIL FROM', (bad) => ({ verb: 'MAIL', from: `a@b>${bad}RCPT TO:<victim@example.com` })],
    ['MAIL FROM', (bad) => ({ verb: 'MAIL', from: `a@b${bad}` })],
    ['RCPT TO', (bad) => ({ verb: 'RCPT', to: `b@c${bad}DATA` })],
    ['VRFY argument', (bad) => ({ verb: 'VRFY', argument: `x${bad}` })],
    ['HELP argument', (bad) => ({ verb: 'HELP', argument: `x${bad}` })],
    ['command', (bad) => ({ verb: 'RAW', line: `NOOP${bad}QUIT` })],
  ];
  for (const [field, build] of builders) {
    for (const bad of injections) {
      const command = build(bad);
      it(`${command.verb} ${field} with ${JSON.stringify(bad)}`, () => {
        assert.throws(
          () => encodeCommand(command),
          (e: unknown) => e instanceof InputError && e.field === field && e.code === 'EINPUT',
        );
      });
    }
  }
});

describe('addresses that are not plain addresses', () => {
  const cases: Array<[SmtpCommand, string]> = [
    [{ verb: 'MAIL', from: 'a b@c' }, 'MAIL FROM'],
    [{ verb: 'MAIL', from: '<a@b' }, 'MAIL FROM'],
    [{ verb: 'RCPT', to: 'a@b>' }, 'RCPT TO'],
    [{ verb: 'RCPT', to: 'a@b> NOTIFY=NEVER' }, 'RCPT TO'],
    [{ verb: 'RCPT', to: 'a@b\tx' }, 'RCPT TO'],
  ];
  for (const [command, field] of cases) {
    it(JSON.stringify(command), () => {
      assert.throws(
        () => encodeCommand(command),
        (e: unknown) => e instanceof InputError && e.field === field,
      );
    });
  }
});

describe('AUTH', () => {
  it('with an initial response: the response goes on the wire, the display is masked', () => {
    const client = createSaslClient('PLAIN', { user: 'alice', password: 's3cret' });
    const initial = client.initial()!;
    const out = encodeCommand({
      verb: 'AUTH',
      mechanism: 'PLAIN',
      initial,
      secrets: client.secrets(),
    });
    assert.equal(out.bytes.toString(), `AUTH PLAIN ${initial.response}\r\n`);
    assert.deepEqual(out.display, [`AUTH PLAIN ${MASK}`]);
    assert.equal(out.secret, true);
    assert.equal(out.wireVerb, 'AUTH');
    for (const form of [
      's3cret',
      Buffer.from('s3cret').toString('base64'),
      '\0alice\0s3cret',
      initial.response,
    ]) {
      assert.ok(out.secrets.includes(form), `secrets lack ${JSON.stringify(form)}`);
      assert.ok(!out.display.join('\n').includes(form), `display shows ${JSON.stringify(form)}`);
    }
  });

  it('an empty initial response is sent as "="', () => {
    const out = encodeCommand({
      verb: 'AUTH',
      mechanism: 'EXTERNAL',
      initial: { response: '', display: '', secret: false },
    });
    assert.equal(out.bytes.toString(), 'AUTH EXTERNAL =\r\n');
    assert.deepEqual(out.display, ['AUTH EXTERNAL =']);
    assert.equal(out.secret, false);
  });

  it('AUTH-RESPONSE: masked when secret, shown when not, an empty line when empty', () => {
    const secret = encodeCommand({
      verb: 'AUTH-RESPONSE',
      step: { response: 'czNjcmV0', display: MASK, secret: true },
      secrets: ['s3cret', 'czNjcmV0'],
    });
    assert.equal(secret.bytes.toString(), 'czNjcmV0\r\n');
    assert.deepEqual(secret.display, [MASK]);
    assert.equal(secret.secret, true);
    assert.deepEqual(secret.secrets, ['s3cret', 'czNjcmV0']);
    assert.equal(secret.wireVerb, '');
    const user = encodeCommand({
      verb: 'AUTH-RESPONSE',
      step: { response: 'YWxpY2U=', display: 'YWxpY2U=', secret: false },
    });
    assert.deepEqual(user.display, ['YWxpY2U=']);
    assert.equal(user.secret, false);
    const empty = encodeCommand({
      verb: 'AUTH-RESPONSE',
      step: { response: '', display: '', secret: false },
    });
    assert.equal(empty.bytes.toString(), '\r\n');
  });
});

describe('encodeMessage', () => {
  const cases: Array<{ name: string; content: string; wire: string }> = [
    { name: 'empty message is just the final dot', content: '', wire: '.\r\n' },
    { name: 'one line without newline', content: 'hello', wire: 'hello\r\n.\r\n' },
    { name: 'one line with CRLF', content: 'hello\r\n', wire: 'hello\r\n.\r\n' },
    { name: 'bare LF becomes CRLF', content: 'a\nb\n', wire: 'a\r\nb\r\n.\r\n' },
    { name: 'bare CR becomes CRLF', content: 'a\rb', wire: 'a\r\nb\r\n.\r\n' },
    { name: 'mixed line ends', content: 'a\r\nb\nc\rd', wire: 'a\r\nb\r\nc\r\nd\r\n.\r\n' },
    {
      name: 'headers and body keep the blank line',
      content: 'Subject: x\r\n\r\nbody\r\n',
      wire: 'Subject: x\r\n\r\nbody\r\n.\r\n',
    },
    { name: 'a trailing blank line is kept', content: 'a\n\n', wire: 'a\r\n\r\n.\r\n' },
    { name: 'a lone dot line is doubled', content: 'a\n.\nb', wire: 'a\r\n..\r\nb\r\n.\r\n' },
    {
      name: 'a line starting with a dot is doubled',
      content: '.hidden\n..two',
      wire: '..hidden\r\n...two\r\n.\r\n',
    },
    { name: 'dots not at the start stay', content: 'a.b\n end.', wire: 'a.b\r\n end.\r\n.\r\n' },
    { name: 'a dot after a bare CR is stuffed too', content: 'a\r.', wire: 'a\r\n..\r\n.\r\n' },
    {
      name: 'a smuggled terminator cannot end the data early',
      content: 'x\r\n.\r\nMAIL FROM:<evil@example.com>',
      wire: 'x\r\n..\r\nMAIL FROM:<evil@example.com>\r\n.\r\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = encodeMessage(c.content);
      const text = out.bytes.toString('utf8');
      assert.equal(text, c.wire);
      assert.ok(text.endsWith('.\r\n'));
      // The only line that is a lone dot is the terminator.
      assert.equal(text.split('\r\n').filter((l) => l === '.').length, 1);
      assert.deepEqual(out.lines, c.wire.split('\r\n').slice(0, -1));
      assert.deepEqual(out.warnings, []);
    });
  }

  it('a non-empty message ends with CRLF.CRLF', () => {
    assert.ok(encodeMessage('x').bytes.toString().endsWith('\r\n.\r\n'));
  });

  it('no bare CR or LF reaches the wire', () => {
    const text = encodeMessage('a\rb\nc\r\n\r\rd\n\n').bytes.toString();
    assert.doesNotMatch(text, /\r(?!\n)|(?<!\r)\n/);
  });

  it('warns about lines longer than 998 octets, counting bytes not characters', () => {
    assert.equal(MAX_TEXT_LINE, 998);
    assert.deepEqual(encodeMessage('a'.repeat(998)).warnings, []);
    const long = encodeMessage(`${'a'.repeat(999)}\nshort\n${'b'.repeat(2000)}`);
    assert.equal(long.warnings.length, 1);
    assert.match(long.warnings[0]!, /^2 line\(s\) longer than 998 octets/);
    // 500 two-byte characters: 1000 octets.
    assert.equal(
      encodeMessage('\u00e9'.repeat(500)).warnings.filter((w) => /998/.test(w)).length,
      1,
    );
    // Dot-stuffing can push a 998-octet line over.
    assert.equal(encodeMessage(`.${'a'.repeat(997)}`).warnings.length, 1);
  });

  it('warns about 8-bit content, sends it as UTF-8', () => {
    const out = encodeMessage('Gr\u00fc\u00dfe \u65e5\u672c');
    assert.equal(out.warnings.length, 1);
    assert.match(out.warnings[0]!, /8-bit/);
    assert.equal(out.bytes.toString('utf8'), 'Gr\u00fc\u00dfe \u65e5\u672c\r\n.\r\n');
  });

  it('warns about NUL bytes', () => {
    assert.ok(encodeMessage('a\0b').warnings.some((w) => /NUL/.test(w)));
  });

  it('MESSAGE command carries the encoded message and its warnings', () => {
    const out = encodeCommand({ verb: 'MESSAGE', content: '.x\n\u00e9' });
    assert.equal(out.bytes.toString(), '..x\r\n\u00e9\r\n.\r\n');
    assert.equal(out.verb, 'MESSAGE');
    assert.equal(out.wireVerb, '');
    assert.deepEqual(out.display, ['..x', '\u00e9', '.']);
    assert.equal(out.warnings.length, 1);
  });
});

describe('verbOfRawLine', () => {
  const cases: Array<[string, string | undefined]> = [
    ['MAIL FROM:<a@b>', 'MAIL'],
    ['mail from:<a@b>', 'MAIL'],
    ['RCPT TO:<x>', 'RCPT'],
    ['  ehlo example.com', 'EHLO'],
    ['QUIT', 'QUIT'],
    ['AUTH PLAIN AGFAYg==', 'AUTH'],
    ['starttls', 'STARTTLS'],
    ['EXPN list', undefined],
    ['MAILX', undefined],
    ['', undefined],
    ['dXNlcg==', undefined],
    ['.', undefined],
  ];
  for (const [line, verb] of cases) {
    it(JSON.stringify(line), () => assert.equal(verbOfRawLine(line), verb));
  }
});

describe('input refused before it reaches the wire (lead additions)', () => {
  const refuses = (command: Parameters<typeof encodeCommand>[0], field: string): void => {
    assert.throws(
      () => encodeCommand(command),
      (e: unknown) => e instanceof InputError && e.field === field,
    );
  };
  it('an empty or two-word EHLO name', () => {
    refuses({ verb: 'EHLO', domain: '' }, 'EHLO name');
    refuses({ verb: 'HELO', domain: 'two words' }, 'EHLO name');
  });
  it('an empty RCPT address (the null path is for MAIL FROM only)', () => {
    refuses({ verb: 'RCPT', to: '' }, 'RCPT TO');
    refuses({ verb: 'RCPT', to: '<>' }, 'RCPT TO');
  });
  it('two addresses in one path', () => {
    refuses({ verb: 'RCPT', to: '<a@b> <c@d>' }, 'RCPT TO');
  });
  it('a SIZE that is not a number of bytes', () => {
    refuses({ verb: 'MAIL', from: 'a@b', size: Number.NaN }, 'SIZE');
    refuses({ verb: 'MAIL', from: 'a@b', size: -1 }, 'SIZE');
  });
});
