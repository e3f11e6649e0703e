import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualConsole } from '../../../source/session/console/manual-console.js';
import { consoleFindings } from '../../../source/session/console/findings.js';
import { SessionRecorder } from '../../../source/record/recorder.js';
import { startFakeServer } from '../../helpers/fake-server.js';
import { until } from '../../helpers/timing.js';

const smtpServer = () =>
  startFakeServer(async (peer) => {
    peer.send('220 fake.test ESMTP\r\n');
    for (;;) {
      const line = await peer.line(10_000).catch(() => undefined);
      if (line === undefined) return;
      if (/^EHLO/i.test(line)) peer.send('250-fake.test\r\n250 AUTH PLAIN\r\n');
      else if (/^MAIL/i.test(line)) peer.send('503 5.5.1 Error: send HELO/EHLO first\r\n');
      else if (/^AUTH PLAIN (.+)$/i.test(line))
        peer.send(
          `535 5.7.8 you sent ${line.slice(11)} = ${Buffer.from(line.slice(11), 'base64').toString('latin1').split('\0')[2]}\r\n`,
        );
      else if (/^QUIT/i.test(line)) {
        peer.send('221 bye\r\n');
        peer.close();
        return;
      } else peer.send('502 5.5.2 Error: command not recognized\r\n');
    }
  });

interface SmtpConsole {
  console: ManualConsole;
  recorder: SessionRecorder;
  /** Waits until a transcript line matches. */
  seen: (match: (text: string) => boolean) => Promise<void>;
  /** Sends EHLO and waits for its last line. */
  greet: () => Promise<void>;
}

/** A console on the scripted SMTP server, the banner already in; closed whatever happens. */
const withSmtpConsole = async (step: 'ehlo' | 'auth', body: (c: SmtpConsole) => Promise<void>) => {
  const server = await smtpServer();
  const recorder = new SessionRecorder({ input: 'fake' }, { version: 'test' });
  const console = await ManualConsole.open({
    host: server.host,
    port: server.port,
    protocol: 'smtp',
    recorder,
  });
  void step;
  const seen = (match: (text: string) => boolean) =>
    until(() => recorder.session.transcript.some((l) => match(l.text)));
  try {
    await seen((t) => t.startsWith('220'));
    await body({
      console,
      recorder,
      seen,
      greet: async () => {
        console.submit('EHLO client.test');
        assert.equal(console.getState().held, undefined);
        await seen((t) => t === '250 AUTH PLAIN');
      },
    });
  } finally {
    console.close();
    await console.closed();
    await server.close();
  }
};

test(
  'the manual console warns before a command in the wrong state, and sends it when forced',
  { timeout: 15_000 },
  () =>
    withSmtpConsole('ehlo', async ({ console, recorder, seen, greet }) => {
      console.submit('MAIL FROM:<a@example.test>');
      assert.match(console.getState().held?.warning ?? '', /not valid in state "ready"/);
      console.sendHeld();
      assert.equal(console.getState().held, undefined);
      await seen((t) => t.startsWith('503'));
      const reply = recorder.session.transcript.find((l) => l.text.startsWith('503'))!;
      assert.ok(reply.explanation && reply.explanation.length > 0, 'the reply is explained');
      assert.ok(
        recorder.session.transcript.some((l) => l.dir === 'note' && /sent although/.test(l.text)),
      );
      await greet();
      console.submit('MAIL FROM:<a@example.test>');
      assert.equal(console.getState().held, undefined, 'after EHLO, MAIL fits');
    }),
);

test(
  'an AUTH typed in the console is masked, and so is the server echoing it',
  { timeout: 15_000 },
  () =>
    withSmtpConsole('auth', async ({ console, recorder, seen, greet }) => {
      await greet();
      const payload = Buffer.from('\0bob\0console-secret-9').toString('base64');
      console.submit(`AUTH PLAIN ${payload}`);
      assert.equal(console.getState().held?.cleartext, true, 'held: no TLS');
      console.sendHeld();
      assert.ok(JSON.stringify(recorder.session.facts?.['console.cleartext']).includes('********'));
      const [finding] = consoleFindings(recorder.session);
      assert.equal(finding?.severity, 'error');
      assert.equal(finding?.title, 'Credentials were sent without TLS');
      assert.ok(finding.evidence.length > 0, 'points at the masked line');
      await seen((t) => t.startsWith('535'));
      const all = JSON.stringify(recorder.session);
      assert.ok(!all.includes(payload), 'payload leaked');
      assert.ok(!all.includes('console-secret-9'), 'password leaked');
      const sent = recorder.session.transcript.find(
        (l) => l.dir === 'client' && l.text.startsWith('AUTH'),
      )!;
      assert.equal(sent.secret, true);
      assert.equal(sent.text, 'AUTH PLAIN ********');
    }),
);

test(
  'a hand-typed AUTH PLAIN without the leading NUL is judged before it is masked',
  { timeout: 15_000 },
  () =>
    withSmtpConsole('auth', async ({ console, recorder, seen, greet }) => {
      await greet();
      console.submit(`AUTH PLAIN ${Buffer.from('bob\0typed-secret-5').toString('base64')}`);
      console.sendHeld();
      await seen((t) => t.startsWith('535'));
      assert.deepEqual(recorder.session.facts?.['auth.payload'], {
        mechanism: 'PLAIN',
        issues: ['missing-leading-nul'],
      });
      assert.ok(!JSON.stringify(recorder.session).includes('typed-secret-5'));
    }),
);

test(
  'the console speaks to any TCP service: an HTTP HEAD request',
  { timeout: 15_000 },
  async () => {
    const server = await startFakeServer(async (peer) => {
      const request = await peer.line();
      await peer.line(); // Host
      await peer.line(); // blank line ends the request
      peer.send(`HTTP/1.1 200 OK\r\nServer: fake/1.0\r\nX-Request: ${request}\r\n\r\n`);
      peer.close();
    });
    const recorder = new SessionRecorder({ input: 'fake' }, { version: 'test' });
    const console = await ManualConsole.open({
      host: server.host,
      port: server.port,
      protocol: 'auto',
      recorder,
    });
    try {
      console.submit(['HEAD / HTTP/1.1', 'Host: fake.test', '']);
      await console.closed();
      const lines = recorder.session.transcript
        .filter((l) => l.dir === 'server')
        .map((l) => l.text);
      assert.deepEqual(lines.slice(0, 3), [
        'HTTP/1.1 200 OK',
        'Server: fake/1.0',
        'X-Request: HEAD / HTTP/1.1',
      ]);
      assert.equal(console.isOpen, false);
      console.submit('more');
      assert.ok(recorder.session.transcript.some((l) => /^not sent: /.test(l.text)));
    } finally {
      await server.close();
    }
  },
);

test('a line with CR or LF is refused by the console', { timeout: 15_000 }, async () => {
  const server = await startFakeServer(() => undefined);
  const recorder = new SessionRecorder({ input: 'fake' }, { version: 'test' });
  const console = await ManualConsole.open({
    host: server.host,
    port: server.port,
    protocol: 'raw',
    recorder,
  });
  try {
    console.submit('GET /\r\nX: y');
    assert.ok(
      recorder.session.transcript.some((l) => /not sent: .*carriage return/.test(l.text)),
      'refused with the reason',
    );
    assert.ok(!recorder.session.transcript.some((l) => l.dir === 'client'));
  } finally {
    console.close();
    await console.closed();
    await server.close();
  }
});

test('a greeting dripped a byte at a time is on screen as it arrives, then recorded whole', async () => {
  const greeting = '220 tarpit.test ESMTP dripping\r\n';
  // The server sends one byte, then the next only when the test has seen it shown.
  let release: (() => void) | undefined;
  const server = await startFakeServer(async (peer) => {
    for (const byte of greeting) {
      peer.send(byte);
      await new Promise<void>((resolve) => (release = resolve));
    }
    await peer.line(10_000).catch(() => undefined);
  });
  const recorder = new SessionRecorder({ input: 'fake' }, { version: 'test' });
  const console = await ManualConsole.open({
    host: server.host,
    port: server.port,
    protocol: 'auto',
    recorder,
  });
  try {
    const shown: string[] = [];
    for (let i = 1; i < greeting.length - 1; i += 1) {
      await until(() => console.getState().incoming?.bytes === i);
      shown.push(console.getState().incoming!.text);
      release?.();
    }
    assert.equal(shown[0], '2');
    assert.equal(shown.at(-1), '220 tarpit.test ESMTP dripping');
    // Nothing recorded while the line had not ended: the transcript only gets whole replies.
    assert.ok(!recorder.session.transcript.some((l) => l.dir === 'server'));
    release?.(); // the CR
    await until(() => console.getState().incoming?.bytes === greeting.length - 1);
    release?.(); // the LF ends the line
    await until(() => recorder.session.transcript.some((l) => l.text.startsWith('220 tarpit')));
    await until(() => console.getState().incoming === undefined);
    assert.equal(console.getState().protocol, 'smtp');
  } finally {
    release?.();
    console.close();
    await server.close();
  }
});

test(
  "a line typed during the auth helper's exchange waits for its end: never sent as an answer",
  { timeout: 15_000 },
  async () => {
    const b64 = (text: string): string => Buffer.from(text).toString('base64');
    const password = 'helper-secret-3';
    const received: string[] = [];
    let askPassword: () => void = () => undefined;
    const passwordAsked = new Promise<void>((resolve) => (askPassword = resolve));
    const server = await startFakeServer(async (peer) => {
      peer.send('220 fake.test ESMTP\r\n');
      for (;;) {
        const line = await peer.line(10_000).catch(() => undefined);
        if (line === undefined) return;
        received.push(line);
        if (/^EHLO/i.test(line)) peer.send('250-fake.test\r\n250 AUTH LOGIN\r\n');
        else if (line === 'AUTH LOGIN') peer.send('334 VXNlcm5hbWU6\r\n');
        else if (line === b64('bob')) {
          // The password challenge comes only when the test says: a line is typed before it.
          await passwordAsked;
          peer.send('334 UGFzc3dvcmQ6\r\n');
        } else if (line === b64(password)) peer.send('235 2.7.0 Authentication successful\r\n');
        else if (/^QUIT$/i.test(line)) {
          peer.send('221 bye\r\n');
          peer.close();
          return;
        } else {
          peer.send('535 5.7.8 Error: authentication failed\r\n');
          peer.close();
          return;
        }
      }
    });
    const recorder = new SessionRecorder({ input: 'fake' }, { version: 'test' });
    const console = await ManualConsole.open({
      host: server.host,
      port: server.port,
      protocol: 'smtp',
      recorder,
    });
    const seen = (match: (text: string) => boolean) =>
      until(() => recorder.session.transcript.some((l) => match(l.text)));
    try {
      await seen((t) => t.startsWith('220'));
      console.submit('EHLO client.test');
      await seen((t) => t === '250 AUTH LOGIN');
      console.submit('AUTH LOGIN');
      console.sendHeld(); // no TLS on the fake server: consent to the cleartext login
      assert.equal(console.getState().ask?.mechanism, 'LOGIN');
      console.authenticate('bob', password);
      await until(() => received.includes(b64('bob')));
      // Typed while the server has not asked for the password yet (the e2e test's QUIT).
      console.submit('QUIT');
      const clientLines = () =>
        recorder.session.transcript.filter((l) => l.dir === 'client').map((l) => l.text);
      assert.deepEqual(clientLines(), ['EHLO client.test', 'AUTH LOGIN', b64('bob')]);
      assert.equal(console.getState().queued, 1, 'QUIT waits, and the screen says so');
      askPassword();
      await seen((t) => t.startsWith('221'));
      assert.deepEqual(received, [
        'EHLO client.test',
        'AUTH LOGIN',
        b64('bob'),
        b64(password),
        'QUIT',
      ]);
      assert.deepEqual(clientLines(), [
        'EHLO client.test',
        'AUTH LOGIN',
        b64('bob'),
        '********',
        'QUIT',
      ]);
      assert.ok(!JSON.stringify(recorder.session).includes(password), 'password leaked');
    } finally {
      console.close();
      await console.closed();
      await server.close();
    }
  },
);
