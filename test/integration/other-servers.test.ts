// Issue 12 against real servers with different wording: every behaviour runs against Postfix +
// Dovecot and against Exim + GNU Mailutils, so advice that holds only for one server's words fails.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { getMailStack } from '../helpers/mail-stack.js';
import type { MailStack } from '../helpers/mail-stack.js';
import { runCli } from '../helpers/cli.js';
import type { Finding, Session } from '../../source/record/types.js';

const T = { timeout: 120_000 };
let stack: MailStack;

const check = async (args: string[], password?: string) => {
  const result = await runCli(['check', '--json', '--ehlo', 'client.example.test', ...args], {
    env: password === undefined ? {} : { MAILMEDIC_PASSWORD: password },
    timeoutMs: 100_000,
  });
  let session: Session | undefined;
  try {
    session = JSON.parse(result.stdout) as Session;
  } catch {
    assert.fail(`no JSON (exit ${result.code}): ${result.stderr}\n${result.stdout.slice(0, 500)}`);
  }
  return { ...result, session: session! };
};

const findingOf = (s: Session, id: string): Finding => {
  const f = s.findings.find((x) => x.id === id);
  assert.ok(f, `expected ${id}, got ${s.findings.map((x) => `${x.severity} ${x.id}`).join(', ')}`);
  return f;
};
/** The stack's address on one of the server's ports. */
const at = (port: number) => `${stack.host}:${port}`;
/** The stack's CA, so certificates verify. */
const trusted = () => ['--ca-file', stack.caCert];
const statusOf = (s: Session, step: string) => s.steps.find((x) => x.id === step)?.status;
const notes = (s: Session, step: string) =>
  s.transcript.filter((l) => l.step === step && l.dir === 'note').map((l) => l.text);
const clientLines = (s: Session, step: string) =>
  s.transcript.filter((l) => l.step === step && l.dir === 'client').map((l) => l.text);

interface SmtpServer {
  name: string;
  relay: () => number;
  submission: () => number;
  smtps: () => number;
  /** The shape of the queue id in this server's acceptance reply. */
  queueId: RegExp;
}
interface MailboxServer {
  name: string;
  pop3: () => number;
  pop3s: () => number;
  imap: () => number;
  imaps: () => number;
}

const SMTP: SmtpServer[] = [
  {
    name: 'Postfix',
    relay: () => stack.smtp,
    submission: () => stack.submission,
    smtps: () => stack.smtps,
    queueId: /^[0-9A-F]{6,}$/,
  },
  {
    name: 'Exim',
    relay: () => stack.exim.smtp,
    submission: () => stack.exim.submission,
    smtps: () => stack.exim.smtps,
    queueId: /^[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}$/,
  },
];
const MAILBOX: MailboxServer[] = [
  {
    name: 'Dovecot',
    pop3: () => stack.pop3,
    pop3s: () => stack.pop3s,
    imap: () => stack.imap,
    imaps: () => stack.imaps,
  },
  {
    name: 'GNU Mailutils',
    pop3: () => stack.mailutils.pop3,
    pop3s: () => stack.mailutils.pop3s,
    imap: () => stack.mailutils.imap,
    imaps: () => stack.mailutils.imaps,
  },
];

describe('issue 12 behaviours on more than one server', () => {
  before(async () => {
    stack = await getMailStack();
  });

  for (const server of SMTP) {
    describe(server.name, () => {
      it(
        'relay port, unverifiable certificate, no credentials: a warning, and the message is sent',
        T,
        async () => {
          // No --ca-file: the stack's private CA is unknown, as for a sending server on the Internet.
          const r = await check(['--server', at(server.relay()), '--to', `test@${stack.domain}`]);
          assert.equal(statusOf(r.session, 'tls'), 'warning');
          assert.equal(statusOf(r.session, 'send'), 'ok', JSON.stringify(r.session.steps));
          const f = findingOf(r.session, 'tls.cert-untrusted');
          assert.equal(f.severity, 'warning');
          assert.match(f.explanation, /MTA-STS/);
          assert.match(f.explanation, /DANE/);
          assert.match(r.session.delivery?.queueId ?? '', server.queueId);
          assert.equal(r.code, 0, 'no error finding: the mail went through');
        },
      );

      it('credentials still never go over unverified TLS without consent', T, async () => {
        const r = await check(
          ['--server', at(server.submission()), '--auth-user', stack.user],
          stack.password,
        );
        assert.equal(statusOf(r.session, 'tls'), 'error');
        assert.ok(!clientLines(r.session, 'auth').some((l) => /^AUTH/.test(l)), 'no AUTH sent');
        assert.equal(r.code, 1);
      });

      it('--tls none --auth-user: the client must use STARTTLS', T, async () => {
        const r = await check(
          [
            '--server',
            at(server.submission()),
            '--tls',
            'none',
            '--auth-user',
            stack.user,
            '--insecure',
          ],
          stack.password,
        );
        // Without --plaintext-auth (issue 11) mailmedic itself holds the password back, so the
        // finding is auth.no-tls; either way it must name the client's fix, not the server's.
        const f = r.session.findings.find(
          (x) => x.id === 'auth.not-offered' || x.id === 'auth.no-tls',
        )!;
        assert.ok(f, 'a finding about AUTH without TLS');
        assert.match(f.title, /client must use STARTTLS/);
        assert.doesNotMatch(f.next.join(' '), /enable SASL/);
        assert.ok(f.actions?.some((a) => a.kind === 'starttls-first'));
      });

      it('an unsupported mechanism is reported as such, with the ones to use', T, async () => {
        const r = await check(
          [
            '--server',
            at(server.submission()),
            ...trusted(),
            '--auth-user',
            stack.user,
            '--auth-mech',
            'cram-md5',
          ],
          stack.password,
        );
        const f = findingOf(r.session, 'auth.mechanism-unsupported');
        assert.match(f.title, /CRAM-MD5/);
        assert.ok(
          f.next.some((n) => /--auth-mech plain/.test(n)),
          JSON.stringify(f.next),
        );
        assert.doesNotMatch(f.explanation, /UGFzc3dvcmQ6/);
        assert.ok(!r.session.findings.some((x) => x.id === 'auth.failed'), 'not a wrong password');
      });

      it(
        '--auth-user without @ and without --from: a valid envelope sender, and a note says which',
        T,
        async () => {
          const r = await check(
            [
              '--server',
              at(server.submission()),
              ...trusted(),
              '--auth-user',
              'test',
              '--to',
              `test@${stack.domain}`,
            ],
            stack.password,
          );
          assert.ok(
            clientLines(r.session, 'send').some((l) =>
              l.startsWith(`MAIL FROM:<test@${stack.domain}>`),
            ),
            clientLines(r.session, 'send').join('\n'),
          );
          assert.ok(notes(r.session, 'send').some((n) => /no --from given: using <test@/.test(n)));
          assert.equal(statusOf(r.session, 'send'), 'ok', JSON.stringify(r.session.steps));
        },
      );

      it('a relay refusal is explained from its own words, with no invented code', T, async () => {
        const r = await check([
          '--server',
          at(server.relay()),
          ...trusted(),
          '--to',
          'someone@foreign.test',
        ]);
        const f = findingOf(r.session, 'send.relay-denied');
        assert.doesNotMatch(f.explanation, /X\.1\.1|X\.2\.2/);
        assert.ok(f.next.some((n) => /mail server delivering/.test(n)));
        assert.ok(f.next.some((n) => /mail client or a device/.test(n)));
      });

      it('an unknown local user is explained without an invented enhanced code', T, async () => {
        const r = await check([
          '--server',
          at(server.relay()),
          ...trusted(),
          '--to',
          `nobody@${stack.domain}`,
        ]);
        const f = findingOf(r.session, 'send.recipient-unknown');
        assert.doesNotMatch(f.explanation, /X\.1\.1/);
        if (server.name === 'Postfix') assert.match(f.explanation, /5\.1\.1/);
        else assert.doesNotMatch(f.explanation, /enhanced status/);
      });

      it(
        'implicit TLS with an untrusted certificate: one specific finding, no generic "tls step failed"',
        T,
        async () => {
          const r = await check(
            ['--server', at(server.smtps()), '--tls', 'implicit', '--auth-user', stack.user],
            stack.password,
          );
          const f = findingOf(r.session, 'tls.cert-untrusted');
          assert.equal(f.step, 'tls');
          assert.ok(!r.session.findings.some((x) => x.id === 'tls.failed'), 'no generic finding');
        },
      );

      it('implicit TLS on a plain port: the reason, not OpenSSL internals', T, async () => {
        const r = await check([
          '--server',
          at(server.relay()),
          '--tls',
          'implicit',
          '--timeout',
          '5',
        ]);
        const f = findingOf(r.session, 'tls.handshake-failed');
        assert.match(f.explanation, /wrong version number/);
        assert.doesNotMatch(f.explanation, /SSL routines|\\n|\n|\.c:\d+/);
        assert.ok(!JSON.stringify(r.session.transcript).includes('SSL routines'));
      });

      it(
        'a port that expects TLS first: a note while waiting, and the finding offers implicit TLS',
        T,
        async () => {
          const r = await check([
            '--server',
            at(server.smtps()),
            '--tls',
            'auto',
            '--timeout',
            '2',
          ]);
          assert.ok(
            notes(r.session, 'banner').some((n) => /may expect TLS from the first byte/.test(n)),
          );
          const f = findingOf(r.session, 'banner.timeout');
          assert.match(f.title, /may expect TLS first/);
          assert.ok(
            f.actions?.some((a) => a.kind === 'implicit-tls'),
            JSON.stringify(f.actions),
          );
        },
      );
    });
  }

  for (const server of MAILBOX) {
    describe(server.name, () => {
      it(
        'check --pop3 alone (no SMTP target) checks the mailbox, with its TLS in the transcript',
        T,
        async () => {
          const r = await check(
            [
              '--pop3',
              `pop3s://${stack.host}:${server.pop3s()}`,
              '--mailbox-user',
              stack.user,
              ...trusted(),
            ],
            stack.password,
          );
          assert.deepEqual(
            r.session.steps.map((s) => s.id),
            ['pop3'],
          );
          assert.equal(statusOf(r.session, 'pop3'), 'ok', JSON.stringify(r.session.steps));
          assert.ok(notes(r.session, 'pop3').some((n) => /^TLS TLSv1\.[23] /.test(n)));
          assert.ok(notes(r.session, 'pop3').some((n) => /^certificate verified/.test(n)));
          assert.equal(r.code, 0);
        },
      );

      it(
        'check --imap alone over STARTTLS, --insecure without the CA: the certificate is a finding',
        T,
        async () => {
          const r = await check(
            ['--imap', at(server.imap()), '--mailbox-user', stack.user, '--insecure'],
            stack.password,
          );
          assert.equal(statusOf(r.session, 'imap'), 'ok', JSON.stringify(r.session.steps));
          const f = findingOf(r.session, 'imap.cert-invalid');
          assert.equal(f.severity, 'error');
          assert.match(f.explanation, /--insecure/);
          assert.equal(r.code, 1, 'not "no problems found"');
        },
      );

      it('implicit-TLS POP3 under --insecure: TLS lines, a fact and a finding', T, async () => {
        const r = await check(
          [
            '--pop3',
            `pop3s://${stack.host}:${server.pop3s()}`,
            '--mailbox-user',
            stack.user,
            '--insecure',
          ],
          stack.password,
        );
        assert.ok(notes(r.session, 'pop3').some((n) => /^certificate NOT verified/.test(n)));
        assert.equal(
          (r.session.facts?.['pop3.tls'] as { mode?: string } | undefined)?.mode,
          'implicit',
        );
        findingOf(r.session, 'pop3.cert-invalid');
      });
    });
  }

  it(
    'Exim delivers what it accepted to the mailbox Mailutils serves (POP3 and IMAP)',
    T,
    async () => {
      const r = await check(
        [
          '--server',
          `${stack.host}:${stack.exim.submission}`,
          ...trusted(),
          '--auth-user',
          stack.user,
          '--to',
          `test@${stack.domain}`,
          '--pop3',
          `pop3s://${stack.host}:${stack.mailutils.pop3s}`,
          '--imap',
          `imaps://${stack.host}:${stack.mailutils.imaps}`,
        ],
        stack.password,
      );
      assert.equal(statusOf(r.session, 'send'), 'ok');
      assert.equal(statusOf(r.session, 'pop3'), 'ok', JSON.stringify(r.session.steps));
      assert.equal(statusOf(r.session, 'imap'), 'ok', JSON.stringify(r.session.steps));
      assert.match(r.session.delivery?.queueId ?? '', SMTP[1]!.queueId);
      assert.equal(r.code, 0, JSON.stringify(r.session.findings.map((f) => f.id)));
    },
  );

  it(
    'mailbox-only: --to without an SMTP target is a usage error, before any network work',
    T,
    async () => {
      const r = await runCli(
        [
          'check',
          '--pop3',
          `${stack.host}:${stack.pop3}`,
          '--mailbox-user',
          'u',
          '--to',
          'a@b.test',
        ],
        {
          env: { MAILMEDIC_PASSWORD: 'x' },
        },
      );
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--to/);
    },
  );
});
