import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteProtocolError } from '../../../source/protocols/common/errors.js';
import type { FramedLine } from '../../../source/protocols/common/framer.js';
import { LineFramer, ReplyBudget } from '../../../source/protocols/common/framer.js';
import { DEFAULT_FRAMING_LIMITS, withLimits } from '../../../source/protocols/common/limits.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

type Outcome = {
  lines: Array<{ text: string; bareLf: boolean; raw: string }>;
  error?: string;
  pending: number;
};

/** Pushes the chunks one by one, pulling every complete line after each; stops at the first error. */
const frame = (chunks: Uint8Array[], limits = {}): Outcome => {
  const framer = new LineFramer(limits);
  const lines: Outcome['lines'] = [];
  try {
    for (const chunk of chunks) {
      framer.push(chunk);
      for (let line = framer.nextLine(); line; line = framer.nextLine()) {
        lines.push({ text: line.text, bareLf: line.bareLf, raw: line.raw.toString('latin1') });
      }
    }
  } catch (error) {
    assert.ok(error instanceof RemoteProtocolError, `unexpected ${String(error)}`);
    return { lines, error: error.code, pending: framer.pending };
  }
  return { lines, pending: framer.pending };
};

const catchError = (fn: () => unknown): RemoteProtocolError => {
  try {
    fn();
  } catch (error) {
    assert.ok(
      error instanceof RemoteProtocolError,
      `expected RemoteProtocolError, got ${String(error)}`,
    );
    return error;
  }
  assert.fail('expected an error');
};

describe('LineFramer', () => {
  const cases: Array<{
    name: string;
    input: string;
    lines: Array<[string, boolean]>;
    error?: string;
    pending?: number;
  }> = [
    { name: 'one CRLF line', input: '220 hi\r\n', lines: [['220 hi', false]] },
    {
      name: 'two lines',
      input: 'a\r\nb\r\n',
      lines: [
        ['a', false],
        ['b', false],
      ],
    },
    {
      name: 'bare LF tolerated and flagged',
      input: 'a\nb\r\n',
      lines: [
        ['a', true],
        ['b', false],
      ],
    },
    { name: 'bare LF on an empty line', input: '\n', lines: [['', true]] },
    { name: 'empty CRLF line', input: '\r\n', lines: [['', false]] },
    { name: 'incomplete line waits', input: '250 ok', lines: [], pending: 6 },
    { name: 'CR alone is not a terminator', input: 'a\rb\r\n', lines: [['a\rb', false]] },
    { name: 'trailing CR waits for LF', input: 'x\r\ny\r', lines: [['x', false]], pending: 2 },
    {
      name: 'NUL is a protocol error',
      input: 'ok\r\n25\x000 x\r\n',
      lines: [['ok', false]],
      error: 'EPROTOCOL',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = frame([bytes(c.input)]);
      assert.deepEqual(
        out.lines.map((l) => [l.text, l.bareLf]),
        c.lines,
      );
      assert.equal(out.error, c.error);
      if (c.pending !== undefined) assert.equal(out.pending, c.pending);
    });
  }

  it('keeps the exact raw bytes, terminator included', () => {
    const out = frame([bytes('a\r\nb\nc\r\n')]);
    assert.deepEqual(
      out.lines.map((l) => l.raw),
      ['a\r\n', 'b\n', 'c\r\n'],
    );
  });

  it('decodes UTF-8 and replaces invalid sequences with U+FFFD', () => {
    const framer = new LineFramer();
    framer.push(
      Buffer.concat([
        Buffer.from('250 caf\u00e9 \u65e5\u672c ', 'utf8'),
        Buffer.from([0xff, 0x0d, 0x0a]),
      ]),
    );
    const line = framer.nextLine();
    assert.equal(line?.text, '250 caf\u00e9 \u65e5\u672c \ufffd');
    assert.equal(line?.raw.at(-3), 0xff);
  });

  it('a UTF-8 character split across chunks still decodes', () => {
    const encoded = Buffer.from('250 \u00e9\r\n', 'utf8');
    const framer = new LineFramer();
    framer.push(encoded.subarray(0, 5));
    assert.equal(framer.nextLine(), undefined);
    framer.push(encoded.subarray(5));
    assert.equal(framer.nextLine()?.text, '250 \u00e9');
  });

  it('NUL error keeps the raw bytes of the line', () => {
    const framer = new LineFramer();
    framer.push(bytes('250\x00x\r\n'));
    const error = catchError(() => framer.nextLine());
    assert.equal(error.code, 'EPROTOCOL');
    assert.equal(error.origin, 'remote');
    assert.deepEqual(error.raw && Buffer.from(error.raw).toString('latin1'), '250\x00x\r\n');
  });

  describe('line length (8 KiB by default)', () => {
    const max = DEFAULT_FRAMING_LIMITS.maxLineBytes;
    it('the default is 8 KiB', () => assert.equal(max, 8192));

    it('a line of exactly the limit passes, with CRLF and with bare LF', () => {
      const body = 'a'.repeat(max);
      assert.deepEqual(
        frame([bytes(`${body}\r\n`)]).lines.map((l) => l.text.length),
        [max],
      );
      assert.deepEqual(
        frame([bytes(`${body}\n`)]).lines.map((l) => l.text.length),
        [max],
      );
    });

    it('a terminated line one byte over the limit is ELIMIT', () => {
      for (const end of ['\r\n', '\n']) {
        const framer = new LineFramer();
        framer.push(bytes(`${'a'.repeat(max + 1)}${end}`));
        const error = catchError(() => framer.nextLine());
        assert.equal(error.code, 'ELIMIT');
        assert.ok(error.raw && error.raw.length > 0, 'raw bytes kept');
      }
    });

    it('a line still growing past the limit without a terminator is ELIMIT before it ends', () => {
      const framer = new LineFramer();
      framer.push(bytes('a'.repeat(max)));
      assert.equal(framer.nextLine(), undefined);
      framer.push(bytes('a'));
      assert.equal(catchError(() => framer.nextLine()).code, 'ELIMIT');
    });

    it('a full-length line whose CR has arrived but not its LF still waits', () => {
      const framer = new LineFramer();
      framer.push(bytes(`${'a'.repeat(max)}\r`));
      assert.equal(framer.nextLine(), undefined);
      framer.push(bytes('\n'));
      assert.equal(framer.nextLine()?.text.length, max);
    });

    it('a megabyte without a line feed is refused, not buffered', () => {
      const framer = new LineFramer();
      framer.push(Buffer.alloc(1024 * 1024, 0x61));
      const error = catchError(() => framer.nextLine());
      assert.equal(error.code, 'ELIMIT');
      assert.ok(error.raw && error.raw.length <= 1024, 'raw excerpt is bounded');
    });

    it('the limit is configurable', () => {
      assert.deepEqual(
        frame([bytes('abcd\r\n')], { maxLineBytes: 4 }).lines.map((l) => l.text),
        ['abcd'],
      );
      assert.equal(frame([bytes('abcde\r\n')], { maxLineBytes: 4 }).error, 'ELIMIT');
      assert.equal(frame([bytes('abcde')], { maxLineBytes: 4 }).error, 'ELIMIT');
      assert.equal(frame([bytes('abcd')], { maxLineBytes: 4 }).error, undefined);
    });
  });

  describe('nextBytes(n)', () => {
    it('returns exactly n bytes, then lines resume', () => {
      const framer = new LineFramer();
      framer.push(bytes('* 1 FETCH {5}\r\nhel'));
      assert.equal(framer.nextLine()?.text, '* 1 FETCH {5}');
      assert.equal(framer.nextBytes(5), undefined, 'not enough yet');
      assert.equal(framer.pending, 3);
      framer.push(bytes('lo)\r\n'));
      assert.equal(framer.nextBytes(5)?.toString('latin1'), 'hello');
      assert.equal(framer.nextLine()?.text, ')');
      assert.equal(framer.pending, 0);
    });

    it('literal bytes may hold CR, LF and NUL', () => {
      const framer = new LineFramer();
      framer.push(bytes('a\r\n\x00b'));
      assert.equal(framer.nextBytes(5)?.toString('latin1'), 'a\r\n\x00b');
    });

    it('nextBytes(0) is an empty buffer', () => {
      const framer = new LineFramer();
      assert.equal(framer.nextBytes(0)?.length, 0);
    });

    it('the returned bytes are a copy, not a view that later pushes change', () => {
      const framer = new LineFramer();
      const chunk = bytes('abc');
      framer.push(chunk);
      const out = framer.nextBytes(3)!;
      chunk[0] = 0x7a;
      assert.equal(out.toString('latin1'), 'abc');
    });
  });

  it('drain() hands over everything unconsumed and empties the framer', () => {
    const framer = new LineFramer();
    framer.push(bytes('a\r\nrest'));
    framer.nextLine();
    assert.equal(framer.drain().toString('latin1'), 'rest');
    assert.equal(framer.pending, 0);
    assert.equal(framer.nextLine(), undefined);
  });

  it('empty pushes change nothing', () => {
    const framer = new LineFramer();
    framer.push(new Uint8Array(0));
    assert.equal(framer.pending, 0);
  });

  it('does not keep a reference to the caller\u2019s chunk', () => {
    const framer = new LineFramer();
    const chunk = bytes('250 ok');
    framer.push(chunk);
    chunk.fill(0x21);
    framer.push(bytes('\r\n'));
    assert.equal(framer.nextLine()?.text, '250 ok');
  });

  describe('bytes split at every position give the same result', () => {
    const inputs: Array<{ name: string; input: string; limits?: object }> = [
      { name: 'mixed terminators', input: '220-a\r\n220-b\n220 c\r\n250 d\r\npartial' },
      { name: 'NUL in the third line', input: 'x\r\ny\r\nz\x00z\r\nw\r\n' },
      {
        name: 'overlong line',
        input: 'ok\r\n0123456789ABCDEF\r\nnext\r\n',
        limits: { maxLineBytes: 8 },
      },
      {
        name: 'line of exactly the limit',
        input: '01234567\r\n01234567\n',
        limits: { maxLineBytes: 8 },
      },
    ];
    for (const { name, input, limits } of inputs) {
      it(name, () => {
        const whole = frame([bytes(input)], limits);
        for (let i = 0; i <= input.length; i += 1) {
          const split = frame([bytes(input.slice(0, i)), bytes(input.slice(i))], limits);
          assert.deepEqual(split.lines, whole.lines, `split at ${i}`);
          assert.equal(split.error, whole.error, `split at ${i}`);
        }
        const oneByOne = frame(
          [...bytes(input)].map((b) => Uint8Array.of(b)),
          limits,
        );
        assert.deepEqual(oneByOne.lines, whole.lines);
        assert.equal(oneByOne.error, whole.error);
      });
    }
  });
});

describe('ReplyBudget', () => {
  const lineOf = (text: string): FramedLine => ({ text, raw: bytes(`${text}\r\n`), bareLf: false });

  it('defaults: 1,000 lines and 256 KiB per reply', () => {
    assert.equal(DEFAULT_FRAMING_LIMITS.maxReplyLines, 1000);
    assert.equal(DEFAULT_FRAMING_LIMITS.maxReplyBytes, 256 * 1024);
  });

  it('allows exactly 1,000 lines, refuses the 1,001st with ELIMIT and its raw bytes', () => {
    const budget = new ReplyBudget();
    for (let i = 0; i < 1000; i += 1) budget.add(lineOf('250-x'));
    let error: unknown;
    try {
      budget.add(lineOf('250 last'));
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof RemoteProtocolError);
    assert.equal(error.code, 'ELIMIT');
    assert.equal(Buffer.from(error.raw!).toString('latin1'), '250 last\r\n');
  });

  it('counts bytes including terminators against 256 KiB', () => {
    const budget = new ReplyBudget();
    const big = lineOf(`250-${'a'.repeat(8186)}`); // 8192 bytes with CRLF
    for (let i = 0; i < 32; i += 1) budget.add(big); // exactly 256 KiB
    assert.throws(
      () => budget.add(lineOf('2')),
      (e: unknown) => e instanceof RemoteProtocolError && e.code === 'ELIMIT',
    );
  });

  it('limits are configurable through withLimits', () => {
    const budget = new ReplyBudget(withLimits({ maxReplyLines: 2 }));
    budget.add(lineOf('a'));
    budget.add(lineOf('b'));
    assert.throws(() => budget.add(lineOf('c')), /reply longer than 2 lines/);
    const bytesBudget = new ReplyBudget(withLimits({ maxReplyBytes: 6 }));
    bytesBudget.add(lineOf('abcd'));
    assert.throws(() => bytesBudget.add(lineOf('')), /reply larger than 6 bytes/);
  });

  it('reset() starts a new reply', () => {
    const budget = new ReplyBudget(withLimits({ maxReplyLines: 1 }));
    budget.add(lineOf('a'));
    budget.reset();
    budget.add(lineOf('b'));
    assert.throws(() => budget.add(lineOf('c')));
  });
});

describe('limits', () => {
  it('withLimits overrides only what is given', () => {
    assert.deepEqual(withLimits({ maxLineBytes: 10 }), {
      maxLineBytes: 10,
      maxReplyLines: 1000,
      maxReplyBytes: 262144,
    });
    assert.deepEqual(withLimits(), { ...DEFAULT_FRAMING_LIMITS });
  });

  it('the defaults cannot be changed by accident', () => {
    assert.ok(Object.isFrozen(DEFAULT_FRAMING_LIMITS));
    const copy = withLimits();
    copy.maxLineBytes = 1;
    assert.equal(DEFAULT_FRAMING_LIMITS.maxLineBytes, 8192);
  });
});
