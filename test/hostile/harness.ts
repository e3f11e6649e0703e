// The hostile suite's one way to run mailmedic and one way to judge how it ended. Every case runs
// the built bundle as a user would, with its heap capped (so "bounded memory" is a crash, not a
// number nobody reads), and ends with the same checks: the exit code, a message naming the step,
// within the deadline, no control character or bidi override in anything printed or written, the
// partial transcript kept, and no form of any secret anywhere.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseSessionText } from '../../source/cli/session-file.js';
import { renderReport } from '../../source/report/index.js';
import type { Session, StepId } from '../../source/record/types.js';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/scratch.js';

/** The heap a run may use: a flood that grows memory without bound dies here, and the case fails. */
export const HEAP_MB = 160;

export const PASSWORD = 'Hunter2-Sekret!x9';
export const USER = 'bob';

export const workDir = (): string => scratchDir('mailmedic-hostile-');

/** What must never be printed: control characters (but LF and TAB) and direction overrides. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const assertPrintable = (where: string, text: string): void => {
  const found = UNSAFE.exec(text);
  assert.equal(
    found,
    null,
    `${where}: U+${found?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} at ${found?.index}: ${JSON.stringify(text.slice(Math.max(0, (found?.index ?? 0) - 40), (found?.index ?? 0) + 40))}`,
  );
};

/** Every string of a parsed JSON value passes assertPrintable. */
export const assertPrintableDeep = (where: string, value: unknown): void => {
  if (typeof value === 'string') return assertPrintable(where, value);
  if (Array.isArray(value))
    return value.forEach((v, i) => assertPrintableDeep(`${where}[${i}]`, v));
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      assertPrintable(`${where} key`, k);
      assertPrintableDeep(`${where}.${k}`, v);
    }
};

/**
 * Forms of a secret to look for, computed here independently of the code under test: as typed,
 * case-changed, hex, base64, and the middle of its base64 at each alignment inside a longer blob.
 */
export const leakForms = (secret: string): string[] => {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [
    secret,
    secret.toUpperCase(),
    secret.toLowerCase(),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('base64'),
  ];
  for (const offset of [0, 1, 2]) {
    const blob = Buffer.concat([Buffer.from('xyz'.slice(0, offset)), bytes, Buffer.from('tail')]);
    const encoded = blob.toString('base64');
    // Characters 4..16 of the aligned encoding depend on the secret's bytes alone.
    forms.push(encoded.slice(4, 16));
  }
  return forms;
};

export const assertNoSecret = (where: string, text: string, secrets: readonly string[]): void => {
  for (const secret of secrets)
    for (const form of leakForms(secret))
      assert.ok(!text.includes(form), `${where}: a form of the secret leaked: ${form}`);
};

/** Outside any Markdown code span or fence: nothing that GitHub would turn into a link. */
export const assertNoMarkdownLink = (markdown: string): void => {
  const prose = markdown
    .replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '')
    // Escaped backslashes, then escaped backticks, are text, not code-span marks.
    .replace(/\\\\/g, '')
    .replace(/\\`/g, '')
    .replace(/(`+)[^`]*?\1/g, '');
  assert.doesNotMatch(prose, /https?:\/\/|www\.|\]\(|<https?:/i, 'a link outside code in Markdown');
};

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  session?: Session;
  /** Every report format rendered, from the JSON report read back as `open` reads it. */
  reports: Record<'txt' | 'md' | 'html' | 'json', string>;
  /** Every file the run wrote in its work folder. */
  files: Record<string, string>;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
  /** Write a JSON report and read it back through `open`'s reader. */
  report?: boolean;
}

/** Runs `mailmedic ARGS` with a capped heap; the JSON report, when asked, is read back as `open` would. */
export const run = async (args: string[], options: RunOptions = {}): Promise<Run> => {
  const dir = workDir();
  const reportFile = join(dir, 'session.json');
  const started = Date.now();
  const r = await runCli([...args, ...(options.report ? ['--report', reportFile] : [])], {
    env: {
      NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
      ...options.env,
    },
    timeoutMs: options.timeoutMs ?? 60_000,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  const ms = Date.now() - started;
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) files[name] = readFileSync(join(dir, name), 'utf8');
  const reports = { txt: '', md: '', html: '', json: '' };
  let session: Session | undefined;
  if (files['session.json'] !== undefined) {
    session = parseSessionText(reportFile, files['session.json']);
    for (const format of ['txt', 'md', 'html', 'json'] as const)
      reports[format] = renderReport(session, format);
  } else if (args.includes('--json') && r.stdout.trim().startsWith('{')) {
    session = JSON.parse(r.stdout) as Session;
  }
  return { ...r, ms, reports, files, ...(session ? { session } : {}) };
};

export interface Ending {
  /** Expected exit codes. */
  codes: readonly number[];
  /** The step the message must name (in a step summary, or in the usage error). */
  step?: StepId;
  /** A usage error: the flag its message must name. */
  flag?: string;
  /** The run must end within this (the deadline under test, plus start-up and a loaded machine). */
  withinMs: number;
  secrets?: readonly string[];
  /** The step's summary must match. */
  summary?: RegExp;
}

/** The same ending for every case. */
export const assertEnding = (r: Run, ending: Ending): void => {
  const context = `exit ${r.code}; stderr ${JSON.stringify(r.stderr.slice(0, 600))}`;
  assert.ok(
    r.code !== null && ending.codes.includes(r.code),
    `exit code ${r.code} is not one of ${ending.codes.join(', ')} (a crash or the heap cap?); ${context}`,
  );
  assert.ok(r.ms < ending.withinMs, `took ${r.ms} ms, more than ${ending.withinMs} ms`);
  assertPrintable('stdout', r.stdout);
  assertPrintable('stderr', r.stderr);
  for (const [name, text] of Object.entries(r.files)) assertPrintable(`file ${name}`, text);
  for (const [format, text] of Object.entries(r.reports)) assertPrintable(`${format} report`, text);
  if (r.reports.md) assertNoMarkdownLink(r.reports.md);
  if (r.reports.html) assert.doesNotMatch(r.reports.html, /<script|<img|<iframe|javascript:/i);
  const everything = [r.stdout, r.stderr, ...Object.values(r.files), ...Object.values(r.reports)];
  for (const text of everything) assertNoSecret('output', text, ending.secrets ?? []);
  if (ending.flag) {
    assert.match(r.stderr, new RegExp(`mailmedic: ${escapeRe(ending.flag)}`), context);
    assert.match(r.stderr, /Try 'mailmedic --help'/);
  }
  if (ending.step) {
    const session = r.session;
    assert.ok(session, `no session to read; ${context}`);
    assertPrintableDeep('session', session);
    const step = session.steps.find((s) => s.id === ending.step);
    assert.ok(step, `no ${ending.step} step in ${session.steps.map((s) => s.id).join(',')}`);
    assert.ok(step.summary.length > 0, 'the step says what happened');
    if (ending.summary) assert.match(step.summary, ending.summary);
    assert.ok(
      session.transcript.some((e) => e.step === ending.step),
      `the ${ending.step} step kept no transcript`,
    );
    if (r.stdout && !r.stdout.trimStart().startsWith('{'))
      assert.match(r.stdout, new RegExp(`\\b${ending.step}\\b`), 'check output names the step');
  }
};

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The step whose summary or transcript shows the limit that ended a flood. */
export const transcriptOf = (session: Session, step: StepId): string =>
  session.transcript
    .filter((e) => e.step === step)
    .map((e) => e.text)
    .join('\n');
