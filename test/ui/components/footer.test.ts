import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitFooter } from '../../../source/ui/components/footer.js';

const always = [{ actions: ['help' as const] }, { actions: ['quit' as const] }];
const items = [
  { actions: ['run' as const], label: 'run' },
  { actions: ['previous' as const, 'next' as const], label: 'step' },
  { actions: ['pageUp' as const, 'pageDown' as const], label: 'page' },
];

test('everything fits on a wide line, help and quit last', () => {
  assert.deepEqual(
    fitFooter(items, always, 200).map((entry) => `${entry.keys} ${entry.label}`),
    ['enter run', 'p/n step', 'PgUp/PgDn page', '? help', 'q quit'],
  );
});

test('on a narrow line the screen’s last entries go first, whole, help and quit stay', () => {
  const narrow = fitFooter(items, always, 36).map((entry) => `${entry.keys} ${entry.label}`);
  assert.deepEqual(narrow, ['enter run', 'p/n step', '? help', 'q quit']);
  assert.deepEqual(
    fitFooter(items, always, 10).map((entry) => entry.label),
    ['help', 'quit'],
  );
});
