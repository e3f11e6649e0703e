// The guided step screen with a controller the test drives: each proposal waits for enter, e, s
// or a; the wait shows its deadline and esc gives it up; the settings form, the actions under a
// finding, the findings overview and the console's place are one key away; bursts are not lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsafeCharacterReason } from '../../source/protocols/common/input.js';
import type { Finding, Session } from '../../source/record/types.js';
import { App } from '../../source/ui/app.js';
import type { GuideState } from '../../source/ui/controller.js';
import type { Harness } from './harness.js';
import { renderApp } from './harness.js';
import { sessionFixture } from './session-fixture.js';
import type { SpyController } from './spy-controller.js';
import { spyController } from './spy-controller.js';

const ENTER = '\r';
const ESC = '\x1b';
const TAB = '\t';
const DOWN = '\x1b[B';

const guide = (extra: Partial<GuideState> = {}): GuideState => ({
  mode: 'guided',
  running: true,
  settings: {
    target: 'bob@example.com',
    tls: 'auto',
    insecure: false,
    mechanism: 'auto',
    to: [],
  },
  hasPassword: false,
  runs: 1,
  ...extra,
});

const ehloProposal = {
  id: 7,
  step: 'ehlo' as const,
  kind: 'command' as const,
  display: ['EHLO client.example.net'],
  secret: false,
  editable: true,
};

const start = async (
  controller: SpyController,
  size = { columns: 120, rows: 30 },
): Promise<Harness> =>
  renderApp(
    <App
      controller={controller}
      version="1.2.3"
      checkTarget={unsafeCharacterReason}
      color={false}
    />,
    size,
  );

/** The fixture as it is while EHLO waits: nothing after banner has run yet. */
const beforeEhlo = (): Session => {
  const session = sessionFixture();
  session.steps = session.steps.slice(0, 3);
  session.transcript = session.transcript.filter((l) =>
    ['dns', 'connect', 'banner'].includes(l.step),
  );
  return session;
};

test('a proposal says why and what; enter sends it', async () => {
  const controller = spyController({
    session: beforeEhlo(),
    guide: guide({ pending: ehloProposal }),
  });
  const h = await start(controller);
  const frame = await h.waitFor(/Next command/);
  assert.match(frame, /› ○ ehlo/);
  assert.match(frame, /Next command EHLO tells the server our name and asks which extensions/);
  assert.match(frame, /C: EHLO client\.example\.net/);
  assert.match(
    frame,
    /enter send {2}r export {2}e edit {2}s skip {2}a run all {2}o settings {2}m console/,
  );
  await h.press(ENTER);
  assert.deepEqual(controller.answers, [[7, { action: 'send' }]]);
  h.unmount();
});

test('at 80x24 the why of a proposal wraps to a second row instead of being cut', async () => {
  const controller = spyController({
    session: beforeEhlo(),
    guide: guide({ pending: ehloProposal }),
  });
  const h = await start(controller, { columns: 80, rows: 24 });
  const frame = await h.waitFor(/Next command/);
  const text = frame
    .split('\n')
    .map((row) => row.split('│').at(-1)!.trim())
    .join(' ');
  assert.match(
    text,
    /Next command EHLO tells the server our name and asks which extensions \(STARTTLS, AUTH, SIZE…\) it supports\./,
  );
  assert.match(frame, /C: EHLO client\.example\.net/);
  h.unmount();
});

test('e edits the proposed line; a line that does not fit is warned about; enter sends it', async () => {
  const controller = spyController({
    session: beforeEhlo(),
    guide: guide({ pending: ehloProposal }),
    whyNot: (line) =>
      line.startsWith('MAIL') ? 'MAIL is not valid in state "greeted"' : undefined,
  });
  const h = await start(controller);
  await h.waitFor(/Next command/);
  await h.press('e');
  await h.waitFor(/enter sends this line; esc keeps the proposal/);
  assert.match(h.frame(), /Ctrl-C quit/, 'typing: q is a letter now');
  // Ctrl-U clears to the start; then a line that does not fit here.
  await h.press('\x15');
  await h.press('MAIL FROM:<q@example.com>');
  await h.waitFor(/! MAIL is not valid in state "greeted"; enter sends it anyway/);
  await h.press('\x15');
  await h.press('EHLO edited.example.net');
  await h.waitFor(/enter sends this line/);
  await h.press(ENTER);
  assert.deepEqual(controller.answers, [[7, { action: 'edit', line: 'EHLO edited.example.net' }]]);
  h.unmount();
});

test('a secret proposal is masked and cannot be edited; s skips; a runs the rest', async () => {
  const controller = spyController({
    session: beforeEhlo(),
    guide: guide({
      pending: {
        id: 9,
        step: 'ehlo',
        kind: 'command',
        display: ['AUTH PLAIN ********'],
        secret: true,
        editable: false,
      },
    }),
  });
  const h = await start(controller);
  const frame = await h.waitFor(/AUTH PLAIN \*{8} \(masked\)/);
  assert.match(frame, /secret: not editable/);
  assert.doesNotMatch(frame, /e edit/);
  await h.press('e');
  assert.doesNotMatch(h.frame(), /enter sends this line/);
  await h.press('s');
  await h.press('a');
  assert.deepEqual(controller.answers, [[9, { action: 'skip' }]]);
  assert.equal(controller.runAlls, 1);
  h.unmount();
});

test('a wait shows a spinner, the elapsed time and its deadline; esc cancels it', async () => {
  const controller = spyController({
    session: beforeEhlo(),
    guide: guide({
      wait: { step: 'ehlo', since: Date.now(), deadlineMs: 30_000, what: 'reply to a command' },
    }),
    active: 'ehlo',
  });
  const h = await start(controller);
  const frame = await h.waitFor(
    /waiting for reply to a command · \d+ ms · gives up after 30 s · esc cancels/,
  );
  assert.match(frame, /esc cancel wait/);
  await h.press(ESC);
  assert.equal(controller.cancels, 1);
  h.unmount();
});

test('o opens the settings form; a change goes to the controller for the next run', async () => {
  const controller = spyController({ session: sessionFixture(), guide: guide({ running: false }) });
  const h = await start(controller);
  await h.waitFor(/› ✗ tls/);
  await h.press('o');
  await h.waitFor(/Settings · they apply to the next run/);
  await h.press(DOWN + DOWN);
  await h.waitFor(/› Port/);
  await h.press(ENTER);
  await h.press('587');
  await h.press(ENTER);
  await h.press(DOWN.repeat(5));
  await h.waitFor(/› Auth user/);
  await h.press(ENTER + 'test@example.test' + ENTER);
  await h.press(DOWN.repeat(40));
  await h.waitFor(/› Use these settings/);
  await h.press(ENTER);
  await h.waitFor(
    /Type the password for test@example\.test: it is asked again when the user changes/,
  );
  assert.match(h.frame(), /› Password/);
  await h.press(ENTER + 'pw-form-1' + ENTER);
  assert.match(h.frame(), /Password\s+•{9}/);
  assert.doesNotMatch(h.frame(), /pw-form-1/);
  await h.press(DOWN.repeat(40) + ENTER);
  await h.waitFor(/TLS\s+✗ error/);
  assert.equal(controller.applied.length, 1);
  assert.equal(controller.applied[0]?.settings.port, 587);
  assert.equal(controller.applied[0]?.settings.authUser, 'test@example.test');
  assert.equal(controller.applied[0]?.password, 'pw-form-1');
  h.unmount();
});

test('a step that cannot run says what is missing; enter offers to fill it in', async () => {
  const session = sessionFixture();
  session.steps = session.steps.filter((s) => s.id !== 'auth');
  const controller = spyController({ session, guide: guide({ running: false }) });
  const h = await start(controller);
  await h.waitFor(/› ✗ tls/);
  await h.press('n');
  await h.waitFor(/Authentication needs a user name and password\. Enter: fill them in\./);
  await h.press(ENTER);
  await h.waitFor(/› Auth user/);
  await h.press(ESC);
  await h.waitFor(/Authentication needs a user name/);
  await h.press('n');
  await h.waitFor(/Sending needs a recipient \(envelope to\)\. Enter: fill it in\./);
  await h.press(ENTER);
  await h.waitFor(/› Envelope to/);
  assert.deepEqual(controller.runs, []);
  h.unmount();
});

const certificateFinding: Finding = {
  id: 'tls.cert-self-signed',
  severity: 'error',
  step: 'tls',
  title: 'The certificate is self-signed',
  explanation: 'Nobody vouches for it.',
  evidence: [14],
  next: ['Trust the CA, or go on with --insecure.'],
  actions: [
    { kind: 'retry-insecure', label: 'Go on despite the certificate problem (--insecure)' },
    { kind: 'trust-ca', label: 'Trust the CA that signed it (a PEM file)' },
    { kind: 'explain', label: 'Explain 454', params: { code: '454' } },
  ],
};

test('a finding’s actions are a list under it; choosing one goes to the controller', async () => {
  const session = { ...sessionFixture(), findings: [certificateFinding] };
  const controller = spyController({ session, guide: guide({ running: false }) });
  const h = await start(controller);
  let frame = await h.waitFor(/What to try next \(tab to choose\)/);
  assert.match(frame, /The certificate is self-signed/);
  assert.match(frame, /Go on despite the certificate problem \(--insecure\)/);
  assert.doesNotMatch(frame, /Explain 454/, 'only actions the wizard can carry out');
  await h.press(TAB + TAB);
  frame = await h.waitFor(/What to try next\n/);
  assert.match(frame, /the connection stays encrypted, but nobody vouches/);
  await h.press(DOWN);
  await h.waitFor(/❯ Trust the CA/);
  await h.press(ENTER);
  assert.deepEqual(
    controller.actions.map(([action, step]) => [action.kind, step]),
    [['trust-ca', 'tls']],
  );
  // Trusting a CA needs its file: the form opens there.
  await h.waitFor(/› CA file/);
  h.unmount();
});

test('the findings overview lists every finding; enter shows it on its step, in view', async () => {
  const ehloFinding: Finding = {
    id: 'ehlo.note',
    severity: 'warning',
    step: 'ehlo',
    title: 'Many extensions',
    explanation: 'x',
    evidence: [],
    next: [],
  };
  const session = { ...sessionFixture(), findings: [certificateFinding, ehloFinding] };
  const controller = spyController({ session, guide: guide({ running: false }) });
  const h = await start(controller, { columns: 80, rows: 16 });
  await h.waitFor(/› ✗ tls/);
  await h.press('nnnnnn');
  let frame = await h.waitFor(/› ✗ findings/);
  assert.match(frame, /1 error, 1 warning/);
  assert.match(frame, /❯ ✗ TLS: The certificate is self-signed/);
  assert.match(frame, /! EHLO: Many extensions/);
  await h.press(DOWN + ENTER);
  frame = await h.waitFor(/› ✓ ehlo/);
  assert.match(frame, /!\s+Many extensions/, 'the finding is in view without scrolling');
  h.unmount();
});

test('after a run the step that broke opens with its finding in view, not scrolled past it', async () => {
  const session = sessionFixture();
  for (let i = 0; i < 30; i += 1)
    session.transcript.push({
      t: 1600 + i,
      step: 'tls',
      dir: 'note',
      text: `handshake detail ${i}`,
    });
  session.findings = [certificateFinding];
  const controller = spyController({ session, guide: guide({ running: false }) });
  const h = await start(controller, { columns: 80, rows: 24 });
  const frame = await h.waitFor(/› ✗ tls/);
  assert.match(frame, /✗\s+The certificate is self-signed/);
  assert.match(frame, /Findings|Finding/);
  h.unmount();
});

test('keys in one read are each handled: pp moves twice, nnn three times', async () => {
  const controller = spyController({ session: sessionFixture(), guide: guide({ running: false }) });
  const h = await start(controller);
  await h.waitFor(/› ✗ tls/);
  await h.press('pp');
  await h.waitFor(/› ! banner/);
  await h.press('nnn');
  await h.waitFor(/› – auth/);
  h.unmount();
});

test('m opens the manual console’s place on this target; esc comes back', async () => {
  const controller = spyController({ session: sessionFixture(), guide: guide({ running: false }) });
  const h = await start(controller);
  await h.waitFor(/› ✗ tls/);
  await h.press('m');
  const frame = await h.waitFor(/Manual console/);
  assert.match(frame, /connect to mx\.example\.com port 25/);
  assert.equal(controller.consoles, 1);
  await h.press(ESC);
  await h.waitFor(/TLS\s+✗ error/);
  h.unmount();
});

test('a retry after the server’s delay counts down; esc stops it', async () => {
  const controller = spyController({
    session: sessionFixture(),
    guide: guide({
      running: false,
      wait: {
        step: 'tls',
        since: Date.now(),
        deadlineMs: 300_000,
        what: 'the delay the server asked for',
      },
    }),
  });
  const h = await start(controller);
  await h.waitFor(
    /retrying after the delay the server asked for · \d+ ms · (299|300) s left · esc cancels/,
  );
  await h.press(ESC);
  assert.equal(controller.cancels, 1);
  h.unmount();
});
