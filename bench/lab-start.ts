// Time from `mailmedic lab` to its ports printed (the bundle, as a learner starts it), next to the
// bundle's bare start-up and to startLab() in process, interleaved so all see the same load.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startLab } from '../source/lab/lab.js';
import { fmt, median } from './stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 11);

/** Milliseconds until the lab printed its first line (the JSON with the ports), then Ctrl-C. */
const toPorts = (scenario: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['dist/mailmedic.js', 'lab', scenario, '--json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let ms: number | undefined;
    child.stdout.on('data', (d: Buffer) => {
      if (ms === undefined && d.includes('\n')) {
        ms = Number(process.hrtime.bigint() - started) / 1e6;
        child.kill('SIGINT');
      }
    });
    child.once('exit', (code) =>
      ms !== undefined && code === 0 ? resolve(ms) : reject(new Error(`lab exited ${code}`)),
    );
  });

const version = (): number => {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, ['dist/mailmedic.js', '--version'], { cwd: root });
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const inProcess = async (): Promise<number> => {
  const started = performance.now();
  const lab = await startLab('healthy');
  const ms = performance.now() - started;
  await lab.stop();
  return ms;
};

const samples: Record<string, number[]> = {
  'bundle --version': [],
  'lab healthy: ports printed': [],
  'lab tarpit: ports printed': [],
  'startLab() in process': [],
};
for (let i = 0; i < runs; i += 1) {
  samples['bundle --version']!.push(version());
  samples['lab healthy: ports printed']!.push(await toPorts('healthy'));
  samples['lab tarpit: ports printed']!.push(await toPorts('tarpit'));
  samples['startLab() in process']!.push(await inProcess());
}
const base = median(samples['bundle --version']!);
console.log(`practice lab start, median of ${runs} interleaved runs (node ${process.version})`);
for (const [name, values] of Object.entries(samples)) {
  const m = median(values);
  console.log(
    `  ${name.padEnd(28)} ${fmt(m).padStart(10)}   x${(m / base).toFixed(2)} of bundle --version`,
  );
}
