/**
 * Proves that the local mail stack (scripts/mail-stack) works, using plain
 * node sockets: SMTP relay rules, submission STARTTLS + AUTH, delivery to the
 * mailbox read back over POP3S and IMAPS, plaintext-login refusal before TLS,
 * and the dnsmasq test zones.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { Resolver } from 'node:dns/promises';

import { getMailStack, type MailStack } from '../helpers/mail-stack.js';

const IO_TIMEOUT_MS = 10_000;
const TEST_OPTS = { timeout: 60_000 };

/** A line-oriented client over TCP that can upgrade itself to TLS (STARTTLS/STLS). */
class LineClient {
  private buffer = '';
  private waiter: (() => void) | undefined;
  private failure: Error | undefined;
  private ended = false;
  private readonly onData = (chunk: Buffer): void => {
    this.buffer += chunk.toString('latin1');
    this.wake();
  };
  private readonly onError = (err: Error): void => {
    this.failure = err;
    this.wake();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake();
  };

  private constructor(private socket: net.Socket) {
    this.attach(socket);
  }

  static async connect(
    host: string,
    port: number,
    tlsOptions?: tls.ConnectionOptions,
  ): Promise<LineClient> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s: net.Socket =
        tlsOptions === undefined
          ? net.connect({ host, port }, () => resolve(s))
          : tls.connect({ ...tlsOptions, host, port }, () => resolve(s));
      s.once('error', reject);
      s.setTimeout(IO_TIMEOUT_MS, () =>
        s.destroy(new Error(`timeout connecting to ${host}:${port}`)),
      );
    });
    socket.setTimeout(0);
    return new LineClient(socket);
  }

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('end', this.onEnd);
  }

  private detach(socket: net.Socket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('end', this.onEnd);
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  get isTls(): boolean {
    return this.socket instanceof tls.TLSSocket;
  }

  async readLine(): Promise<string> {
    const deadline = Date.now() + IO_TIMEOUT_MS;
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl >= 0) {
        const line = this.buffer.slice(0, nl).replace(/\r$/, '');
        this.buffer = this.buffer.slice(nl + 1);
        return line;
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.ended)
        throw new Error(`connection closed by server (pending: ${JSON.stringify(this.buffer)})`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timeout waiting for a line (pending: ${JSON.stringify(this.buffer)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  write(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** Upgrade the connection in place (after the server said go ahead). */
  async startTls(options: tls.ConnectionOptions): Promise<void> {
    assert.equal(this.buffer, '', 'no plaintext may be pending when TLS starts');
    const raw = this.socket;
    this.detach(raw);
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ ...options, socket: raw }, () => resolve(s));
      s.once('error', reject);
    });
    this.socket = secure;
    this.attach(secure);
  }

  close(): void {
    this.socket.destroy();
  }
}

interface SmtpReply {
  code: number;
  lines: string[];
  text: string;
}

async function smtpReply(c: LineClient): Promise<SmtpReply> {
  const lines: string[] = [];
  for (;;) {
    const line = await c.readLine();
    lines.push(line);
    if (!/^\d{3}[ -]/.test(line)) throw new Error(`not an SMTP reply line: ${line}`);
    if (line[3] === ' ') break;
  }
  return { code: Number(lines[0]!.slice(0, 3)), lines, text: lines.join('\n') };
}

async function smtpCmd(c: LineClient, line: string): Promise<SmtpReply> {
  c.write(line);
  return smtpReply(c);
}

/** EHLO keywords, e.g. ["PIPELINING", "STARTTLS", "AUTH PLAIN LOGIN"]. */
function ehloKeywords(reply: SmtpReply): string[] {
  return reply.lines.slice(1).map((l) => l.slice(4).toUpperCase());
}

function tlsOptions(stack: MailStack): tls.ConnectionOptions {
  return { ca: readFileSync(stack.caCert), servername: stack.serverName };
}

function plainAuth(user: string, password: string): string {
  return Buffer.from(`\0${user}\0${password}`, 'utf8').toString('base64');
}

function messageId(tag: string): string {
  return `<${tag}.${randomUUID()}@mailmedic.test>`;
}

async function sendMessage(
  c: LineClient,
  from: string,
  to: string,
  id: string,
): Promise<SmtpReply> {
  assert.equal((await smtpCmd(c, `MAIL FROM:<${from}>`)).code, 250);
  const rcpt = await smtpCmd(c, `RCPT TO:<${to}>`);
  assert.equal(rcpt.code, 250, rcpt.text);
  assert.equal((await smtpCmd(c, 'DATA')).code, 354);
  const body = [
    `From: <${from}>`,
    `To: <${to}>`,
    `Subject: mailmedic stack test ${id}`,
    `Message-ID: ${id}`,
    `Date: ${new Date().toUTCString()}`,
    '',
    'Hello from the mail-stack integration test.',
    '.',
  ];
  for (const line of body) c.write(line);
  return smtpReply(c);
}

// ---------------------------------------------------------------- POP3 / IMAP

async function pop3Ok(c: LineClient, cmd?: string): Promise<string> {
  if (cmd !== undefined) c.write(cmd);
  const line = await c.readLine();
  assert.match(line, /^\+OK/, `${cmd ?? 'greeting'} -> ${line}`);
  return line;
}

async function pop3Multi(c: LineClient, cmd: string): Promise<string[]> {
  await pop3Ok(c, cmd);
  const lines: string[] = [];
  for (;;) {
    const line = await c.readLine();
    if (line === '.') return lines;
    lines.push(line.startsWith('..') ? line.slice(1) : line);
  }
}

/** Message-ID headers of every message in the POP3S maildrop. */
async function pop3sMessageIds(stack: MailStack): Promise<string[]> {
  const c = await LineClient.connect(stack.host, stack.pop3s, tlsOptions(stack));
  try {
    await pop3Ok(c);
    await pop3Ok(c, `USER ${stack.user}`);
    await pop3Ok(c, `PASS ${stack.password}`);
    const list = await pop3Multi(c, 'LIST');
    const ids: string[] = [];
    for (const entry of list) {
      const num = entry.split(' ')[0];
      const headers = await pop3Multi(c, `TOP ${num} 0`);
      for (const h of headers) {
        const m = /^message-id:\s*(.+)$/i.exec(h);
        if (m) ids.push(m[1]!.trim());
      }
    }
    await pop3Ok(c, 'QUIT');
    return ids;
  } finally {
    c.close();
  }
}

let imapTagCounter = 0;

/** Sends an IMAP command and returns the untagged lines; asserts a tagged OK. */
async function imapCmd(c: LineClient, cmd: string): Promise<string[]> {
  imapTagCounter += 1;
  const tag = `t${imapTagCounter}`;
  c.write(`${tag} ${cmd}`);
  const lines: string[] = [];
  for (;;) {
    const line = await c.readLine();
    if (line.startsWith(`${tag} `)) {
      assert.match(line, new RegExp(`^${tag} OK`), `${cmd.split(' ')[0]} -> ${line}`);
      return lines;
    }
    lines.push(line);
  }
}

function imapQuote(s: string): string {
  return `"${s.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/** IMAPS: sequence numbers of INBOX messages with the given Message-ID. */
async function imapsSearch(stack: MailStack, id: string): Promise<number[]> {
  const c = await LineClient.connect(stack.host, stack.imaps, tlsOptions(stack));
  try {
    assert.match(await c.readLine(), /^\* OK/);
    await imapCmd(c, `LOGIN ${imapQuote(stack.user)} ${imapQuote(stack.password)}`);
    await imapCmd(c, 'EXAMINE INBOX');
    const lines = await imapCmd(c, `SEARCH HEADER Message-ID ${imapQuote(id)}`);
    await imapCmd(c, 'LOGOUT').catch(() => undefined);
    const search = lines.find((l) => l.startsWith('* SEARCH'));
    assert.ok(search !== undefined, `no SEARCH response in ${JSON.stringify(lines)}`);
    return search
      .slice('* SEARCH'.length)
      .trim()
      .split(/\s+/)
      .filter((s) => s !== '')
      .map(Number);
  } finally {
    c.close();
  }
}

async function poll<T>(what: string, fn: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${ms} ms${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ---------------------------------------------------------------- tests

describe('mail-stack (real Postfix + Dovecot + dnsmasq)', () => {
  let stack: MailStack;
  const delivered: string[] = [];

  before(
    async () => {
      stack = await getMailStack();
    },
    { timeout: 16 * 60_000 },
  );

  test('JSON describes the stack', TEST_OPTS, () => {
    assert.equal(stack.host, '127.0.0.1');
    assert.equal(stack.domain, 'example.test');
    assert.equal(stack.user, 'test@example.test');
    assert.equal(stack.serverName, 'mail.example.test');
    const ports = [
      stack.smtp,
      stack.submission,
      stack.smtps,
      stack.pop3,
      stack.pop3s,
      stack.imap,
      stack.imaps,
    ];
    assert.equal(new Set([...ports, stack.dns]).size, 8, 'ports are distinct');
    for (const p of ports) assert.ok(p >= 1024, `port ${p} is a high port`);
    assert.match(readFileSync(stack.caCert, 'utf8'), /BEGIN CERTIFICATE/);
    assert.deepEqual(stack.zones, {
      healthy: 'example.test',
      nullMx: 'nullmx.test',
      brokenMx: 'brokenmx.test',
      noMx: 'nomx.test',
      cnameMx: 'cnamemx.test',
      badSpf: 'badspf.test',
    });
  });

  test(
    'SMTP: banner, STARTTLS offered, relay refused, local mail accepted',
    TEST_OPTS,
    async () => {
      const c = await LineClient.connect(stack.host, stack.smtp);
      try {
        const banner = await smtpReply(c);
        assert.equal(banner.code, 220);
        assert.match(banner.text, /mail\.example\.test/);

        const ehlo = await smtpCmd(c, 'EHLO client.example.net');
        assert.equal(ehlo.code, 250);
        assert.ok(ehloKeywords(ehlo).includes('STARTTLS'), ehlo.text);
        assert.ok(
          !ehloKeywords(ehlo).some((k) => k.startsWith('AUTH')),
          'no AUTH on port 25-style listener',
        );

        assert.equal((await smtpCmd(c, 'MAIL FROM:<someone@example.net>')).code, 250);
        const relay = await smtpCmd(c, 'RCPT TO:<victim@example.org>');
        assert.equal(relay.code, 554, relay.text);
        assert.match(relay.text, /^554 5\.7\.1 .*Relay access denied/);

        const unknown = await smtpCmd(c, 'RCPT TO:<nobody@example.test>');
        assert.equal(unknown.code, 550, unknown.text);
        assert.equal((await smtpCmd(c, 'RSET')).code, 250);

        const id = messageId('smtp');
        const done = await sendMessage(c, 'someone@example.net', 'test@example.test', id);
        assert.equal(done.code, 250, done.text);
        delivered.push(id);
        await smtpCmd(c, 'QUIT');
      } finally {
        c.close();
      }
    },
  );

  test(
    'submission: no AUTH before STARTTLS; AUTH PLAIN 235 with the password, 535 without',
    TEST_OPTS,
    async () => {
      const c = await LineClient.connect(stack.host, stack.submission);
      try {
        assert.equal((await smtpReply(c)).code, 220);
        const ehlo = await smtpCmd(c, 'EHLO client.example.net');
        assert.ok(ehloKeywords(ehlo).includes('STARTTLS'), ehlo.text);
        assert.ok(
          !ehloKeywords(ehlo).some((k) => k.startsWith('AUTH')),
          `AUTH offered before TLS: ${ehlo.text}`,
        );
        // TLS is mandatory here: mail without it is refused.
        const early = await smtpCmd(c, 'MAIL FROM:<test@example.test>');
        assert.equal(early.code, 530, early.text);

        assert.equal((await smtpCmd(c, 'STARTTLS')).code, 220);
        await c.startTls(tlsOptions(stack));
        assert.ok(c.isTls);
        const ehlo2 = await smtpCmd(c, 'EHLO client.example.net');
        const auth = ehloKeywords(ehlo2).find((k) => k.startsWith('AUTH '));
        assert.ok(auth !== undefined, `AUTH not offered after STARTTLS: ${ehlo2.text}`);
        assert.ok(auth.split(' ').includes('PLAIN') && auth.split(' ').includes('LOGIN'), auth);

        const bad = await smtpCmd(
          c,
          `AUTH PLAIN ${plainAuth(stack.user, `${stack.password}-wrong`)}`,
        );
        assert.equal(bad.code, 535, bad.text);

        // unauthenticated: even local mail is refused on submission
        assert.equal((await smtpCmd(c, 'MAIL FROM:<test@example.test>')).code, 250);
        assert.equal((await smtpCmd(c, 'RCPT TO:<test@example.test>')).code, 554);
        assert.equal((await smtpCmd(c, 'RSET')).code, 250);

        const good = await smtpCmd(c, `AUTH PLAIN ${plainAuth(stack.user, stack.password)}`);
        assert.equal(good.code, 235, good.text);

        const id = messageId('submission');
        const done = await sendMessage(c, stack.user, stack.user, id);
        assert.equal(done.code, 250, done.text);
        delivered.push(id);
        await smtpCmd(c, 'QUIT');
      } finally {
        c.close();
      }
    },
  );

  test(
    'smtps: implicit TLS with a certificate the CA vouches for, AUTH LOGIN',
    TEST_OPTS,
    async () => {
      const c = await LineClient.connect(stack.host, stack.smtps, tlsOptions(stack));
      try {
        assert.ok(c.isTls);
        assert.equal((await smtpReply(c)).code, 220);
        const ehlo = await smtpCmd(c, 'EHLO client.example.net');
        assert.ok(
          ehloKeywords(ehlo).some((k) => k.startsWith('AUTH ')),
          ehlo.text,
        );
        assert.equal((await smtpCmd(c, 'AUTH LOGIN')).code, 334);
        assert.equal((await smtpCmd(c, Buffer.from('test').toString('base64'))).code, 334);
        const ok = await smtpCmd(c, Buffer.from(stack.password).toString('base64'));
        assert.equal(ok.code, 235, `bare local part "test" logs in: ${ok.text}`);
        await smtpCmd(c, 'QUIT');
      } finally {
        c.close();
      }
    },
  );

  test('delivered messages are fetched over POP3S and IMAPS by Message-ID', TEST_OPTS, async () => {
    assert.equal(delivered.length, 2, 'the SMTP and submission tests delivered their messages');
    for (const id of delivered) {
      await poll(`POP3S sees ${id}`, async () =>
        (await pop3sMessageIds(stack)).includes(id) ? true : undefined,
      );
      const found = await poll(`IMAPS finds ${id}`, async () => {
        const seqs = await imapsSearch(stack, id);
        return seqs.length > 0 ? seqs : undefined;
      });
      assert.equal(found.length, 1);
    }
  });

  test('plain POP3 and IMAP refuse logins until STLS/STARTTLS', TEST_OPTS, async () => {
    const pop = await LineClient.connect(stack.host, stack.pop3);
    try {
      await pop3Ok(pop);
      const capa = await pop3Multi(pop, 'CAPA');
      assert.ok(capa.includes('STLS'), capa.join(' '));
      pop.write(`USER ${stack.user}`);
      assert.match(await pop.readLine(), /^-ERR/);
      await pop3Ok(pop, 'STLS');
      await pop.startTls(tlsOptions(stack));
      await pop3Ok(pop, `USER ${stack.user}`);
      await pop3Ok(pop, `PASS ${stack.password}`);
      await pop3Ok(pop, 'QUIT');
    } finally {
      pop.close();
    }

    const imap = await LineClient.connect(stack.host, stack.imap);
    try {
      const greeting = await imap.readLine();
      assert.match(greeting, /^\* OK .*STARTTLS.*LOGINDISABLED/);
      await imapCmd(imap, 'STARTTLS');
      await imap.startTls(tlsOptions(stack));
      const caps = await imapCmd(imap, 'CAPABILITY');
      assert.ok(!caps.join(' ').includes('LOGINDISABLED'), caps.join(' '));
      await imapCmd(imap, `LOGIN ${imapQuote(stack.user)} ${imapQuote(stack.password)}`);
      await imapCmd(imap, 'LOGOUT');
    } finally {
      imap.close();
    }
  });

  test('dnsmasq serves the test zones and answers unknown names at once', TEST_OPTS, async () => {
    const r = new Resolver({ timeout: 2_000, tries: 1 });
    r.setServers([`${stack.host}:${stack.dns}`]);
    const byPriority = (a: { priority: number }, b: { priority: number }): number =>
      a.priority - b.priority;

    // Node 24 adds `type: 'MX'` to each record; compare what every version returns.
    const plain = (records: Array<{ exchange: string; priority: number }>) =>
      records.map(({ exchange, priority }) => ({ exchange, priority }));
    const mx = plain(await r.resolveMx(stack.zones.healthy)).sort(byPriority);
    assert.deepEqual(mx, [
      { exchange: 'mx1.example.test', priority: 10 },
      { exchange: 'mx2.example.test', priority: 20 },
    ]);
    assert.deepEqual(await r.resolve4('mx1.example.test'), ['127.0.0.1']);
    assert.deepEqual(await r.resolve4('mx2.example.test'), ['127.0.0.2']);
    assert.deepEqual(await r.resolve4('mail.example.test'), ['127.0.0.1']);
    // (resolvePtr, not reverse(): c-ares answers reverse() from /etc/hosts first)
    assert.deepEqual(await r.resolvePtr('1.0.0.127.in-addr.arpa'), ['mail.example.test']);
    assert.deepEqual(
      (await r.resolveTxt('example.test')).map((t) => t.join('')),
      ['v=spf1 ip4:127.0.0.0/8 -all'],
    );
    assert.match((await r.resolveTxt('_dmarc.example.test'))[0]!.join(''), /^v=DMARC1; p=reject/);
    assert.match((await r.resolveTxt('_mta-sts.example.test'))[0]!.join(''), /^v=STSv1; id=/);
    assert.match((await r.resolveTxt('_smtp._tls.example.test'))[0]!.join(''), /^v=TLSRPTv1;/);
    const srv = await r.resolveSrv('_submission._tcp.example.test');
    assert.equal(srv[0]?.port, stack.submission);
    assert.equal(srv[0]?.name, 'mail.example.test');
    assert.equal((await r.resolveSrv('_imaps._tcp.example.test'))[0]?.port, stack.imaps);
    assert.equal((await r.resolveSrv('_pop3s._tcp.example.test'))[0]?.port, stack.pop3s);

    // RFC 7505 null MX: preference 0, exchange "." (node reports "").
    const nullMx = await r.resolveMx(stack.zones.nullMx);
    assert.equal(nullMx.length, 1);
    assert.equal(nullMx[0]!.priority, 0);
    assert.ok(['', '.'].includes(nullMx[0]!.exchange), JSON.stringify(nullMx));

    const broken = plain(await r.resolveMx(stack.zones.brokenMx));
    assert.deepEqual(broken, [{ exchange: 'nowhere.brokenmx.test', priority: 10 }]);
    await assert.rejects(r.resolve4('nowhere.brokenmx.test'), { code: 'ENOTFOUND' });

    await assert.rejects(r.resolveMx(stack.zones.noMx), (err: NodeJS.ErrnoException) =>
      ['ENODATA', 'ENOTFOUND'].includes(String(err.code)),
    );
    assert.deepEqual(await r.resolve4(stack.zones.noMx), ['127.0.0.1']);

    assert.deepEqual(plain(await r.resolveMx(stack.zones.cnameMx)), [
      { exchange: 'alias.cnamemx.test', priority: 10 },
    ]);
    assert.deepEqual(await r.resolveCname('alias.cnamemx.test'), ['mail.example.test']);

    const spf = (await r.resolveTxt(stack.zones.badSpf))
      .map((t) => t.join(''))
      .filter((t) => t.startsWith('v=spf1'));
    assert.equal(spf.length, 2, JSON.stringify(spf));

    // ENOTFOUND is an answer (NXDOMAIN); a resolver that timed out would give ETIMEOUT instead.
    await assert.rejects(r.resolve4('does-not-exist.test'), { code: 'ENOTFOUND' });
    await assert.rejects(r.resolveMx('nothing-here.example.test'), { code: 'ENOTFOUND' });
  });
});
