// The session as Markdown, for tickets and wikis. Server text goes into code spans and fenced
// blocks, so nothing a server sends can become a link, an image or markup.
import { gateSession } from '../record/gate.js';
import type { Session, TranscriptEntry } from '../record/types.js';
import { attemptChain, attemptRuns, stepLine } from './attempts.js';
import { PLACEHOLDER_NOTE, allEquivalents } from './equivalents.js';

const fence = (lines: string[], language = 'text'): string => {
  const longest = Math.max(
    2,
    ...lines.map((l) => (l.match(/`+/g) ?? []).reduce((m, r) => Math.max(m, r.length), 0)),
  );
  const marks = '`'.repeat(longest + 1);
  return [`${marks}${language}`, ...lines, marks].join('\n');
};

const escapeMarkup = (text: string): string =>
  text.replace(/[\\`*_[\]<>|#!~&()]/g, (c) => `\\${c}`);

/**
 * What GitHub-flavoured Markdown would turn into a link on its own: a scheme (https://, mailto:),
 * a www. name, an e-mail address. These go into code spans, where nothing is a link.
 */
const LINKISH =
  /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:|xmpp:)[^\s`|]*|[^\s`|<>@()[\]]+@[^\s`|<>@()[\]]+\.[^\s`|<>@()[\]]+/gi;

/** One line of outside text for Markdown prose: markup escaped, anything link-like in code. */
export const inlineMarkdown = (text: string): string => {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(LINKISH)) {
    out += escapeMarkup(text.slice(last, match.index));
    out += `\`${match[0]}\``;
    last = match.index + match[0].length;
  }
  return out + escapeMarkup(text.slice(last));
};
const inline = inlineMarkdown;

const transcriptLine = (e: TranscriptEntry): string[] => {
  const dir = e.dir === 'client' ? 'C:' : e.dir === 'server' ? 'S:' : ' ·';
  return [`${dir} ${e.text}`, ...(e.explanation ? [`     ↳ ${e.explanation}`] : [])];
};

export const renderMarkdown = (unsafe: Session): string => {
  const session = gateSession(unsafe);
  const out: string[] = [];
  const target = session.target.server
    ? `${session.target.server.host}:${session.target.server.port}`
    : session.target.input;
  out.push(
    `# mailmedic report: ${inline(target)}`,
    '',
    `Started ${inline(session.startedAt)} with mailmedic ${inline(session.tool.version)}.`,
    '',
  );
  const errors = session.findings.filter((f) => f.severity === 'error').length;
  const warnings = session.findings.filter((f) => f.severity === 'warning').length;
  out.push(`**Result:** ${errors} error(s), ${warnings} warning(s).`, '');
  if (session.failure)
    out.push(
      `> mailmedic failed${session.failure.step ? ` in the ${inline(session.failure.step)} step` : ''}: ${inline(session.failure.message)}`,
      '',
    );
  out.push('## Steps', '', '| step | status | summary | time |', '|---|---|---|---|');
  for (const s of session.steps)
    out.push(
      `| ${inline(s.id)} | ${inline(s.status)} | ${inline(s.summary)} | ${inline(String(s.durationMs))} ms |`,
    );
  out.push('');
  const runs = attemptRuns(session);
  if (runs.length > 0) {
    out.push('## Attempts', '');
    for (const run of runs) {
      out.push(`${run.run}. ${inline(run.settings)}: ${inline(run.outcome)}`);
      for (const attempt of run.steps) out.push(`   - ${inline(stepLine(attempt))}`);
    }
    out.push('', `In short: ${inline(attemptChain(runs))}`, '');
  }
  if (session.findings.length > 0) {
    out.push('## Findings', '');
    for (const f of session.findings) {
      out.push(`### [${inline(f.severity)}] ${inline(f.title)}`, '', inline(f.explanation), '');
      if (f.evidence.length > 0)
        out.push(
          fence(
            f.evidence.flatMap((i) =>
              session.transcript[i] ? transcriptLine(session.transcript[i]!) : [],
            ),
          ),
          '',
        );
      for (const n of f.next) out.push(`- ${inline(n)}`);
      out.push('');
    }
  }
  const tools = allEquivalents(session);
  if (tools.length > 0) {
    out.push('## The same checks with standard tools', '', inline(PLACEHOLDER_NOTE), '');
    for (const { step, commands } of tools) {
      out.push(`### ${step}`, '');
      for (const c of commands) out.push(`${inline(c.purpose)}:`, '', fence([c.command], 'sh'), '');
    }
  }
  out.push('## Transcript', '');
  for (const s of session.steps) {
    const lines = session.transcript.filter((e) => e.step === s.id).flatMap(transcriptLine);
    if (lines.length === 0) continue;
    out.push(`### ${inline(s.id)}`, '', fence(lines), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
};
