#!/usr/bin/env node
// Small helpers for scripts/mail-stack (plain node, no dependencies; .mjs so it
// is ESM whatever package.json says).
//
//   node helper.mjs ports N            print N free 127.0.0.1 TCP ports; the last
//                                      one is also free for UDP (used for DNS)
//   node helper.mjs layout             print the current stack layout version
//   node helper.mjs json               print the stack JSON built from MS_* env vars
//   node helper.mjs probe FILE [SECS]  check every service in stack JSON FILE,
//                                      retrying for up to SECS seconds (default 0)
//   node helper.mjs closed FILE [SECS] wait until no port in FILE accepts TCP
//   node helper.mjs proxy PIDFILE LISTEN:TARGET...
//                                      long-running TCP relay: 127.0.0.1:LISTEN ->
//                                      127.0.0.1:TARGET, connecting from 127.0.0.2.
//
// Why the relay: Dovecot treats a connection whose remote IP equals its local IP
// as "secured" and then allows plaintext AUTH/LOGIN without STLS/STARTTLS,
// whatever disable_plaintext_auth says. Every loopback client is 127.0.0.1 ->
// 127.0.0.1, so the plain POP3/IMAP ports sit behind this relay, which makes
// Dovecot see the client as 127.0.0.2 and behave as it does for remote clients.
import net from 'node:net';
import tls from 'node:tls';
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';

const HOST = '127.0.0.1';
/** The stack's layout version (see scripts/mail-stack: an older running stack is rebuilt). */
const LAYOUT = 2;

function listenTcp(port) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ host: HOST, port, exclusive: true }, () => resolve(srv));
  });
}

function bindUdp(port) {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket('udp4');
    sock.once('error', (err) => {
      sock.close();
      reject(err);
    });
    sock.bind({ address: HOST, port, exclusive: true }, () => resolve(sock));
  });
}

async function freePorts(n) {
  const held = [];
  const ports = [];
  try {
    while (ports.length < n) {
      const srv = await listenTcp(0);
      held.push(srv);
      const port = srv.address().port;
      if (ports.length === n - 1) {
        // The DNS port must be free for UDP as well.
        try {
          const sock = await bindUdp(port);
          held.push(sock);
        } catch {
          continue;
        }
      }
      ports.push(port);
    }
  } finally {
    for (const h of held) h.close();
  }
  return ports;
}

function buildJson() {
  const e = process.env;
  const num = (k) => {
    const v = Number(e[k]);
    if (!Number.isInteger(v) || v <= 0) throw new Error(`bad ${k}=${e[k]}`);
    return v;
  };
  const stack = {
    dir: e.MS_DIR,
    host: HOST,
    domain: 'example.test',
    user: 'test@example.test',
    password: e.MS_PASSWORD,
    smtp: num('MS_SMTP'),
    submission: num('MS_SUBMISSION'),
    smtps: num('MS_SMTPS'),
    pop3: num('MS_POP3'),
    pop3s: num('MS_POP3S'),
    imap: num('MS_IMAP'),
    imaps: num('MS_IMAPS'),
    dns: num('MS_DNS'),
    caCert: e.MS_CA_CERT,
    serverCert: e.MS_SERVER_CERT,
    serverName: 'mail.example.test',
    // Bumped when services are added: a running stack of an older layout is rebuilt.
    layout: LAYOUT,
    // Exim 4 (from its extracted Debian package) delivering into the mailbox that GNU
    // Mailutils pop3d/imap4d serve: a second pair of servers with their own wording.
    exim: {
      smtp: num('MS_EXIM_SMTP'),
      submission: num('MS_EXIM_SUBMISSION'),
      smtps: num('MS_EXIM_SMTPS'),
    },
    mailutils: {
      pop3: num('MS_MU_POP3'),
      pop3s: num('MS_MU_POP3S'),
      imap: num('MS_MU_IMAP'),
      imaps: num('MS_MU_IMAPS'),
    },
    zones: {
      healthy: 'example.test',
      nullMx: 'nullmx.test',
      brokenMx: 'brokenmx.test',
      noMx: 'nomx.test',
      cnameMx: 'cnamemx.test',
      badSpf: 'badspf.test',
    },
  };
  for (const k of ['dir', 'password', 'caCert', 'serverCert']) {
    if (!stack[k]) throw new Error(`missing value for ${k}`);
  }
  return JSON.stringify(stack, null, 2);
}

// Connect (optionally with implicit TLS) and read the first line of greeting.
function greeting(stack, port, useTls, expect) {
  return new Promise((resolve, reject) => {
    let buf = '';
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve();
    };
    const opts = { host: HOST, port };
    const sock = useTls
      ? tls.connect({
          ...opts,
          servername: stack.serverName,
          ca: fs.readFileSync(stack.caCert),
        })
      : net.connect(opts);
    const timer = setTimeout(() => finish(new Error('timeout waiting for greeting')), 3000);
    sock.setEncoding('utf8');
    sock.on('error', (err) => finish(err));
    sock.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      const line = buf.slice(0, nl).trim();
      if (expect.test(line)) finish();
      else finish(new Error(`unexpected greeting: ${line}`));
    });
    sock.on('end', () => finish(new Error(`connection closed (got: ${JSON.stringify(buf)})`)));
  });
}

async function dnsCheck(stack) {
  const r = new dns.promises.Resolver({ timeout: 1000, tries: 1 });
  r.setServers([`${HOST}:${stack.dns}`]);
  const mx = await r.resolveMx('example.test');
  if (mx.length !== 2) throw new Error(`expected 2 MX records, got ${JSON.stringify(mx)}`);
}

async function probeOnce(stack) {
  const checks = [
    ['smtp', () => greeting(stack, stack.smtp, false, /^220 /)],
    ['submission', () => greeting(stack, stack.submission, false, /^220 /)],
    ['smtps', () => greeting(stack, stack.smtps, true, /^220 /)],
    ['pop3', () => greeting(stack, stack.pop3, false, /^\+OK/)],
    ['pop3s', () => greeting(stack, stack.pop3s, true, /^\+OK/)],
    ['imap', () => greeting(stack, stack.imap, false, /^\* OK/)],
    ['imaps', () => greeting(stack, stack.imaps, true, /^\* OK/)],
    ['dns', () => dnsCheck(stack)],
    ['exim.smtp', () => greeting(stack, stack.exim.smtp, false, /^220 .*Exim/)],
    ['exim.submission', () => greeting(stack, stack.exim.submission, false, /^220 .*Exim/)],
    ['exim.smtps', () => greeting(stack, stack.exim.smtps, true, /^220 .*Exim/)],
    ['mailutils.pop3', () => greeting(stack, stack.mailutils.pop3, false, /^\+OK/)],
    ['mailutils.pop3s', () => greeting(stack, stack.mailutils.pop3s, true, /^\+OK/)],
    ['mailutils.imap', () => greeting(stack, stack.mailutils.imap, false, /^\* OK/)],
    ['mailutils.imaps', () => greeting(stack, stack.mailutils.imaps, true, /^\* OK/)],
  ];
  if (stack.layout !== LAYOUT) return [`layout ${stack.layout} is not the current ${LAYOUT}`];
  const results = await Promise.allSettled(checks.map(([, fn]) => fn()));
  const failures = [];
  results.forEach((r, i) => {
    if (r.status === 'rejected') {
      failures.push(
        `${checks[i][0]} (port ${portOf(stack, checks[i][0])}): ${r.reason && r.reason.message}`,
      );
    }
  });
  return failures;
}

const portOf = (stack, key) => key.split('.').reduce((o, k) => (o ? o[k] : undefined), stack);

/** Every TCP/UDP port of a stack JSON, nested services included. */
function allPorts(stack) {
  const keys = ['smtp', 'submission', 'smtps', 'pop3', 'pop3s', 'imap', 'imaps', 'dns'];
  const nested = [stack.exim, stack.mailutils].flatMap((o) => (o ? Object.values(o) : []));
  return [...keys.map((k) => stack[k]), ...nested].filter((p) => Number.isInteger(p));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function readStack(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

async function probe(file, secs) {
  const stack = readStack(file);
  const deadline = Date.now() + secs * 1000;
  for (;;) {
    const failures = await probeOnce(stack);
    if (failures.length === 0) return 0;
    if (Date.now() >= deadline) {
      for (const f of failures) process.stderr.write(`mail-stack: not healthy: ${f}\n`);
      return 1;
    }
    await sleep(250);
  }
}

function accepts(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: HOST, port });
    s.setTimeout(1000);
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('timeout', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

async function closed(file, secs) {
  const stack = readStack(file);
  const ports = allPorts(stack);
  const deadline = Date.now() + secs * 1000;
  for (;;) {
    const open = [];
    for (const p of ports) if (await accepts(p)) open.push(p);
    if (open.length === 0) return 0;
    if (Date.now() >= deadline) {
      process.stderr.write(`mail-stack: ports still open: ${open.join(' ')}\n`);
      return 1;
    }
    await sleep(200);
  }
}

function proxy(pidFile, pairs) {
  const servers = [];
  let pending = pairs.length;
  let sourceAddress = '127.0.0.2';
  const onListening = () => {
    pending -= 1;
    if (pending === 0) fs.writeFileSync(pidFile, `${process.pid}\n`);
  };
  for (const pair of pairs) {
    const [listen, target] = pair.split(':').map(Number);
    const srv = net.createServer((client) => {
      const upstream = net.connect({ host: HOST, port: target, localAddress: sourceAddress });
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close);
      upstream.on('error', (err) => {
        if (err.code === 'EADDRNOTAVAIL' && sourceAddress) {
          process.stderr.write('proxy: cannot bind 127.0.0.2, relaying from 127.0.0.1\n');
          sourceAddress = undefined;
        }
        close();
      });
      client.on('close', () => upstream.end());
      upstream.on('close', () => client.end());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    srv.on('error', (err) => {
      process.stderr.write(`proxy: ${listen}: ${err.message}\n`);
      process.exit(1);
    });
    srv.listen({ host: HOST, port: listen, exclusive: true }, onListening);
    servers.push(srv);
  }
  const shutdown = () => {
    for (const s of servers) s.close();
    try {
      fs.unlinkSync(pidFile);
    } catch {
      // already gone
    }
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGHUP', () => {});
  return new Promise(() => {});
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  switch (cmd) {
    case 'ports':
      process.stdout.write(`${(await freePorts(Number(args[0] || 1))).join(' ')}\n`);
      return 0;
    case 'layout':
      process.stdout.write(`${LAYOUT}\n`);
      return 0;
    case 'json':
      process.stdout.write(`${buildJson()}\n`);
      return 0;
    case 'probe':
      return probe(args[0], Number(args[1] || 0));
    case 'closed':
      return closed(args[0], Number(args[1] || 0));
    case 'proxy':
      return proxy(args[0], args.slice(1));
    default:
      process.stderr.write(`helper.mjs: unknown command ${cmd}\n`);
      return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`helper.mjs: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
