// Credentials over a connection without TLS in the guided run: the step stops at a `consent`
// proposal. Declined, nothing goes (the server never sees a login line) and the step is skipped
// with the reason; accepted, the login goes masked in the record and the error finding says the
// password crossed in clear. Against scripted servers on port 0 (no real one offers AUTH in clear).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSession } from '../../source/session/runner.js';
import type { RunConfig } from '../../source/session/config.js';
import type { CommandGate, GateDecision, Proposal } from '../../source/session/gate.js';
import { factOf } from '../../source/record/facts.js';
import type { Session } from '../../source/record/types.js';
import { deadlinesFor } from '../../source/net/deadlines.js';
import { startFakeServer } from '../helpers/fake-server.js';
import type { FakeServer } from '../helpers/fake-server.js';
import { imap, pop3, smtp } from '../hostile/personas.js';

const PASSWORD = 'consent-secret-31';

const smtpConfig = (port: number, tls: RunConfig['tls'] = 'auto'): RunConfig => ({
  target: { input: `127.0.0.1:${port}`, server: { host: '127.0.0.1', port } },
  tls,
  insecure: false,
  ca: [],
  ehlo: 'consent.test',
  auth: { user: 'alice', mechanism: 'plain', password: PASSWORD },
  to: [],
  headers: [],
  resolvers: [],
  deadlines: deadlinesFor(5),
  steps: ['connect', 'banner', 'ehlo', 'tls', 'auth'],
  redactIdentities: false,
});

const mailboxConfig = (step: 'pop3' | 'imap', port: number): RunConfig => ({
  target: { input: '127.0.0.1' },
  tls: 'auto',
  insecure: false,
  ca: [],
  ehlo: 'consent.test',
  to: [],
  headers: [],
  resolvers: [],
  deadlines: deadlinesFor(5),
  steps: [step],
  redactIdentities: false,
  [step]: { host: '127.0.0.1', port, tls: false },
  mailbox: { user: 'alice', password: PASSWORD },
});

/** A gate that sends every command and answers the clear-text question with `answer`. */
const gateAnswering = (answer: GateDecision) => {
  const asked: Proposal[] = [];
  const gate: CommandGate = {
    confirm: async (proposal) => {
      if (proposal.kind !== 'consent') return { action: 'send' };
      asked.push(proposal);
      return answer;
    },
  };
  return { gate, asked };
};

/** Records what the client sent, line by line, across connections. */
const withLog = (script: ReturnType<typeof smtp>) => {
  const lines: string[] = [];
  return {
    lines,
    script: async (peer: Parameters<ReturnType<typeof smtp>>[0]) => {
      const original = peer.line.bind(peer);
      peer.line = async (timeoutMs?: number) => {
        const line = await original(timeoutMs);
        lines.push(line);
        return line;
      };
      await script(peer);
    },
  };
};

const noSecret = (session: Session): void =>
  assert.ok(!JSON.stringify(session).includes(PASSWORD), 'the password is in the session');

const errorIds = (session: Session): string[] =>
  session.findings.filter((f) => f.severity === 'error').map((f) => f.id);

const using = async (
  server: Promise<FakeServer>,
  body: (server: FakeServer) => Promise<void>,
): Promise<void> => {
  const s = await server;
  try {
    await body(s);
  } finally {
    await s.close();
  }
};

/** A POP3 server without STLS (the persona's login catch-all would take STAT for a SASL line). */
const plainPop3 = () =>
  pop3({ login: (p, line) => p.send(line === 'STAT' ? '+OK 1 120\r\n' : '+OK\r\n') });

const AUTH_IN_CLEAR = ['250-fake.test', '250 AUTH PLAIN LOGIN'];

test('SMTP: declined at the question, no AUTH line is sent; the step is skipped with the reason', async () => {
  const log = withLog(smtp({ ehlo: AUTH_IN_CLEAR }));
  await using(startFakeServer(log.script), async (server) => {
    const { gate, asked } = gateAnswering({ action: 'skip', reason: 'the user chose to skip' });
    const session = await runSession(smtpConfig(server.port), { version: 'test', gate });
    assert.equal(asked.length, 1);
    const question = asked[0]!;
    assert.equal(question.step, 'auth');
    assert.equal(question.secret, true);
    assert.equal(question.editable, false);
    assert.equal(question.consent?.user, 'alice');
    assert.match(
      question.consent?.risk ?? '',
      /^No TLS to 127\.0\.0\.1.*password of alice readable by anyone on the path/,
    );
    // STARTTLS not offered: the TLS alternative is the implicit port.
    assert.deepEqual(question.consent?.alternative, {
      kind: 'implicit',
      port: 465,
      label: 'Try implicit TLS on port 465 instead',
    });
    assert.ok(!question.display.join(' ').includes(PASSWORD));
    assert.deepEqual(
      log.lines.filter((l) => /^AUTH/i.test(l)),
      [],
      'the server saw an AUTH line',
    );
    const auth = session.steps.find((s) => s.id === 'auth')!;
    assert.equal(auth.status, 'skipped');
    assert.equal(auth.summary, 'the password was not sent in clear text: the user chose to skip');
    assert.deepEqual(factOf(session, 'auth.cleartext'), {
      sent: false,
      protocol: 'smtp',
      host: '127.0.0.1',
      port: server.port,
      user: 'alice',
      consent: 'declined',
      choice: 'the user chose to skip',
    });
    assert.ok(!errorIds(session).includes('auth.cleartext'));
    noSecret(session);
  });
});

test('SMTP: accepted, AUTH goes (masked in the record) and the error finding says it went in clear', async () => {
  const log = withLog(smtp({ ehlo: AUTH_IN_CLEAR }));
  await using(startFakeServer(log.script), async (server) => {
    const { gate, asked } = gateAnswering({ action: 'send' });
    const session = await runSession(smtpConfig(server.port), { version: 'test', gate });
    assert.equal(asked.length, 1);
    const sent = log.lines.filter((l) => /^AUTH PLAIN /i.test(l));
    assert.equal(sent.length, 1, 'the server saw one AUTH PLAIN line');
    assert.equal(
      Buffer.from(sent[0]!.split(' ')[2]!, 'base64').toString('utf8'),
      `\0alice\0${PASSWORD}`,
    );
    assert.deepEqual(
      [
        session.steps.find((s) => s.id === 'auth')?.status,
        session.steps.find((s) => s.id === 'auth')?.summary,
      ],
      [
        'ok',
        'authenticated as alice with PLAIN (password sent in clear text: the user agreed, for this run)',
      ],
    );
    const onRecord = session.transcript.filter(
      (l) => l.step === 'auth' && l.dir === 'client' && l.text !== 'QUIT',
    );
    assert.deepEqual(
      onRecord.map((l) => l.text),
      ['AUTH PLAIN ********'],
    );
    assert.equal(factOf(session, 'auth.cleartext')?.consent, 'asked');
    const finding = session.findings.find((f) => f.id === 'auth.cleartext');
    assert.equal(finding?.severity, 'error');
    assert.match(finding?.explanation ?? '', /answered "send in clear text this once"/);
    assert.ok(
      session.transcript.some((l) => l.dir === 'note' && /the user agreed/.test(l.text)),
      'the consent is noted in the transcript',
    );
    noSecret(session);
  });
});

test('SMTP with --tls none and STARTTLS offered: the alternative is STARTTLS; stop ends the run there', async () => {
  const log = withLog(smtp({ ehlo: ['250-fake.test', '250-STARTTLS', '250 AUTH PLAIN'] }));
  await using(startFakeServer(log.script), async (server) => {
    const { gate, asked } = gateAnswering({
      action: 'stop',
      reason: 'the user chose STARTTLS instead',
    });
    const config = smtpConfig(server.port, 'none');
    config.steps = ['connect', 'banner', 'ehlo', 'auth', 'send'];
    config.to = ['bob@example.test'];
    const session = await runSession(config, { version: 'test', gate });
    assert.equal(asked[0]?.consent?.alternative?.kind, 'starttls');
    assert.deepEqual(
      log.lines.filter((l) => /^(AUTH|MAIL)/i.test(l)),
      [],
    );
    assert.deepEqual(
      session.steps
        .filter((s) => ['auth', 'send'].includes(s.id))
        .map((s) => [s.id, s.status, s.summary]),
      [
        [
          'auth',
          'skipped',
          'the password was not sent in clear text: the user chose STARTTLS instead',
        ],
        ['send', 'skipped', 'not run: stopped at auth'],
      ],
    );
    noSecret(session);
  });
});

test('SMTP: with the setting (--plaintext-auth) nothing is asked, and it is still an error finding', async () => {
  await using(startFakeServer(smtp({ ehlo: AUTH_IN_CLEAR })), async (server) => {
    const { gate, asked } = gateAnswering({ action: 'skip' });
    const config = { ...smtpConfig(server.port), plaintextAuth: true };
    const session = await runSession(config, { version: 'test', gate });
    assert.equal(asked.length, 0);
    assert.equal(factOf(session, 'auth.cleartext')?.consent, 'setting');
    assert.match(
      session.steps.find((s) => s.id === 'auth')?.summary ?? '',
      /\(password sent in clear text: setting "Password w\/o TLS: send"\)$/,
    );
    assert.ok(errorIds(session).includes('auth.cleartext'));
    noSecret(session);
  });
});

test('check (no gate, no --plaintext-auth): refused as before, nothing sent', async () => {
  const log = withLog(smtp({ ehlo: AUTH_IN_CLEAR }));
  await using(startFakeServer(log.script), async (server) => {
    const session = await runSession(smtpConfig(server.port), { version: 'test' });
    assert.equal(session.steps.find((s) => s.id === 'auth')?.status, 'error');
    assert.deepEqual(
      log.lines.filter((l) => /^AUTH/i.test(l)),
      [],
    );
    assert.equal(factOf(session, 'auth.cleartext')?.sent, false);
  });
});

test('POP3 without STLS: declined, no USER/PASS; accepted, USER/PASS masked and the finding', async () => {
  const declinedLog = withLog(plainPop3());
  await using(startFakeServer(declinedLog.script), async (server) => {
    const { gate, asked } = gateAnswering({ action: 'skip', reason: 'the user chose to skip' });
    const session = await runSession(mailboxConfig('pop3', server.port), {
      version: 'test',
      gate,
    });
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.consent?.protocol, 'pop3');
    assert.deepEqual(asked[0]?.consent?.alternative, {
      kind: 'implicit',
      port: 995,
      label: 'Try POP3 over TLS on port 995 instead',
    });
    assert.deepEqual(
      declinedLog.lines.filter((l) => /^(USER|PASS|APOP|AUTH)/i.test(l)),
      [],
    );
    const step = session.steps.find((s) => s.id === 'pop3')!;
    assert.deepEqual(
      [step.status, step.summary],
      ['skipped', 'the password was not sent in clear text: the user chose to skip'],
    );
  });
  const acceptedLog = withLog(plainPop3());
  await using(startFakeServer(acceptedLog.script), async (server) => {
    const { gate } = gateAnswering({ action: 'send' });
    const session = await runSession(mailboxConfig('pop3', server.port), {
      version: 'test',
      gate,
    });
    assert.deepEqual(
      acceptedLog.lines.filter((l) => /^(USER|PASS)/i.test(l)),
      ['USER alice', `PASS ${PASSWORD}`],
    );
    assert.ok(
      session.transcript.some((l) => l.dir === 'client' && l.text === 'PASS ********'),
      'PASS is masked in the record',
    );
    assert.equal(
      session.steps.find((s) => s.id === 'pop3')?.status,
      'ok',
      session.steps.find((s) => s.id === 'pop3')?.summary,
    );
    assert.ok(errorIds(session).includes('pop3.cleartext'));
    assert.match(
      session.steps.find((s) => s.id === 'pop3')?.summary ?? '',
      /^logged in as alice; .* \(password sent in clear text: the user agreed, for this run\)$/,
    );
    noSecret(session);
  });
});

test('POP3 stopped at the question (the wizard\'s "TLS instead"): skipped, IMAP not run, no exit 3', async () => {
  const log = withLog(plainPop3());
  await using(startFakeServer(log.script), async (server) => {
    const { gate } = gateAnswering({
      action: 'stop',
      reason: 'the user chose TLS on port 995 instead',
    });
    const config = mailboxConfig('pop3', server.port);
    config.steps = ['pop3', 'imap'];
    config.imap = { host: '127.0.0.1', port: server.port };
    const session = await runSession(config, { version: 'test', gate });
    assert.equal(session.failure, undefined);
    assert.deepEqual(
      session.steps.map((s) => [s.id, s.status]),
      [
        ['pop3', 'skipped'],
        ['imap', 'skipped'],
      ],
    );
    assert.equal(session.steps[1]?.summary, 'not run: stopped at pop3');
    assert.deepEqual(
      log.lines.filter((l) => /^(USER|PASS)/i.test(l)),
      [],
    );
  });
});

test('IMAP without STARTTLS: declined, no LOGIN; accepted, LOGIN masked and the finding', async () => {
  const declinedLog = withLog(imap({ capability: 'IMAP4rev1' }));
  await using(startFakeServer(declinedLog.script), async (server) => {
    const { gate, asked } = gateAnswering({ action: 'skip', reason: 'the user chose to skip' });
    const session = await runSession(mailboxConfig('imap', server.port), {
      version: 'test',
      gate,
    });
    assert.equal(asked[0]?.consent?.protocol, 'imap');
    assert.deepEqual(
      declinedLog.lines.filter((l) => / (LOGIN|AUTHENTICATE) /i.test(l)),
      [],
    );
    assert.equal(session.steps.find((s) => s.id === 'imap')?.status, 'skipped');
  });
  const acceptedLog = withLog(imap({ capability: 'IMAP4rev1' }));
  await using(startFakeServer(acceptedLog.script), async (server) => {
    const { gate } = gateAnswering({ action: 'send' });
    const session = await runSession(mailboxConfig('imap', server.port), {
      version: 'test',
      gate,
    });
    assert.equal(
      acceptedLog.lines.filter((l) => / LOGIN /i.test(l) && l.includes(PASSWORD)).length,
      1,
    );
    assert.ok(
      session.transcript.some(
        (l) => l.dir === 'client' && / LOGIN /.test(l.text) && l.text.includes('********'),
      ),
    );
    assert.ok(errorIds(session).includes('imap.cleartext'));
    noSecret(session);
  });
});

test('consent given, then the AUTH or LOGIN command skipped: nothing secret went, and nothing says it did', async () => {
  const skipLogin: CommandGate = {
    confirm: async (proposal) => {
      if (proposal.kind === 'consent') return { action: 'send' };
      return proposal.secret ? { action: 'skip' } : { action: 'send' };
    },
  };
  const log = withLog(smtp({ ehlo: AUTH_IN_CLEAR }));
  await using(startFakeServer(log.script), async (server) => {
    const session = await runSession(smtpConfig(server.port), { version: 'test', gate: skipLogin });
    assert.ok(!log.lines.some((l) => /^AUTH /i.test(l)), log.lines.join('\n'));
    assert.equal(session.steps.find((s) => s.id === 'auth')?.status, 'skipped');
    assert.equal(factOf(session, 'auth.cleartext')?.sent, false);
    assert.ok(!errorIds(session).includes('auth.cleartext'), errorIds(session).join(', '));
  });
  const pop3Log = withLog(plainPop3());
  await using(startFakeServer(pop3Log.script), async (server) => {
    const session = await runSession(mailboxConfig('pop3', server.port), {
      version: 'test',
      gate: skipLogin,
    });
    assert.ok(!pop3Log.lines.some((l) => /^PASS /i.test(l)), pop3Log.lines.join('\n'));
    assert.equal(factOf(session, 'pop3.cleartext')?.sent, false);
    assert.ok(!errorIds(session).includes('pop3.cleartext'), errorIds(session).join(', '));
    noSecret(session);
  });
});
