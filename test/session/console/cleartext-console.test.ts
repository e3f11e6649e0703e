// The manual console's confirmation before credentials typed by hand go over a connection without
// TLS, per protocol and per form: POP3 PASS, APOP and AUTH, IMAP LOGIN and AUTHENTICATE, SMTP AUTH
// with a payload, the auth helper's bare AUTH LOGIN/PLAIN, and a SASL answer typed after a
// challenge. Each is held (the server sees nothing); Esc drops it; Enter sends it, masked, and
// the session then holds the error finding. What carries no password (USER, a bare CRAM-MD5)
// goes without asking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualConsole } from '../../../source/session/console/manual-console.js';
import { consoleFindings } from '../../../source/session/console/findings.js';
import { SessionRecorder } from '../../../source/record/recorder.js';
import type { FakePeer } from '../../helpers/fake-server.js';
import { startFakeServer } from '../../helpers/fake-server.js';
import { imap, pop3, smtp } from '../../hostile/personas.js';
import { until } from '../../helpers/timing.js';

const SECRET = 'hand-typed-pw-4';
const B64 = (text: string): string => Buffer.from(text).toString('base64');

type Protocol = 'smtp' | 'pop3' | 'imap';

/** A console on a scripted server without TLS; `lines` is what the server received. */
const withConsole = async (
  protocol: Protocol,
  script: (peer: FakePeer) => Promise<void>,
  body: (c: {
    console: ManualConsole;
    recorder: SessionRecorder;
    lines: string[];
    seen: (pattern: RegExp) => Promise<void>;
  }) => Promise<void>,
): Promise<void> => {
  const lines: string[] = [];
  const server = await startFakeServer(async (peer) => {
    const original = peer.line.bind(peer);
    peer.line = async (ms?: number) => {
      const line = await original(ms);
      lines.push(line);
      return line;
    };
    await script(peer);
  });
  const recorder = new SessionRecorder({ input: 'fake' }, { version: 'test' });
  const console = await ManualConsole.open({
    host: server.host,
    port: server.port,
    protocol,
    recorder,
  });
  const seen = (pattern: RegExp) =>
    until(() => recorder.session.transcript.some((l) => pattern.test(l.text)), String(pattern));
  try {
    await until(() => recorder.session.transcript.some((l) => l.dir === 'server'), 'greeting');
    await body({ console, recorder, lines, seen });
  } finally {
    console.close();
    await console.closed();
    await server.close();
  }
};

/**
 * Submits `line`: it must be held as clear text with nothing sent; Esc drops it (noted); typed
 * again and confirmed, it goes, masked on the record.
 */
const heldThenSent = async (
  c: Parameters<Parameters<typeof withConsole>[2]>[0],
  line: string,
  onTheWire: RegExp,
): Promise<void> => {
  const before = c.lines.length;
  c.console.submit(line);
  const held = c.console.getState().held;
  assert.equal(held?.cleartext, true, `${line} was not held as clear text`);
  assert.match(held?.warning ?? '', /without TLS/);
  assert.ok(!held?.display.join(' ').includes(SECRET), 'the held line shows the password');
  c.console.dropHeld();
  assert.equal(c.console.getState().held, undefined);
  assert.ok(
    c.recorder.session.transcript.some(
      (l) => l.dir === 'note' && /not sent \(dropped\)/.test(l.text),
    ),
  );
  // The dropped line never reached the server (a later line would have come after it).
  c.console.submit(line);
  c.console.sendHeld();
  await until(() => c.lines.slice(before).some((l) => onTheWire.test(l)), `${line} sent`);
  assert.equal(
    c.lines.slice(before).filter((l) => onTheWire.test(l)).length,
    1,
    'sent once: the dropped copy did not go',
  );
  const finding = consoleFindings(c.recorder.session)[0];
  assert.equal(finding?.severity, 'error');
  assert.equal(finding?.title, 'Credentials were sent without TLS');
};

const noSecret = (recorder: SessionRecorder): void =>
  assert.ok(!JSON.stringify(recorder.session).includes(SECRET), 'the password is in the session');

test('POP3: USER goes; PASS is held, dropped, then sent masked with the error finding', async () => {
  await withConsole('pop3', pop3({}), async (c) => {
    c.console.submit('USER alice');
    assert.equal(c.console.getState().held, undefined, 'USER carries no password');
    await c.seen(/^\+OK$/);
    await heldThenSent(c, `PASS ${SECRET}`, /^PASS /);
    assert.ok(
      c.recorder.session.transcript.some((l) => l.dir === 'client' && l.text === 'PASS ********'),
    );
    noSecret(c.recorder);
  });
});

test('POP3: APOP and AUTH PLAIN with a payload are held too', async () => {
  await withConsole('pop3', pop3({}), async (c) => {
    await heldThenSent(c, 'APOP alice c4c9334bac560ecc979e58001b3e22fb', /^APOP /);
  });
  await withConsole('pop3', pop3({}), async (c) => {
    await heldThenSent(c, `AUTH PLAIN ${B64(`\0alice\0${SECRET}`)}`, /^AUTH PLAIN /);
    noSecret(c.recorder);
  });
});

test('IMAP: LOGIN and AUTHENTICATE PLAIN with a payload are held, then sent masked', async () => {
  const caps = 'IMAP4rev1 AUTH=PLAIN SASL-IR';
  await withConsole('imap', imap({ capability: caps }), async (c) => {
    await heldThenSent(c, `a1 LOGIN alice ${SECRET}`, / LOGIN alice /);
    assert.ok(
      c.recorder.session.transcript.some(
        (l) => l.dir === 'client' && /LOGIN alice \*{8}/.test(l.text),
      ),
    );
    noSecret(c.recorder);
  });
  await withConsole('imap', imap({ capability: caps }), async (c) => {
    await heldThenSent(c, `a2 AUTHENTICATE PLAIN ${B64(`\0alice\0${SECRET}`)}`, / AUTHENTICATE /);
    noSecret(c.recorder);
  });
});

test("SMTP: AUTH with a payload, the helper's bare AUTH LOGIN, and an answer typed after 334", async () => {
  const ehlo = ['250-fake.test', '250 AUTH PLAIN LOGIN CRAM-MD5'];
  await withConsole('smtp', smtp({ ehlo }), async (c) => {
    c.console.submit('EHLO client.test');
    await c.seen(/^250 AUTH/);
    await heldThenSent(c, `AUTH PLAIN ${B64(`\0alice\0${SECRET}`)}`, /^AUTH PLAIN /);
    noSecret(c.recorder);
  });
  // The bare AUTH LOGIN opens the helper, which asks for the password: held before it asks.
  await withConsole('smtp', smtp({ ehlo }), async (c) => {
    c.console.submit('EHLO client.test');
    await c.seen(/^250 AUTH/);
    c.console.submit('AUTH LOGIN');
    assert.equal(c.console.getState().held?.cleartext, true, 'AUTH LOGIN held');
    assert.equal(c.console.getState().ask, undefined, 'no password asked before consent');
    c.console.sendHeld();
    assert.equal(c.console.getState().ask?.mechanism, 'LOGIN');
    assert.equal(consoleFindings(c.recorder.session)[0]?.severity, 'error');
  });
  // A mechanism without a password on the command line goes; the answer to its challenge is held.
  const challenge = smtp({
    ehlo,
    auth: async (peer, line) => {
      if (/^AUTH CRAM-MD5$/i.test(line)) peer.send(`334 ${B64('<1.2@fake.test>')}\r\n`);
      else peer.send('235 2.7.0 ok\r\n');
    },
  });
  await withConsole('smtp', challenge, async (c) => {
    c.console.submit('EHLO client.test');
    await c.seen(/^250 AUTH/);
    c.console.submit('AUTH CRAM-MD5');
    assert.equal(c.console.getState().held, undefined, 'the bare CRAM-MD5 carries no secret');
    await c.seen(/^334 /);
    const answer = B64(`alice 3f2b2c0a5e1d4f6a7b8c9d0e1f2a3b4c`);
    c.console.submit(answer);
    assert.equal(c.console.getState().held?.cleartext, true, 'the SASL answer is held');
    c.console.sendHeld();
    await until(() => c.lines.includes(answer), 'the answer sent');
    assert.ok(!JSON.stringify(c.recorder.session).includes(answer), 'the answer is masked');
  });
});
