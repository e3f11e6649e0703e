import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteProtocolError } from '../../../source/protocols/common/errors.js';
import { LineFramer } from '../../../source/protocols/common/framer.js';
import { withLimits } from '../../../source/protocols/common/limits.js';
import type { SmtpReply } from '../../../source/protocols/smtp/reply.js';
import {
  isPositive,
  parseEnhancedCode,
  replyClass,
  replyText,
  SmtpReplyAssembler,
} from '../../../source/protocols/smtp/reply.js';

/** Frames the text and feeds every line to one assembler; returns the replies and any error. */
const assemble = (
  text: string,
  assembler = new SmtpReplyAssembler(),
): { replies: SmtpReply[]; error?: RemoteProtocolError } => {
  const framer = new LineFramer();
  framer.push(Buffer.from(text, 'latin1'));
  const replies: SmtpReply[] = [];
  try {
    for (let line = framer.nextLine(); line; line = framer.nextLine()) {
      const reply = assembler.add(line);
      if (reply) replies.push(reply);
    }
  } catch (error) {
    assert.ok(error instanceof RemoteProtocolError, `unexpected ${String(error)}`);
    return { replies, error };
  }
  return { replies };
};

describe('SmtpReplyAssembler', () => {
  const good: Array<{
    name: string;
    input: string;
    code: number;
    lines: string[];
    enhanced?: string;
  }> = [
    { name: 'single line', input: '250 OK\r\n', code: 250, lines: ['OK'] },
    { name: 'code only', input: '250\r\n', code: 250, lines: [''] },
    { name: 'code and space', input: '250 \r\n', code: 250, lines: [''] },
    {
      name: 'multi-line',
      input: '250-mail.example.com\r\n250-PIPELINING\r\n250 SIZE 10240000\r\n',
      code: 250,
      lines: ['mail.example.com', 'PIPELINING', 'SIZE 10240000'],
    },
    {
      name: 'multi-line ending in a code-only line',
      input: '250-first\r\n250-second\r\n250\r\n',
      code: 250,
      lines: ['first', 'second', ''],
    },
    { name: 'empty continuation text', input: '220-\r\n220 ok\r\n', code: 220, lines: ['', 'ok'] },
    {
      name: 'text keeps inner and trailing spaces',
      input: '550  two  spaces \r\n',
      code: 550,
      lines: [' two  spaces '],
    },
    {
      name: 'enhanced code',
      input: '550 5.7.1 Relaying denied\r\n',
      code: 550,
      lines: ['5.7.1 Relaying denied'],
      enhanced: '5.7.1',
    },
    {
      name: 'enhanced code in a multi-line reply',
      input: '550-5.7.26 Unauthenticated\r\n550 5.7.26 see https://x\r\n',
      code: 550,
      lines: ['5.7.26 Unauthenticated', '5.7.26 see https://x'],
      enhanced: '5.7.26',
    },
    { name: '334 challenge', input: '334 VXNlcm5hbWU6\r\n', code: 334, lines: ['VXNlcm5hbWU6'] },
  ];
  for (const c of good) {
    it(c.name, () => {
      const { replies, error } = assemble(c.input);
      assert.equal(error, undefined);
      assert.equal(replies.length, 1);
      const [reply] = replies;
      assert.equal(reply!.code, c.code);
      assert.deepEqual(reply!.lines, c.lines);
      assert.equal(reply!.enhanced?.text, c.enhanced);
      assert.deepEqual(reply!.rawLines, c.input.split('\r\n').slice(0, -1));
      assert.equal(reply!.bareLf, false);
    });
  }

  it('two replies in a row are kept apart', () => {
    const { replies } = assemble('250-a\r\n250 b\r\n354 go\r\n');
    assert.deepEqual(
      replies.map((r) => [r.code, r.lines]),
      [
        [250, ['a', 'b']],
        [354, ['go']],
      ],
    );
  });

  it('marks a reply that had a bare LF line', () => {
    const { replies } = assemble('250-a\n250 b\r\n220 c\r\n');
    assert.equal(replies[0]!.bareLf, true);
    assert.equal(replies[1]!.bareLf, false);
  });

  const bad: Array<{ name: string; input: string; raw: string; message: RegExp }> = [
    { name: 'two digits', input: '25\r\n', raw: '25\r\n', message: /malformed/ },
    { name: 'letters', input: 'abc\r\n', raw: 'abc\r\n', message: /malformed/ },
    { name: 'four digits', input: '2500 x\r\n', raw: '2500 x\r\n', message: /malformed/ },
    { name: 'wrong separator', input: '250_ok\r\n', raw: '250_ok\r\n', message: /malformed/ },
    { name: 'empty line', input: '\r\n', raw: '\r\n', message: /malformed/ },
    { name: 'leading space', input: ' 250 ok\r\n', raw: ' 250 ok\r\n', message: /malformed/ },
    { name: 'code outside 2xx-5xx', input: '199 x\r\n', raw: '199 x\r\n', message: /outside/ },
    { name: 'code 600', input: '600 x\r\n', raw: '600 x\r\n', message: /outside/ },
    {
      name: 'continuation changes its code',
      input: '250-a\r\n251 b\r\n',
      raw: '251 b\r\n',
      message: /changed its code from 250 to 251/,
    },
    {
      name: 'HTTP answer',
      input: 'HTTP/1.1 400 Bad Request\r\n',
      raw: 'HTTP/1.1 400 Bad Request\r\n',
      message: /malformed/,
    },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}, keeping the raw bytes`, () => {
      const { error } = assemble(c.input);
      assert.ok(error, 'expected an error');
      assert.equal(error.code, 'EPROTOCOL');
      assert.equal(error.origin, 'remote');
      assert.match(error.message, c.message);
      assert.equal(Buffer.from(error.raw!).toString('latin1'), c.raw);
    });
  }

  it('after an error, the next reply starts clean', () => {
    const assembler = new SmtpReplyAssembler();
    assert.ok(assemble('250-a\r\n251 b\r\n', assembler).error);
    assert.equal(assembler.inProgress, false);
    const { replies } = assemble('220 fresh\r\n', assembler);
    assert.deepEqual(replies[0]!.lines, ['fresh']);
  });

  it('inProgress is true between the lines of a multi-line reply', () => {
    const assembler = new SmtpReplyAssembler();
    assemble('250-a\r\n', assembler);
    assert.equal(assembler.inProgress, true);
    assemble('250 b\r\n', assembler);
    assert.equal(assembler.inProgress, false);
  });

  it('a reply longer than the line limit is ELIMIT; the budget restarts with each reply', () => {
    const limits = withLimits({ maxReplyLines: 3 });
    const over = assemble('250-a\r\n250-b\r\n250-c\r\n250 d\r\n', new SmtpReplyAssembler(limits));
    assert.equal(over.error?.code, 'ELIMIT');
    const assembler = new SmtpReplyAssembler(limits);
    const ok = assemble('250-a\r\n250-b\r\n250 c\r\n250-a\r\n250-b\r\n250 c\r\n', assembler);
    assert.equal(ok.error, undefined);
    assert.equal(ok.replies.length, 2);
  });

  it('a reply larger than the byte limit is ELIMIT', () => {
    const over = assemble(
      '250-aaaa\r\n250 bbbb\r\n',
      new SmtpReplyAssembler(withLimits({ maxReplyBytes: 15 })),
    );
    assert.equal(over.error?.code, 'ELIMIT');
  });

  it('1,000 lines pass by default, 1,001 do not', () => {
    const reply = (n: number): string => `${'250-x\r\n'.repeat(n - 1)}250 end\r\n`;
    assert.equal(assemble(reply(1000)).replies.length, 1);
    assert.equal(assemble(reply(1001)).error?.code, 'ELIMIT');
  });
});

describe('parseEnhancedCode', () => {
  const cases: Array<[number, string, string | undefined]> = [
    [550, '5.7.1 Relaying denied', '5.7.1'],
    [250, '2.0.0 Ok: queued as 12345', '2.0.0'],
    [250, '2.1.5 Ok', '2.1.5'],
    [451, '4.7.0 Try again later', '4.7.0'],
    [250, '5.7.1 not for a 2xx', undefined],
    [550, '2.0.0 not for a 5xx', undefined],
    [550, '4.7.1 class differs', undefined],
    [354, '3.0.0 no class 3', undefined],
    [550, '5.7.1', '5.7.1'],
    [550, '5.123.456 three digits each', '5.123.456'],
    [550, '5.1234.1 four-digit subject', undefined],
    [550, '5.1.1234 four-digit detail', undefined],
    [550, '5..1 empty subject', undefined],
    [550, '5.7 two parts', undefined],
    [550, 'User unknown 5.1.1', undefined],
    [550, '5.7.1: colon after', undefined],
    [550, '5.7.1\tthen a tab', '5.7.1'],
    [550, '', undefined],
  ];
  for (const [code, text, expected] of cases) {
    it(`${code} ${JSON.stringify(text)}`, () =>
      assert.equal(parseEnhancedCode(code, text)?.text, expected));
  }

  it('splits the parts into numbers', () => {
    assert.deepEqual(parseEnhancedCode(550, '5.7.26 Unauthenticated'), {
      class: 5,
      subject: 7,
      detail: 26,
      text: '5.7.26',
    });
  });

  it('a reply gets the first matching code, not one of the wrong class', () => {
    const { replies } = assemble('250-5.7.1 odd\r\n250 2.0.0 Ok\r\n');
    assert.equal(replies[0]!.enhanced?.text, '2.0.0');
    const none = assemble('250 5.7.1 mismatched\r\n');
    assert.equal(none.replies[0]!.enhanced, undefined);
    assert.equal('enhanced' in none.replies[0]!, false);
  });
});

describe('reply helpers', () => {
  const reply = (code: number, lines: string[] = ['x']): SmtpReply => ({
    code,
    lines,
    rawLines: [],
    bareLf: false,
  });
  it('replyClass', () => {
    assert.deepEqual([220, 354, 421, 550].map(replyClass), [2, 3, 4, 5]);
  });
  it('isPositive: 2xx and 3xx', () => {
    assert.deepEqual(
      [250, 354, 421, 550].map((c) => isPositive(reply(c))),
      [true, true, false, false],
    );
  });
  it('replyText joins lines with newlines', () => {
    assert.equal(replyText(reply(250, ['a', 'b'])), 'a\nb');
  });
});
