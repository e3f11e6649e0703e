// The session as Markdown, for tickets and wikis. Server text goes into code spans and fenced
// blocks, so nothing a server sends can become a link, an image or markup.
import type { Session, TranscriptEntry } from '../record/types.js';
import { PLACEHOLDER_NOTE, allEquivalents } from './equivalents.js';

const fence = (lines: string[], language = 'text'): string => {
  const longest = Math.max(
    2,
    ...lines.map((l) => (l.match(/`+/g) ?? []).reduce((m, r) => Math.max(m, r.length), 0)),
  );
  const marks = '`'.repeat(longest + 1);
  return [`${marks}${language}`, ...lines, marks].join('\n');
};

const inline = (text: string): string => text.replace(/[\\`*_[\]<>|#!]/g, (c) => `\\${c}`);

const transcriptLine = (e: TranscriptEntry): string[] => {
  const dir = e.dir === 'client' ? 'C:' : e.dir === 'server' ? 'S:' : ' ·';
  return [`${dir} ${e.text}`, ...(e.explanation ? [`     ↳ ${e.explanation}`] : [])];
};

export const renderMarkdown = (session: Session): string => {
  const out: string[] = [];
  const target = session.target.server
    ? `${session.target.server.host}:${session.target.server.port}`
    : session.target.input;
  out.push(
    `# mailmedic report: ${inline(target)}`,
    '',
    `Started ${session.startedAt} with mailmedic ${session.tool.version}.`,
    '',
  );
  const errors = session.findings.filter((f) => f.severity === 'error').length;
  const warnings = session.findings.filter((f) => f.severity === 'warning').length;
  out.push(`**Result:** ${errors} error(s), ${warnings} warning(s).`, '');
  if (session.failure)
    out.push(
      `> mailmedic failed${session.failure.step ? ` in the ${session.failure.step} step` : ''}: ${inline(session.failure.message)}`,
      '',
    );
  out.push('## Steps', '', '| step | status | summary | time |', '|---|---|---|---|');
  for (const s of session.steps)
    out.push(`| ${s.id} | ${s.status} | ${inline(s.summary)} | ${s.durationMs} ms |`);
  out.push('');
  if (session.findings.length > 0) {
    out.push('## Findings', '');
    for (const f of session.findings) {
      out.push(`### [${f.severity}] ${inline(f.title)}`, '', inline(f.explanation), '');
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
    out.push(`### ${s.id}`, '', fence(lines), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
};
