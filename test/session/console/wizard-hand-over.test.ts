// The wizard's `m` after EHLO: the live controller answers the waiting proposal with `console`,
// and the console it returns goes on where the guide stopped, on the same connection and session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deadlinesFor } from '../../../source/net/deadlines.js';
import type { RunConfig } from '../../../source/session/config.js';
import { LiveSessionController } from '../../../source/session/live-controller.js';
import { startFakeServer } from '../../helpers/fake-server.js';
import { until } from '../../helpers/timing.js';

test(
  'm after EHLO: the console continues on the same connection and session',
  { timeout: 20_000 },
  async () => {
    let connections = 0;
    const received: string[] = [];
    const server = await startFakeServer(async (peer) => {
      connections += 1;
      peer.send('220 fake.test ESMTP\r\n');
      for (;;) {
        const line = await peer.line(10_000).catch(() => undefined);
        if (line === undefined) return;
        received.push(line);
        if (/^EHLO /i.test(line)) peer.send('250-fake.test\r\n250 PIPELINING\r\n');
        else if (/^MAIL/i.test(line)) peer.send('250 2.1.0 Ok\r\n');
        else if (/^QUIT/i.test(line)) {
          peer.send('221 bye\r\n');
          return peer.close();
        } else peer.send('502 no\r\n');
      }
    });
    const config: RunConfig = {
      target: {
        input: `127.0.0.1:${server.port}`,
        server: { host: '127.0.0.1', port: server.port },
      },
      tls: 'none',
      insecure: true,
      ca: [],
      ehlo: 'guided.test',
      from: 'a@fake.test',
      to: ['b@fake.test'],
      headers: [],
      resolvers: [],
      deadlines: deadlinesFor(5),
      steps: ['connect', 'banner', 'ehlo', 'send'],
      redactIdentities: false,
    };
    // The user goes through the guided steps as proposed, then presses m at MAIL FROM.
    const controller = new LiveSessionController({
      version: 'test',
      configFor: async () => config,
    });
    controller.start({ input: config.target.input });
    for (;;) {
      await until(() => controller.getGuide()?.pending !== undefined);
      const pending = controller.getGuide()!.pending!;
      if (pending.kind === 'command' && pending.display[0]?.startsWith('MAIL')) break;
      controller.answer(pending.id, { action: 'send' });
    }
    const typed = await controller.openManualConsole();
    try {
      await until(() => controller.getSession()?.steps.some((s) => s.id === 'send') ?? false);
      const send = controller.getSession()!.steps.find((s) => s.id === 'send')!;
      assert.equal(send.status, 'skipped');
      assert.match(send.summary, /continued by hand in the manual console/);
      typed.submit(['MAIL FROM:<typed@fake.test>']);
      assert.equal(typed.getState().held, undefined, 'the engine knows EHLO was done');
      await until(() => received.includes('MAIL FROM:<typed@fake.test>'));
      await until(() => typed.getSession().transcript.some((l) => l.text === '250 2.1.0 Ok'));
      assert.equal(connections, 1, 'one connection for the guided part and the console');
      assert.ok(
        !received.includes('QUIT'),
        "the guided run did not say goodbye on the console's line",
      );
    } finally {
      typed.console.close();
      await typed.console.closed();
      await server.close();
    }
  },
);
