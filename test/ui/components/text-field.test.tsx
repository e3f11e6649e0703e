import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { TextField, fieldWindow } from '../../../source/ui/components/text-field.js';

afterEach(cleanup);

test('a short value shows whole, the cursor on its own cell at the end', () => {
  assert.deepEqual(fieldWindow('abc', 3, 10), { before: 'abc', at: ' ', after: '' });
  assert.deepEqual(fieldWindow('abc', 1, 10), { before: 'a', at: 'b', after: 'c' });
});

test('a long value scrolls so the cursor stays in view, within the width', () => {
  const value = 'abcdefghijklmnopqrstuvwxyz';
  const end = fieldWindow(value, 26, 10);
  assert.deepEqual(end, { before: 'rstuvwxyz', at: ' ', after: '' });
  const home = fieldWindow(value, 0, 10);
  assert.deepEqual(home, { before: '', at: 'a', after: 'bcdefghij' });
  for (const cursor of [0, 5, 13, 26]) {
    const { before, at, after } = fieldWindow(value, cursor, 10);
    assert.ok((before + at + after).length <= 10);
  }
});

test('renders the value, and only the value, when not focused', () => {
  const { lastFrame } = render(
    <TextField value="mx.example.com" cursor={0} width={30} focused={false} />,
  );
  assert.equal(lastFrame(), 'mx.example.com');
  const focused = render(<TextField value="mx" cursor={2} width={30} focused />);
  assert.match(focused.lastFrame() ?? '', /^mx/);
});
