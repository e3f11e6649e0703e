// `mailmedic lab` as a learner runs it: the built bundle in the foreground, then swaks (from
// Debian, installed by scripts/mail-stack) and a raw socket talk to it; Ctrl-C stops it with
// exit 0 and every port closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { BUNDLE } from '../helpers/cli.js';

interface LabInfo {
  domain: string;
  mailHost: string;
  user: string;
  password: string;
  caFile: string;
  ports: Record<
    'dns' | 'smtp' | 'submission' | 'smtps' | 'pop3' | 'pop3s' | 'imap' | 'imaps',
    number
  >;
}

const startForeground = async (
  args: string[],
): Promise<{ child: ChildProcess; out: () => string }> => {
  const child = spawn(process.execPath, [BUNDLE, 'lab', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, out: () => out };
};

const until = async (check: () => boolean, what: string, child: ChildProcess): Promise<void> => {
  while (!check()) {
    if (child.exitCode !== null)
      throw new Error(`the lab ended (${child.exitCode}) before ${what}`);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => child.stdout!.once('data', r).once('close', r));
  }
};

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

/** A raw SMTP conversation: send each line after the previous reply, collect everything. */
const rawSmtp = (port: number, lines: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1' });
    let text = '';
    let pending = [...lines];
    s.on('data', (d: Buffer) => {
      text += d.toString();
      // A complete final reply line: "ddd text\r\n".
      if (!/(^|\n)\d{3} [^\n]*\r\n$/.test(text)) return;
      const next = pending.shift();
      if (next === undefined) return s.end();
      s.write(`${next}\r\n`);
    });
    s.on('close', () => resolve(text));
    s.on('error', reject);
    pending = [...lines];
  });

const swaks = (args: string[]): Promise<{ code: number; output: string }> =>
  new Promise((resolve) =>
    execFile('swaks', args, { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({
        code: error ? ((error as { code?: number }).code ?? 99) : 0,
        output: stdout + stderr,
      }),
    ),
  );

test(
  'mailmedic lab: ports printed, swaks and a raw socket deliver, Ctrl-C stops it (exit 0)',
  { timeout: 120_000 },
  async () => {
    const { child, out } = await startForeground(['healthy', '--json']);
    try {
      await until(() => out().includes('\n'), 'printing its ports', child);
      const info = JSON.parse(out().split('\n')[0]!) as LabInfo;
      assert.equal(info.domain, 'practice.test');

      // A raw socket on the port-25 role: the whole SMTP conversation by hand.
      const raw = await rawSmtp(info.ports.smtp, [
        'EHLO raw.practice.test',
        'MAIL FROM:<raw@practice.test>',
        `RCPT TO:<${info.user}>`,
        'DATA',
        'Subject: by hand\r\nMessage-ID: <raw-1@practice.test>\r\n\r\nTyped like telnet.\r\n.',
        'QUIT',
      ]);
      assert.match(raw, /^220 mail\.practice\.test ESMTP/);
      assert.match(raw, /250[- ]STARTTLS/);
      assert.match(raw, /354 /);
      assert.match(raw, /250 2\.0\.0 Ok: queued as [0-9A-F]+/);
      assert.match(raw, /221 /);
      // Relaying is refused on this port.
      const relay = await rawSmtp(info.ports.smtp, [
        'HELO raw.practice.test',
        'MAIL FROM:<raw@practice.test>',
        'RCPT TO:<someone@outside.test>',
        'QUIT',
      ]);
      assert.match(relay, /554 5\.7\.1 <someone@outside\.test>: Relay access denied/);

      // swaks on submission: STARTTLS verified against the lab CA, AUTH, delivery.
      const sent = await swaks([
        '--server',
        '127.0.0.1',
        '--port',
        String(info.ports.submission),
        '--tls',
        '--tls-verify',
        '--tls-ca-path',
        info.caFile,
        '--tls-sni',
        info.mailHost,
        '--auth',
        'LOGIN',
        '--auth-user',
        info.user,
        '--auth-password',
        info.password,
        '--from',
        info.user,
        '--to',
        info.user,
        '--header',
        'Message-ID: <swaks-1@practice.test>',
      ]);
      assert.equal(sent.code, 0, sent.output);
      assert.match(sent.output, /<~ +235 /);
      assert.match(sent.output, /<~ +250 2\.0\.0 Ok: queued as/);
      // swaks with the wrong password: 535, swaks exits non-zero.
      const refused = await swaks([
        '--server',
        '127.0.0.1',
        '--port',
        String(info.ports.submission),
        '--tls',
        '--tls-ca-path',
        info.caFile,
        '--auth',
        'PLAIN',
        '--auth-user',
        info.user,
        '--auth-password',
        'wrong',
        '--to',
        info.user,
      ]);
      assert.notEqual(refused.code, 0);
      assert.match(refused.output, /535 5\.7\.8/);

      // Both messages are in the mailbox, as IMAP shows over implicit TLS... checked over POP3 here
      // in clear until STLS: the server refuses the password before TLS.
      const pop = await new Promise<string>((resolve) => {
        const s = connect({ port: info.ports.pop3, host: '127.0.0.1' });
        let text = '';
        const script = ['CAPA', `USER ${info.user}`, 'QUIT'];
        s.on('data', (d: Buffer) => {
          text += d.toString();
          if (!/(\+OK|-ERR)[^\n]*\r\n(?:[^\n]*\r\n)*?(\.\r\n)?$/.test(text)) return;
          if (/CAPA\r?$/.test(text) && !text.endsWith('.\r\n')) return;
          const next = script.shift();
          if (next) s.write(`${next}\r\n`);
          else s.end();
        });
        s.on('close', () => resolve(text));
      });
      assert.match(pop, /STLS/);
      assert.match(pop, /-ERR \[AUTH\] Plaintext authentication disallowed/);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited(child), 0, out());
    assert.match(out(), /lab: stopping; every port is closed|^\{/m);
  },
);

test(
  'mailmedic lab prints where everything listens and what to try',
  { timeout: 60_000 },
  async () => {
    const { child, out } = await startForeground(['smtp-fixup']);
    try {
      await until(() => out().includes('Ctrl-C stops the lab.'), 'its description', child);
      const text = out();
      assert.match(text, /mailmedic practice lab: smtp-fixup/);
      assert.match(text, /login +student@practice\.test +password practice-makes-perfect/);
      assert.match(text, /submission +127\.0\.0\.1:\d+/);
      assert.match(text, /telnet 127\.0\.0\.1 \d+/);
      assert.match(text, /openssl s_client -starttls smtp -crlf -connect 127\.0\.0\.1:\d+/);
      assert.match(text, /swaks --server 127\.0\.0\.1 --port \d+/);
      const port = Number(/telnet 127\.0\.0\.1 (\d+)/.exec(text)![1]);
      const raw = await rawSmtp(port, ['EHLO me.practice.test', 'HELO me.practice.test', 'QUIT']);
      assert.match(raw, /^220 \*+\r\n/);
      assert.match(raw, /500 5\.5\.1 Command unrecognized/);
      assert.match(raw, /250 mail\.practice\.test/);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited(child), 0);
    assert.match(out(), /lab: stopping; every port is closed/);
  },
);

test(
  'mailmedic lab refuses an unknown scenario (exit 2, the list in the message)',
  { timeout: 30_000 },
  async () => {
    const { child, out } = await startForeground(['nope']);
    assert.equal(await exited(child), 2);
    assert.match(out(), /"nope" is not a practice scenario; scenarios are healthy,/);
  },
);

test(
  'the check command mailmedic lab prints reproduces the lesson against the running lab',
  { timeout: 120_000 },
  async () => {
    const { runCli } = await import('../helpers/cli.js');
    for (const [scenario, cause] of [
      ['message-too-large', 'send.message-too-large'],
      ['auth-failure', 'auth.failed'],
    ] as const) {
      const { child, out } = await startForeground([scenario]);
      try {
        await until(() => out().includes('Ctrl-C stops the lab.'), 'its description', child);
        const line = /^ {2}(MAILMEDIC_PASSWORD=(\S+) )?mailmedic check (.*)$/m.exec(out());
        assert.ok(line, out());
        const result = await runCli(['check', ...line[3]!.split(' '), '--json'], {
          env: line[2] ? { MAILMEDIC_PASSWORD: line[2] } : {},
        });
        assert.equal(result.code, 1, result.stderr);
        const ids = (JSON.parse(result.stdout) as { findings: { id: string }[] }).findings.map(
          (f) => f.id,
        );
        assert.ok(ids.includes(cause), `${scenario}: ${ids.join(', ')}`);
      } finally {
        child.kill('SIGINT');
      }
      assert.equal(await exited(child), 0);
    }
  },
);
