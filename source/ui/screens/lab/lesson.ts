// A practice lesson as the wizard shows it, and its verdict: did the diagnosis name the cause?
// The CLI hands the lessons over (the UI never imports the lab); the verdict is pure, from the
// session's findings, so the same session always gets the same grade.
import type { Session } from '../../../record/types.js';

export interface LabLesson {
  id: string;
  title: string;
  story: string;
  tryThis: readonly string[];
  protocolShows: string;
  fix: string;
  /** Finding ids that name the cause; none for the healthy lab. */
  causes: readonly string[];
}

export type LessonVerdict =
  | { kind: 'running' }
  | { kind: 'found'; finding: { id: string; title: string }; fix: string }
  | { kind: 'missed'; expected: readonly string[]; fix: string }
  | { kind: 'healthy' }
  | { kind: 'healthy-broken'; errors: readonly string[] };

export const lessonVerdict = (
  lesson: LabLesson,
  session: Session | undefined,
  running: boolean,
): LessonVerdict => {
  if (!session || running) return { kind: 'running' };
  const errors = session.findings.filter((f) => f.severity === 'error');
  if (lesson.causes.length === 0)
    return errors.length === 0
      ? { kind: 'healthy' }
      : { kind: 'healthy-broken', errors: errors.map((f) => f.id) };
  const named = session.findings.find((f) => lesson.causes.includes(f.id));
  return named
    ? { kind: 'found', finding: { id: named.id, title: named.title }, fix: lesson.fix }
    : { kind: 'missed', expected: lesson.causes, fix: lesson.fix };
};
