// The session as one self-contained HTML page (no scripts, no external resources). Every text
// from the session is HTML-escaped.
import { gateSession } from '../record/gate.js';
import type { Session, TranscriptEntry } from '../record/types.js';
import { attemptChain, attemptRuns, stepLine } from './attempts.js';
import { PLACEHOLDER_NOTE, allEquivalents } from './equivalents.js';

export const escapeHtml = (text: string): string =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
pre{background:#f6f6f4;padding:.75rem;overflow-x:auto;font-size:13px}
.client{color:#05577a}.note{color:#777}.expl{color:#888}
.error{color:#b00020}.warning{color:#a15c00}.ok{color:#1b7a1b}.skipped,.info{color:#666}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:left}`;

const line = (e: TranscriptEntry): string => {
  const dir = e.dir === 'client' ? 'C:' : e.dir === 'server' ? 'S:' : ' ·';
  const main = `<span class="${esc(e.dir)}">${dir} ${esc(e.text)}</span>`;
  return e.explanation ? `${main}\n<span class="expl">     ↳ ${esc(e.explanation)}</span>` : main;
};

const esc = escapeHtml;

export const renderHtml = (unsafe: Session): string => {
  const session = gateSession(unsafe);
  const target = session.target.server
    ? `${session.target.server.host}:${session.target.server.port}`
    : session.target.input;
  const steps = session.steps
    .map(
      (s) =>
        `<tr><td>${esc(s.id)}</td><td class="${esc(s.status)}">${esc(s.status)}</td><td>${esc(s.summary)}</td><td>${esc(String(s.durationMs))} ms</td></tr>`,
    )
    .join('\n');
  const findings = session.findings
    .map(
      (
        f,
      ) => `<section><h3 class="${esc(f.severity)}">[${esc(f.severity)}] ${esc(f.title)}</h3><p>${esc(f.explanation)}</p>
${f.evidence.length > 0 ? `<pre>${f.evidence.flatMap((i) => (session.transcript[i] ? [line(session.transcript[i]!)] : [])).join('\n')}</pre>` : ''}
<ul>${f.next.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>`,
    )
    .join('\n');
  const runs = attemptRuns(session);
  const attempts =
    runs.length > 0
      ? `<h2>Attempts</h2><ol>${runs
          .map(
            (run) =>
              `<li>${esc(run.settings)}: ${esc(run.outcome)}<ul>${run.steps.map((a) => `<li class="${a.status}">${esc(stepLine(a))}</li>`).join('')}</ul></li>`,
          )
          .join('')}</ol><p>In short: ${esc(attemptChain(runs))}</p>\n`
      : '';
  const transcript = session.steps
    .map((s) => {
      const lines = session.transcript.filter((e) => e.step === s.id).map(line);
      return lines.length > 0 ? `<h3>${esc(s.id)}</h3><pre>${lines.join('\n')}</pre>` : '';
    })
    .join('\n');
  const equivalents = allEquivalents(session);
  const tools =
    equivalents.length > 0
      ? `<h2>The same checks with standard tools</h2><p>${esc(PLACEHOLDER_NOTE)}</p>
${equivalents
  .map(
    ({ step, commands }) =>
      `<h3>${step}</h3>${commands.map((c) => `<p>${esc(c.purpose)}:</p><pre>${esc(c.command)}</pre>`).join('')}`,
  )
  .join('\n')}
`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mailmedic report: ${esc(target)}</title>
<meta name="generator" content="mailmedic ${esc(session.tool.version)}"><style>${STYLE}</style></head>
<body><h1>mailmedic report: ${esc(target)}</h1><p>Started ${esc(session.startedAt)}.</p>
${session.failure ? `<p class="error">mailmedic failed${session.failure.step ? ` in the ${esc(session.failure.step)} step` : ''}: ${esc(session.failure.message)}</p>` : ''}
<h2>Steps</h2><table><tr><th>step</th><th>status</th><th>summary</th><th>time</th></tr>
${steps}</table>
${attempts}<h2>Findings</h2>${findings || '<p class="ok">No problems found.</p>'}
${tools}<h2>Transcript</h2>${transcript}
</body></html>
`;
};
