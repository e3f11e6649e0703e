// A rule reads the finished (or partial) session and returns findings. Rules are pure: same
// session in, same findings out; they never run anything.
import type { Finding, Session, StepId, TranscriptEntry } from '../session/types.js';

export interface Rule {
  /** Stable id, also the finding id it produces (or its prefix). */
  id: string;
  /** The step whose outcome this rule explains; a finding from it covers that step's failure. */
  step?: StepId;
  evaluate(session: Session): Finding[];
}

/** Indexes of transcript lines that match, for a finding's evidence. */
export const linesWhere = (
  session: Session,
  match: (entry: TranscriptEntry) => boolean,
): number[] => session.transcript.flatMap((entry, i) => (match(entry) ? [i] : []));

export const stepOf = (session: Session, id: StepId) => session.steps.find((s) => s.id === id);

export const fact = <T>(session: Session, key: string): T | undefined =>
  session.facts?.[key] as T | undefined;

export const serverLines = (session: Session, step: StepId): number[] =>
  linesWhere(session, (e) => e.step === step && e.dir !== 'client');
