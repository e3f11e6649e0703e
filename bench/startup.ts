// Start-up of the bundled CLI against running the sources through tsx, interleaved so both see
// the same machine load. The bundle exists because ink unbundled costs ~0.5 s to load.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);

const time = (args: string[]): number => {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const cases = {
  'bundle --version': ['dist/mailmedic.js', '--version'],
  'bundle explain 550': ['dist/mailmedic.js', 'explain', '550'],
  'unbundled: import ink only': ['--input-type=module', '-e', "import 'ink'; import 'react';"],
  'tsx source --version': ['--import', 'tsx', 'source/cli.tsx', '--version'],
} as const;

const samples: Record<string, number[]> = Object.fromEntries(
  Object.keys(cases).map((k) => [k, []]),
);
for (let i = 0; i < runs; i += 1) {
  for (const [name, args] of Object.entries(cases)) samples[name]!.push(time([...args]));
}
const base = median(samples['bundle --version']!);
console.log(`start-up, median of ${runs} interleaved runs (node ${process.version})`);
for (const [name, values] of Object.entries(samples)) {
  const m = median(values);
  console.log(
    `  ${name.padEnd(24)} ${fmt(m).padStart(10)}   x${(m / base).toFixed(2)} of bundle --version`,
  );
}
