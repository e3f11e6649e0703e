// A few lines for a chat or a ticket title: what was checked, how each step went, the first
// problem and what to try. Copied to the clipboard from the wizard (OSC 52), so every text from
// the session passes printable() again here: a clipboard is pasted into terminals too.
import { printable } from '../protocols/common/printable.js';
import type { Session, StepRecord } from '../record/types.js';

const GLYPH: Record<StepRecord['status'], string> = {
  ok: '✓',
  warning: '!',
  error: '✗',
  skipped: '–',
};

/** One line, safe, and not longer than `max` characters. */
const clean = (text: string, max = 160): string => {
  const line = printable(text).replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export const summaryTarget = (session: Session): string =>
  session.target.server
    ? `${session.target.server.host}:${session.target.server.port}`
    : session.target.input;

/** Three to five lines, no trailing newline. */
export const renderSummary = (session: Session): string => {
  const errors = session.findings.filter((f) => f.severity === 'error');
  const warnings = session.findings.filter((f) => f.severity === 'warning');
  const lines = [
    clean(`mailmedic ${session.tool.version}: ${summaryTarget(session)} (${session.startedAt})`),
    session.steps.length > 0
      ? clean(session.steps.map((s) => `${s.id} ${GLYPH[s.status]}`).join('  '))
      : 'no step has run yet',
  ];
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
  const first = errors[0] ?? warnings[0];
  if (session.failure) lines.push(clean(`mailmedic failed: ${session.failure.message}`));
  lines.push(first ? clean(`${count}; first: ${first.title}`) : `${count}: no problems found`);
  const next = first?.next[0];
  if (next) lines.push(clean(`next: ${next}`));
  else if (session.delivery?.retrievedBy)
    lines.push(
      clean(
        `delivered: found again over ${session.delivery.retrievedBy.toUpperCase()}${session.delivery.latencyMs !== undefined ? ` after ${session.delivery.latencyMs} ms` : ''}`,
      ),
    );
  return lines.slice(0, 5).join('\n');
};
