// `check --domains-file FILE --concurrency N`: the same diagnosis for many domains, N at a time.
// Text output is one line a domain (in the file's order) with its worst finding; --json prints
// one array of sessions. The exit code is the worst of all runs.
import { gate, gateSession } from '../record/gate.js';
import { redactIdentities } from '../record/redaction.js';
import { runSession } from '../session/runner.js';
import type { Session } from '../record/types.js';
import { VERSION } from '../version.js';
import type { Command, RunFlags } from './args.js';
import type { CheckIo } from './check.js';
import { exitCodeOf } from './check.js';
import { buildRunConfig, defaultSteps } from './run-config.js';
import { parseTarget } from './target.js';
import { readBoundedFile, readBoundedStream } from './input-files.js';
import { UsageError } from './usage-error.js';

/** One target a line; blank lines and # comments are skipped; a bad line names its number. */
export const parseDomainList = (text: string): RunFlags['target'][] =>
  text.split(/\r?\n/).flatMap((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return [];
    try {
      return [parseTarget(line)];
    } catch (error) {
      throw new UsageError(
        '--domains-file',
        `line ${i + 1}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });

/** Runs `work` over `items` with at most `limit` at once, results in input order. */
export const pool = async <T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

const summaryLine = (session: Session): string => {
  const worst = session.findings[0];
  const errors = session.findings.filter((f) => f.severity === 'error').length;
  const warnings = session.findings.filter((f) => f.severity === 'warning').length;
  const verdict = session.failure ? 'FAILED' : errors > 0 ? 'ERROR' : warnings > 0 ? 'WARN' : 'OK';
  const detail = session.failure
    ? session.failure.message
    : worst
      ? `${worst.title} (${worst.id})`
      : 'no problems found';
  return gate(
    `${verdict.padEnd(6)} ${session.target.input}  ${errors} error(s), ${warnings} warning(s): ${detail}`,
  );
};

export const runCheckMany = async (
  command: Extract<Command, { kind: 'check' }>,
  io: CheckIo,
): Promise<number> => {
  const file = command.domainsFile!;
  if (command.flags.target)
    throw new UsageError('--domains-file', 'give either a TARGET or --domains-file, not both');
  if (command.flags.report)
    throw new UsageError(
      '--report',
      'writes one session; with --domains-file use --json and keep stdout',
    );
  const text =
    file === '-'
      ? await readBoundedStream('--domains-file', io.stdin)
      : await readBoundedFile('--domains-file', file);
  const targets = parseDomainList(text);
  if (targets.length === 0) throw new UsageError('--domains-file', `${file} lists no domains`);
  // One password prompt at most, before anything runs: every run shares the flags.
  const first = await buildRunConfig(
    { ...command.flags, target: targets[0] },
    { env: io.env, stdin: io.stdin, stderr: io.stderr },
  );
  const sessions = await pool(targets, command.concurrency, async (target) => {
    const flags: RunFlags = { ...command.flags, target };
    const steps = command.flags.steps ?? defaultSteps(flags);
    const config = {
      ...first,
      target: {
        input: target!.input,
        ...(target!.domain ? { domain: target!.domain } : {}),
        ...(target!.server ? { server: target!.server } : {}),
      },
      steps,
    };
    const session = await runSession(config, {
      version: VERSION,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    if (!command.json) io.stderr.write(`${summaryLine(session)}\n`);
    return session;
  });
  const shown = command.flags.redactIdentities ? sessions.map(redactIdentities) : sessions;
  if (command.json)
    io.stdout.write(
      `${JSON.stringify(
        shown.map((s) => gateSession(s)),
        null,
        2,
      )}\n`,
    );
  else io.stdout.write(`${shown.map(summaryLine).join('\n')}\n`);
  return Math.max(...sessions.map(exitCodeOf));
};
