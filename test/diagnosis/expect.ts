// Assertions over diagnose(): the finding with an id, its severity and evidence, or its absence.
import assert from 'node:assert/strict';
import { diagnose } from '../../source/diagnosis/index.js';
import type { Finding, Session, Severity, StepId } from '../../source/record/types.js';

const ids = (findings: Finding[]) =>
  findings.map((f) => `${f.severity} ${f.id}`).join(', ') || '(none)';

export interface Expected {
  severity: Severity;
  evidence?: number[];
  step?: StepId;
  /** A next step must match this. */
  next?: RegExp;
  /** An action of this kind must be offered (with these params, when given). */
  action?: { kind: string; params?: Record<string, string | number | boolean> };
  title?: RegExp;
  explanation?: RegExp;
}

export const expectFinding = (session: Session, id: string, expected: Expected): Finding => {
  const findings = diagnose(session);
  const found = findings.find((f) => f.id === id);
  assert.ok(found, `expected ${id}, got ${ids(findings)}`);
  assert.equal(found.severity, expected.severity, `${id} severity`);
  if (expected.evidence) assert.deepEqual(found.evidence, expected.evidence, `${id} evidence`);
  if (expected.step) assert.equal(found.step, expected.step, `${id} step`);
  assert.ok(found.next.length > 0, `${id} has no next step`);
  assert.ok(found.title.length > 0 && found.explanation.length > 40, `${id} is not explained`);
  if (expected.next)
    assert.ok(
      found.next.some((n) => expected.next!.test(n)),
      `${id}: no next step matches ${expected.next}: ${JSON.stringify(found.next)}`,
    );
  if (expected.title) assert.match(found.title, expected.title);
  if (expected.explanation) assert.match(found.explanation, expected.explanation);
  if (expected.action) {
    const action = found.actions?.find((a) => a.kind === expected.action!.kind);
    assert.ok(
      action,
      `${id}: no ${expected.action.kind} action in ${JSON.stringify(found.actions)}`,
    );
    assert.ok(action.label.length > 0);
    if (expected.action.params) assert.deepEqual(action.params, expected.action.params);
  }
  return found;
};

export const expectNone = (session: Session, ...unwanted: string[]): void => {
  const findings = diagnose(session);
  for (const id of unwanted)
    assert.ok(!findings.some((f) => f.id === id), `${id} should stay quiet, got ${ids(findings)}`);
};

export const errorIds = (session: Session): string[] =>
  diagnose(session)
    .filter((f) => f.severity === 'error')
    .map((f) => f.id);
