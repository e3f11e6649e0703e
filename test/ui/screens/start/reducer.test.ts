import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsafeCharacterReason } from '../../../../source/protocols/common/input.js';
import type { SettingsFormAction } from '../../../../source/ui/screens/settings/reducer.js';
import type { StartState } from '../../../../source/ui/screens/start/reducer.js';
import {
  GOALS,
  decideStart,
  initialStartState,
  startFooter,
  startReducer,
} from '../../../../source/ui/screens/start/reducer.js';

const check = unsafeCharacterReason;

const form = (state: StartState, action: SettingsFormAction): StartState =>
  startReducer(state, { type: 'form', action });

/** Types `text` into the row with focus, then leaves the field. */
const type = (state: StartState, text: string): StartState => {
  let next = form(state, { type: 'edit' });
  next = form(next, { type: 'field', edit: { kind: 'insert', text }, check });
  return form(next, { type: 'stopEditing' });
};

const answer = (state: StartState, answers: string[]): StartState => {
  let next = state;
  for (const text of answers) {
    if (text !== '') next = type(next, text);
    next = form(next, { type: 'move', by: 1 });
  }
  return next;
};

test('the five goals, in the order of the issue, each with what it checks', () => {
  assert.deepEqual(
    GOALS.map((g) => g.goal),
    ['domain', 'send', 'read', 'console', 'lab'],
  );
  assert.match(GOALS[0]!.label, /mail for my domain does not arrive/i);
  assert.equal(GOALS[0]!.detail, 'DNS, MX, port 25');
  assert.deepEqual(initialStartState(), { choice: 0 });
  assert.deepEqual(startFooter(initialStartState()), [
    { actions: ['up', 'down'], label: 'choose' },
    { actions: ['run'], label: 'go' },
  ]);
});

test('each goal asks only what it needs', () => {
  const rows = (goal: (typeof GOALS)[number]['goal']) =>
    startReducer(initialStartState(), { type: 'choose', goal }).form?.fields.map((f) => f.label);
  assert.deepEqual(rows('domain'), ['Domain']);
  assert.deepEqual(rows('send'), ['Server', 'User', 'Password', 'Send a test to']);
  assert.deepEqual(rows('read'), ['Protocol', 'Server', 'User', 'Password']);
  assert.deepEqual(rows('console'), ['Host:port']);
  assert.equal(rows('lab'), undefined);
  const back = startReducer(startReducer(initialStartState(), { type: 'choose', goal: 'send' }), {
    type: 'back',
  });
  assert.deepEqual(back, { choice: 1 }, 'back on the goal the user came from');
  assert.equal(startReducer(back, { type: 'highlight', by: 1, count: 5 }).choice, 2);
  assert.equal(startReducer(back, { type: 'highlight', by: -1, count: 5 }).choice, 0);
  const last = { choice: 4 };
  assert.equal(startReducer(last, { type: 'highlight', by: 1, count: 5 }), last);
});

test('domain: empty is refused where to type it; a domain starts a diagnosis of it', () => {
  const chosen = startReducer(initialStartState(), { type: 'choose', goal: 'domain' });
  assert.deepEqual(decideStart(chosen, check), {
    refuse: 'Type the domain whose mail does not arrive.',
    field: 'target',
  });
  assert.deepEqual(decideStart(type(chosen, 'example.test'), check), {
    request: { input: 'example.test' },
  });
});

test('a pasted line break is refused on the spot, with the reason, and nothing is inserted', () => {
  let state = startReducer(initialStartState(), { type: 'choose', goal: 'domain' });
  state = form(state, { type: 'edit' });
  state = form(state, { type: 'field', edit: { kind: 'insert', text: 'a.test\r\nRSET' }, check });
  assert.equal(state.form?.values.target, '');
  assert.match(state.form?.error ?? '', /Domain must not contain a carriage return/);
  state = form(state, { type: 'field', edit: { kind: 'insert', text: 'a\u0000b' }, check });
  assert.match(state.form?.error ?? '', /NUL/);
});

test('send: 587 when no port, user and password required, the password goes to the controller', () => {
  const chosen = startReducer(initialStartState(), { type: 'choose', goal: 'send' });
  const noUser = answer(chosen, ['mail.example.test']);
  assert.deepEqual(decideStart(noUser, check), {
    refuse: 'Type the user the client logs in as.',
    field: 'authUser',
  });
  const noPassword = answer(chosen, ['mail.example.test', 'bob@example.test']);
  assert.equal((decideStart(noPassword, check) as { field: string }).field, 'password');
  const full = answer(chosen, [
    'mail.example.test',
    'bob@example.test',
    's3cret',
    'bob@example.test',
  ]);
  assert.deepEqual(decideStart(full, check), {
    request: {
      input: 'mail.example.test:587',
      settings: { authUser: 'bob@example.test', to: ['bob@example.test'], port: 587 },
      password: 's3cret',
    },
  });
  const ported = answer(chosen, ['10.0.0.1:2525', 'bob', 'pw', '']);
  const decision = decideStart(ported, check) as { request: { input: string } };
  assert.equal(decision.request.input, '10.0.0.1:2525');
});

test('read: IMAP by default on 993 with TLS; POP3 by choice; only the mailbox step runs', () => {
  const chosen = startReducer(initialStartState(), { type: 'choose', goal: 'read' });
  const imap = answer(chosen, ['', 'mail.example.test', 'bob', 'pw']);
  assert.deepEqual(decideStart(imap, check), {
    request: {
      input: 'mail.example.test',
      settings: {
        mailbox: { protocol: 'imap', host: 'mail.example.test', port: 993, tls: true, user: 'bob' },
        steps: ['imap'],
      },
      password: 'pw',
    },
  });
  const pop3 = answer(form(chosen, { type: 'cycle', by: 1 }), [
    '',
    'mail.example.test:110',
    'bob',
    'pw',
  ]);
  const decision = decideStart(pop3, check) as { request: { settings: { mailbox: unknown } } };
  assert.deepEqual(decision.request.settings.mailbox, {
    protocol: 'pop3',
    host: 'mail.example.test',
    port: 110,
    tls: false,
    user: 'bob',
  });
});

test('console asks host:port and hands it over; with no scenarios the lab says there is none here', () => {
  const chosen = startReducer(initialStartState(), { type: 'choose', goal: 'console' });
  assert.equal(
    (decideStart(type(chosen, 'mail.example.test'), check) as { field: string }).field,
    'target',
  );
  assert.deepEqual(decideStart(type(chosen, 'mail.example.test:25'), check), {
    console: 'mail.example.test:25',
  });
  const lab = startReducer(initialStartState(), { type: 'choose', goal: 'lab' });
  assert.match((decideStart(lab, check) as { refuse: string }).refuse, /No practice lab here/);
});

test('console with no server named is the practice lab; lab:PORT picks the role', () => {
  const chosen = startReducer(initialStartState(), { type: 'choose', goal: 'console' });
  assert.deepEqual(decideStart(chosen, check), { labConsole: 25 });
  assert.deepEqual(decideStart(type(chosen, 'lab'), check), { labConsole: 25 });
  assert.deepEqual(decideStart(type(chosen, 'lab:110'), check), { labConsole: 110 });
  assert.deepEqual(decideStart(type(chosen, 'LAB:993'), check), { labConsole: 993 });
  const wrong = decideStart(type(chosen, 'lab:2525'), check) as { refuse: string; field: string };
  assert.equal(wrong.field, 'target');
  assert.match(wrong.refuse, /roles of ports 25, 587, 465, 110, 995, 143, 993, not 2525/);
});
