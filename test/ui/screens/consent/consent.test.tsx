// The clear-text question on the step screen: what would be exposed and to whom, the safe answers
// first in an ink-select-input list, ↑/↓ and enter to answer, s to skip. While it is on screen the
// step screen's enter, a (run all) and e do nothing, so no key meant for a command sends a
// password in clear; the answer goes to answerConsent only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsafeCharacterReason } from '../../../../source/protocols/common/input.js';
import type { Session } from '../../../../source/record/types.js';
import { App } from '../../../../source/ui/app.js';
import type {
  ConsentChoiceId,
  GuideState,
  PendingCommand,
} from '../../../../source/ui/controller.js';
import {
  choiceFor,
  consentLayout,
  consentReducer,
  initialConsentState,
} from '../../../../source/ui/screens/consent/reducer.js';
import { cleartextRisk } from '../../../../source/session/steps/cleartext.js';
import { renderApp } from '../../harness.js';
import { sessionFixture } from '../../session-fixture.js';
import { spyController } from '../../spy-controller.js';

const ENTER = '\r';
const DOWN = '\x1b[B';
const UP = '\x1b[A';

const RISK = cleartextRisk({
  protocol: 'smtp',
  host: 'mail.example.com',
  port: 587,
  user: 'alice',
});

const question = (id: number): PendingCommand => ({
  id,
  step: 'auth',
  kind: 'consent',
  display: ['SMTP AUTH as alice, password in clear text (masked here)'],
  secret: true,
  editable: false,
  consent: {
    where: 'SMTP mail.example.com:587 as alice',
    risk: RISK,
    choices: [
      { id: 'tls', label: 'Try implicit TLS on port 465 instead' },
      { id: 'skip', label: 'Skip this step (nothing is sent)' },
      { id: 'send', label: 'Send the password in clear text this once' },
    ],
  },
});

const guide = (pending: PendingCommand, mode: GuideState['mode'] = 'guided'): GuideState => ({
  mode,
  running: true,
  pending,
  settings: {
    target: 'mail.example.com:587',
    tls: 'auto',
    insecure: false,
    mechanism: 'auto',
    authUser: 'alice',
    to: [],
  },
  hasPassword: true,
  runs: 1,
});

/** The fixture as it is while AUTH waits: the steps up to tls have run. */
const beforeAuth = (): Session => {
  const session = sessionFixture();
  session.steps = session.steps.filter((s) => !['auth', 'send'].includes(s.id));
  session.transcript = session.transcript.filter((l) => !['auth', 'send'].includes(l.step));
  session.findings = [];
  return session;
};

const setup = async (mode: GuideState['mode'] = 'guided') => {
  const consents: Array<[number, ConsentChoiceId]> = [];
  const controller = Object.assign(
    spyController({ session: beforeAuth(), guide: guide(question(12), mode) }),
    { answerConsent: (id: number, choice: ConsentChoiceId) => consents.push([id, choice]) },
  );
  const h = await renderApp(
    <App
      controller={controller}
      version="1.2.3"
      checkTarget={unsafeCharacterReason}
      color={false}
    />,
    { columns: 120, rows: 32 },
  );
  await h.waitFor(/Send the password without TLS\?/);
  return { h, controller, consents };
};

test('the question shows where, the risk and the answers, the safe one highlighted', async () => {
  const { h } = await setup();
  const frame = h.frame();
  assert.match(frame, /Send the password without TLS\? SMTP mail\.example\.com:587 as alice/);
  assert.match(frame, /No TLS to mail\.example\.com port 587: SMTP AUTH would carry the password/);
  assert.match(frame, /❯ Try implicit TLS on port 465 instead/);
  assert.match(frame, / {2}Skip this step \(nothing is sent\)/);
  assert.match(frame, / {2}Send the password in clear text this once/);
  assert.match(frame, /enter answer/, 'the footer names the answer key');
  assert.doesNotMatch(frame, /Next command/, 'not shown as a command to send');
  h.unmount();
});

test('enter answers with the highlighted choice; ↓↓ enter sends in clear', async () => {
  const { h, controller, consents } = await setup();
  await h.press(ENTER);
  assert.deepEqual(consents, [[12, 'tls']]);
  await h.press(DOWN + DOWN + DOWN);
  await h.waitFor(/❯ Send the password in clear text this once/);
  await h.press(UP);
  await h.waitFor(/❯ Skip this step/);
  await h.press(DOWN + ENTER);
  assert.deepEqual(consents, [
    [12, 'tls'],
    [12, 'send'],
  ]);
  assert.deepEqual(controller.answers, [], 'nothing went through answer()');
  h.unmount();
});

test('s skips; a, e and the step keys do not answer; a new question starts on its first choice', async () => {
  const { h, controller, consents } = await setup('auto');
  await h.press('a');
  await h.press('e');
  assert.deepEqual(consents, []);
  assert.equal(controller.runAlls, 0, 'run all is not an answer');
  assert.deepEqual(controller.answers, []);
  assert.deepEqual(controller.runs, []);
  await h.press('s');
  assert.deepEqual(consents, [[12, 'skip']]);
  await h.press(DOWN + DOWN);
  await h.waitFor(/❯ Send the password/);
  controller.setGuide(guide(question(13)));
  await h.waitFor(/❯ Try implicit TLS/);
  await h.press(ENTER);
  assert.deepEqual(consents.at(-1), [13, 'tls']);
  h.unmount();
});

test('the highlight belongs to its question and stays in the list', () => {
  let state = initialConsentState();
  assert.equal(choiceFor(state, 5), 0);
  state = consentReducer(state, { type: 'move', id: 5, by: 1, count: 3 });
  state = consentReducer(state, { type: 'move', id: 5, by: 1, count: 3 });
  state = consentReducer(state, { type: 'move', id: 5, by: 1, count: 3 });
  assert.equal(choiceFor(state, 5), 2);
  assert.equal(choiceFor(state, 6), 0, 'another question starts at the top');
  state = consentReducer(state, { type: 'move', id: 6, by: -1, count: 3 });
  assert.equal(choiceFor(state, 6), 0);
});

test('the layout counts the wrapped risk, the answers, the title and the hint', () => {
  const q = question(1).consent!;
  const wide = consentLayout(q, 200);
  assert.equal(wide.risk.length, 2);
  assert.equal(wide.rows, 1 + 2 + 3 + 1);
  const narrow = consentLayout(q, 60);
  assert.ok(narrow.risk.length > wide.risk.length);
  assert.ok(narrow.risk.every((line) => line.length <= 60));
  assert.ok(!narrow.risk.at(-1)!.endsWith('…'), 'at 60 columns the risk is whole');
  const tiny = consentLayout(q, 20);
  assert.equal(tiny.risk.length, 6);
  assert.ok(tiny.risk.at(-1)!.endsWith('…'), 'a cut risk says so');
});
