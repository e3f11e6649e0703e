import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection } from '../../../source/net/connection.js';
import { SmtpEngine } from '../../../source/protocols/smtp/engine.js';
import { SessionRecorder } from '../../../source/record/recorder.js';
import { takeOver } from '../../../source/session/console/take-over.js';
import { SmtpConversation } from '../../../source/session/smtp-conversation.js';
import { startFakeServer } from '../../helpers/fake-server.js';
import { until } from '../../helpers/timing.js';

test(
  'the console takes over the wizard connection after EHLO and goes on on it',
  { timeout: 15_000 },
  async () => {
    let connections = 0;
    const server = await startFakeServer(async (peer) => {
      connections += 1;
      peer.send('220 fake.test ESMTP\r\n');
      for (;;) {
        const line = await peer.line(10_000).catch(() => undefined);
        if (line === undefined) return;
        if (/^EHLO/i.test(line)) peer.send('250-fake.test\r\n250 PIPELINING\r\n');
        else if (/^MAIL/i.test(line)) peer.send('250 2.1.0 Ok\r\n');
        else peer.send('502 5.5.2 Error\r\n');
      }
    });
    const recorder = new SessionRecorder({ input: 'fake' }, { version: 'test' });
    const connection = await Connection.open({ host: server.host, port: server.port });
    const conversation = new SmtpConversation(connection, new SmtpEngine(), recorder);
    await conversation.greeting('banner');
    await conversation.command('ehlo', { verb: 'EHLO', domain: 'client.test' });
    const handed = conversation.handOver();
    const console = takeOver({
      connection: handed.connection,
      live: { protocol: 'smtp', engine: handed.engine },
      recorder,
      servername: server.host,
      insecure: false,
      step: 'ehlo',
    });
    try {
      conversation.close(); // the wizard's step ends: it must not close what it handed over
      console.submit('MAIL FROM:<a@example.test>');
      assert.equal(console.getState().held, undefined, 'after EHLO, MAIL fits at once');
      await until(() => recorder.session.transcript.some((l) => l.text.startsWith('250 2.1.0')));
      assert.equal(connections, 1, 'the same connection');
      assert.ok(
        recorder.session.transcript.some((l) => /you have the SMTP connection/.test(l.text)),
      );
    } finally {
      console.close();
      await console.closed();
      await server.close();
    }
  },
);
