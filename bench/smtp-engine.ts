// How fast the SMTP engine frames and parses replies: a long multi-line reply fed in network-
// sized chunks, and many short replies one after another (the pipelining case).
import { SmtpEngine } from '../source/protocols/smtp/engine.js';
import { fmt, median } from './stats.js';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const chunked = (text: string, size: number): Buffer[] => {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
};

const longReply = `${Array.from({ length: 999 }, (_, i) => `250-EXTENSION${i} ${'x'.repeat(200)}`).join('\r\n')}\r\n250 done\r\n`;
const manyReplies = Array.from({ length: 5000 }, () => '250 2.1.5 Ok\r\n').join('');

const measure = (label: string, body: () => void, bytes: number): void => {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    body();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const m = median(times);
  console.log(
    `  ${label.padEnd(44)} ${fmt(m).padStart(10)}   ${(bytes / 1024 / 1024 / (m / 1000)).toFixed(1)} MiB/s`,
  );
};

console.log(`SMTP engine, median of ${runs} runs (node ${process.version})`);
const longChunks = chunked(`220 ready\r\n${longReply}`, 1460);
measure(
  '1,000-line EHLO reply (200 KiB) in 1460-byte chunks',
  () => {
    const engine = new SmtpEngine();
    engine.receive(longChunks[0]!.subarray(0, 11));
    engine.send({ verb: 'EHLO', domain: 'bench.test' });
    engine.receive(longChunks[0]!.subarray(11));
    for (const chunk of longChunks.slice(1)) engine.receive(chunk);
  },
  longReply.length,
);

const manyChunks = chunked(manyReplies, 1460);
measure(
  '5,000 pipelined replies in 1460-byte chunks',
  () => {
    const engine = new SmtpEngine();
    engine.receive(Buffer.from('220 ready\r\n'));
    for (let i = 0; i < 5000; i += 1) engine.send({ verb: 'NOOP' });
    for (const chunk of manyChunks) engine.receive(chunk);
  },
  manyReplies.length,
);
