// What was tried, in order: each run of the wizard with the settings it ran with and how it ended,
// so a ticket shows "587 STARTTLS: certificate not trusted → 587 STARTTLS, --insecure: sent", not
// only the last try. One helper for every format; each format only escapes and arranges.
import type { RunSettings, Session, StepAttempt } from '../record/types.js';

export interface AttemptRun {
  run: number;
  /** The settings as a user would name them: "127.0.0.1:587 STARTTLS, --insecure". */
  settings: string;
  /** How the run ended: the step that failed, or the last one that ran, with its summary. */
  outcome: string;
  steps: StepAttempt[];
}

const GLYPH: Record<StepAttempt['status'], string> = {
  ok: '✓',
  warning: '!',
  error: '✗',
  skipped: '–',
};

const tlsWords = (settings: RunSettings): string => {
  switch (settings.tls) {
    case 'implicit':
      return 'implicit TLS';
    case 'starttls':
      return 'STARTTLS';
    case 'none':
      return 'no TLS';
    case 'auto':
      return settings.port === 465 ? 'implicit TLS' : 'STARTTLS when offered';
  }
};

export const describeSettings = (settings: RunSettings): string => {
  const where = settings.host
    ? `${settings.host}${settings.port !== undefined ? `:${settings.port}` : ''}`
    : settings.port !== undefined
      ? `port ${settings.port}`
      : 'the MX hosts';
  const parts = [`${where} ${tlsWords(settings)}`];
  if (settings.insecure) parts.push('--insecure');
  if (settings.plaintextAuth) parts.push('--plaintext-auth');
  if (settings.caFiles && settings.caFiles.length > 0)
    parts.push(`trusting ${settings.caFiles.join(', ')}`);
  if (settings.authUser)
    parts.push(
      `AUTH as ${settings.authUser}${settings.mechanism && settings.mechanism !== 'auto' ? ` (${settings.mechanism})` : ''}`,
    );
  if (settings.ehlo) parts.push(`EHLO ${settings.ehlo}`);
  if (settings.resolvers && settings.resolvers.length > 0)
    parts.push(`resolver ${settings.resolvers.join(', ')}`);
  if (settings.skipMx) parts.push(`MX host ${settings.skipMx + 1}`);
  if (settings.mailbox)
    parts.push(
      `${settings.mailbox.protocol.toUpperCase()} ${settings.mailbox.host}${settings.mailbox.port !== undefined ? `:${settings.mailbox.port}` : ''}`,
    );
  return parts.join(', ');
};

/** The runs of a session, oldest first; empty when the session had a single run. */
export const attemptRuns = (session: Session): AttemptRun[] => {
  const attempts = session.attempts ?? [];
  const runs = [...new Set(attempts.map((a) => a.run))].sort((a, b) => a - b);
  if (runs.length < 2) return [];
  return runs.map((run) => {
    const all = attempts.filter((a) => a.run === run);
    const ran = all.filter((a) => !a.summary.startsWith('not run'));
    const ended =
      ran.find((a) => a.status === 'error') ??
      ran.findLast((a) => !a.summary.startsWith('skipped by')) ??
      ran.at(-1);
    return {
      run,
      settings: describeSettings(all[0]!.settings),
      outcome: ended ? `${ended.step} ${GLYPH[ended.status]} ${ended.summary}` : 'nothing ran',
      steps: ran,
    };
  });
};

/** The runs on one line, oldest first, joined by arrows. */
export const attemptChain = (runs: readonly AttemptRun[]): string =>
  runs.map((r) => `${r.settings}: ${r.outcome}`).join(' → ');

/** One line per step attempt of a run: "tls ✗ STARTTLS: certificate not verified (…)". */
export const stepLine = (attempt: StepAttempt): string =>
  `${attempt.step} ${GLYPH[attempt.status]} ${attempt.summary}`;
