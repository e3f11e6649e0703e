// Key press to the next frame, with a 100,000-line transcript on the step screen: the wizard as
// the terminal drives it (ink's own renderer and frame rate), on in-memory streams so the figure
// is the app's work and not a terminal emulator's. React runs as it does in the built bundle
// (production; BENCH_REACT=development shows the development build's extra cost). Prints
// p50/p95/max per key kind, the worst p95 first (bench/table.ts reads the first p95 it meets).
import { EventEmitter } from 'node:events';
import { loadavg } from 'node:os';
import type { Session, TranscriptEntry } from '../source/record/types.js';

process.env.NODE_ENV = process.env.BENCH_REACT ?? 'production';
// After NODE_ENV is set: react picks its build when it is first loaded.
const { render } = await import('ink');
const { createElement } = await import('react');
const { unsafeCharacterReason } = await import('../source/protocols/common/input.js');
const { App } = await import('../source/ui/app.js');
const { createStaticController } = await import('../source/ui/static-controller.js');

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
/** The same keys on a short transcript, in the same run: the per-key cost should not differ. */
const SHORT = Number(process.env.BENCH_SHORT_LINES ?? 1_000);
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

const session = (lines: number): Session => {
  const transcript: TranscriptEntry[] = [];
  for (let i = 0; i < lines; i += 1) {
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

const measure = async (lines: number) => {
  const stdout = new Out();
  const stdin = new In();
  const instance = render(
    createElement(App, {
      controller: createStaticController(session(lines)),
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
      const cpu = process.cpuUsage();
      const timer = setTimeout(
        () => reject(new Error(`no frame after ${JSON.stringify(keys)} within 120 s`)),
        120_000,
      );
      stdout.once('frame', () => {
        clearTimeout(timer);
        const used = process.cpuUsage(cpu);
        lastCpu = (used.user + used.system) / 1000;
        resolve(performance.now() - started);
      });
      stdin.write(keys);
    });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 60));
  await settle();
  // From the next step to run (pop3) back to send, the long one: its first view indexes it.
  const firstView = await frame('p');
  await settle();
  await frame('\x1b[H'); // Home: away from the tail, so page keys always change the frame
  await settle();
  const samples: Record<string, number[]> = {
    'PgDn/PgUp': [],
    '↓ (scroll)': [],
    'n/p (step)': [],
    Home: [],
    '[/] (reply)': [],
    'find: 1st letter': [],
    'find: next letters': [],
    'n/N (match)': [],
  };
  await frame('\t'); // focus the transcript, so ↓ scrolls it
  await settle();
  const cpu: Record<string, number[]> = {};
  const press = async (kind: string, key: string) => {
    samples[kind]!.push(await frame(key));
    (cpu[kind] ??= []).push(lastCpu);
    await settle();
  };
  for (let i = 0; i < PRESSES; i += 1) {
    // Each pair comes back to where it started, so every key changes the frame.
    for (const key of ['\x1b[6~', '\x1b[5~']) await press('PgDn/PgUp', key);
    await press('↓ (scroll)', '\x1b[B');
    for (const key of ['n', 'p']) await press('n/p (step)', key);
    // Back on the step, it follows the tail again: Home goes to the top.
    await press('Home', '\x1b[H');
    for (const key of [']', ']', '[']) await press('[/] (reply)', key);
    // A query typed letter by letter (the bar counts matches as it goes), then its matches.
    await frame('/');
    await settle();
    // Many matches ("line 4": lines 4, 40-49, 400-499...), so n and N always move the selection.
    const query = `line ${[1, 2, 4, 5, 7, 8][i % 6]!}`;
    await press('find: 1st letter', query[0]!);
    for (const letter of query.slice(1)) await press('find: next letters', letter);
    await frame('\r');
    await settle();
    for (const key of ['n', 'N']) await press('n/N (match)', key);
    await frame('\x1b'); // esc ends the search and the selection (the matches were near the top)
    await settle();
    // The query stays for the next /: emptied (ctrl-u), so the next one is typed from scratch.
    for (const key of ['/', '\x15', '\x1b']) {
      await frame(key);
      await settle();
    }
  }
  instance.unmount();
  return { firstView, samples, cpu };
};

/** CPU time (user + system) of this process from the last key to its frame: the app's own work. */
let lastCpu = 0;

const runs = Number(process.env.BENCH_RUNS ?? 3);
type Figures = {
  samples: Record<string, number[]>;
  cpu: Record<string, number[]>;
  firstViews: number[];
};
const figures = (): Figures => ({ samples: {}, cpu: {}, firstViews: [] });
const long = figures();
const short = figures();
// Alternately, so the machine's load weighs on both alike.
for (let run = 0; run < runs; run += 1) {
  for (const [lines, into] of [
    [LINES, long],
    [SHORT, short],
  ] as const) {
    const { firstView, samples, cpu } = await measure(lines);
    into.firstViews.push(firstView);
    for (const [name, values] of Object.entries(samples))
      (into.samples[name] ??= []).push(...values);
    for (const [name, values] of Object.entries(cpu)) (into.cpu[name] ??= []).push(...values);
  }
}
const fmt = (n: number) => n.toFixed(1).padStart(7);
const worst = (f: Figures) => Math.max(...Object.values(f.samples).map((v) => percentile(v, 95)));
console.log(
  `key press to next frame, ${LINES.toLocaleString('en')} transcript lines (and ${SHORT.toLocaleString('en')} alongside), ${runs} runs of ${PRESSES} presses of each kind (node ${process.version}, react ${process.env.NODE_ENV}, load ${loadavg()[0]!.toFixed(1)})`,
);
console.log(
  `  worst p95 ${worst(long).toFixed(1)} ms (goal: at most 50 ms); with ${SHORT.toLocaleString('en')} lines ${worst(short).toFixed(1)} ms`,
);
console.log(
  `  ms, p50 / p95 of the wall time, and p50 of the app's CPU time: ${LINES.toLocaleString('en')} lines | ${SHORT.toLocaleString('en')} lines`,
);
for (const [name, values] of Object.entries(long.samples)) {
  const other = short.samples[name] ?? [0];
  const cpu = (f: Figures) => fmt(percentile(f.cpu[name] ?? [0], 50));
  console.log(
    `    ${name.padEnd(18)} ${fmt(percentile(values, 50))} / ${fmt(percentile(values, 95))}  cpu ${cpu(long)}  | ${fmt(percentile(other, 50))} / ${fmt(percentile(other, 95))}  cpu ${cpu(short)}   (${values.length} presses)`,
  );
}
console.log(
  `  first view of the step (indexes its lines once), median: ${fmt(percentile(long.firstViews, 50))} ms | ${fmt(percentile(short.firstViews, 50))} ms`,
);
process.exit(0);
