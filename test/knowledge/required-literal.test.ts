// The vendor lookup skips an expression when the text lacks the literal every match must contain.
// It must never skip one that matches: checked on every example line of the table against every
// pattern, and on the reader's own cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requiredLiteral } from '../../source/knowledge/required-literal.js';
import { matchVendorPatterns } from '../../source/knowledge/vendor-lookup.js';
import { VENDOR_PATTERNS } from '../../source/knowledge/vendor-patterns.js';

test('reads the literal every match must contain, or gives up', () => {
  const cases: Array<[RegExp, string]> = [
    [/Relay access denied/i, 'relay access denied'],
    [/colou?r scheme/, 'r scheme'],
    [/ab+c/, 'ab'],
    [/a{0,2}bcd/, 'bcd'],
    [/(?:mailbox|user) unknown/, ' unknown'],
    [/foo\.bar/, 'foo.bar'],
    [/\d+ octets/, ' octets'],
    [/[A-Z]{3} limit reached/, ' limit reached'],
    [/^550 .*denied$/, 'denied'],
    [/one|two/, ''],
    [/\x41BC/, ''],
    [/caf\u00e9/, ''],
    [/straße/iu, ''],
  ];
  for (const [re, literal] of cases) assert.equal(requiredLiteral(re), literal, String(re));
});

const corpus = [
  ...VENDOR_PATTERNS.flatMap((p) => p.examples),
  '550 5.7.1 <bob@example.com>: Relay access denied',
  '421 4.7.0 Try again later, closing connection.',
  '-ERR [IN-USE] Unable to lock maildrop',
];

test('no vendor pattern is skipped on a line it matches', () => {
  for (const { id, pattern } of VENDOR_PATTERNS) {
    const literal = requiredLiteral(pattern);
    for (const text of corpus) {
      pattern.lastIndex = 0;
      if (!pattern.test(text)) continue;
      const haystack = pattern.flags.includes('i') ? text.toLowerCase() : text;
      assert.ok(haystack.includes(literal), `${id}: "${literal}" is not in "${text}"`);
    }
  }
});

test('the lookup answers what testing every pattern answers, and remembers it', () => {
  for (const text of corpus) {
    const expected = VENDOR_PATTERNS.filter((p) => p.pattern.test(text)).map((p) => p.id);
    assert.deepEqual(
      matchVendorPatterns(text).map((p) => p.id),
      expected,
      text,
    );
    assert.deepEqual(
      matchVendorPatterns(text).map((p) => p.id),
      expected,
      `${text} (again)`,
    );
  }
});

test('most patterns get a literal, so most are never run on an unrelated line', () => {
  const withLiteral = VENDOR_PATTERNS.filter((p) => requiredLiteral(p.pattern).length >= 4);
  assert.ok(
    // 203 patterns, a quarter of them top-level alternations (a vendor's two wordings), which get
    // no literal yet: three in four is the floor that keeps the skip worth having.
    withLiteral.length >= VENDOR_PATTERNS.length * 0.75,
    `${withLiteral.length} of ${VENDOR_PATTERNS.length}`,
  );
});

test('[^] is a whole class (any character), and [] matches nothing: neither swallows what follows', () => {
  assert.equal(requiredLiteral(/^5\d\d\b[^]*\bOFR\d{3}/), 'OFR');
  // eslint-disable-next-line no-empty-character-class -- the empty class is the case under test
  assert.equal(requiredLiteral(/[]?Mailbox full/), 'Mailbox full');
});
