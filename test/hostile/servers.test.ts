// Hostile servers: escapes in every place server text lands, injection after each TLS upgrade,
// floods and drips in each protocol. One table; every case runs `check` against scripted servers
// on port 0 and ends the same way (harness.ts: assertEnding).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeServer } from '../helpers/fake-server.js';
import type { FakePeer, FakeServer } from '../helpers/fake-server.js';
import type { Session, StepId } from '../../source/record/types.js';
import { assertEnding, run, transcriptOf, USER } from './harness.js';
import type { ImapPersona, Pop3Persona, SmtpPersona } from './personas.js';
import { drip, flood, imap, pop3, smtp } from './personas.js';

/** Everything a terminal or a renderer could be tricked by, in one server line. */
const PAYLOAD =
  '\x1b]0;PWNED\x07 \x1b[6n \u009b31m \u202egnp.exe https://evil.example/login www.evil.example <script>alert(1)</script> [x](http://evil.example) \x00\x08';

interface ServerCase {
  name: string;
  family: 'escape' | 'injection' | 'flood' | 'drip';
  smtp?: SmtpPersona;
  pop3?: Pop3Persona;
  imap?: ImapPersona;
  /** Arguments after `check`; SMTP, POP3, IMAP are the servers' HOST:PORT. */
  args: (at: { smtp?: string; pop3?: string; imap?: string }) => string[];
  step: StepId;
  codes?: number[];
  /** The deadline under test, in seconds (--timeout). */
  timeout?: number;
  summary?: RegExp;
  /** Extra checks on the session. */
  then?: (session: Session) => void;
}

const smtpAt = (at: { smtp?: string }, steps: string, ...more: string[]): string[] => [
  '--server',
  at.smtp!,
  '--ehlo',
  'client.test',
  '--steps',
  steps,
  ...more,
];
// check still wants a TARGET with only mailbox steps (SPEC says it should not); it is never
// connected to, as --steps names the mailbox step alone.
const mailbox = (flag: '--pop3' | '--imap', at: string, ...more: string[]): string[] => [
  '--server',
  '127.0.0.1:9',
  '--steps',
  flag.slice(2),
  flag,
  `${flag.slice(2)}://${at}`,
  '--mailbox-user',
  USER,
  '--plaintext-auth',
  ...more,
];

const lineOf = (n: number): string => `250-${'x'.repeat(60)} ${n}\r\n`;

const CASES: ServerCase[] = [
  // Escapes: every place server text lands.
  {
    name: 'banner text',
    family: 'escape',
    smtp: { greet: (p) => p.send(`220 fake.test ${PAYLOAD}\r\n`) },
    args: (at) => smtpAt(at, 'connect,banner,ehlo'),
    step: 'banner',
  },
  {
    name: 'the banner host name (first word), which findings quote',
    family: 'escape',
    smtp: { greet: (p) => p.send(`220 ${PAYLOAD.replace(/ /g, '')} ESMTP\r\n`) },
    args: (at) => smtpAt(at, 'connect,banner,ehlo'),
    step: 'banner',
  },
  {
    name: 'a refusing greeting (554), quoted in the summary and findings',
    family: 'escape',
    smtp: { greet: (p) => p.send(`554 5.7.1 ${PAYLOAD}\r\n`) },
    args: (at) => smtpAt(at, 'connect,banner,ehlo'),
    step: 'banner',
    codes: [1],
  },
  {
    name: 'the EHLO reply: server name and extensions',
    family: 'escape',
    smtp: { ehlo: [`250-${PAYLOAD}`, `250-X-${PAYLOAD}`, '250 SIZE 1000'] },
    args: (at) => smtpAt(at, 'connect,banner,ehlo'),
    step: 'ehlo',
  },
  {
    name: 'an AUTH failure (535), in facts and findings',
    family: 'escape',
    smtp: { auth: (p) => p.send(`535 5.7.8 ${PAYLOAD}\r\n`) },
    args: (at) => [
      ...smtpAt(at, 'connect,banner,ehlo,auth', '--auth-user', USER),
      '--plaintext-auth',
    ],
    step: 'auth',
    codes: [1],
  },
  {
    name: 'a recipient refusal (550), in facts and findings',
    family: 'escape',
    smtp: { rcpt: `550 5.1.1 ${PAYLOAD}` },
    args: (at) => smtpAt(at, 'connect,banner,ehlo,send', '--to', 'x@fake.test'),
    step: 'send',
    codes: [1],
  },
  {
    name: 'the POP3 greeting and login refusal (facts.pop3.login)',
    family: 'escape',
    pop3: {
      greeting: (p) => p.send(`+OK ${PAYLOAD}\r\n`),
      login: (p, l) => p.send(l.startsWith('USER') ? '+OK\r\n' : `-ERR [AUTH] ${PAYLOAD}\r\n`),
    },
    args: (at) => mailbox('--pop3', at.pop3!),
    step: 'pop3',
    codes: [1],
  },
  {
    name: 'the IMAP greeting and login refusal (facts.imap.login)',
    family: 'escape',
    imap: {
      greeting: (p) => p.send(`* OK ${PAYLOAD}\r\n`),
      login: (p, _l, t) =>
        p.send(`* OK ${PAYLOAD}\r\n${t} NO [AUTHENTICATIONFAILED] ${PAYLOAD}\r\n`),
    },
    args: (at) => mailbox('--imap', at.imap!),
    step: 'imap',
    codes: [1],
  },
  // Injection after each TLS upgrade: bytes behind the go-ahead, before any handshake.
  ...(['same packet', 'separate packet'] as const).flatMap((how): ServerCase[] => {
    const inject = (ok: string, injected: string) => async (p: FakePeer) => {
      if (how === 'same packet') return p.send(`${ok}\r\n${injected}\r\n`);
      p.send(`${ok}\r\n`);
      await p.wait(20);
      p.send(`${injected}\r\n`);
    };
    return [
      {
        name: `SMTP STARTTLS, injected in the ${how}`,
        family: 'injection',
        smtp: {
          ehlo: ['250-fake.test', '250-STARTTLS', '250 AUTH PLAIN'],
          starttls: inject('220 2.0.0 go ahead', '250-AUTH PLAIN\r\n250 injected'),
        },
        args: (at) => smtpAt(at, 'connect,banner,ehlo,tls', '--tls', 'starttls'),
        step: 'tls',
        codes: [1],
        summary: /before|injection|handshake|TLS/i,
      },
      {
        name: `POP3 STLS, injected in the ${how}`,
        family: 'injection',
        pop3: {
          capa: ['USER', 'STLS'],
          stls: inject('+OK begin TLS', '+OK injected'),
        },
        args: (at) => mailbox('--pop3', at.pop3!),
        step: 'pop3',
        codes: [1],
      },
      {
        name: `IMAP STARTTLS, injected in the ${how}`,
        family: 'injection',
        imap: {
          capability: 'IMAP4rev1 STARTTLS LOGINDISABLED',
          starttls: (p, t) => inject(`${t} OK begin TLS`, '* OK injected')(p),
        },
        args: (at) => mailbox('--imap', at.imap!),
        step: 'imap',
        codes: [1],
      },
    ];
  }),
  // Floods: more than any bound, as fast as the socket takes it.
  {
    name: 'SMTP greeting: continuation lines forever',
    family: 'flood',
    smtp: { greet: (p) => flood(p, (i) => `220-${'g'.repeat(60)} ${i}\r\n`) },
    args: (at) => smtpAt(at, 'connect,banner,ehlo'),
    step: 'banner',
    codes: [1],
  },
  {
    name: 'SMTP greeting: one line without end',
    family: 'flood',
    smtp: { greet: (p) => flood(p, () => '220 '.padEnd(4096, 'z')) },
    args: (at) => smtpAt(at, 'connect,banner,ehlo'),
    step: 'banner',
    codes: [1],
  },
  {
    name: 'SMTP EHLO: continuation lines forever',
    family: 'flood',
    smtp: { ehlo: (p) => flood(p, lineOf) },
    args: (at) => smtpAt(at, 'connect,banner,ehlo'),
    step: 'ehlo',
    codes: [1],
  },
  {
    name: 'SMTP AUTH: 334 challenges forever',
    family: 'flood',
    smtp: { auth: (p) => flood(p, () => '334 \r\n') },
    args: (at) => [
      ...smtpAt(at, 'connect,banner,ehlo,auth', '--auth-user', USER),
      '--plaintext-auth',
    ],
    step: 'auth',
    codes: [1],
  },
  {
    name: 'POP3 greeting: one line without end',
    family: 'flood',
    pop3: { greeting: (p) => flood(p, () => '+OK '.padEnd(4096, 'z')) },
    args: (at) => mailbox('--pop3', at.pop3!),
    step: 'pop3',
    codes: [1],
  },
  {
    name: 'POP3 CAPA: a list that never ends',
    family: 'flood',
    pop3: {
      capa: async (p) => {
        p.send('+OK\r\n');
        await flood(p, (i) => `X-CAPA-${i}\r\n`);
      },
    },
    args: (at) => mailbox('--pop3', at.pop3!),
    step: 'pop3',
    codes: [1],
  },
  {
    name: 'IMAP: untagged responses forever after LOGIN',
    family: 'flood',
    imap: { login: (p) => flood(p, (i) => `* ${i} EXISTS\r\n`) },
    args: (at) => mailbox('--imap', at.imap!),
    step: 'imap',
    codes: [1],
    summary: /untagged/,
    then: (s) => {
      const lines = s.transcript.filter((e) => e.step === 'imap');
      assert.ok(lines.length < 3_000, `${lines.length} transcript lines kept`);
      assert.match(transcriptOf(s, 'imap'), /line\(s\) not kept/);
    },
  },
  {
    name: 'IMAP: untagged responses forever, in the greeting',
    family: 'flood',
    imap: {
      greeting: async (p) => {
        p.send('* OK ready\r\n');
        await flood(p, (i) => `* OK [ALERT] line ${i}\r\n`);
      },
    },
    args: (at) => mailbox('--imap', at.imap!),
    step: 'imap',
    codes: [1],
  },
  {
    name: 'IMAP: continuations forever during AUTHENTICATE',
    family: 'flood',
    imap: {
      capability: 'IMAP4rev1 AUTH=PLAIN LOGINDISABLED',
      login: (p) => flood(p, () => '+ \r\n'),
    },
    args: (at) => mailbox('--imap', at.imap!),
    step: 'imap',
    codes: [1],
  },
  {
    name: 'IMAP: a literal of a gigabyte announced',
    family: 'flood',
    imap: { examine: (p) => p.send('* 1 FETCH (BODY[] {1073741824}\r\n') },
    args: (at) => mailbox('--imap', at.imap!),
    step: 'imap',
    codes: [1],
  },
  {
    name: 'IMAP: literals forever, each under the limit',
    family: 'flood',
    imap: {
      examine: (p) =>
        flood(p, (i) => `* ${i + 1} FETCH (BODY[] {4000}\r\n${'l'.repeat(4000)})\r\n`),
    },
    args: (at) => mailbox('--imap', at.imap!),
    step: 'imap',
    codes: [1],
  },
  // Drips: one byte at a time, each in time for nothing but within no deadline.
  {
    name: 'SMTP greeting, one byte every 150 ms',
    family: 'drip',
    smtp: { greet: (p) => drip(p, '220-slow greeting line\r\n') },
    args: (at) => smtpAt(at, 'connect,banner,ehlo', '--timeout', '2'),
    step: 'banner',
    timeout: 2,
    codes: [1],
  },
  {
    name: 'SMTP EHLO reply, one byte every 150 ms',
    family: 'drip',
    smtp: { ehlo: (p) => drip(p, '250-slow\r\n') },
    args: (at) => smtpAt(at, 'connect,banner,ehlo', '--timeout', '2'),
    step: 'ehlo',
    timeout: 2,
    codes: [1],
  },
  {
    name: 'POP3 CAPA, one byte every 150 ms',
    family: 'drip',
    pop3: { capa: (p) => drip(p, '+OK\r\nUSER\r\n') },
    args: (at) => mailbox('--pop3', at.pop3!, '--timeout', '2'),
    step: 'pop3',
    timeout: 2,
    codes: [1],
  },
  {
    name: 'IMAP LOGIN reply, one byte every 150 ms',
    family: 'drip',
    imap: { login: (p) => drip(p, '* OK still here\r\n') },
    args: (at) => mailbox('--imap', at.imap!, '--timeout', '2'),
    step: 'imap',
    timeout: 2,
    codes: [1],
  },
];

describe('hostile servers', { concurrency: 2 }, () => {
  for (const c of CASES) {
    it(`${c.family}: ${c.name}`, { timeout: 90_000 }, async () => {
      const servers: FakeServer[] = [];
      const at: { smtp?: string; pop3?: string; imap?: string } = {};
      try {
        for (const [kind, persona, make] of [
          ['smtp', c.smtp, smtp],
          ['pop3', c.pop3, pop3],
          ['imap', c.imap, imap],
        ] as const) {
          if (!persona) continue;
          const server = await startFakeServer(
            (make as (p: never) => (peer: FakePeer) => Promise<void>)(persona as never),
          );
          servers.push(server);
          at[kind] = `${server.host}:${server.port}`;
        }
        const r = await run(['check', ...c.args(at)], {
          env: { MAILMEDIC_PASSWORD: 'Hunter2-Sekret!x9' },
          report: true,
        });
        // The deadline under test, plus start-up and teardown on a loaded machine.
        assertEnding(r, {
          codes: c.codes ?? [0, 1],
          step: c.step,
          withinMs: ((c.timeout ?? 30) + 30) * 1000,
          secrets: ['Hunter2-Sekret!x9'],
          ...(c.summary ? { summary: c.summary } : {}),
        });
        c.then?.(r.session!);
      } finally {
        await Promise.all(servers.map((s) => s.close()));
      }
    });
  }
});
