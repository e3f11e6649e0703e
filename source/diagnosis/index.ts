// Runs every rule over a session. Rules are listed here in the order their findings should read.
import type { Finding, Session } from '../session/types.js';
import type { Rule } from './rule.js';
import { connectRules } from './rules/connect.js';
import { stepFailureFallback } from './rules/fallback.js';

export const RULES: readonly Rule[] = [...connectRules];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export const diagnose = (session: Session, rules: readonly Rule[] = RULES): Finding[] => {
  const findings = rules.flatMap((rule) => rule.evaluate(session));
  const covered = new Set(
    findings.filter((f) => f.severity === 'error' && f.step).map((f) => f.step!),
  );
  const all = [...findings, ...stepFailureFallback(session, covered)];
  return all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
};
