// The live controller drives the guided run: each step and command waits for the user's answer;
// "run all" goes on until the first error; settings change between runs and every attempt is kept;
// Esc gives up a wait and the session goes on; a finding's action changes the settings and runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveSessionController } from '../../source/session/live-controller.js';
import type { RunConfig } from '../../source/session/config.js';
import type { WizardSettings } from '../../source/record/types.js';
import { deadlinesFor } from '../../source/net/deadlines.js';
import { closedPort, startFakeServer } from '../helpers/fake-server.js';
import { until } from '../helpers/timing.js';

const smtp = (options: { greet?: boolean } = {}) =>
  startFakeServer(async (peer) => {
    if (options.greet === false) {
      await peer.line(20_000).catch(() => undefined);
      return;
    }
    peer.send('220 fake.test ESMTP\r\n');
    for (;;) {
      const line = await peer.line(10_000).catch(() => undefined);
      if (line === undefined) return;
      if (/^EHLO /i.test(line)) peer.send('250-fake.test\r\n250 AUTH PLAIN\r\n');
      else if (/^AUTH/i.test(line)) peer.send('535 5.7.8 bad credentials\r\n');
      else if (/^QUIT/i.test(line)) {
        peer.send('221 bye\r\n');
        return peer.close();
      } else peer.send('502 5.5.2 no\r\n');
    }
  });

/** Settings -> a run, as the CLI does, without files or prompts. */
const configFor = async (
  settings: WizardSettings,
  password: string | undefined,
): Promise<RunConfig> => {
  const port = settings.port ?? 25;
  const config: RunConfig = {
    target: { input: settings.target, server: { host: settings.host ?? '127.0.0.1', port } },
    tls: settings.tls,
    insecure: settings.insecure,
    // The fake server offers no TLS; the guided AUTH step is under test, not the clear-text guard.
    plaintextAuth: true,
    ca: [],
    ehlo: settings.ehlo ?? 'c.test',
    to: settings.to ?? [],
    headers: [],
    resolvers: [],
    deadlines: deadlinesFor(5),
    steps: settings.steps ?? ['connect', 'banner', 'ehlo', 'tls', 'auth'],
    redactIdentities: false,
  };
  if (settings.authUser && password)
    config.auth = { user: settings.authUser, mechanism: 'auto', password };
  return config;
};

const controllerFor = (port: number, extra: Partial<WizardSettings> = {}) =>
  new LiveSessionController({
    version: 'test',
    configFor,
    settings: { tls: 'none', insecure: true, mechanism: 'auto', port, host: '127.0.0.1', ...extra },
  });

test(
  'guided: each step and command waits; edit, skip and send answer it',
  { timeout: 30_000 },
  async () => {
    const server = await smtp();
    const controller = controllerFor(server.port, { authUser: 'bob' });
    try {
      controller.start({ input: `127.0.0.1:${server.port}`, password: 'pw-live-1' });
      const next = async (step: string, first: string) => {
        await until(() => controller.getGuide()?.pending?.step === step, `a proposal at ${step}`);
        const pending = controller.getGuide()!.pending!;
        assert.equal(pending.display[0], first);
        assert.equal(controller.getGuide(), controller.getGuide(), 'same object until a change');
        return pending;
      };
      const connect = await next('connect', `connect to 127.0.0.1:${server.port}`);
      assert.deepEqual([connect.kind, connect.editable], ['step', false]);
      controller.answer(connect.id + 1, { action: 'send' });
      assert.equal(controller.getGuide()?.pending?.id, connect.id, 'a stale id answers nothing');
      controller.answer(connect.id, { action: 'send' });
      controller.answer((await next('banner', '(wait for the greeting: 220)')).id, {
        action: 'send',
      });
      const ehlo = await next('ehlo', 'EHLO c.test');
      assert.equal(ehlo.editable, true);
      // An edited line is judged against the engine's state before it goes.
      assert.equal(controller.checkLine('EHLO other.test'), undefined);
      assert.match(controller.checkLine('MAIL FROM:<a@b>') ?? '', /MAIL is not valid in state/);
      controller.answer(ehlo.id, { action: 'edit', line: 'EHLO edited.test' });
      const auth = await next('auth', 'AUTH PLAIN ********');
      assert.deepEqual([auth.secret, auth.editable], [true, false]);
      controller.answer(auth.id, { action: 'skip' });
      // The QUIT after the last step goes without asking.
      await until(() => controller.getGuide()?.running === false, 'the run to end');
      const session = controller.getSession()!;
      assert.deepEqual(
        session.steps.map((s) => [s.id, s.status]),
        [
          ['connect', 'ok'],
          ['banner', 'ok'],
          ['ehlo', 'ok'],
          ['tls', 'skipped'],
          ['auth', 'skipped'],
        ],
      );
      assert.match(session.steps[4]!.summary, /^skipped by the user/);
      assert.ok(
        session.transcript.some((l) => l.dir === 'client' && l.text === 'EHLO edited.test'),
      );
      assert.ok(!JSON.stringify(session).includes('pw-live-1'));
    } finally {
      await server.close();
    }
  },
);

test(
  'run all goes on without asking and stops asking at the first error',
  { timeout: 30_000 },
  async () => {
    const server = await smtp();
    const controller = controllerFor(server.port, { authUser: 'bob' });
    try {
      controller.start({ input: `127.0.0.1:${server.port}`, password: 'pw' });
      await until(() => controller.getGuide()?.pending !== undefined, 'the first proposal');
      controller.runAll();
      // AUTH fails (535): from there on the run asks again (here: nothing is left but QUIT,
      // which goes without asking once its step has ended).
      await until(() => controller.getGuide()?.running === false, 'the run to end');
      assert.equal(controller.getGuide()?.mode, 'guided');
      assert.equal(controller.getSession()?.steps.find((s) => s.id === 'auth')?.status, 'error');
      assert.equal(controller.getGuide()?.pending, undefined);
    } finally {
      await server.close();
    }
  },
);

test(
  'settings change between runs; each attempt is kept with the settings it ran with',
  { timeout: 30_000 },
  async () => {
    const closed = await closedPort();
    const server = await smtp();
    const controller = controllerFor(closed, { steps: ['connect', 'banner'] });
    try {
      controller.start({ input: `127.0.0.1:${closed}` });
      await until(() => controller.getGuide()?.pending !== undefined, 'connect proposed');
      controller.runAll();
      await until(() => controller.getGuide()?.running === false, 'the first run to end');
      assert.equal(controller.getSession()?.steps[0]?.status, 'error');
      const first = controller.getGuide()!.settings;
      controller.applySettings({ settings: { ...first, port: server.port } });
      assert.equal(controller.getGuide()?.settings.port, server.port);
      controller.runStep('connect');
      controller.runAll();
      await until(
        () => controller.getGuide()?.running === false && controller.getGuide()?.runs === 2,
        'the second run to end',
      );
      const attempts = controller.getSession()!.attempts!;
      assert.deepEqual(
        attempts.map((a) => [a.run, a.step, a.status, a.settings.port]),
        [
          [1, 'connect', 'error', closed],
          [1, 'banner', 'skipped', closed],
          [2, 'connect', 'ok', server.port],
          [2, 'banner', 'ok', server.port],
        ],
      );
      assert.ok(attempts.every((a) => !('password' in a.settings)));
    } finally {
      await server.close();
    }
  },
);

test(
  'esc during a wait: the step is cancelled, the session stays and can run again',
  { timeout: 30_000 },
  async () => {
    const server = await smtp({ greet: false });
    const controller = controllerFor(server.port, { steps: ['connect', 'banner', 'ehlo'] });
    try {
      controller.start({ input: `127.0.0.1:${server.port}` });
      controller.runAll();
      await until(() => controller.getGuide()?.wait?.step === 'banner', 'the greeting wait');
      const wait = controller.getGuide()!.wait!;
      assert.equal(wait.what, 'greeting');
      assert.equal(wait.deadlineMs, 5000);
      controller.cancelWait();
      await until(() => controller.getGuide()?.running === false, 'the run to end');
      const steps = controller.getSession()!.steps;
      assert.deepEqual(
        steps.map((s) => [s.id, s.status, s.summary]),
        [
          ['connect', 'ok', steps[0]!.summary],
          ['banner', 'skipped', 'cancelled by the user while waiting'],
          ['ehlo', 'skipped', 'not run: banner cancelled'],
        ],
      );
      assert.equal(controller.getGuide()?.wait, undefined);
    } finally {
      await server.close();
    }
  },
);

test(
  'a finding’s action changes the settings and runs again from its step',
  { timeout: 30_000 },
  async () => {
    const server = await smtp();
    const controller = controllerFor(server.port, {
      steps: ['connect', 'banner', 'ehlo'],
      insecure: false,
    });
    try {
      controller.start({ input: `127.0.0.1:${server.port}` });
      controller.runAll();
      await until(() => controller.getGuide()?.running === false, 'the first run');
      controller.takeAction({ kind: 'retry-insecure', label: 'Go on' }, 'ehlo');
      assert.equal(controller.getGuide()?.settings.insecure, true);
      // Steps before the one named run on their own; the named one waits for the user.
      await until(() => controller.getGuide()?.pending?.step === 'ehlo', 'EHLO proposed');
      assert.deepEqual(
        controller.getSession()!.steps.map((s) => s.id),
        ['connect', 'banner'],
      );
      controller.runAll();
      await until(() => controller.getGuide()?.running === false, 'the second run');
      assert.equal(controller.getGuide()?.runs, 2);
      controller.takeAction({ kind: 'trust-ca', label: 'Trust' }, 'tls');
      assert.equal(controller.getGuide()?.running, false, 'waits for the CA file to be typed');
    } finally {
      await server.close();
    }
  },
);

test('the practice lab: start({lab}) asks configFor for that scenario and says which lab runs', async () => {
  const asked: Array<string | undefined> = [];
  const controller = new LiveSessionController({
    version: 'test',
    configFor: async (_settings, _password, lab) => {
      asked.push(lab);
      throw new Error(`no lab here (${lab})`);
    },
  });
  controller.start({ lab: 'relay-denied' });
  await until(() => controller.getProblem() !== undefined, 'the problem of the failed start');
  assert.deepEqual(asked, ['relay-denied']);
  assert.equal(controller.activeLab(), 'relay-denied');
  assert.match(controller.getProblem() ?? '', /no lab here \(relay-denied\)/);
  assert.equal(controller.isRunning(), false);
});

test('retry after the server’s delay: a countdown first, esc stops it', async () => {
  const controller = controllerFor(25, { steps: ['connect'] });
  controller.applySettings({
    settings: { target: '127.0.0.1:25', tls: 'none', insecure: false, mechanism: 'auto' },
  });
  controller.takeAction(
    { kind: 'retry-later', label: 'Try again in 300 s', params: { seconds: 300 } },
    'send',
  );
  const wait = controller.getGuide()?.wait;
  assert.equal(wait?.what, 'the delay the server asked for');
  assert.equal(wait?.deadlineMs, 300_000);
  assert.equal(wait?.step, 'send');
  assert.equal(controller.getGuide()?.running, false, 'nothing runs during the countdown');
  controller.cancelWait();
  assert.equal(controller.getGuide()?.wait, undefined);
});

test('settle: the farewell in flight is waited for, and never longer than the grace', async () => {
  const slowBye = (replyToQuit: boolean) =>
    startFakeServer(async (peer) => {
      peer.send('220 fake.test ESMTP\r\n');
      for (;;) {
        const line = await peer.line(10_000).catch(() => undefined);
        if (line === undefined) return;
        if (/^EHLO /i.test(line)) peer.send('250 fake.test\r\n');
        else if (/^QUIT/i.test(line)) {
          if (!replyToQuit) continue;
          await new Promise((r) => setTimeout(r, 300));
          peer.send('221 2.0.0 Bye\r\n');
          return peer.close();
        }
      }
    });
  for (const replyToQuit of [true, false]) {
    const server = await slowBye(replyToQuit);
    const controller = controllerFor(server.port, { steps: ['connect', 'banner', 'ehlo'] });
    try {
      controller.start({ input: `127.0.0.1:${server.port}` });
      controller.runAll();
      await until(
        () => controller.getSession()?.transcript.some((l) => l.text === 'QUIT') === true,
        'the farewell to go',
      );
      assert.equal(controller.isRunning(), true, 'the 221 is still on its way');
      const started = Date.now();
      await controller.settle(replyToQuit ? 8_000 : 400);
      const waited = Date.now() - started;
      const bye = controller.getSession()!.transcript.some((l) => l.text.startsWith('221'));
      if (replyToQuit) {
        assert.ok(bye, 'the 221 is in the session when settle resolves');
        assert.equal(controller.isRunning(), false);
        assert.ok(waited < 8_000);
      } else {
        assert.ok(!bye);
        assert.ok(waited >= 350, `the grace was kept (${waited} ms)`);
      }
      // Nothing in flight: settle answers at once.
      if (replyToQuit) await controller.settle(60_000);
    } finally {
      controller.cancelWait();
      await server.close();
    }
  }
});

test('a start that fails says why through the gate: no terminal escape in the problem shown', async () => {
  const controller = new LiveSessionController({
    version: 'test',
    configFor: async () => {
      throw new Error('cannot read /tmp/\x1b]52;c;cHduZWQ=\x07evil\x1b[2J.pem');
    },
  });
  controller.start({ input: 'mail.example.test' });
  await until(() => controller.getProblem() !== undefined, 'the problem of the failed start');
  const problem = controller.getProblem()!;
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(problem, /[\x00-\x1f\x7f]/);
  assert.match(problem, /cannot read \/tmp\//);
});
