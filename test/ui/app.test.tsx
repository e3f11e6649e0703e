import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsafeCharacterReason } from '../../source/protocols/common/input.js';
import { STEP_IDS } from '../../source/record/types.js';
import type { AppProps } from '../../source/ui/app.js';
import { App } from '../../source/ui/app.js';
import { WizardCrash } from '../../source/ui/exit.js';
import { createStaticController } from '../../source/ui/static-controller.js';
import type { Harness } from './harness.js';
import { renderApp } from './harness.js';
import { healthySessionFixture, sessionFixture } from './session-fixture.js';
import { spyController } from './spy-controller.js';

const ENTER = '\r';
const ESC = '\x1b';
const TAB = '\t';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const LEFT = '\x1b[D';
const BACKSPACE = '\x7f';
const PAGE_UP = '\x1b[5~';

// Wide by default so messages stay on one line for the assertions; sizes are tested on their own.
const app = (
  props: Partial<AppProps> & Pick<AppProps, 'controller'>,
  size = { columns: 120, rows: 30 },
) =>
  renderApp(
    <App version="1.2.3" checkTarget={unsafeCharacterReason} color={false} {...props} />,
    size,
  );

const lines = (h: Harness) => h.frame().split('\n');

/** Starts typing in the target field and waits until the field has the keys. */
const startTyping = async (h: Harness) => {
  await h.press(ENTER);
  await h.waitFor(/esc stop typing/);
};

test('opens on the start screen: rail of all steps, what the user is trying to fix', async () => {
  const h = await app({ controller: spyController() });
  const frame = await h.waitFor(/What should mailmedic diagnose\?/);
  for (const id of STEP_IDS) assert.match(frame, new RegExp(`○ ${id}\\b`));
  assert.match(frame, /mailmedic\s+v1\.2\.3/);
  assert.match(frame, /❯ Mail for my domain does not arrive {2}\(DNS, MX, port 25\)/);
  for (const goal of [
    'My mail client or device cannot send  (submission with AUTH)',
    'I cannot read my mail  (POP3 or IMAP)',
    'Type the commands myself',
    'Practice lab  (no mail server needed)',
  ])
    assert.ok(frame.includes(goal), goal);
  assert.match(frame, /↑\/↓ choose {2}enter go {2}\? help {2}q quit/);
  h.unmount();
});

test('the frame fills the terminal but one row, and follows a resize', async () => {
  const h = await app({ controller: spyController() }, { columns: 80, rows: 24 });
  await h.waitFor(/imap/);
  assert.equal(lines(h).length, 23);
  assert.ok(lines(h).every((line) => line.length <= 80));
  await h.resize(60, 15);
  await h.waitFor(/q quit/);
  assert.equal(lines(h).length, 14, h.frame());
  assert.ok(
    lines(h).every((line) => line.length <= 60),
    h.frame(),
  );
  assert.match(h.frame(), /○ imap/);
  await h.resize(50, 12);
  await h.waitFor(/needs a larger terminal/);
  assert.match(h.frame(), /At least 60×15; this one is 50×12/);
  await h.resize(100, 30);
  await h.waitFor(/What should/);
  assert.equal(lines(h).length, 29);
  h.unmount();
});

test('q quits; Ctrl-C interrupts; each tells the CLI how it ended', async () => {
  const quit = await app({ controller: spyController() });
  await quit.press('q');
  assert.deepEqual(await quit.exitWithin(2000), { value: { reason: 'quit' } });
  const interrupted = await app({ controller: spyController() });
  await interrupted.press('\x03');
  assert.deepEqual(await interrupted.exitWithin(2000), { value: { reason: 'interrupt' } });
});

test('too small a terminal still quits on q', async () => {
  const h = await app({ controller: spyController() }, { columns: 40, rows: 10 });
  await h.waitFor(/needs a larger terminal/);
  await h.press('q');
  assert.deepEqual(await h.exitWithin(2000), { value: { reason: 'quit' } });
});

/** Chooses a goal from the list (↓ n times, enter) and waits for its questions. */
const chooseGoal = async (h: Harness, downs: number, title: RegExp) => {
  await h.waitFor(/What should mailmedic diagnose/);
  await h.press(DOWN.repeat(downs));
  await h.press(ENTER);
  await h.waitFor(title);
};

test('while typing an answer, q is a letter, the editing keys work, Ctrl-C still quits', async () => {
  const h = await app({ controller: spyController() });
  await chooseGoal(h, 0, /Mail for my domain does not arrive · DNS, MX, port 25/);
  await startTyping(h);
  await h.press('qmail.exmple');
  await h.waitFor(/Domain\s+qmail\.exmple/);
  await h.press(LEFT.repeat(4) + 'a');
  await h.waitFor(/Domain\s+qmail\.example/);
  await h.press(BACKSPACE);
  await h.waitFor(/Domain\s+qmail\.exmple/);
  assert.equal(await h.exitWithin(50), 'running');
  assert.match(h.frame(), /Ctrl-C quit/);
  assert.doesNotMatch(h.frame(), /q quit/);
  await h.press('\x03');
  assert.deepEqual(await h.exitWithin(2000), { value: { reason: 'interrupt' } });
});

test('a pasted newline is refused with the reason, and nothing starts', async () => {
  const controller = spyController();
  const h = await app({ controller });
  await chooseGoal(h, 0, /Domain/);
  await startTyping(h);
  await h.press('mx.example.org');
  await h.waitFor(/Domain\s+mx\.example\.org/);
  await h.press('\nRCPT TO:<victim@example.net>');
  const frame = await h.waitFor(/must not contain a line feed \(LF\)/);
  assert.match(frame, /Domain must not contain a line feed \(LF\)\. Type it on one line\./);
  assert.match(frame, /Domain\s+mx\.example\.org/);
  assert.doesNotMatch(frame, /RCPT/);
  assert.deepEqual(controller.starts, []);
  await h.press(ENTER + DOWN + ENTER);
  assert.deepEqual(controller.starts, [{ input: 'mx.example.org' }]);
  h.unmount();
});

test('a pasted carriage return is refused as well; esc goes back to the goals', async () => {
  const controller = spyController();
  const h = await app({ controller });
  await chooseGoal(h, 0, /Domain/);
  await startTyping(h);
  await h.press('example.com\r\nQUIT');
  await h.waitFor(/must not contain a carriage return \(CR\)/);
  assert.deepEqual(controller.starts, []);
  await h.press(ESC);
  await h.press(ESC);
  await h.waitFor(/What should mailmedic diagnose/);
  h.unmount();
});

test('start on an empty answer says what to type, on the row to type it', async () => {
  const controller = spyController();
  const h = await app({ controller });
  await chooseGoal(h, 0, /Domain/);
  await h.press(DOWN + ENTER);
  await h.waitFor(/Type the domain whose mail does not arrive/);
  assert.match(h.frame(), /› Domain/);
  assert.deepEqual(controller.starts, []);
  h.unmount();
});

test('my client cannot send: server, user, masked password, recipient; 587 by default', async () => {
  const controller = spyController();
  const h = await app({ controller });
  await chooseGoal(h, 1, /My mail client or device cannot send/);
  for (const answer of [
    'mail.example.test',
    'bob@example.test',
    'hunter2-secret',
    'bob@example.test',
  ]) {
    await h.press(ENTER);
    await h.press(answer);
    await h.press(ENTER + DOWN);
  }
  const frame = await h.waitFor(/Password\s+•{14}/);
  assert.doesNotMatch(frame, /hunter2/);
  await h.press(ENTER);
  assert.deepEqual(controller.starts, [
    {
      input: 'mail.example.test:587',
      settings: { authUser: 'bob@example.test', to: ['bob@example.test'], port: 587 },
      password: 'hunter2-secret',
    },
  ]);
  h.unmount();
});

test('a target from the command line starts at once; an unsafe one is refused on screen', async () => {
  const good = spyController();
  const h1 = await app({ controller: good, initialTarget: 'bob@example.com' });
  assert.deepEqual(good.starts, [{ input: 'bob@example.com' }]);
  h1.unmount();
  const bad = spyController();
  const h2 = await app({ controller: bad, initialTarget: 'example.com\r\nQUIT' });
  await h2.waitFor(/target on the command line must not contain a carriage return \(CR\)/);
  assert.deepEqual(bad.starts, []);
  h2.unmount();
});

test('the lab: its scenarios when there are some, else that there is no lab here', async () => {
  const controller = spyController();
  const h = await app({ controller });
  await chooseGoal(h, 4, /❯ healthy/);
  await h.press(DOWN + ENTER);
  assert.deepEqual(controller.starts, [{ lab: 'relay-denied' }]);
  h.unmount();
  const none = await app({ controller: spyController({ scenarios: [] }) });
  await chooseGoal(none, 4, /No practice lab here/);
  await none.press(ESC);
  await none.waitFor(/What should mailmedic diagnose/);
  none.unmount();
});

test('type the commands myself: host:port, then the console’s place', async () => {
  const h = await app({ controller: spyController() });
  await chooseGoal(h, 3, /Host:port/);
  await h.press(ENTER);
  await h.press('mail.example.test:25');
  await h.press(ENTER + DOWN + ENTER);
  const frame = await h.waitFor(/Manual console/);
  assert.match(frame, /connect to mail\.example\.test port 25/);
  assert.match(frame, /Esc: back/);
  await h.press(ESC);
  await h.waitFor(/Host:port/);
  h.unmount();
});

test('a problem the controller reports shows on the start screen', async () => {
  const controller = spyController();
  const h = await app({ controller });
  controller.setProblem('no MX and no address for nowhere.invalid');
  await h.waitFor(/no MX and no address for nowhere\.invalid/);
  h.unmount();
});

test('when the session arrives the step screen shows the step and status; enter runs it', async () => {
  const controller = spyController();
  const h = await app({ controller });
  await h.waitFor(/What should/);
  controller.setSession(healthySessionFixture());
  const frame = await h.waitFor(/› ○ send/);
  assert.match(frame, /mailmedic {2}bob@example\.com\s+v9\.8\.7/);
  assert.match(frame, /Send\s+○ not run yet/);
  assert.match(frame, /Nothing on the wire yet/);
  await h.press(ENTER);
  assert.deepEqual(controller.runs, ['send']);
  h.unmount();
});

test('the running step shows ◐ on the rail and on the screen', async () => {
  const h = await app({ controller: spyController({ session: sessionFixture(), active: 'send' }) });
  const frame = await h.waitFor(/› ◐ send/);
  assert.match(frame, /Send\s+◐ running…/);
  h.unmount();
});

test('opens where it broke; p/n walk the steps; markers and explanations in the transcript', async () => {
  const h = await app({ controller: createStaticController(sessionFixture()) });
  const tls = await h.waitFor(/› ✗ tls/);
  assert.match(tls, /TLS\s+✗ error/);
  assert.match(tls, /C: STARTTLS/);
  assert.match(tls, /· {2}certificate for mx\.example\.com expired/);
  assert.match(tls, /40 ms · certificate expired/);
  await h.press('p');
  const frame = await h.waitFor(/› ✓ ehlo/);
  assert.match(frame, /EHLO\s+✓ ok/);
  assert.match(frame, /C: EHLO client\.example\.net/);
  assert.match(
    frame,
    /S: 250-mx\.example\.com Hello client\.example\.net\n.*│ {6}A multi-line reply/,
  );
  assert.match(frame, /8 ms · 6 extensions/);
  await h.press('n');
  await h.waitFor(/› ✗ tls/);
  await h.press('n');
  await h.waitFor(/› – auth/);
  assert.match(h.frame(), /Authentication\s+– skipped/);
  assert.match(h.frame(), /no credentials given/);
  assert.doesNotMatch(h.frame(), /0 ms/);
  h.unmount();
});

test('the transcript scrolls by rows and follows the tail; tab then ↑ in one burst scrolls', async () => {
  const h = await app(
    { controller: createStaticController(sessionFixture()) },
    { columns: 60, rows: 15 },
  );
  await h.waitFor(/› ✗ tls/);
  await h.press('p');
  await h.waitFor(/› ✓ ehlo/);
  assert.match(h.frame(), /S: 250 SMTPUTF8/);
  assert.match(h.frame(), /7–11\/11/);
  await h.press(TAB + UP);
  await h.waitFor(/6–10\/11/);
  assert.match(h.frame(), /› ✓ ehlo/);
  await h.press(PAGE_UP + PAGE_UP);
  await h.waitFor(/1–5\/11/);
  assert.match(h.frame(), /C: EHLO client/);
  await h.press(DOWN.repeat(20));
  await h.waitFor(/7–11\/11/);
  h.unmount();
});

test('? shows the keys that work here, in this screen’s words; esc closes it', async () => {
  const h = await app({ controller: createStaticController(sessionFixture()) });
  await h.waitFor(/› ✗ tls/);
  await h.press('?');
  const frame = await h.waitFor(/Keys/);
  assert.match(frame, /enter\s+Send the proposed command, run the step, or run it again/);
  assert.match(frame, /e\s+Edit the proposed command/);
  assert.match(frame, /s\s+Skip this step/);
  assert.match(frame, /a\s+Run the remaining steps, stop at the first error/);
  assert.match(frame, /o\s+Change the settings/);
  assert.match(frame, /m\s+Open the manual console/);
  assert.match(frame, /n\/→\s+Next step/);
  assert.match(frame, /↑\/↓\s+Move between steps, scroll, or choose an action/);
  assert.match(frame, /PgUp\/PgDn\s+Scroll the transcript a page/);
  assert.match(frame, /Ctrl-C\s+Quit at once/);
  assert.match(frame, /esc close help/);
  await h.press(ESC);
  await h.waitFor(/TLS\s+✗ error/);
  assert.doesNotMatch(h.frame(), /Keys/);
  h.unmount();
});

test('on the smallest terminal every help row still fits, without the title', async () => {
  const h = await app(
    { controller: createStaticController(sessionFixture()) },
    { columns: 60, rows: 15 },
  );
  await h.waitFor(/q quit/);
  await h.press('?');
  const frame = await h.waitFor(/Ctrl-C/);
  assert.doesNotMatch(frame, /Keys/);
  for (const key of [
    'enter',
    'e ',
    's ',
    'a ',
    'o ',
    'm ',
    'esc',
    'n/→',
    'p/←',
    '↑/↓',
    'PgUp/PgDn',
    'tab',
    '? ',
    'q ',
    'Ctrl-C',
    'Home/End',
    '/ ',
    'n/N',
    '[/]',
    'x ',
    't ',
    'r ',
    'y ',
  ])
    assert.ok(frame.includes(key), `${key} missing:\n${frame}`);
  // Every key is listed; at 60 columns the descriptions are cut to what fits beside them.
  assert.match(frame, /s +Skip/);
  h.unmount();
});

test('a component that throws ends the app with a crash naming it', async () => {
  const h = await app({ controller: spyController(), crashForTest: true });
  const exit = await h.exitWithin(2000);
  assert.ok(exit !== 'running' && 'error' in exit, 'the app did not end with an error');
  const error = exit.error;
  assert.ok(error instanceof WizardCrash);
  assert.equal(error.where, 'CrashTest');
  assert.equal(error.message, 'crash requested by MAILMEDIC_CRASH_TEST=1');
});
