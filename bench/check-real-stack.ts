// Whole runs of the built CLI against the real mail stack: wall time of a banner check and of a
// full send-and-retrieve, with the median time of each step and of delivery (accepted -> found).
import { runCli } from '../test/helpers/cli.js';
import { getMailStack, submissionArgs } from '../test/helpers/mail-stack.js';
import type { Session } from '../source/record/types.js';
import { fmt, median } from './stats.js';

const runs = Number(process.env.BENCH_RUNS ?? 9);
const stack = await getMailStack();

const run = async (args: string[]): Promise<{ ms: number; session: Session }> => {
  const started = process.hrtime.bigint();
  const r = await runCli(['check', '--json', '--ehlo', 'bench.example.test', ...args], {
    env: { MAILMEDIC_PASSWORD: stack.password },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.code !== 0) throw new Error(`check failed (${r.code}): ${r.stderr}`);
  return { ms, session: JSON.parse(r.stdout) as Session };
};

const cases = {
  'banner check (connect,banner,ehlo)': [
    '--server',
    `${stack.host}:${stack.smtp}`,
    '--steps',
    'connect,banner,ehlo',
  ],
  'send over submission + find over IMAPS': [
    ...submissionArgs(stack, { to: true }),
    '--imap',
    `imaps://${stack.host}:${stack.imaps}`,
  ],
};

console.log(`check against the real stack, median of ${runs} runs (node ${process.version})`);
for (const [label, args] of Object.entries(cases)) {
  const results: Array<{ ms: number; session: Session }> = [];
  for (let i = 0; i < runs; i += 1) results.push(await run(args));
  console.log(`  ${label.padEnd(40)} ${fmt(median(results.map((r) => r.ms))).padStart(10)} wall`);
  const steps = results[0]!.session.steps.map((s) => s.id);
  for (const id of steps) {
    const times = results.map((r) => r.session.steps.find((s) => s.id === id)?.durationMs ?? 0);
    console.log(`    ${id.padEnd(38)} ${fmt(median(times)).padStart(10)}`);
  }
  const latency = results
    .map((r) => r.session.delivery?.latencyMs)
    .filter((n): n is number => n !== undefined);
  if (latency.length > 0)
    console.log(
      `    ${'delivery: accepted -> found over IMAP'.padEnd(38)} ${fmt(median(latency)).padStart(10)}`,
    );
}
