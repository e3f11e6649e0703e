// What the step screen shows, computed once per render from the session, the screen state and the
// space available, so the view and the key handlers agree on rows and page sizes.
import type { Session, StepId, StepRecord } from '../../../record/types.js';
import type { StepInfo } from '../../step-info.js';
import { STEP_INFO } from '../../step-info.js';
import type { RailStatus, StepState } from '../../step-states.js';
import { currentStep } from '../../step-states.js';
import { wordWrap } from '../../text-width.js';
import type { TranscriptRow } from '../../transcript-layout.js';
import { layoutFindings, layoutTranscript } from '../../transcript-layout.js';
import type { StepScreenState } from './reducer.js';
import { visibleTop } from './reducer.js';

const MAX_DESCRIPTION_ROWS = 2;

export interface StepModel {
  viewed: StepId;
  info: StepInfo;
  status: RailStatus;
  record?: StepRecord;
  description: string[];
  rows: TranscriptRow[];
  transcriptHeight: number;
  top: number;
}

export const stepModel = (
  session: Session | undefined,
  states: readonly StepState[],
  state: StepScreenState,
  size: { columns: number; rows: number },
): StepModel => {
  const viewed = state.pinned ?? currentStep(states);
  const info = STEP_INFO[viewed];
  const stepState = states.find((s) => s.id === viewed);
  const description = wordWrap(info.does, size.columns).slice(0, MAX_DESCRIPTION_ROWS);
  const entries = (session?.transcript ?? [])
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.step === viewed);
  // Findings without a step belong to the last step that ran.
  const lastRun = session?.steps.at(-1)?.id;
  const findings = (session?.findings ?? []).filter((f) => (f.step ?? lastRun) === viewed);
  const rows = [
    ...layoutTranscript(entries, size.columns),
    ...layoutFindings(findings, size.columns),
  ];
  // Title, description, a blank row, and the status line below the transcript.
  const transcriptHeight = Math.max(1, size.rows - description.length - 3);
  return {
    viewed,
    info,
    status: stepState?.status ?? 'pending',
    ...(stepState?.record ? { record: stepState.record } : {}),
    description,
    rows,
    transcriptHeight,
    top: visibleTop(state.scroll, rows.length, transcriptHeight),
  };
};
