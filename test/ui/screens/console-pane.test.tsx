// The console screen on a scripted controller, keys written as a terminal delivers them: whole
// lines with their Enter in one chunk, or the Enter apart. The auth helper's answers go to
// authenticate() only; neither the user nor the password may ever leave as a typed line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConsolePane } from '../../../source/ui/screens/console/console-pane.js';
import type {
  ConsoleController,
  ConsoleScreenState,
} from '../../../source/ui/screens/console/controller.js';
import { renderApp } from '../harness.js';
import { sessionFixture } from '../session-fixture.js';

const PASSWORD = 'pane-secret-8';

interface Scripted extends ConsoleController {
  submitted: string[];
  logins: Array<[string, string]>;
}

/** A console whose AUTH LOGIN opens the helper, as ManualConsole's does. */
const scripted = (): Scripted => {
  const session = sessionFixture();
  let state: ConsoleScreenState = {
    protocol: 'smtp',
    mode: 'command',
    open: true,
    secure: true,
    handshaking: false,
    queued: 0,
    endpoint: 'mx.example.com:587',
  };
  const listeners = new Set<() => void>();
  const set = (next: Partial<ConsoleScreenState>): void => {
    const { ask: _ask, ...rest } = state;
    state = 'ask' in next ? { ...state, ...next } : { ...rest, ...next };
    listeners.forEach((l) => l());
  };
  const controller: Scripted = {
    submitted: [],
    logins: [],
    getSession: () => session,
    getState: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    submit: (lines) => {
      controller.submitted.push(...lines);
      if (lines.some((l) => l === 'AUTH LOGIN'))
        set({ ask: { mechanism: 'LOGIN', command: 'AUTH LOGIN' } });
    },
    historyEntry: (line) => line,
    sendHeld: () => undefined,
    dropHeld: () => undefined,
    authenticate: (user, password) => {
      controller.logins.push([user, password]);
      set({ mode: 'sasl' });
    },
    authenticateByHand: () => undefined,
    cancelAsk: () => undefined,
    lessons: () => [],
    setLesson: () => undefined,
  };
  return controller;
};

const login = async (chunks: (user: string) => string[], waitRenders: boolean): Promise<void> => {
  const controller = scripted();
  const app = await renderApp(
    <ConsolePane
      controller={controller}
      columns={100}
      rows={30}
      onQuit={() => undefined}
      onInterrupt={() => undefined}
    />,
    { columns: 100, rows: 30 },
  );
  try {
    await app.press('AUTH LOGIN\r');
    if (waitRenders) await app.waitFor(/user/i);
    for (const chunk of chunks('bob@example.com').slice(0, -1)) await app.press(chunk);
    if (waitRenders) await app.waitFor(/password/i);
    await app.press(chunks('bob@example.com').at(-1)!);
    await app.press('QUIT\r');
    assert.deepEqual(controller.logins, [['bob@example.com', PASSWORD]]);
    assert.deepEqual(controller.submitted, ['AUTH LOGIN', 'QUIT'], 'no answer left as a line');
    assert.ok(!app.frame().includes(PASSWORD), 'the password is masked on screen');
  } finally {
    app.unmount();
  }
};

test('the helper takes the user and the password, each written with its Enter in one chunk', () =>
  login((user) => [`${user}\r`, `${PASSWORD}\r`], true));

test('the helper takes the password when its Enter arrives in a chunk of its own', () =>
  login((user) => [`${user}\r`, PASSWORD, '\r'], true));

test('the helper takes the user and the password typed without waiting for the screen', () =>
  login((user) => [`${user}\r${PASSWORD}\r`], false));

test('on the practice lab at 80 columns, the login and the practice password are on screen whole', async () => {
  const controller = scripted();
  const base = controller.getState();
  const practice = {
    scenario: 'healthy',
    domain: 'practice.test',
    user: 'student@practice.test',
    password: 'practice-makes-perfect',
  };
  const onTheLab = { ...base, practice };
  controller.getState = () => onTheLab;
  const app = await renderApp(
    <ConsolePane
      controller={controller}
      columns={80}
      rows={24}
      onQuit={() => undefined}
      onInterrupt={() => undefined}
    />,
    { columns: 80, rows: 24 },
  );
  try {
    assert.match(app.frame(), /login student@practice\.test · password practice-makes-perfect/);
  } finally {
    app.unmount();
  }
});
