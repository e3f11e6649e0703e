// The rail's view of a session: every step, finished or not. The record only holds finished
// steps, so "pending" and "running" are derived here.
import { STEP_IDS } from '../record/types.js';
import type { Session, StepId, StepRecord, StepStatus } from '../record/types.js';

export type RailStatus = StepStatus | 'pending' | 'running';

export interface StepState {
  id: StepId;
  status: RailStatus;
  record?: StepRecord;
}

export const stepStates = (session: Session | undefined, active?: StepId): StepState[] =>
  STEP_IDS.map((id) => {
    const record = session?.steps.find((step) => step.id === id);
    if (record) return { id, status: record.status, record };
    return { id, status: id === active ? 'running' : 'pending' };
  });

export const STATUS_GLYPH: Record<RailStatus, string> = {
  pending: '○',
  running: '◐',
  ok: '✓',
  warning: '!',
  error: '✗',
  skipped: '–',
};

/**
 * The step to show when the user has not picked one: the running one; else where it broke; else
 * the next to run (a pending step before a finished one is not part of this run); else where it
 * wobbled; else the last finished step.
 */
export const currentStep = (states: readonly StepState[]): StepId => {
  const find = (status: RailStatus) => states.find((state) => state.status === status)?.id;
  const lastFinished = states.findLastIndex((state) => state.record !== undefined);
  const next = states.slice(lastFinished + 1).find((state) => state.status === 'pending')?.id;
  return (
    find('running') ??
    find('error') ??
    next ??
    find('warning') ??
    states[lastFinished]?.id ??
    STEP_IDS[0]
  );
};
