// Every failed step gets at least one error finding, even when no specific rule knows why yet:
// an exit code of 1 must always be explained by something in findings[].
import type { Finding, Session } from '../../record/types.js';
import { linesWhere } from '../rule.js';

export const stepFailureFallback = (session: Session, covered: ReadonlySet<string>): Finding[] =>
  session.steps
    .filter((step) => step.status === 'error' && !covered.has(step.id))
    .map((step) => ({
      id: `${step.id}.failed`,
      severity: 'error' as const,
      step: step.id,
      title: `The ${step.id} step failed`,
      explanation: step.summary,
      evidence: linesWhere(session, (e) => e.step === step.id && e.dir !== 'client'),
      next: ['Read the transcript of this step: the last server reply says why.'],
    }));
