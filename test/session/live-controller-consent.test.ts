// The wizard's clear-text question as the live controller drives it: asked in guided and in
// run-all mode, answered only by answerConsent (an enter meant for a command, "run all" or a
// re-run never sends a password in clear), each answer recorded in the attempts; "TLS instead"
// runs again with TLS; the settings row (as --plaintext-auth) sends without asking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveSessionController } from '../../source/session/live-controller.js';
import type { RunConfig } from '../../source/session/config.js';
import type { WizardSettings } from '../../source/record/types.js';
import { deadlinesFor } from '../../source/net/deadlines.js';
import { startFakeServer } from '../helpers/fake-server.js';
import type { FakeServer } from '../helpers/fake-server.js';
import { pop3, smtp } from '../hostile/personas.js';
import { until } from '../helpers/timing.js';

const PASSWORD = 'live-consent-pw-9';

/** Settings -> a run, as the CLI's flagsForSettings does for what this test needs. */
const configFor = async (
  settings: WizardSettings,
  password: string | undefined,
): Promise<RunConfig> => {
  const port = settings.port ?? 25;
  const config: RunConfig = {
    target: { input: settings.target, server: { host: '127.0.0.1', port } },
    tls: settings.tls,
    insecure: settings.insecure,
    plaintextAuth: settings.plaintextAuth ?? false,
    ca: [],
    ehlo: 'c.test',
    to: [],
    headers: [],
    resolvers: [],
    deadlines: deadlinesFor(5),
    steps: settings.steps ?? ['connect', 'banner', 'ehlo', 'tls', 'auth'],
    redactIdentities: false,
  };
  if (settings.authUser && password)
    config.auth = { user: settings.authUser, mechanism: 'plain', password };
  const mailbox = settings.mailbox;
  if (mailbox && password) {
    config[mailbox.protocol] = {
      host: mailbox.host,
      ...(mailbox.port !== undefined ? { port: mailbox.port } : {}),
      ...(mailbox.tls !== undefined ? { tls: mailbox.tls } : {}),
    };
    config.mailbox = { user: mailbox.user ?? 'alice', password };
  }
  return config;
};

const serverWith = (ehlo: string[]) => {
  const lines: string[] = [];
  const script = smtp({ ehlo });
  return {
    lines,
    start: () =>
      startFakeServer(async (peer) => {
        const original = peer.line.bind(peer);
        peer.line = async (timeoutMs?: number) => {
          const line = await original(timeoutMs);
          lines.push(line);
          return line;
        };
        await script(peer);
      }),
  };
};

const controllerFor = (server: FakeServer, extra: Partial<WizardSettings> = {}) => {
  const controller = new LiveSessionController({
    version: 'test',
    configFor,
    settings: {
      tls: 'auto',
      insecure: false,
      mechanism: 'plain',
      port: server.port,
      authUser: 'alice',
      ...extra,
    },
  });
  controller.start({ input: `127.0.0.1:${server.port}`, password: PASSWORD });
  return controller;
};

const consentPending = (controller: LiveSessionController) => () =>
  controller.getGuide()?.pending?.kind === 'consent';

test(
  'run all stops at the question; enter, run all and answer(send) do not send; answerConsent does',
  { timeout: 30_000 },
  async () => {
    const fake = serverWith(['250-fake.test', '250 AUTH PLAIN']);
    const server = await fake.start();
    try {
      const controller = controllerFor(server);
      await until(() => controller.getGuide()?.pending !== undefined, 'the first proposal');
      controller.runAll();
      await until(consentPending(controller), 'the clear-text question');
      const guide = controller.getGuide()!;
      const pending = guide.pending!;
      assert.equal(pending.step, 'auth');
      assert.deepEqual(
        pending.consent?.choices.map((c) => c.id),
        ['tls', 'skip', 'send'],
        'the safe answers first',
      );
      assert.equal(pending.consent?.where, `SMTP 127.0.0.1:${server.port} as alice`);
      assert.match(pending.consent?.risk ?? '', /^No TLS to 127\.0\.0\.1 port \d+: SMTP AUTH/);
      // None of the ways a command is sent sends a password in clear.
      controller.answer(pending.id, { action: 'send' });
      controller.runStep('auth');
      controller.runAll();
      assert.equal(controller.getGuide()?.pending?.id, pending.id, 'still waiting');
      assert.equal(controller.getGuide()?.running, true);
      assert.ok(!fake.lines.some((l) => /^AUTH/i.test(l)));
      controller.answerConsent(pending.id + 1, 'send');
      assert.equal(controller.getGuide()?.pending?.id, pending.id, 'a stale id answers nothing');
      controller.answerConsent(pending.id, 'send');
      await until(() => controller.getGuide()?.running === false, 'the run to end');
      assert.equal(fake.lines.filter((l) => /^AUTH PLAIN /i.test(l)).length, 1);
      const session = controller.getSession()!;
      assert.equal(session.steps.find((s) => s.id === 'auth')?.status, 'ok');
      const finding = session.findings.find((f) => f.id === 'auth.cleartext');
      assert.equal(finding?.severity, 'error');
      assert.ok(!JSON.stringify(session).includes(PASSWORD));
    } finally {
      await server.close();
    }
  },
);

test(
  'guided: skip at the question is kept in the attempt; the next run asks again',
  { timeout: 30_000 },
  async () => {
    const fake = serverWith(['250-fake.test', '250 AUTH PLAIN']);
    const server = await fake.start();
    try {
      const controller = controllerFor(server);
      const answerUntilConsent = async () => {
        for (;;) {
          await until(() => controller.getGuide()?.pending !== undefined, 'a proposal');
          const pending = controller.getGuide()!.pending!;
          if (pending.kind === 'consent') return pending;
          controller.answer(pending.id, { action: 'send' });
        }
      };
      const first = await answerUntilConsent();
      controller.answerConsent(first.id, 'skip');
      await until(() => controller.getGuide()?.running === false, 'the first run to end');
      const attempt = controller.getSession()!.attempts!.find((a) => a.step === 'auth')!;
      assert.deepEqual(
        [attempt.run, attempt.status, attempt.summary],
        [1, 'skipped', 'the password was not sent in clear text: the user chose to skip this step'],
      );
      assert.ok(!fake.lines.some((l) => /^AUTH/i.test(l)));
      controller.runStep('connect');
      const second = await answerUntilConsent();
      assert.ok(second.id > first.id, 'asked again in the new run');
      controller.answerConsent(second.id, 'skip');
      await until(
        () => controller.getGuide()?.runs === 2 && !controller.getGuide()?.running,
        'run 2',
      );
      assert.ok(!fake.lines.some((l) => /^AUTH/i.test(l)));
    } finally {
      await server.close();
    }
  },
);

test(
  '"Use STARTTLS instead" (--tls none, STARTTLS offered) runs again with TLS from the tls step',
  { timeout: 30_000 },
  async () => {
    const fake = serverWith(['250-fake.test', '250-STARTTLS', '250 AUTH PLAIN']);
    const server = await fake.start();
    try {
      const controller = controllerFor(server, { tls: 'none' });
      controller.runAll();
      await until(consentPending(controller), 'the clear-text question');
      const pending = controller.getGuide()!.pending!;
      assert.deepEqual(pending.consent?.choices[0], {
        id: 'tls',
        label: 'Use STARTTLS instead (the server offers it)',
      });
      controller.answerConsent(pending.id, 'tls');
      await until(() => controller.getGuide()?.runs === 2, 'the second run');
      assert.equal(controller.getGuide()?.settings.tls, 'starttls');
      // Guided from the tls step: the steps before it run on their own, STARTTLS is proposed.
      await until(() => controller.getGuide()?.pending?.step === 'tls', 'STARTTLS proposed');
      assert.equal(controller.getGuide()?.pending?.display[0], 'STARTTLS');
      const attempts = controller.getSession()!.attempts!;
      const auth1 = attempts.find((a) => a.run === 1 && a.step === 'auth')!;
      assert.deepEqual(
        [auth1.status, auth1.summary],
        ['skipped', 'the password was not sent in clear text: the user chose STARTTLS instead'],
      );
      assert.ok(!fake.lines.some((l) => /^AUTH/i.test(l)));
      controller.answer(controller.getGuide()!.pending!.id, { action: 'stop' });
      await until(() => controller.getGuide()?.running === false, 'the run to end');
    } finally {
      await server.close();
    }
  },
);

test(
  'the settings row "Password w/o TLS: send" (as --plaintext-auth) sends without asking, still an error finding',
  { timeout: 30_000 },
  async () => {
    const fake = serverWith(['250-fake.test', '250 AUTH PLAIN']);
    const server = await fake.start();
    try {
      const controller = controllerFor(server, { plaintextAuth: true });
      controller.runAll();
      await until(() => controller.getGuide()?.running === false, 'the run to end');
      const session = controller.getSession()!;
      assert.equal(session.steps.find((s) => s.id === 'auth')?.status, 'ok');
      assert.equal(fake.lines.filter((l) => /^AUTH PLAIN /i.test(l)).length, 1);
      assert.ok(session.findings.some((f) => f.id === 'auth.cleartext' && f.severity === 'error'));
      assert.equal(session.attempts?.find((a) => a.step === 'auth')?.settings.plaintextAuth, true);
    } finally {
      await server.close();
    }
  },
);

test(
  'a controller that never asks (guided: false) sends nothing in clear',
  { timeout: 30_000 },
  async () => {
    const fake = serverWith(['250-fake.test', '250 AUTH PLAIN']);
    const server = await fake.start();
    try {
      const controller = new LiveSessionController({
        version: 'test',
        configFor,
        guided: false,
        settings: { tls: 'auto', insecure: false, mechanism: 'plain', port: server.port },
      });
      controller.start({
        input: `127.0.0.1:${server.port}`,
        settings: { authUser: 'alice' },
        password: PASSWORD,
      });
      await until(
        () => controller.getSession()?.steps.some((s) => s.id === 'auth') ?? false,
        'auth',
      );
      await until(() => controller.getGuide()?.running === false, 'the run to end');
      assert.equal(controller.getSession()?.steps.find((s) => s.id === 'auth')?.status, 'skipped');
      assert.ok(!fake.lines.some((l) => /^AUTH/i.test(l)));
    } finally {
      await server.close();
    }
  },
);

test(
  'POP3 without STLS: "TLS on port 995 instead" runs the mailbox step again over implicit TLS',
  { timeout: 30_000 },
  async () => {
    const lines: string[] = [];
    const script = pop3({});
    const server = await startFakeServer(async (peer) => {
      const original = peer.line.bind(peer);
      peer.line = async (ms?: number) => {
        const line = await original(ms);
        lines.push(line);
        return line;
      };
      await script(peer);
    });
    try {
      const controller = new LiveSessionController({
        version: 'test',
        configFor,
        settings: {
          tls: 'auto',
          insecure: false,
          mechanism: 'plain',
          steps: ['pop3'],
          mailbox: {
            protocol: 'pop3',
            host: '127.0.0.1',
            port: server.port,
            tls: false,
            user: 'alice',
          },
        },
      });
      controller.start({ input: '127.0.0.1', password: PASSWORD });
      controller.runAll();
      await until(consentPending(controller), 'the clear-text question');
      const pending = controller.getGuide()!.pending!;
      assert.equal(pending.step, 'pop3');
      assert.deepEqual(pending.consent?.choices[0], {
        id: 'tls',
        label: 'Try POP3 over TLS on port 995 instead',
      });
      controller.answerConsent(pending.id, 'tls');
      await until(() => controller.getGuide()?.runs === 2, 'the second run');
      assert.deepEqual(controller.getGuide()?.settings.mailbox, {
        protocol: 'pop3',
        host: '127.0.0.1',
        port: 995,
        tls: true,
        user: 'alice',
      });
      const first = controller.getSession()!.attempts!.find((a) => a.run === 1)!;
      assert.deepEqual(
        [first.step, first.status, first.summary],
        [
          'pop3',
          'skipped',
          'the password was not sent in clear text: the user chose TLS on port 995 instead',
        ],
      );
      assert.ok(!lines.some((l) => /^(USER|PASS|APOP|AUTH)/i.test(l)), 'a login went in clear');
      assert.ok(!JSON.stringify(controller.getSession()).includes(PASSWORD));
      // Run 2 is guided from the pop3 step: it waits there; stop it.
      await until(() => controller.getGuide()?.pending?.step === 'pop3', 'pop3 proposed');
      controller.answer(controller.getGuide()!.pending!.id, { action: 'stop' });
      await until(() => controller.getGuide()?.running === false, 'the run to end');
    } finally {
      await server.close();
    }
  },
);
