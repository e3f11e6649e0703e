// `explain` on pasted texts: warm time per paste (median), the first call in a fresh process
// (module load plus first use of the vendor expressions), and the bounded worst case (64 KiB of
// text, the extractor's limit). Figures only; tests never time anything.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { explain } from '../source/knowledge/index.js';
import { fmt, median } from './stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 25);

const PASTES: Record<string, string> = {
  'bare reply': '550 5.7.1 <bob@example.com>: Relay access denied',
  'Exchange NDR':
    "Remote Server returned '554 5.3.0 < #5.3.0 smtp; 550 Rejected by header based Anti-Spoofing policy: bob@example.com>'",
  'Postfix log line':
    'May  1 10:00:00 mx postfix/smtp[1234]: 4ABC123: to=<bob@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.5]:25, dsn=4.7.28, status=deferred (host gmail-smtp-in.l.google.com[192.0.2.5] said: 421-4.7.28 Gmail has detected an unusual rate of email originating from your IP address. a1si123 - gsmtp (in reply to end of DATA command))',
  'Exim log line':
    '2024-05-01 12:00:00 1rA2bC-000123-AB ** bob@icloud.com R=dnslookup T=remote_smtp H=mx01.mail.icloud.com [192.0.2.7]: SMTP error from remote mail server after end of data: 554 5.7.1 [CS02] Message rejected due to local policy.',
  'client log (IMAP)':
    '2024-05-01 10:00:00.123 - IMAP: S: 5 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)',
  'no reply at all': 'the printer says it cannot send mail since this morning',
};

const bounce = [
  'This is the mail system at host mail.example.org.',
  '',
  '<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>:',
  '    Recipient address rejected: User unknown in virtual mailbox table (in reply to',
  '    RCPT TO command)',
  '',
].join('\n');
const BIG: Record<string, string> = {
  '64 KiB bounce + headers': (
    bounce + 'Received: from a.example.org (192.0.2.9) by b.example.org\n'.repeat(1200)
  ).slice(0, 65536),
  '64 KiB of digits and colons': '550: 421- 5.7.1 ; ( < # '.repeat(2800).slice(0, 65536),
};

const timeOne = (text: string): number => {
  const started = process.hrtime.bigint();
  explain(text);
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const cold = (text: string): number => {
  const script = `const t0 = process.hrtime.bigint(); const k = await import('./source/knowledge/index.ts'); const t1 = process.hrtime.bigint(); k.explain(${JSON.stringify(text)}); const t2 = process.hrtime.bigint(); console.log(Number(t1 - t0) / 1e6, Number(t2 - t1) / 1e6);`;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  const [, first] = result.stdout.trim().split(/\s+/).map(Number);
  return first ?? NaN;
};

for (const text of Object.values(PASTES)) timeOne(text); // warm up
console.log(`explain(), median of ${runs} runs each (node ${process.version})`);
const warm = Object.fromEntries(
  Object.entries(PASTES).map(([name, text]) => [
    name,
    median(Array.from({ length: runs }, () => timeOne(text))),
  ]),
);
const bare = warm['bare reply']!;
for (const [name, m] of Object.entries(warm)) {
  console.log(
    `  ${name.padEnd(28)} ${fmt(m).padStart(10)}   x${(m / bare).toFixed(2)} of a bare reply`,
  );
}
for (const [name, text] of Object.entries(BIG)) {
  const m = median(Array.from({ length: Math.max(5, Math.floor(runs / 5)) }, () => timeOne(text)));
  console.log(
    `  ${name.padEnd(28)} ${fmt(m).padStart(10)}   x${(m / bare).toFixed(2)} of a bare reply`,
  );
}
const coldRuns = Math.max(3, Math.floor(runs / 5));
const firstCall = median(Array.from({ length: coldRuns }, () => cold(PASTES['Postfix log line']!)));
console.log(
  `  first call in a fresh process ${fmt(firstCall).padStart(8)}   (median of ${coldRuns}; expressions compile on first use)`,
);
