// The wizard's guided poll: the user lets the mailbox step's first round go command by command;
// while the test message has not arrived, the later rounds go without asking, and the wizard
// shows the pause between them as a wait (esc ends it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deadlinesFor } from '../../source/net/deadlines.js';
import type { RunConfig } from '../../source/session/config.js';
import { LiveSessionController } from '../../source/session/live-controller.js';
import { MAILBOX_PASSWORD, MAILBOX_USER, startFakeImap } from '../helpers/fake-mailbox.js';
import { startFakeServer } from '../helpers/fake-server.js';
import { until } from '../helpers/timing.js';

/** SMTP that takes any message: the run sends one the fake mailbox will never hold. */
const startAcceptingSmtp = () =>
  startFakeServer(async (peer) => {
    peer.send('220 fake ESMTP\r\n');
    for (;;) {
      const line = await peer.line(10_000).catch(() => undefined);
      if (line === undefined) return;
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') peer.send('250 fake\r\n');
      else if (verb === 'DATA') {
        peer.send('354 go on\r\n');
        while ((await peer.line(10_000)) !== '.');
        peer.send('250 2.0.0 queued as FAKE1\r\n');
      } else if (verb === 'QUIT') {
        peer.send('221 bye\r\n');
        return peer.close();
      } else peer.send('250 ok\r\n');
    }
  });

/** A guided run that sends a message, then polls the fake IMAP for it until 3 s have passed. */
const pollingRun = async () => {
  const smtp = await startAcceptingSmtp();
  const imap = await startFakeImap();
  const config: RunConfig = {
    target: { input: `127.0.0.1:${smtp.port}`, server: { host: '127.0.0.1', port: smtp.port } },
    tls: 'none',
    insecure: false,
    plaintextAuth: true,
    ca: [],
    ehlo: 'guided.test',
    from: 'me@guided.test',
    to: ['you@fake.test'],
    headers: [],
    imap: { host: '127.0.0.1', port: imap.port, tls: false },
    mailbox: { user: MAILBOX_USER, password: MAILBOX_PASSWORD },
    resolvers: [],
    deadlines: deadlinesFor(3),
    steps: ['connect', 'banner', 'ehlo', 'send', 'imap'],
    redactIdentities: false,
  };
  const controller = new LiveSessionController({ version: 'test', configFor: async () => config });
  const imapStep = () => controller.getSession()?.steps.find((s) => s.id === 'imap');
  const polling = () =>
    controller
      .getSession()
      ?.transcript.some((l) => l.dir === 'note' && /without asking again/.test(l.text)) === true;
  controller.start({ input: config.target.input });
  // Every proposal up to the end of the first round is the user's: answered here one by one.
  let asked = 0;
  while (!polling()) {
    await until(() => controller.getGuide()?.pending !== undefined || polling());
    const pending = controller.getGuide()?.pending;
    if (pending && !polling()) {
      asked += 1;
      controller.answer(pending.id, { action: 'send' });
      await until(() => controller.getGuide()?.pending?.id !== pending.id);
    }
  }
  const close = async () => {
    await smtp.close();
    await imap.close();
  };
  return { controller, imap, imapStep, asked, close };
};

test('guided IMAP poll: round 1 asked command by command, later rounds unasked with the pause shown as a wait', async () => {
  const { controller, imap, imapStep, asked, close } = await pollingRun();
  try {
    assert.ok(asked >= 8, `the submission and the first IMAP round were asked (${asked})`);
    // From here nothing is asked, and the pause is shown as a wait, until the step gives up.
    let sawPause = false;
    await until(() => {
      const guide = controller.getGuide();
      assert.equal(guide?.pending, undefined, `asked again: ${guide?.pending?.display.join(' ')}`);
      if (guide?.wait?.what === 'the test message to arrive') sawPause = true;
      return imapStep() !== undefined;
    });
    assert.ok(sawPause, 'the pause between two rounds was shown as a wait');
    assert.match(imapStep()!.summary, /did not arrive within 3 s/);
    const searches = imap.sessions[0]!.filter((l) => / SEARCH /.test(l));
    assert.ok(searches.length >= 2, searches.join(' | '));
  } finally {
    await close();
  }
});

test('esc during the pause ends the poll: no next round, the step ends by the user, not by its deadline', async () => {
  const { controller, imap, imapStep, close } = await pollingRun();
  try {
    await until(() => controller.getGuide()?.wait?.what === 'the test message to arrive');
    const searched = imap.sessions[0]!.filter((l) => / SEARCH /.test(l)).length;
    controller.cancelWait();
    await until(() => imapStep() !== undefined, 'the IMAP step to end');
    // Nothing went out after esc: no next round, only the goodbye.
    assert.equal(imap.sessions[0]!.filter((l) => / SEARCH /.test(l)).length, searched);
    assert.equal(imapStep()!.status, 'skipped');
    assert.match(imapStep()!.summary, /^cancelled by the user while waiting/);
  } finally {
    await close();
  }
});
