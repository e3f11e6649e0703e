// How fast hostile input ends, and in how much memory: every file flag fed /dev/zero (the issue
// asks for exit 2 within a second), and an IMAP server sending untagged responses forever at
// --timeout 5 (it used to run 22 s and peak at 2.4 GB). Medians of BENCH_RUNS runs; peak RSS from
// /usr/bin/time when it is there.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BUNDLE } from '../test/helpers/cli.js';
import { startFakeServer } from '../test/helpers/fake-server.js';
import { flood, imap } from '../test/hostile/personas.js';
import { fmt, median } from './stats.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const TIME = '/usr/bin/time';

const measure = (args: string[]): Promise<{ ms: number; code: number | null; rssKb?: number }> =>
  new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const timed = existsSync(TIME);
    const [cmd, argv] = timed
      ? [TIME, ['-f', 'rss=%M', process.execPath, BUNDLE, ...args]]
      : [process.execPath, [BUNDLE, ...args]];
    execFile(
      cmd,
      argv,
      { env: { PATH: process.env.PATH, MAILMEDIC_PASSWORD: 'pw', NO_COLOR: '1' }, maxBuffer: 64e6 },
      (error, _stdout, stderr) => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const rss = /rss=(\d+)/.exec(stderr)?.[1];
        const code = error ? ((error as { code?: number }).code ?? null) : 0;
        resolve({ ms, code, ...(rss ? { rssKb: Number(rss) } : {}) });
      },
    );
  });

const report = async (label: string, args: string[]): Promise<void> => {
  const results = [];
  for (let i = 0; i < runs; i += 1) results.push(await measure(args));
  const rss = results.flatMap((r) => (r.rssKb ? [r.rssKb / 1024] : []));
  console.log(
    `${label.padEnd(48)} exit ${results.map((r) => r.code).join(',')}  median ${fmt(median(results.map((r) => r.ms)))}` +
      (rss.length ? `  peak RSS median ${median(rss).toFixed(0)} MB` : ''),
  );
};

const server = await startFakeServer(imap({ login: (p) => flood(p, (i) => `* ${i} EXISTS\r\n`) }));
try {
  const smtp = ['check', '--server', '127.0.0.1:9'];
  // What every run costs before it reads anything: the figures below are to be read against it.
  await report('--version (start-up baseline)', ['--version']);
  await report('--body @/dev/zero', [...smtp, '--to', 'a@b.test', '--body', '@/dev/zero']);
  await report('--auth-pass-file /dev/zero', [
    ...smtp,
    '--auth-user',
    'u',
    '--auth-pass-file',
    '/dev/zero',
  ]);
  await report('--ca-file /dev/zero', [...smtp, '--ca-file', '/dev/zero']);
  await report('--domains-file /dev/zero', ['check', '--domains-file', '/dev/zero']);
  await report('open /dev/zero', ['open', '/dev/zero']);
  await report('IMAP untagged flood, --timeout 5', [
    ...smtp,
    '--steps',
    'imap',
    '--imap',
    `imap://${server.host}:${server.port}`,
    '--mailbox-user',
    'u',
    '--plaintext-auth',
    '--timeout',
    '5',
    '--json',
  ]);
} finally {
  await server.close();
}
