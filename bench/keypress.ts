// Key press to the next frame, with a 100,000-line transcript on the step screen: the wizard as
// the terminal drives it (ink's own renderer and frame rate), on in-memory streams so the figure
// is the app's work and not a terminal emulator's. Prints p50/p95/max per key kind.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { createElement } from 'react';
import { unsafeCharacterReason } from '../source/protocols/common/input.js';
import type { Session, TranscriptEntry } from '../source/record/types.js';
import { App } from '../source/ui/app.js';
import { createStaticController } from '../source/ui/static-controller.js';
import { setLayoutCache } from '../source/ui/transcript-layout.js';

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const PRESSES = Number(process.env.BENCH_PRESSES ?? 20);

class Out extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  writes = 0;
  write = (chunk: string): boolean => {
    if (process.env.BENCH_DEBUG) console.error(JSON.stringify(chunk).slice(0, 300));
    this.writes += 1;
    this.emit('frame');
    return true;
  };
}

class In extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
  }
  read(): string | null {
    const { data } = this;
    this.data = null;
    return data;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const session = (): Session => {
  const transcript: TranscriptEntry[] = [];
  for (let i = 0; i < LINES; i += 1) {
    transcript.push(
      i % 3 === 0
        ? { t: i, step: 'send', dir: 'client', text: `X-Line-${i}: ${'lorem ipsum '.repeat(4)}` }
        : {
            t: i,
            step: 'send',
            dir: 'server',
            text: `250 2.0.0 Ok line ${i}`,
            explanation: '250 2.0.0: requested action completed',
          },
    );
  }
  return {
    schema: 'mailmedic.session/1',
    tool: { name: 'mailmedic', version: 'bench' },
    startedAt: new Date(0).toISOString(),
    target: { input: 'bench.example', server: { host: 'bench.example', port: 25 } },
    steps: [{ id: 'send', status: 'ok', durationMs: 1, summary: 'sent' }],
    transcript,
    findings: [],
  };
};

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const measure = async (label: string): Promise<Record<string, number[]>> => {
  const stdout = new Out();
  const stdin = new In();
  const instance = render(
    createElement(App, {
      controller: createStaticController(session()),
      version: 'bench',
      checkTarget: unsafeCharacterReason,
      color: false,
    }),
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: new Out() as unknown as NodeJS.WriteStream,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  const frame = (keys: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const timer = setTimeout(
        () => reject(new Error(`no frame after ${JSON.stringify(keys)} within 120 s`)),
        120_000,
      );
      stdout.once('frame', () => {
        clearTimeout(timer);
        resolve(performance.now() - started);
      });
      stdin.write(keys);
    });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 60));
  await settle();
  await frame('p'); // from the next step to run (pop3) back to send, the long one
  await settle();
  await frame('\x1b[H'); // Home: away from the tail, so page keys always change the frame
  await settle();
  const samples: Record<string, number[]> = {
    'PgDn/PgUp': [],
    '↓ (scroll)': [],
    'n/p (step)': [],
    Home: [],
  };
  await frame('\t'); // focus the transcript, so ↓ scrolls it
  await settle();
  for (let i = 0; i < PRESSES; i += 1) {
    // Each pair comes back to where it started, so every key changes the frame.
    for (const key of ['\x1b[6~', '\x1b[5~']) {
      samples['PgDn/PgUp']!.push(await frame(key));
      await settle();
    }
    samples['↓ (scroll)']!.push(await frame('\x1b[B'));
    await settle();
    for (const key of ['n', 'p']) {
      samples['n/p (step)']!.push(await frame(key));
      await settle();
    }
    // Back on the step, it follows the tail again: Home goes to the top.
    samples['Home']!.push(await frame('\x1b[H'));
    await settle();
  }
  instance.unmount();
  console.log(`  ${label}`);
  for (const [name, values] of Object.entries(samples)) {
    console.log(
      `    ${name.padEnd(12)} p50 ${percentile(values, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(values, 95).toFixed(1).padStart(7)} ms   max ${Math.max(
        ...values,
      )
        .toFixed(1)
        .padStart(7)} ms`,
    );
  }
  return samples;
};

console.log(
  `key press to next frame, ${LINES.toLocaleString('en')} transcript lines, ${PRESSES} presses of each kind (node ${process.version}); goal: p95 <= 50 ms`,
);
setLayoutCache(false);
const before = await measure('before: every frame lays out the whole transcript');
setLayoutCache(true);
const after = await measure('after: laid-out rows kept per transcript entry and width');
const p95 = (s: Record<string, number[]>) =>
  Math.max(...Object.values(s).map((v) => percentile(v, 95)));
console.log(
  `  worst p95: before ${p95(before).toFixed(1)} ms, after ${p95(after).toFixed(1)} ms (x${(p95(before) / p95(after)).toFixed(1)})`,
);
process.exit(0);
