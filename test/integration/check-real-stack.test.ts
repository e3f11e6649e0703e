// Issue 3 through the flags of SPEC.md, against the real Postfix, Dovecot and dnsmasq.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { getMailStack, submissionArgs } from '../helpers/mail-stack.js';
import type { MailStack } from '../helpers/mail-stack.js';
import { runCli } from '../helpers/cli.js';
import type { Session } from '../../source/record/types.js';

const T = { timeout: 90_000 };
let stack: MailStack;

const check = async (args: string[], password?: string) => {
  const result = await runCli(['check', '--json', '--ehlo', 'client.example.test', ...args], {
    env: password === undefined ? {} : { MAILMEDIC_PASSWORD: password },
  });
  let session: Session | undefined;
  try {
    session = JSON.parse(result.stdout) as Session;
  } catch {
    assert.fail(
      `no JSON on stdout (exit ${result.code}): ${result.stderr}\n${result.stdout.slice(0, 500)}`,
    );
  }
  return { ...result, session: session! };
};

/** The submission port, trusting the stack's CA, as the test user. */
const submission = (): string[] => submissionArgs(stack);

const statuses = (s: Session) => Object.fromEntries(s.steps.map((x) => [x.id, x.status]));
const lines = (s: Session, step: string) => s.transcript.filter((l) => l.step === step);

/** The password must not appear in any form anywhere in what mailmedic printed. */
const assertNoSecret = (output: string, user: string, password: string): void => {
  const forms = [
    password,
    Buffer.from(password).toString('base64'),
    Buffer.from(`\0${user}\0${password}`).toString('base64'),
  ];
  for (const form of forms) assert.ok(!output.includes(form), `secret leaked as ${form}`);
};

describe('check against the real mail stack', () => {
  before(async () => {
    stack = await getMailStack();
  });

  it(
    'submission: STARTTLS then AUTH PLAIN, send, and find the message over POP3S and IMAPS',
    T,
    async () => {
      const r = await check(
        [
          ...submission(),
          '--to',
          stack.user,
          '--pop3',
          `pop3s://${stack.host}:${stack.pop3s}`,
          '--imap',
          `imaps://${stack.host}:${stack.imaps}`,
        ],
        stack.password,
      );
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(statuses(r.session), {
        connect: 'ok',
        banner: 'ok',
        ehlo: 'ok',
        tls: 'ok',
        auth: 'ok',
        send: 'ok',
        pop3: 'ok',
        imap: 'ok',
      });
      assert.equal(r.session.tls?.mode, 'starttls');
      assert.equal(r.session.tls?.authorized, true);
      assert.match(r.session.tls?.certificate.subject ?? '', /mail\.example\.test/);
      assert.match(
        r.session.tls?.certificate.fingerprint256 ?? '',
        /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/,
      );
      // Before TLS, Postfix offers no AUTH; after it, it does: only the post-TLS list counts.
      const ehloBefore = lines(r.session, 'ehlo').map((l) => l.text);
      assert.ok(!ehloBefore.some((t) => /AUTH/.test(t)));
      assert.ok(lines(r.session, 'tls').some((l) => /^250-AUTH PLAIN LOGIN$/.test(l.text)));
      const auth = lines(r.session, 'auth');
      assert.equal(auth[0]?.text, 'AUTH PLAIN ********');
      assert.equal(auth[0]?.secret, true);
      assert.match(
        r.session.delivery?.messageId ?? '',
        /^<mailmedic\.[0-9a-f]+@client\.example\.test>$/,
      );
      assert.match(r.session.delivery?.queueId ?? '', /^[0-9A-F]+$/);
      assert.ok(['pop3', 'imap'].includes(r.session.delivery?.retrievedBy ?? ''));
      assert.equal(typeof r.session.delivery?.latencyMs, 'number');
      assert.ok(
        lines(r.session, 'imap').some((l) => l.text.includes(r.session.delivery!.messageId)),
      );
      assertNoSecret(r.stdout + r.stderr, stack.user, stack.password);
    },
  );

  it('AUTH LOGIN: each 334 challenge decoded for display', T, async () => {
    const r = await check(
      [...submission(), '--auth-mech', 'login', '--steps', 'auth'],
      stack.password,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statuses(r.session).auth, 'ok');
    const auth = lines(r.session, 'auth');
    assert.ok(auth.some((l) => l.text === '334 VXNlcm5hbWU6'));
    assert.ok(auth.some((l) => l.dir === 'note' && l.text.includes('"Username:"')));
    assert.ok(auth.some((l) => l.dir === 'note' && l.text.includes('"Password:"')));
    assert.ok(
      auth.some((l) => l.dir === 'client' && l.text === Buffer.from(stack.user).toString('base64')),
      'the user name may show',
    );
    assertNoSecret(r.stdout, stack.user, stack.password);
  });

  it('implicit TLS on the smtps port', T, async () => {
    const r = await check(
      [
        '--server',
        `${stack.host}:${stack.smtps}`,
        '--tls',
        'implicit',
        '--ca-file',
        stack.caCert,
        '--auth-user',
        stack.user,
        '--steps',
        'auth',
      ],
      stack.password,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.session.tls?.mode, 'implicit');
    assert.equal(statuses(r.session).auth, 'ok');
    assert.ok(!r.session.transcript.some((l) => l.text === 'STARTTLS'));
  });

  it('a wrong password: 535, exit 1, and the wrong password is not shown either', T, async () => {
    const wrong = 'definitely-not-the-password';
    const r = await check([...submission(), '--steps', 'auth'], wrong);
    assert.equal(r.code, 1);
    assert.equal(statuses(r.session).auth, 'error');
    assert.ok(lines(r.session, 'auth').some((l) => /^535 5\.7\.8/.test(l.text)));
    assert.ok(r.session.findings.some((f) => f.severity === 'error' && f.step === 'auth'));
    assertNoSecret(r.stdout, stack.user, wrong);
  });

  it('a relay attempt from an unauthenticated client: 554 5.7.1', T, async () => {
    const r = await check([
      '--server',
      `${stack.host}:${stack.smtp}`,
      '--ca-file',
      stack.caCert,
      '--from',
      'someone@example.test',
      '--to',
      'someone@elsewhere.test',
    ]);
    assert.equal(r.code, 1);
    assert.equal(statuses(r.session).send, 'error');
    const refusal = lines(r.session, 'send').find(
      (l) => l.dir === 'server' && /^554 5\.7\.1/.test(l.text),
    );
    assert.ok(refusal, JSON.stringify(lines(r.session, 'send')));
    assert.match(refusal.text, /Relay access denied/);
    assert.match(refusal.explanation ?? '', /relay/i);
  });

  it(
    'the throwaway CA is not trusted by default: refused before AUTH; --insecure goes on',
    T,
    async () => {
      const refused = await check(
        [
          '--server',
          `${stack.host}:${stack.submission}`,
          '--auth-user',
          stack.user,
          '--steps',
          'auth',
        ],
        stack.password,
      );
      assert.equal(refused.code, 1);
      assert.equal(statuses(refused.session).tls, 'error');
      assert.equal(statuses(refused.session).auth, 'skipped');
      assert.equal(refused.session.tls?.authorized, false);
      assert.ok(refused.session.tls?.authorizationError);
      assert.ok(
        !refused.session.transcript.some((l) => l.dir === 'client' && l.text.startsWith('AUTH')),
        'credentials were offered',
      );

      const insecure = await check(
        [
          '--server',
          `${stack.host}:${stack.submission}`,
          '--auth-user',
          stack.user,
          '--steps',
          'auth',
          '--insecure',
        ],
        stack.password,
      );
      assert.equal(statuses(insecure.session).tls, 'warning');
      assert.equal(statuses(insecure.session).auth, 'ok');
      assertNoSecret(insecure.stdout, stack.user, stack.password);
    },
  );

  it(
    'POP3 and IMAP on their plain ports upgrade with STLS and STARTTLS before logging in',
    T,
    async () => {
      const r = await check(
        [
          ...submission(),
          '--to',
          stack.user,
          '--pop3',
          `pop3://${stack.host}:${stack.pop3}`,
          '--imap',
          `imap://${stack.host}:${stack.imap}`,
        ],
        stack.password,
      );
      assert.equal(r.code, 0, r.stderr + JSON.stringify(r.session.steps));
      const pop3 = lines(r.session, 'pop3')
        .filter((l) => l.dir === 'client')
        .map((l) => l.text);
      assert.ok(
        pop3.indexOf('STLS') >= 0 &&
          pop3.indexOf('STLS') < pop3.findIndex((t) => /^(AUTH|USER|PASS)/.test(t)),
      );
      const imap = lines(r.session, 'imap')
        .filter((l) => l.dir === 'client')
        .map((l) => l.text);
      const starttls = imap.findIndex((t) => /^a\d+ STARTTLS$/.test(t));
      assert.ok(
        starttls >= 0 && starttls < imap.findIndex((t) => /^a\d+ (LOGIN|AUTHENTICATE)/.test(t)),
      );
      assertNoSecret(r.stdout, stack.user, stack.password);
    },
  );

  it('DNS: the MX list of the test zone as SPEC.md says, and mail follows it', T, async () => {
    const r = await check([stack.domain, '--dns', `${stack.host}:${stack.dns}`, '--steps', 'dns']);
    assert.equal(statuses(r.session).dns, 'ok', JSON.stringify(r.session.dns));
    assert.deepEqual(r.session.dns?.resolvers, [`${stack.host}:${stack.dns}`]);
    assert.deepEqual(
      r.session.dns?.mx.map((m) => [m.preference, m.exchange, m.addresses]),
      [
        [10, 'mx1.example.test', ['127.0.0.1', '::1']],
        [20, 'mx2.example.test', ['127.0.0.2']],
      ],
    );
    const follow = await check([
      stack.domain,
      '--dns',
      `${stack.host}:${stack.dns}`,
      '--port',
      String(stack.smtp),
      '--steps',
      'dns,connect,banner,ehlo',
    ]);
    assert.equal(follow.code, 0, JSON.stringify(follow.session.steps));
    assert.match(
      lines(follow.session, 'connect')
        .map((l) => l.text)
        .join('\n'),
      /mx1\.example\.test|127\.0\.0\.1/,
    );
  });

  it(
    'a null MX domain is an info finding (a deliberate statement), and nothing is connected to',
    T,
    async () => {
      const r = await check([
        stack.zones.nullMx,
        '--dns',
        `${stack.host}:${stack.dns}`,
        '--port',
        String(stack.smtp),
      ]);
      assert.equal(r.code, 0, 'a null MX is not an error');
      assert.equal(r.session.findings.find((f) => f.id === 'dns.null-mx')?.severity, 'info');
      assert.ok(!r.session.transcript.some((l) => l.step === 'connect' && l.dir === 'client'));
    },
  );
});
