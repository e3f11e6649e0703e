import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { needsEscaping, printable } from '../../../source/protocols/common/printable.js';

describe('printable', () => {
  const cases: Array<[string, string, string]> = [
    ['plain ASCII', '250 mail.example.com ESMTP Postfix', '250 mail.example.com ESMTP Postfix'],
    [
      'non-ASCII letters',
      'caf\u00e9 \u65e5\u672c \u00fc\u00df',
      'caf\u00e9 \u65e5\u672c \u00fc\u00df',
    ],
    ['emoji (astral plane)', 'ok \u{1f600}', 'ok \u{1f600}'],
    ['tab stays a tab', 'a\tb', 'a\tb'],
    ['ESC colour sequence', '\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['ESC title change (OSC)', '\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
    ['NUL', 'a\u0000b', 'a\\x00b'],
    ['DEL', 'a\u007fb', 'a\\x7fb'],
    ['C1 CSI', 'a\u009b31mb', 'a\\x9b31mb'],
    ['C1 NEL', 'a\u0085b', 'a\\x85b'],
    ['bidi override U+202E', 'invoice\u202Efdp.exe', 'invoice\\u202efdp.exe'],
    ['bidi isolates', '\u2066x\u2069', '\\u2066x\\u2069'],
    ['LRM and RLM', '\u200ex\u200f', '\\u200ex\\u200f'],
    ['line feed', 'one\ntwo', 'one\\ntwo'],
    ['CRLF', 'one\r\ntwo', 'one\\r\\ntwo'],
    ['backspace', 'abc\u0008\u0008x', 'abc\\x08\\x08x'],
    ['empty', '', ''],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const out = printable(input);
      assert.equal(out, expected);
      assert.equal(needsEscaping(input), input !== expected);
    });
  }

  it('the output never holds a control character or bidi override', () => {
    let all = '';
    for (let code = 0; code < 0xa0; code += 1) all += String.fromCharCode(code);
    all += '\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    const out = printable(all);
    assert.doesNotMatch(
      out,
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/,
    );
    assert.ok(!out.includes('\n'));
  });

  it('is one line in, one line out', () => {
    assert.equal(printable('a\nb\nc').split('\n').length, 1);
  });
});

it('the Arabic letter mark and the Unicode line and paragraph separators are escaped', () => {
  assert.equal(printable('a\u061cb\u2028c\u2029d'), 'a\\u061cb\\u2028c\\u2029d');
});
