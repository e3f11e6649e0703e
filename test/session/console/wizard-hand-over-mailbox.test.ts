// The wizard's `m` during a POP3 or IMAP step: the live controller answers the waiting proposal
// with `console`, and the console goes on on the same connection after login (and with INBOX
// selected), recording into the same session; leaving the console tells the guided flow what was
// typed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunConfig } from '../../../source/session/config.js';
import { LiveSessionController } from '../../../source/session/live-controller.js';
import type { Session } from '../../../source/record/types.js';
import {
  MAILBOX_PASSWORD,
  MAILBOX_USER,
  mailboxRunConfig,
  startFakeImap,
  startFakePop3,
} from '../../helpers/fake-mailbox.js';
import { until } from '../../helpers/timing.js';

/** A guided run of `cfg` under way on the live controller. */
const guided = (cfg: RunConfig, input = cfg.target.input): LiveSessionController => {
  const controller = new LiveSessionController({ version: 'test', configFor: async () => cfg });
  controller.start({ input });
  return controller;
};

/** Goes through the guided proposals as proposed until one matches, and leaves it waiting. */
const guideUntil = async (controller: LiveSessionController, at: RegExp): Promise<void> => {
  for (;;) {
    await until(() => controller.getGuide()?.pending !== undefined);
    const pending = controller.getGuide()!.pending!;
    if (pending.kind === 'command' && at.test(pending.display[0] ?? '')) return;
    controller.answer(pending.id, { action: 'send' });
  }
};

const stepOf = (session: Session | undefined, id: string) =>
  session?.steps.find((s) => s.id === id);

test(
  'm at a POP3 command after login: the console continues on the same connection, logged in',
  { timeout: 20_000 },
  async () => {
    const server = await startFakePop3();
    const cfg = mailboxRunConfig('pop3', server.port);
    const controller = guided(cfg);
    await guideUntil(controller, /^STAT$/);
    const typed = await controller.openManualConsole();
    try {
      await until(() => stepOf(controller.getSession(), 'pop3') !== undefined);
      const pop3 = stepOf(controller.getSession(), 'pop3')!;
      assert.equal(pop3.status, 'skipped');
      assert.match(pop3.summary, /continued by hand in the manual console/);
      assert.equal(typed.getState().protocol, 'pop3');
      typed.submit(['LIST']);
      assert.equal(typed.getState().held, undefined, 'the engine knows the login was done');
      await until(() => typed.getSession().transcript.some((l) => l.text === '+OK 2 messages'));
      assert.equal(server.sessions.length, 1, 'one connection for the guided part and the console');
      assert.deepEqual(server.sessions[0], [
        'CAPA',
        `USER ${MAILBOX_USER}`,
        `PASS ${MAILBOX_PASSWORD}`,
        'LIST',
      ]);
      // Same session: the console's lines are in the wizard's session, under the pop3 step.
      assert.ok(
        controller
          .getSession()!
          .transcript.some((l) => l.step === 'pop3' && l.dir === 'client' && l.text === 'LIST'),
      );
      // Esc back to the steps closes the console; the guided flow knows what was typed.
      typed.close();
      await typed.console.closed();
      await until(() => /typed by hand/.test(stepOf(controller.getSession(), 'pop3')!.summary));
      assert.match(
        stepOf(controller.getSession(), 'pop3')!.summary,
        /typed by hand: LIST; logged in when the console closed/,
      );
      assert.equal(controller.isRunning(), false);
      assert.equal(controller.getGuide()?.pending, undefined);
      assert.ok(!JSON.stringify(controller.getSession()).includes(MAILBOX_PASSWORD));
    } finally {
      typed.close();
      await server.close();
    }
  },
);

test(
  'm at an IMAP command after EXAMINE (m at the FETCH of the newest): the console continues with INBOX selected, its tags going on',
  { timeout: 20_000 },
  async () => {
    const server = await startFakeImap();
    const cfg = mailboxRunConfig('imap', server.port);
    const controller = guided(cfg);
    await guideUntil(controller, / FETCH /);
    const typed = await controller.openManualConsole();
    try {
      await until(() => stepOf(controller.getSession(), 'imap') !== undefined);
      assert.match(stepOf(controller.getSession(), 'imap')!.summary, /continued by hand/);
      // FETCH fits only in the selected state: no warning means the console knows INBOX is open.
      typed.submit(['FETCH 2 (RFC822.SIZE)']);
      assert.equal(typed.getState().held, undefined, 'the engine knows INBOX is selected');
      await until(() => server.sessions[0]!.includes('a3 FETCH 2 (RFC822.SIZE)'));
      await until(() => typed.getSession().transcript.some((l) => l.text === 'a3 OK fetch done'));
      assert.equal(server.sessions.length, 1);
      assert.ok(
        !server.sessions[0]!.some((l) => /LOGOUT/.test(l)),
        'the guided run did not log out',
      );
      typed.close();
      await typed.console.closed();
      await until(() => /typed by hand/.test(stepOf(controller.getSession(), 'imap')!.summary));
      assert.match(
        stepOf(controller.getSession(), 'imap')!.summary,
        /typed by hand: a3 FETCH 2 \(RFC822\.SIZE\); logged in, INBOX selected read-only/,
      );
    } finally {
      typed.close();
      await server.close();
    }
  },
);

test(
  'm during a DNS question opens the console on the target instead of waiting for a connection',
  {
    timeout: 20_000,
  },
  async () => {
    const server = await startFakePop3();
    const cfg: RunConfig = {
      ...mailboxRunConfig('pop3', server.port),
      target: { input: 'example.test', domain: 'example.test' },
      // A resolver that never answers: the question waits for the user and nothing else.
      resolvers: ['127.0.0.1:9'],
      steps: ['dns'],
    };
    const controller = guided(cfg, 'example.test');
    await until(() => controller.getGuide()?.pending?.step === 'dns');
    // No host to connect to from the target: the console refuses with a sentence, never hangs.
    await assert.rejects(controller.openManualConsole(), /no host to connect to/);
    await server.close();
  },
);

test(
  'm at the start of a POP3 step (not connected yet) opens the console on the mailbox server',
  { timeout: 20_000 },
  async () => {
    const server = await startFakePop3();
    const cfg = mailboxRunConfig('pop3', server.port);
    const controller = guided(cfg);
    await until(() => controller.getGuide()?.pending?.kind === 'step');
    assert.equal(controller.getGuide()!.pending!.step, 'pop3');
    const typed = await controller.openManualConsole();
    try {
      await until(() => typed.getState().protocol === 'pop3');
      assert.equal(typed.getState().endpoint, `127.0.0.1:${server.port}`);
      typed.submit(['CAPA']);
      await until(() => server.sessions[0]?.includes('CAPA') ?? false);
    } finally {
      typed.close();
      await server.close();
    }
  },
);
