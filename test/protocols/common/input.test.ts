import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../source/protocols/common/errors.js';
import { assertSafeField, unsafeCharacterReason } from '../../../source/protocols/common/input.js';

describe('unsafeCharacterReason', () => {
  const cases: Array<[string, string | undefined]> = [
    ['user@example.com', undefined],
    ['', undefined],
    ['tab\tis fine', undefined],
    ['caf\u00e9 \u65e5\u672c', undefined],
    ['a\rb', 'must not contain a carriage return (CR)'],
    ['a\nb', 'must not contain a line feed (LF)'],
    ['a\0b', 'must not contain a NUL byte'],
    ['x\r\nRSET', 'must not contain a carriage return (CR)'],
    ['trailing\n', 'must not contain a line feed (LF)'],
  ];
  for (const [value, reason] of cases) {
    it(JSON.stringify(value), () => assert.equal(unsafeCharacterReason(value), reason));
  }
});

describe('assertSafeField', () => {
  it('returns a safe value unchanged', () => {
    assert.equal(assertSafeField('user', ' bob '), ' bob ');
  });

  for (const bad of ['a\r', '\nb', 'a\0', 'bob@example.com>\r\nRCPT TO:<victim@example.com']) {
    it(`refuses ${JSON.stringify(bad)} with an InputError naming the field`, () => {
      assert.throws(
        () => assertSafeField('MAIL FROM', bad),
        (e: unknown) =>
          e instanceof InputError &&
          e.field === 'MAIL FROM' &&
          e.code === 'EINPUT' &&
          e.origin === 'local' &&
          e.message.startsWith('MAIL FROM: must not contain'),
      );
    });
  }
});
