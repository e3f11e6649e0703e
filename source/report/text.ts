// The session as plain text: what `check` prints and what a .txt report holds. The session passes
// the gate again here (a session may come from a file), so only our own styling reaches the
// terminal as control characters.
import { gate, gateSession } from '../record/gate.js';
import type { Finding, Session, StepRecord, TranscriptEntry } from '../record/types.js';
import { attemptChain, attemptRuns, stepLine } from './attempts.js';
import { PLACEHOLDER_NOTE, allEquivalents } from './equivalents.js';

export interface TextStyle {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
  cyan: (s: string) => string;
}

const plain = (s: string): string => s;
export const PLAIN_STYLE: TextStyle = {
  bold: plain,
  dim: plain,
  red: plain,
  yellow: plain,
  green: plain,
  cyan: plain,
};

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
export const ANSI_STYLE: TextStyle = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39),
};

const GLYPH: Record<StepRecord['status'], string> = {
  ok: '✓',
  warning: '!',
  error: '✗',
  skipped: '–',
};

const statusColor = (style: TextStyle, status: StepRecord['status']): ((s: string) => string) =>
  status === 'ok'
    ? style.green
    : status === 'warning'
      ? style.yellow
      : status === 'error'
        ? style.red
        : style.dim;

const prefix: Record<TranscriptEntry['dir'], string> = { client: 'C:', server: 'S:', note: ' ·' };

export const renderTranscriptLine = (entry: TranscriptEntry, style: TextStyle): string[] => {
  const head = `${prefix[entry.dir] ?? ' ?'} ${gate(entry.text)}`;
  const line =
    entry.dir === 'client' ? style.cyan(head) : entry.dir === 'note' ? style.dim(head) : head;
  return entry.explanation ? [line, style.dim(`     ↳ ${gate(entry.explanation)}`)] : [line];
};

const renderFinding = (finding: Finding, index: number, style: TextStyle): string[] => {
  const color =
    finding.severity === 'error'
      ? style.red
      : finding.severity === 'warning'
        ? style.yellow
        : style.cyan;
  return [
    `${color(`[${finding.severity}]`)} ${style.bold(finding.title)} ${style.dim(`(${finding.id})`)}`,
    `  ${finding.explanation.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`,
    ...(finding.evidence.length > 0
      ? [
          style.dim(
            `  evidence: transcript lines ${finding.evidence.map((n) => `#${n}`).join(', ')}`,
          ),
        ]
      : []),
    ...finding.next.map((n) => `  → ${n}`),
    ...(index >= 0 ? [''] : []),
  ];
};

export interface TextOptions {
  /** The same checks with standard tools (the .txt report has them; `check`'s output does not). */
  equivalents?: boolean;
}

export const renderText = (
  unsafe: Session,
  style: TextStyle = PLAIN_STYLE,
  options: TextOptions = {},
): string => {
  const session = gateSession(unsafe);
  const out: string[] = [];
  const target = session.target.server
    ? `${session.target.server.host}:${session.target.server.port}`
    : session.target.input;
  out.push(
    style.bold(`mailmedic ${session.tool.version} — ${target}`),
    style.dim(`started ${session.startedAt}`),
    '',
  );
  for (const step of session.steps) {
    const color = statusColor(style, step.status);
    out.push(
      `${color(GLYPH[step.status])} ${style.bold(step.id.padEnd(7))} ${step.summary} ${style.dim(`(${step.durationMs} ms)`)}`,
    );
    for (const entry of session.transcript.filter((e) => e.step === step.id)) {
      out.push(...renderTranscriptLine(entry, style).map((l) => `    ${l}`));
    }
    out.push('');
  }
  if (session.failure) {
    out.push(
      style.red(
        `mailmedic failed${session.failure.step ? ` in the ${session.failure.step} step` : ''}: ${session.failure.message}`,
      ),
      '',
    );
  }
  const runs = attemptRuns(session);
  if (runs.length > 0) {
    out.push(style.bold('Attempts'), '');
    for (const run of runs) {
      out.push(`${run.run}. ${run.settings}: ${run.outcome}`);
      for (const attempt of run.steps) out.push(style.dim(`     ${stepLine(attempt)}`));
    }
    out.push('', `In short: ${attemptChain(runs)}`, '');
  }
  if (session.findings.length === 0) out.push(style.green('No problems found.'));
  else {
    out.push(style.bold('Findings'), '');
    session.findings.forEach((f, i) => out.push(...renderFinding(f, i, style)));
  }
  const tools = options.equivalents ? allEquivalents(session) : [];
  if (tools.length > 0) {
    out.push(
      '',
      style.bold('The same checks with standard tools'),
      style.dim(PLACEHOLDER_NOTE),
      '',
    );
    for (const { step, commands } of tools)
      for (const c of commands)
        out.push(`  ${step.padEnd(7)} ${style.dim(c.purpose)}`, `    ${c.command}`);
  }
  return `${out.join('\n').trimEnd()}\n`;
};
