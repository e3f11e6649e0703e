// The build puts simpleWidth in front of string-width; here it must give, for every character it
// accepts, what both copies of the library (ink's 8.x, wrap-ansi's 7.x) give, alone and next to
// any other accepted character, and it must refuse what it does not know.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SIMPLE_RANGES, simpleWidth } from '../../source/ui/simple-width.js';

type Width = (text: string, options?: { ambiguousIsNarrow?: boolean }) => number;
type Eaw = (code: number, options: { ambiguousAsWide: boolean }) => number;

// The very files the build patches (by path: they are not the project's direct dependencies).
const modules = new URL('../../node_modules/', import.meta.url);
const load = async <T>(path: string): Promise<T> =>
  (await import(new URL(path, modules).href)) as T;
const inkWidth = (await load<{ default: Width }>('string-width/index.js')).default;
const wrapWidth = (await load<{ default: Width }>('wrap-ansi/node_modules/string-width/index.js'))
  .default;
const { eastAsianWidth } = await load<{ eastAsianWidth: Eaw }>('get-east-asian-width/index.js');

const simpleCodes = (): number[] =>
  SIMPLE_RANGES.flatMap(([low, high]) =>
    Array.from({ length: high - low + 1 }, (_, i) => low + i),
  ).concat(Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i));

test('every accepted character is as wide as both string-width copies say', () => {
  for (const ambiguousAsWide of [false, true]) {
    const options = { ambiguousIsNarrow: !ambiguousAsWide };
    for (const code of simpleCodes()) {
      const text = String.fromCharCode(code);
      const mine = simpleWidth(text, eastAsianWidth, ambiguousAsWide);
      assert.equal(mine, inkWidth(text, options), `U+${code.toString(16)} vs ink's string-width`);
      assert.equal(mine, wrapWidth(text, options), `U+${code.toString(16)} vs wrap-ansi's`);
    }
  }
});

test('accepted characters never join a neighbour: pairs add up as the library counts them', () => {
  const codes = simpleCodes();
  // A deterministic spread of pairs: every code with a stride of partners (about 5,000 pairs).
  for (let i = 0; i < codes.length; i += 1) {
    for (let j = i % 97; j < codes.length; j += 9600) {
      const text = String.fromCharCode(codes[i]!, codes[j]!);
      const mine = simpleWidth(text, eastAsianWidth);
      assert.equal(mine, inkWidth(text), JSON.stringify(text));
      assert.equal(mine, wrapWidth(text), JSON.stringify(text));
    }
  }
});

test('a frame line of the wizard is measured without the library', () => {
  const line = ' ○ connect │ › Target  press enter to type ─── ⠋ 50 % … “quoted” — é ü ß 日本';
  assert.equal(simpleWidth(line, eastAsianWidth), inkWidth(line));
});

test('anything else is refused, so the library measures it', () => {
  for (const text of [
    'e\u0301',
    '👍',
    '❤️',
    '©',
    '▶',
    '\u200b',
    '\t',
    '\n',
    '\u00ad',
    'a\u1100\u1161',
    '🇩🇪',
  ]) {
    assert.equal(simpleWidth(text, eastAsianWidth), -1, JSON.stringify(text));
  }
});
