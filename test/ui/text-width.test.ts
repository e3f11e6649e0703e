import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandTabs, hardWrap, textWidth, truncate, wordWrap } from '../../source/ui/text-width.js';

test('wide characters take two cells, combining marks none', () => {
  assert.equal(textWidth('abc'), 3);
  assert.equal(textWidth('日本'), 4);
  assert.equal(textWidth('e\u0301'), 1);
});

test('hardWrap cuts exactly at the width and never splits a wide character', () => {
  assert.deepEqual(hardWrap('abcdefgh', 3), ['abc', 'def', 'gh']);
  assert.deepEqual(hardWrap('a日本', 2), ['a', '日', '本']);
  assert.deepEqual(hardWrap('', 5), ['']);
});

test('wordWrap breaks at spaces, and hard inside a word longer than a row', () => {
  assert.deepEqual(wordWrap('the quick brown fox', 10), ['the quick', 'brown fox']);
  assert.deepEqual(wordWrap('abcdefghijkl mn', 5), ['abcde', 'fghij', 'kl mn']);
});

test('truncate ends in an ellipsis only when something was cut', () => {
  assert.equal(truncate('short', 10), 'short');
  assert.equal(truncate('a longer line', 6), 'a lon…');
  assert.equal(textWidth(truncate('日本語テキスト', 5)), 5);
});

test('tabs expand to the next multiple of eight', () => {
  assert.equal(expandTabs('a\tb'), 'a       b');
  assert.equal(expandTabs('\t'), ' '.repeat(8));
  assert.equal(expandTabs('no tabs'), 'no tabs');
});
