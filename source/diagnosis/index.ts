// Runs every rule over a session. Rules are listed in the order of the steps, so that findings of
// the same severity read in the order things happened. diagnose() never throws: a rule that fails
// on an unexpected record gives no finding instead of taking the report down with it.
import type { Finding, Session } from '../record/types.js';
import type { Rule } from './rule.js';
import { authRules } from './rules/auth.js';
import { bannerRules } from './rules/banner.js';
import { cleartextRules } from './rules/cleartext.js';
import { connectRules } from './rules/connect.js';
import { dnsRules } from './rules/dns.js';
import { ehloRules } from './rules/ehlo.js';
import { stepFailureFallback } from './rules/fallback.js';
import { imapRules } from './rules/imap.js';
import { pop3Rules } from './rules/pop3.js';
import { sendRules } from './rules/send.js';
import { tlsRules } from './rules/tls.js';

export type { Rule } from './rule.js';
export type { ActionKind } from './actions.js';

export const RULES: readonly Rule[] = [
  ...dnsRules,
  ...connectRules,
  ...bannerRules,
  ...ehloRules,
  ...tlsRules,
  ...authRules,
  ...sendRules,
  ...pop3Rules,
  ...imapRules,
  ...cleartextRules,
];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

const isFinding = (f: unknown): f is Finding => {
  const x = f as Partial<Finding> | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.id === 'string' &&
    (x.severity === 'error' || x.severity === 'warning' || x.severity === 'info') &&
    typeof x.title === 'string' &&
    typeof x.explanation === 'string' &&
    Array.isArray(x.evidence) &&
    Array.isArray(x.next)
  );
};

/** A rule's findings, or none when the rule throws or returns something else. */
const evaluate = (rule: Rule, session: Session): Finding[] => {
  try {
    const out: unknown = rule.evaluate(session);
    return Array.isArray(out) ? out.filter(isFinding) : [];
  } catch {
    return [];
  }
};

/** Evidence must point at real transcript lines. */
const clean = (f: Finding, lines: number): Finding => ({
  ...f,
  evidence: [...new Set(f.evidence)]
    .filter((i) => Number.isInteger(i) && i >= 0 && i < lines)
    .sort((a, b) => a - b),
});

/** Two rules (or one rule twice) naming the same id make one finding, the first. */
const unique = (findings: Finding[]): Finding[] => {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
};

export const diagnose = (session: Session, rules: readonly Rule[] = RULES): Finding[] => {
  try {
    const lines = Array.isArray(session.transcript) ? session.transcript.length : 0;
    const findings = unique(rules.flatMap((rule) => evaluate(rule, session))).map((f) =>
      clean(f, lines),
    );
    const covered = new Set(
      findings.filter((f) => f.severity === 'error' && f.step).map((f) => f.step!),
    );
    let fallback: Finding[] = [];
    try {
      fallback = stepFailureFallback(session, covered).map((f) => clean(f, lines));
    } catch {
      fallback = [];
    }
    return [...findings, ...fallback]
      .map((f, i) => ({ f, i }))
      .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
      .map(({ f }) => f);
  } catch {
    return [];
  }
};
