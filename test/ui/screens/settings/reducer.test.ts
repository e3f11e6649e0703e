import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsafeCharacterReason } from '../../../../source/protocols/common/input.js';
import type { WizardSettings } from '../../../../source/record/types.js';
import type { FieldId, SettingsFormState } from '../../../../source/ui/screens/settings/reducer.js';
import {
  FIELDS,
  initialSettingsForm,
  passwordNeeded,
  saveRow,
  settingsFooter,
  settingsFormReducer,
  settingsFromForm,
} from '../../../../source/ui/screens/settings/reducer.js';

const check = unsafeCharacterReason;
const BASE: WizardSettings = {
  target: '127.0.0.1:2525',
  host: '127.0.0.1',
  port: 2525,
  tls: 'auto',
  insecure: false,
  mechanism: 'auto',
  to: [],
};

const set = (state: SettingsFormState, id: FieldId, text: string): SettingsFormState => {
  let next = settingsFormReducer(state, { type: 'focusField', id });
  next = settingsFormReducer(next, { type: 'edit' });
  next = settingsFormReducer(next, { type: 'field', edit: { kind: 'move', to: 'home' }, check });
  next = settingsFormReducer(next, { type: 'field', edit: { kind: 'clear' }, check });
  next = settingsFormReducer(next, { type: 'field', edit: { kind: 'move', to: 'end' }, check });
  // clear only removes what is before the cursor: erase what is left, then type.
  while (next.values[id] !== '')
    next = settingsFormReducer(next, { type: 'field', edit: { kind: 'erase' }, check });
  next = settingsFormReducer(next, { type: 'field', edit: { kind: 'insert', text }, check });
  return settingsFormReducer(next, { type: 'stopEditing' });
};

test('every setting the issue names has a row, the password masked', () => {
  const labels = FIELDS.map((f) => f.label);
  for (const label of [
    'Target',
    'SMTP host',
    'Port',
    'TLS',
    'Unverified cert',
    'CA file',
    'Auth user',
    'Mechanism',
    'Password',
    'Envelope from',
    'Envelope to',
    'Mailbox',
    'Mailbox host',
    'Mailbox user',
    'Resolver',
  ])
    assert.ok(labels.includes(label), label);
  assert.equal(FIELDS.find((f) => f.id === 'password')?.masked, true);
});

test('unchanged, the form gives back the settings it was opened with', () => {
  const state = initialSettingsForm(BASE, { hasPassword: false });
  assert.deepEqual(settingsFromForm(state, BASE), { settings: { ...BASE, to: [] } });
});

test('2525 → 587 with AUTH: the port, the user and the password (asked because the user is new)', () => {
  let state = initialSettingsForm(BASE, { hasPassword: false });
  state = set(state, 'port', '587');
  state = set(state, 'authUser', 'test@example.test');
  assert.equal(passwordNeeded(state), true);
  assert.deepEqual(settingsFromForm(state, BASE), {
    refuse: 'Type the password for test@example.test: it is asked again when the user changes.',
    field: 'password',
  });
  state = set(state, 'password', 'pw');
  assert.deepEqual(settingsFromForm(state, BASE), {
    settings: { ...BASE, port: 587, authUser: 'test@example.test' },
    password: 'pw',
  });
});

test('a kept password stays kept until the user changes', () => {
  const withUser = { ...BASE, authUser: 'bob' };
  let state = initialSettingsForm(withUser, { hasPassword: true });
  assert.equal(passwordNeeded(state), false);
  assert.deepEqual(settingsFromForm(state, withUser), { settings: withUser });
  state = set(state, 'authUser', 'alice');
  assert.equal(passwordNeeded(state), true);
});

test('every text row refuses CR, LF and NUL with a clear message and keeps its value', () => {
  for (const field of FIELDS.filter((f) => !f.choices)) {
    let state = initialSettingsForm(BASE, { hasPassword: false, focus: field.id });
    const before = state.values[field.id];
    state = settingsFormReducer(state, { type: 'edit' });
    for (const [text, name] of [
      ['a\rb', 'carriage return'],
      ['a\nb', 'line feed'],
      ['a\u0000b', 'NUL'],
    ] as const) {
      const next = settingsFormReducer(state, {
        type: 'field',
        edit: { kind: 'insert', text },
        check,
      });
      assert.equal(next.values[field.id], before, `${field.id} took ${JSON.stringify(text)}`);
      assert.match(next.error ?? '', new RegExp(`^${field.label} .*${name}.*one line`), field.id);
    }
  }
});

test('choices cycle both ways; enter on a choice does not start typing', () => {
  let state = initialSettingsForm(BASE, { hasPassword: false, focus: 'tls' });
  state = settingsFormReducer(state, { type: 'cycle', by: 1 });
  assert.equal(state.values.tls, 'starttls');
  state = settingsFormReducer(state, { type: 'cycle', by: -1 });
  state = settingsFormReducer(state, { type: 'cycle', by: -1 });
  assert.equal(state.values.tls, 'none');
  assert.equal(settingsFormReducer(state, { type: 'edit' }), state);
  state = settingsFormReducer(state, { type: 'focusField', id: 'insecure' });
  state = settingsFormReducer(state, { type: 'cycle', by: 1 });
  const result = settingsFromForm(state, BASE);
  assert.ok('settings' in result);
  assert.equal(result.settings.insecure, true);
  assert.equal(result.settings.tls, 'none');
});

test('bad values are refused with the row to fix', () => {
  const refuse = (id: FieldId, text: string) => {
    const state = set(initialSettingsForm(BASE, { hasPassword: false }), id, text);
    return settingsFromForm(state, BASE);
  };
  assert.deepEqual(refuse('port', '70000'), {
    refuse: '"70000" is not a port (1-65535).',
    field: 'port',
  });
  assert.equal((refuse('to', 'bob, nobody') as { field: string }).field, 'to');
  assert.equal((refuse('from', 'no-at-sign') as { field: string }).field, 'from');
  assert.equal((refuse('ehlo', 'two words') as { field: string }).field, 'ehlo');
  assert.equal((refuse('target', '') as { field: string }).field, 'target');
  const refused = settingsFormReducer(initialSettingsForm(BASE, { hasPassword: false }), {
    type: 'refuse',
    message: 'no',
    field: 'resolver',
  });
  assert.equal(refused.fields[refused.focus]?.id, 'resolver');
});

test('mailbox, envelope, CA file, resolver and EHLO name become settings', () => {
  let state = initialSettingsForm(BASE, { hasPassword: true });
  state = settingsFormReducer(state, { type: 'focusField', id: 'mailboxProtocol' });
  state = settingsFormReducer(state, { type: 'cycle', by: 1 });
  state = set(state, 'mailboxHost', 'mail.example.test:993');
  state = set(state, 'mailboxUser', 'bob');
  state = set(state, 'to', 'a@example.test, b@example.test');
  state = set(state, 'caFile', '/tmp/ca.pem');
  state = set(state, 'resolver', '127.0.0.1:5353');
  state = set(state, 'ehlo', 'client.example.test');
  state = set(state, 'password', 'pw');
  const result = settingsFromForm(state, BASE);
  assert.ok('settings' in result, JSON.stringify(result));
  assert.deepEqual(result.settings.mailbox, {
    protocol: 'imap',
    host: 'mail.example.test',
    port: 993,
    tls: true,
    user: 'bob',
  });
  assert.deepEqual(result.settings.to, ['a@example.test', 'b@example.test']);
  assert.deepEqual(result.settings.caFiles, ['/tmp/ca.pem']);
  assert.deepEqual(result.settings.resolvers, ['127.0.0.1:5353']);
  assert.equal(result.settings.ehlo, 'client.example.test');
});

test('moving stops at the fields and the save row; the footer follows the row', () => {
  let state = initialSettingsForm(BASE, { hasPassword: false });
  assert.equal(settingsFormReducer(state, { type: 'move', by: -1 }), state);
  for (let i = 0; i < 40; i += 1) state = settingsFormReducer(state, { type: 'move', by: 1 });
  assert.equal(state.focus, saveRow(state));
  assert.deepEqual(settingsFooter(state)[1], { actions: ['run'], label: 'use these' });
  state = settingsFormReducer(state, { type: 'focusField', id: 'tls' });
  assert.deepEqual(settingsFooter(state)[1], { actions: ['previous', 'next'], label: 'change' });
});

test('"Password w/o TLS" starts at ask (or send, from --plaintext-auth) and gives plaintextAuth', () => {
  const row = FIELDS.find((f) => f.id === 'plaintextAuth');
  assert.deepEqual([row?.label, row?.choices], ['Password w/o TLS', ['ask', 'send']]);
  let state = initialSettingsForm(BASE, { hasPassword: false, focus: 'plaintextAuth' });
  assert.equal(state.values.plaintextAuth, 'ask');
  let result = settingsFromForm(state, BASE);
  assert.ok('settings' in result);
  assert.equal(result.settings.plaintextAuth, undefined);
  state = settingsFormReducer(state, { type: 'cycle', by: 1 });
  result = settingsFromForm(state, BASE);
  assert.ok('settings' in result);
  assert.equal(result.settings.plaintextAuth, true);
  const fromFlag = initialSettingsForm({ ...BASE, plaintextAuth: true }, { hasPassword: false });
  assert.equal(fromFlag.values.plaintextAuth, 'send');
});
