// The guided mailbox steps: every POP3 and IMAP command is proposed before it goes (secrets
// masked and not editable), an edit goes out as typed and is tracked by the engine, a skip ends
// the step as skipped, a stop ends the run, and the goodbye after the step is not a decision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deadlinesFor } from '../../source/net/deadlines.js';
import type { RunConfig } from '../../source/session/config.js';
import type { CommandGate, GateDecision, Proposal } from '../../source/session/gate.js';
import { runSession } from '../../source/session/runner.js';
import type { Session } from '../../source/record/types.js';
import {
  MAILBOX_PASSWORD,
  MAILBOX_USER,
  mailboxRunConfig,
  TARGET_ID,
  startFakeImap,
  startFakePop3,
} from '../helpers/fake-mailbox.js';

/** A gate that answers from a script by the proposal's first line, "send" otherwise. */
const scripted = (
  answer: (p: Proposal) => GateDecision | undefined = () => undefined,
): CommandGate & { seen: Proposal[] } => {
  const seen: Proposal[] = [];
  return {
    seen,
    confirm: async (proposal) => {
      seen.push(proposal);
      return answer(proposal) ?? { action: 'send' };
    },
  };
};

/** Runs as if the session had just sent the message with TARGET_ID. */
const run = (cfg: RunConfig, gate: CommandGate, lookFor = true): Promise<Session> =>
  runSession(cfg, {
    version: 'test',
    gate,
    onRecorder: (recorder) => {
      if (lookFor) recorder.update((s) => void (s.delivery = { messageId: TARGET_ID }));
    },
  });

const step = (session: Session, id: string) => session.steps.find((s) => s.id === id)!;
const client = (session: Session) =>
  session.transcript.filter((l) => l.dir === 'client').map((l) => l.text);

test('POP3: each command is proposed, PASS masked and not editable, QUIT not asked', async () => {
  const server = await startFakePop3();
  const gate = scripted();
  try {
    const session = await run(mailboxRunConfig('pop3', server.port), gate);
    assert.equal(step(session, 'pop3').status, 'ok', step(session, 'pop3').summary);
    assert.match(step(session, 'pop3').summary, /found the test message as message 2/);
    assert.deepEqual(
      gate.seen.map((p) => [p.kind, p.display.join(' | '), p.editable, p.secret]),
      [
        [
          'step',
          `POP3 127.0.0.1:${server.port}: log in as ${MAILBOX_USER}, look for the test message`,
          false,
          false,
        ],
        ['command', 'CAPA', true, false],
        ['command', `USER ${MAILBOX_USER}`, true, false],
        ['command', 'PASS ********', false, true],
        ['command', 'STAT', true, false],
        ['command', 'TOP 2 0', true, false],
        ['command', 'RETR 2', true, false],
      ],
    );
    assert.ok(gate.seen.every((p) => p.step === 'pop3'));
    assert.ok(gate.seen.slice(1).every((p) => p.deadline === 'command' && p.check));
    // The goodbye went, without a proposal.
    assert.equal(server.sessions[0]!.at(-1), 'QUIT');
    assert.ok(!JSON.stringify(session).includes(MAILBOX_PASSWORD));
  } finally {
    await server.close();
  }
});

test('POP3: an edited line goes out as typed; the step reads what the engine learned from it', async () => {
  const server = await startFakePop3();
  const gate = scripted((p) =>
    p.display[0] === 'STAT' ? { action: 'edit', line: 'LIST' } : undefined,
  );
  try {
    const session = await run(mailboxRunConfig('pop3', server.port), gate);
    assert.deepEqual(server.sessions[0], [
      'CAPA',
      `USER ${MAILBOX_USER}`,
      `PASS ${MAILBOX_PASSWORD}`,
      'LIST',
      'TOP 2 0',
      'RETR 2',
      'QUIT',
    ]);
    assert.ok(client(session).includes('LIST'));
    assert.ok(!client(session).includes('STAT'));
    // The listing was collected whole and gave the newest message's number.
    assert.ok(session.transcript.some((l) => l.dir === 'server' && /^2 \d+$/.test(l.text)));
    assert.ok(
      session.transcript.some(
        (l) =>
          l.dir === 'note' &&
          /you sent "LIST" instead of STAT: .*newest message is number 2/.test(l.text),
      ),
    );
    assert.equal(step(session, 'pop3').status, 'ok');
  } finally {
    await server.close();
  }
});

test('POP3: STAT edited to UIDL still gives the count; to "LIST 1", the count is unknown and said so', async () => {
  for (const [edit, expect] of [
    ['UIDL', /found the test message as message 2/],
    ['LIST 1', /the message count is unknown \(STAT was replaced by "LIST 1"\)/],
  ] as const) {
    const server = await startFakePop3();
    const gate = scripted((p) =>
      p.display[0] === 'STAT' ? { action: 'edit', line: edit } : undefined,
    );
    try {
      const session = await run(mailboxRunConfig('pop3', server.port), gate);
      assert.match(step(session, 'pop3').summary, expect);
      assert.equal(step(session, 'pop3').status, edit === 'UIDL' ? 'ok' : 'warning');
    } finally {
      await server.close();
    }
  }
});

test('POP3: check() judges an edited line against the engine state at that moment', async () => {
  const server = await startFakePop3();
  const verdicts: Array<[string, string | undefined, string | undefined]> = [];
  const gate = scripted((p) => {
    if (p.kind !== 'command') return undefined;
    verdicts.push([p.display[0]!, p.check?.('RETR 1'), p.check?.('NOOP')]);
    return undefined;
  });
  try {
    await run(mailboxRunConfig('pop3', server.port), gate, false);
    const [capa, , , stat] = verdicts;
    assert.equal(capa![0], 'CAPA');
    assert.match(capa![1]!, /not valid in state "authorization".*log in first/);
    assert.match(capa![2]!, /not valid in state "authorization"/);
    assert.equal(stat![0], 'STAT');
    assert.equal(stat![1], undefined, 'RETR fits once logged in');
  } finally {
    await server.close();
  }
});

test('POP3: a line that does not fit, sent anyway, gets the server’s answer and the step says so', async () => {
  const server = await startFakePop3();
  const gate = scripted((p) =>
    p.display[0] === `USER ${MAILBOX_USER}` ? { action: 'edit', line: 'RETR 1' } : undefined,
  );
  try {
    const session = await run(mailboxRunConfig('pop3', server.port), gate, false);
    assert.equal(step(session, 'pop3').status, 'error');
    assert.match(step(session, 'pop3').summary, /USER refused: -ERR no such message/);
    assert.equal(server.sessions[0]!.at(-1), 'QUIT');
  } finally {
    await server.close();
  }
});

test('POP3: skip at a command ends the step as skipped with the reason; the run goes on', async () => {
  const server = await startFakePop3();
  const imap = await startFakeImap();
  const gate = scripted((p) =>
    p.display[0] === 'STAT' ? { action: 'skip', reason: 'enough for today' } : undefined,
  );
  try {
    const cfg = mailboxRunConfig('pop3', server.port);
    cfg.imap = { host: '127.0.0.1', port: imap.port, tls: false };
    cfg.steps = ['pop3', 'imap'];
    const session = await run(cfg, gate);
    assert.equal(step(session, 'pop3').status, 'skipped');
    // PASS went (in clear, as the fake server has no STLS and the setting allows it) before STAT.
    assert.match(
      step(session, 'pop3').summary,
      /^skipped by the user: enough for today \(password sent in clear text: /,
    );
    assert.equal(step(session, 'imap').status, 'ok', 'the next step still ran');
    assert.deepEqual(server.sessions[0], [
      'CAPA',
      `USER ${MAILBOX_USER}`,
      `PASS ${MAILBOX_PASSWORD}`,
      'QUIT',
    ]);
  } finally {
    await server.close();
    await imap.close();
  }
});

test('POP3: stop at a command ends the run: this step skipped, the rest not run', async () => {
  const server = await startFakePop3();
  const gate = scripted((p) => (p.display[0] === 'STAT' ? { action: 'stop' } : undefined));
  try {
    const cfg = mailboxRunConfig('pop3', server.port);
    cfg.imap = { host: '127.0.0.1', port: 9, tls: false };
    cfg.steps = ['pop3', 'imap'];
    const session = await run(cfg, gate);
    assert.deepEqual(
      session.steps.map((s) => [s.id, s.status]),
      [
        ['pop3', 'skipped'],
        ['imap', 'skipped'],
      ],
    );
    assert.match(step(session, 'pop3').summary, /stopped by the user before a pop3 command/);
    assert.match(step(session, 'imap').summary, /not run: stopped at pop3/);
    assert.ok(!gate.seen.some((p) => p.step === 'imap'), 'nothing was proposed after the stop');
    assert.equal(session.failure, undefined);
  } finally {
    await server.close();
  }
});

test('IMAP: each command is proposed with its tag, LOGIN masked, LOGOUT not asked', async () => {
  const server = await startFakeImap();
  const gate = scripted();
  try {
    const session = await run(mailboxRunConfig('imap', server.port), gate);
    assert.equal(step(session, 'imap').status, 'ok', step(session, 'imap').summary);
    assert.match(step(session, 'imap').summary, /found the test message as message 2/);
    assert.deepEqual(
      gate.seen.slice(1).map((p) => [p.display.join(' | '), p.editable, p.secret]),
      [
        [`a1 LOGIN "${MAILBOX_USER}" ********`, false, true],
        ['a2 EXAMINE "INBOX"', true, false],
        [`a3 SEARCH HEADER Message-ID "${TARGET_ID}"`, true, false],
        ['a4 FETCH 2 (UID RFC822.SIZE BODY.PEEK[HEADER])', true, false],
      ],
    );
    // What was proposed is what went out, tag for tag.
    assert.deepEqual(
      server.sessions[0]!.slice(1, 4),
      gate.seen.slice(2).map((p) => p.display[0]),
    );
    assert.equal(server.sessions[0]!.at(-1), 'a5 LOGOUT');
    assert.ok(!JSON.stringify(session).includes(MAILBOX_PASSWORD));
  } finally {
    await server.close();
  }
});

test('IMAP: EXAMINE edited to SELECT is tracked (selected read-write); check() sees the state', async () => {
  const server = await startFakeImap();
  let warned: string | undefined;
  let fits: string | undefined;
  const gate = scripted((p) => {
    if (p.display[0]?.startsWith('a1 LOGIN')) warned = p.check?.('a9 FETCH 1 (FLAGS)');
    if (p.display[0] === 'a2 EXAMINE "INBOX"') {
      fits = p.check?.('a2 SELECT INBOX');
      return { action: 'edit', line: 'a2 SELECT INBOX' };
    }
    return undefined;
  });
  try {
    const session = await run(mailboxRunConfig('imap', server.port), gate);
    assert.match(warned!, /FETCH is not valid in state "not-authenticated"/);
    assert.equal(fits, undefined);
    // The proposal's own tag typed back stays the engine's: the next command is a3.
    assert.deepEqual(server.sessions[0]!.slice(1, 3), [
      'a2 SELECT INBOX',
      `a3 SEARCH HEADER Message-ID "${TARGET_ID}"`,
    ]);
    assert.ok(
      session.transcript.some(
        (l) =>
          l.dir === 'note' && /instead of EXAMINE INBOX: INBOX is open read-write/.test(l.text),
      ),
    );
    assert.equal(step(session, 'imap').status, 'ok');
  } finally {
    await server.close();
  }
});

test('IMAP: an edited SEARCH is the user’s question, not proof of the test message', async () => {
  const server = await startFakeImap();
  let searches = 0;
  const gate = scripted((p) => {
    if (!/ SEARCH /.test(p.display[0] ?? '')) return undefined;
    searches += 1;
    return searches === 1 ? { action: 'edit', line: 'SEARCH ALL' } : undefined;
  });
  try {
    const cfg = mailboxRunConfig('imap', server.port);
    const session = await run(cfg, gate);
    const sent = server.sessions[0]!;
    assert.ok(sent.includes('a3 SEARCH ALL'));
    // Not found by the edit: NOOP, then the step's own SEARCH, which finds it.
    assert.ok(sent.includes('a4 NOOP'));
    assert.match(sent[sent.indexOf('a4 NOOP') + 1]!, /^a5 SEARCH HEADER Message-ID/);
    assert.match(step(session, 'imap').summary, /found the test message as message 2/);
  } finally {
    await server.close();
  }
});

test('IMAP: skip at LOGIN ends the step as skipped, with LOGOUT said', async () => {
  const server = await startFakeImap();
  const gate = scripted((p) => (p.display[0]?.includes('LOGIN') ? { action: 'skip' } : undefined));
  try {
    const session = await run(mailboxRunConfig('imap', server.port), gate);
    assert.equal(step(session, 'imap').status, 'skipped');
    assert.equal(step(session, 'imap').summary, 'skipped by the user');
    assert.deepEqual(server.sessions[0], ['a1 LOGOUT']);
    // Consent came before LOGIN was proposed; skipped there, the password never went.
    assert.equal((session.facts?.['imap.cleartext'] as { sent: boolean }).sent, false);
    assert.ok(!session.findings.some((f) => f.id === 'imap.cleartext'), 'no "sent in clear"');
  } finally {
    await server.close();
  }
});

/** The run looks for a message the mailbox never gets: the step polls until its deadline. */
const MISSING_ID = '<never.arrives@fake.test>';
const pollConfig = (protocol: 'pop3' | 'imap', port: number): RunConfig => ({
  ...mailboxRunConfig(protocol, port),
  deadlines: deadlinesFor(3),
});
const runLookingForMissing = (cfg: RunConfig, gate: CommandGate): Promise<Session> =>
  runSession(cfg, {
    version: 'test',
    gate,
    onRecorder: (recorder) => recorder.update((s) => void (s.delivery = { messageId: MISSING_ID })),
  });

/** Proposals before the first pause, the pause, and what came after it. */
const aroundFirstPause = (seen: Proposal[]) => {
  const pause = seen.findIndex((p) => p.kind === 'step' && p.repeat === true);
  assert.ok(pause > 0, 'the step announced its pause between two rounds');
  return { first: seen.slice(0, pause), pause: seen[pause]!, later: seen.slice(pause + 1) };
};

for (const protocol of ['pop3', 'imap'] as const) {
  test(`${protocol.toUpperCase()}: the first round is proposed; later rounds go again without asking, after an announced pause`, async () => {
    const server = await (protocol === 'pop3' ? startFakePop3() : startFakeImap());
    const gate = scripted();
    try {
      const session = await runLookingForMissing(pollConfig(protocol, server.port), gate);
      assert.equal(step(session, protocol).status, 'error');
      assert.match(step(session, protocol).summary, /did not arrive within 3 s/);
      const { first, pause, later } = aroundFirstPause(gate.seen);
      assert.ok(
        first.every((p) => p.repeat !== true),
        'round 1 is the user’s to let go',
      );
      assert.match(pause.display[0]!, /^wait 2 s, then look again \(round 2\)$/);
      assert.equal(pause.editable, false);
      assert.ok(later.length > 0);
      assert.ok(
        later.every((p) => p.repeat === true),
        later.map((p) => p.display[0]).join(' | '),
      );
      // POP3 logs in again each round; IMAP stays in INBOX and asks with NOOP and SEARCH.
      if (protocol === 'pop3') assert.ok(server.sessions.length >= 2);
      else {
        assert.equal(server.sessions.length, 1);
        assert.ok(later.some((p) => / NOOP$/.test(p.display[0] ?? '')));
        assert.ok(later.some((p) => / SEARCH HEADER Message-ID /.test(p.display[0] ?? '')));
      }
      assert.ok(
        session.transcript.some((l) => l.dir === 'note' && /without asking again/.test(l.text)),
      );
    } finally {
      await server.close();
    }
  });
}

test('without a guide, a poll says only when it looks again', async () => {
  const server = await startFakePop3();
  try {
    const session = await runSession(pollConfig('pop3', server.port), {
      version: 'test',
      onRecorder: (recorder) =>
        recorder.update((s) => void (s.delivery = { messageId: MISSING_ID })),
    });
    const notes = session.transcript.filter((l) => l.dir === 'note').map((l) => l.text);
    assert.ok(
      notes.includes('not delivered yet; looking again in 2 s (round 1)'),
      notes.join(' | '),
    );
    assert.ok(!notes.some((n) => /without asking/.test(n)));
  } finally {
    await server.close();
  }
});

for (const protocol of ['pop3', 'imap'] as const) {
  test(`${protocol.toUpperCase()}: esc during the pause ends the step as cancelled, with nothing more sent`, async () => {
    const server = await (protocol === 'pop3' ? startFakePop3() : startFakeImap());
    const abort = new AbortController();
    // The wizard's esc aborts the run's signal while the pause is shown.
    const gate = scripted((p) => {
      if (p.kind === 'step' && p.repeat) setTimeout(() => abort.abort(), 50);
      return undefined;
    });
    try {
      const session = await runSession(pollConfig(protocol, server.port), {
        version: 'test',
        gate,
        signal: abort.signal,
        onRecorder: (recorder) =>
          recorder.update((s) => void (s.delivery = { messageId: MISSING_ID })),
      });
      assert.equal(step(session, protocol).status, 'skipped');
      assert.match(step(session, protocol).summary, /^cancelled by the user while waiting/);
      // What the step wrote after its first round: the goodbye only.
      const lines = session.transcript.filter((l) => l.step === protocol);
      const paused = lines.findIndex((l) => l.dir === 'note' && /not delivered yet/.test(l.text));
      const after = lines.slice(paused).filter((l) => l.dir === 'client');
      assert.deepEqual(
        after.map((l) => l.text.replace(/^a\d+ /, '')),
        protocol === 'pop3' ? [] : ['LOGOUT'],
      );
      assert.equal(server.sessions.length, 1, 'no new login after the pause');
    } finally {
      await server.close();
    }
  });
}
