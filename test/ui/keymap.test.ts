import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Action, KeyState } from '../../source/ui/keymap.js';
import {
  KEYMAP,
  bindingOf,
  fieldEdit,
  footerEntry,
  keyIdentity,
  matchAction,
  withoutNetworkKeys,
} from '../../source/ui/keymap.js';

const NO_KEY: KeyState = {
  ctrl: false,
  meta: false,
  return: false,
  escape: false,
  tab: false,
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
};

test('no key is bound to two actions in one mode, and no action is bound twice', () => {
  const owners = new Map<string, Action>();
  for (const binding of KEYMAP) {
    for (const spec of binding.keys) {
      const id = `${binding.when ?? 'always'} ${keyIdentity(spec)}`;
      assert.equal(
        owners.get(id),
        undefined,
        `${id} is bound to ${owners.get(id)} and ${binding.action}`,
      );
      owners.set(id, binding.action);
    }
  }
  const actions = KEYMAP.map((binding) => binding.action);
  assert.equal(new Set(actions).size, actions.length);
});

test('the brief’s keys map to their actions', () => {
  assert.equal(matchAction('q', NO_KEY), 'quit');
  assert.equal(matchAction('?', NO_KEY), 'help');
  assert.equal(matchAction('n', NO_KEY), 'next');
  assert.equal(matchAction('', { ...NO_KEY, rightArrow: true }), 'next');
  assert.equal(matchAction('p', NO_KEY), 'previous');
  assert.equal(matchAction('', { ...NO_KEY, leftArrow: true }), 'previous');
  assert.equal(matchAction('\r', { ...NO_KEY, return: true }), 'run');
  assert.equal(matchAction('e', NO_KEY), 'edit');
  assert.equal(matchAction('m', NO_KEY), 'console');
  assert.equal(matchAction('r', NO_KEY), 'report');
  assert.equal(matchAction('', { ...NO_KEY, upArrow: true }), 'up');
  assert.equal(matchAction('', { ...NO_KEY, downArrow: true }), 'down');
  assert.equal(matchAction('', { ...NO_KEY, pageUp: true }), 'pageUp');
  assert.equal(matchAction('', { ...NO_KEY, pageDown: true }), 'pageDown');
  assert.equal(matchAction('\t', { ...NO_KEY, tab: true }), 'focus');
  assert.equal(matchAction('', { ...NO_KEY, escape: true, meta: true }), 'cancel');
  assert.equal(matchAction('c', { ...NO_KEY, ctrl: true }), 'interrupt');
});

test('unbound keys and ctrl-modified letters match nothing', () => {
  assert.equal(matchAction('z', NO_KEY), undefined);
  assert.equal(matchAction('Q', NO_KEY), undefined);
  assert.equal(matchAction('q', { ...NO_KEY, ctrl: true }), undefined);
  assert.equal(matchAction('c', NO_KEY), undefined);
});

test('while typing, characters, enter and left/right belong to the field', () => {
  const typing = { textEntry: true };
  assert.equal(matchAction('q', NO_KEY, typing), undefined);
  assert.equal(matchAction('?', NO_KEY, typing), undefined);
  assert.equal(matchAction('\r', { ...NO_KEY, return: true }, typing), undefined);
  assert.equal(matchAction('', { ...NO_KEY, leftArrow: true }, typing), undefined);
  assert.equal(matchAction('c', { ...NO_KEY, ctrl: true }, typing), 'interrupt');
  assert.equal(matchAction('', { ...NO_KEY, escape: true }, typing), 'cancel');
  assert.equal(matchAction('\t', { ...NO_KEY, tab: true }, typing), 'focus');
});

test('footer entries take their keys and labels from the map', () => {
  assert.deepEqual(footerEntry({ actions: ['quit'] }), { keys: 'q', label: 'quit' });
  assert.deepEqual(footerEntry({ actions: ['next'] }), { keys: 'n/→', label: 'next' });
  assert.deepEqual(footerEntry({ actions: ['previous', 'next'], label: 'step' }), {
    keys: 'p/n',
    label: 'step',
  });
  assert.deepEqual(footerEntry({ actions: ['up', 'down'], label: 'scroll' }), {
    keys: '↑/↓',
    label: 'scroll',
  });
  assert.throws(() => bindingOf('nope' as Action), /no key binding/);
});

test('a text field gets the editing keys and text; everything else is left to the key map', () => {
  const FIELD = { ...NO_KEY, backspace: false, delete: false, home: false, end: false };
  assert.deepEqual(fieldEdit('\r', { ...FIELD, return: true }), { kind: 'submit' });
  assert.deepEqual(fieldEdit('', { ...FIELD, backspace: true }), { kind: 'erase' });
  assert.deepEqual(fieldEdit('', { ...FIELD, delete: true }), { kind: 'erase' });
  assert.deepEqual(fieldEdit('', { ...FIELD, leftArrow: true }), { kind: 'move', to: 'left' });
  assert.deepEqual(fieldEdit('', { ...FIELD, end: true }), { kind: 'move', to: 'end' });
  assert.deepEqual(fieldEdit('a', { ...FIELD, ctrl: true }), { kind: 'move', to: 'home' });
  assert.deepEqual(fieldEdit('u', { ...FIELD, ctrl: true }), { kind: 'clear' });
  assert.deepEqual(fieldEdit('q', FIELD), { kind: 'insert', text: 'q' });
  assert.deepEqual(fieldEdit('a\nb', FIELD), { kind: 'insert', text: 'a\nb' });
  assert.equal(fieldEdit('c', { ...FIELD, ctrl: true }), undefined);
  assert.equal(fieldEdit('\t', { ...FIELD, tab: true }), undefined);
  assert.equal(fieldEdit('', { ...FIELD, escape: true, meta: true }), undefined);
  assert.equal(fieldEdit('', { ...FIELD, upArrow: true }), undefined);
  assert.equal(fieldEdit('x', { ...FIELD, meta: true }), undefined);
});

test('n and N find the next and previous match while a search is active, and only then', () => {
  assert.equal(matchAction('n', NO_KEY), 'next');
  assert.equal(matchAction('N', NO_KEY), undefined);
  assert.equal(matchAction('n', NO_KEY, { mode: 'searching' }), 'findNext');
  assert.equal(matchAction('N', NO_KEY, { mode: 'searching' }), 'findPrevious');
  assert.equal(matchAction('p', NO_KEY, { mode: 'searching' }), 'previous');
  assert.equal(matchAction('n', NO_KEY, { mode: 'searching', textEntry: true }), undefined);
});

test('reading keys: Home, End, /, [ ], x, t; export r and copy y', () => {
  assert.equal(matchAction('', { ...NO_KEY, home: true }), 'top');
  assert.equal(matchAction('', { ...NO_KEY, end: true }), 'bottom');
  assert.equal(matchAction('/', NO_KEY), 'find');
  assert.equal(matchAction('[', NO_KEY), 'selectPrevious');
  assert.equal(matchAction(']', NO_KEY), 'selectNext');
  assert.equal(matchAction('x', NO_KEY), 'explain');
  assert.equal(matchAction('t', NO_KEY), 'tools');
  assert.equal(matchAction('r', NO_KEY), 'report');
  assert.equal(matchAction('y', NO_KEY), 'copy');
});

test('a saved session leaves out the keys that would talk to a server', () => {
  const items = [
    { actions: ['run' as Action] },
    { actions: ['report' as Action] },
    { actions: ['console' as Action] },
    { actions: ['edit' as Action] },
    { actions: ['next' as Action] },
  ];
  assert.deepEqual(
    withoutNetworkKeys(items).map((item) => item.actions[0]),
    ['report', 'next'],
  );
});
