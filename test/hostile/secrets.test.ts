// Servers that echo the password back, in every encoding they might transform it into, for each
// mechanism mailmedic speaks: SMTP AUTH PLAIN, LOGIN, CRAM-MD5 and XOAUTH2, POP3 USER/PASS and
// AUTH PLAIN, IMAP LOGIN and AUTHENTICATE. No form may reach the output, the facts or a report.
// APOP, which the steps never choose, is driven through its engine and the recorder directly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeServer } from '../helpers/fake-server.js';
import type { FakePeer } from '../helpers/fake-server.js';
import { Pop3Engine } from '../../source/protocols/pop3/engine.js';
import { SessionRecorder } from '../../source/record/recorder.js';
import { renderReport } from '../../source/report/index.js';
import { assertEnding, assertNoSecret, PASSWORD, run, USER } from './harness.js';
import type { ImapPersona, Pop3Persona, SmtpPersona } from './personas.js';
import { imap, pop3, smtp } from './personas.js';

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const hex = (s: string): string => Buffer.from(s).toString('hex');
const qp = (s: string): string =>
  [...Buffer.from(s)]
    .map((c) =>
      c === 0x3d || c < 0x21 || c > 0x7e
        ? `=${c.toString(16).toUpperCase().padStart(2, '0')}`
        : String.fromCharCode(c),
    )
    .join('');

/** What a hostile or careless server says back: the password, transformed every way we know. */
const echoes = (received: string[]): string[] => [
  `you sent ${PASSWORD}`,
  `PASSWORD ${PASSWORD.toUpperCase()} lower ${PASSWORD.toLowerCase()}`,
  `hex ${hex(PASSWORD)} HEX ${hex(PASSWORD).toUpperCase()}`,
  `qp ${qp(PASSWORD)}`,
  `url ${encodeURIComponent(PASSWORD)}`,
  ...[0, 1, 2].map(
    (k) =>
      `blob ${b64(Buffer.concat([Buffer.alloc(k, 0x41), Buffer.from(PASSWORD), Buffer.from('~~tail')]))}`,
  ),
  ...received.map(
    (r) =>
      `received ${r} = ${Buffer.from(r, 'base64')
        .toString('latin1')
        .replaceAll('\0', ' ')
        .replaceAll('\x01', ' ')}`,
  ),
];

const multiline = (code: string, lines: string[]): string =>
  lines.map((l, i) => `${code}${i === lines.length - 1 ? ' ' : '-'}${l}\r\n`).join('');

const readLine = (peer: FakePeer): Promise<string> => peer.line(20_000).catch(() => '');

interface SecretCase {
  mechanism: string;
  smtp?: SmtpPersona;
  pop3?: Pop3Persona;
  imap?: ImapPersona;
  args: (at: string) => string[];
  step: 'auth' | 'pop3' | 'imap';
}

const smtpArgs = (mech: string) => (at: string) => [
  '--server',
  at,
  '--ehlo',
  'client.test',
  '--steps',
  'connect,banner,ehlo,auth',
  '--auth-user',
  USER,
  '--auth-mech',
  mech,
  '--plaintext-auth',
];
const mailboxArgs = (flag: 'pop3' | 'imap') => (at: string) => [
  '--server',
  '127.0.0.1:9',
  '--steps',
  flag,
  `--${flag}`,
  `${flag}://${at}`,
  '--mailbox-user',
  USER,
  '--plaintext-auth',
];

const CASES: SecretCase[] = [
  {
    mechanism: 'SMTP AUTH PLAIN',
    smtp: {
      auth: (p, line) =>
        p.send(multiline('535', ['5.7.8 no', ...echoes([line.split(' ')[2] ?? ''])])),
    },
    args: smtpArgs('plain'),
    step: 'auth',
  },
  {
    mechanism: 'SMTP AUTH LOGIN',
    smtp: {
      auth: async (p) => {
        p.send('334 VXNlcm5hbWU6\r\n');
        const user = await readLine(p);
        p.send('334 UGFzc3dvcmQ6\r\n');
        const pass = await readLine(p);
        p.send(multiline('535', ['5.7.8 no', ...echoes([user, pass])]));
      },
    },
    args: smtpArgs('login'),
    step: 'auth',
  },
  {
    mechanism: 'SMTP AUTH CRAM-MD5',
    smtp: {
      auth: async (p) => {
        p.send(`334 ${b64('<1.2@fake.test>')}\r\n`);
        const answer = await readLine(p);
        p.send(multiline('535', ['5.7.8 no', ...echoes([answer])]));
      },
    },
    args: smtpArgs('cram-md5'),
    step: 'auth',
  },
  {
    mechanism: 'SMTP AUTH XOAUTH2 (the error challenge embeds the token)',
    smtp: {
      auth: async (p, line) => {
        const initial = line.split(' ')[2] ?? '';
        const token = Buffer.from(initial, 'base64').toString('latin1');
        p.send(`334 ${b64(JSON.stringify({ status: '401', schemes: 'bearer', echo: token }))}\r\n`);
        await readLine(p);
        p.send(multiline('535', ['5.7.8 no', ...echoes([initial])]));
      },
    },
    args: smtpArgs('xoauth2'),
    step: 'auth',
  },
  {
    mechanism: 'POP3 USER/PASS',
    pop3: {
      login: (p, line) =>
        p.send(
          line.startsWith('USER')
            ? '+OK\r\n'
            : `-ERR [AUTH] ${echoes([b64(line.slice(5))]).join(' | ')}\r\n`,
        ),
    },
    args: mailboxArgs('pop3'),
    step: 'pop3',
  },
  {
    mechanism: 'POP3 AUTH PLAIN',
    pop3: {
      capa: ['USER', 'SASL PLAIN'],
      login: async (p, line) => {
        let payload = line.split(' ')[2];
        if (payload === undefined) {
          p.send('+ \r\n');
          payload = await readLine(p);
        }
        p.send(`-ERR [AUTH] ${echoes([payload]).join(' | ')}\r\n`);
      },
    },
    args: mailboxArgs('pop3'),
    step: 'pop3',
  },
  {
    mechanism: 'IMAP LOGIN (quoted and literal forms echoed)',
    imap: {
      login: (p, line, tag) =>
        p.send(
          `${echoes([b64(PASSWORD)])
            .map((e) => `* OK ${e}`)
            .join(
              '\r\n',
            )}\r\n* OK quoted "${PASSWORD}" in ${line.length} bytes\r\n${tag} NO [AUTHENTICATIONFAILED] ${echoes([]).join(' | ')}\r\n`,
        ),
    },
    args: mailboxArgs('imap'),
    step: 'imap',
  },
  {
    mechanism: 'IMAP AUTHENTICATE PLAIN',
    imap: {
      capability: 'IMAP4rev1 AUTH=PLAIN LOGINDISABLED',
      login: (p, line, tag) => {
        const payload = line.split(' ').at(-1) ?? '';
        p.send(`${tag} NO [AUTHENTICATIONFAILED] ${echoes([payload]).join(' | ')}\r\n`);
      },
    },
    args: mailboxArgs('imap'),
    step: 'imap',
  },
];

describe('secrets echoed in every encoding, per mechanism', { concurrency: 2 }, () => {
  for (const c of CASES) {
    it(c.mechanism, { timeout: 90_000 }, async () => {
      const persona = c.smtp ? smtp(c.smtp) : c.pop3 ? pop3(c.pop3) : imap(c.imap);
      const server = await startFakeServer(persona);
      try {
        const r = await run(['check', ...c.args(`${server.host}:${server.port}`), '--json'], {
          env: { MAILMEDIC_PASSWORD: PASSWORD },
          report: true,
        });
        assertEnding(r, { codes: [1], step: c.step, withinMs: 60_000, secrets: [PASSWORD] });
        const session = r.session!;
        // The login really happened (in clear, with consent) and says so.
        assert.ok(
          session.findings.some((f) => f.id === `${c.step}.cleartext` && f.severity === 'error'),
          `no ${c.step}.cleartext finding: ${session.findings.map((f) => f.id).join(', ')}`,
        );
        assert.ok(
          session.transcript.some(
            (e) => e.step === c.step && e.dir === 'server' && /\*{8}/.test(e.text),
          ),
          'the echo was recorded, masked',
        );
        assertNoSecret('facts', JSON.stringify(session.facts), [PASSWORD]);
      } finally {
        await server.close();
      }
    });
  }

  it('POP3 APOP: the digest and the password echoed back are masked', () => {
    const recorder = new SessionRecorder({ input: 'x' }, { version: 't' });
    const engine = new Pop3Engine();
    recorder.server('pop3', '+OK ready <1896.697170952@fake.test>');
    engine.receive(Buffer.from('+OK ready <1896.697170952@fake.test>\r\n'));
    const out = engine.send({ verb: 'APOP', user: USER, password: PASSWORD });
    recorder.secrets.add(out.secrets);
    for (const text of out.display) recorder.client('pop3', text, { secret: out.secret });
    const digest = /APOP \S+ ([0-9a-f]{32})/.exec(out.bytes.toString())?.[1] ?? '';
    assert.match(digest, /^[0-9a-f]{32}$/);
    for (const echo of [...echoes([]), `digest ${digest}`, `DIGEST ${digest.toUpperCase()}`])
      recorder.server('pop3', `-ERR ${echo}`);
    recorder.fact('pop3.login', { ok: false, text: `-ERR ${PASSWORD} ${digest}`, capa: [] });
    const all = [
      JSON.stringify(recorder.session),
      ...(['txt', 'md', 'html', 'json'] as const).map((f) => renderReport(recorder.session, f)),
    ];
    for (const text of all) {
      assertNoSecret('APOP', text, [PASSWORD]);
      assert.ok(!text.includes(digest), 'the APOP digest leaked');
    }
  });
});
