// What the step screen shows, computed once per render from the session, the guided run, the
// screen state and the space available, so the view and the key handlers agree on rows and sizes.
import type { Finding, NextAction, Session, StepId, StepRecord } from '../../../record/types.js';
import type { GuideState, PendingCommand } from '../../controller.js';
import type { StepInfo } from '../../step-info.js';
import { STEP_INFO } from '../../step-info.js';
import type { Missing } from '../../step-guide.js';
import { ACTIONABLE, missingFor, purposeOf } from '../../step-guide.js';
import type { RailStatus, StepState } from '../../step-states.js';
import { currentStep } from '../../step-states.js';
import { wordWrap } from '../../text-width.js';
import type { RowList } from '../../transcript-index.js';
import { transcriptIndex } from '../../transcript-index.js';
import { layoutFindings } from '../../transcript-layout.js';
import type { StepScreenState, ViewId } from './reducer.js';
import { visibleTop } from './reducer.js';
import { consentLayout } from '../consent/reducer.js';

const MAX_DESCRIPTION_ROWS = 2;
/** Command lines shown in a proposal; a message body is cut after these. */
const MAX_PROPOSAL_LINES = 4;
/** Rows for what the proposed command is about to do and why. */
const MAX_PURPOSE_ROWS = 2;
const MAX_ACTIONS = 5;

export interface ActionItem {
  key: string;
  label: string;
  action: NextAction;
  finding: Finding;
}

export interface ProposalModel {
  pending: PendingCommand;
  purpose: string;
  /** "Next command" and the purpose, wrapped: the why must not be cut at 80 columns. */
  heading: string[];
  lines: string[];
  more: number;
}

export interface StepModel {
  viewed: ViewId;
  /** The step on screen, or undefined on the findings overview. */
  step?: StepId;
  info: StepInfo;
  status: RailStatus;
  record?: StepRecord;
  description: string[];
  /** The transcript's rows, then the findings': laid out only where they are read. */
  rows: RowList;
  transcriptHeight: number;
  top: number;
  /** Where a following window starts: the finding to show, so it is never off screen. */
  anchor?: number;
  proposal?: ProposalModel;
  actions: ActionItem[];
  missing?: Missing;
  /** Rows the guided part (proposal, wait, actions, offer) takes below the transcript. */
  guideRows: number;
  findings: Finding[];
}

const STEP_OF_FINDINGS: StepInfo = {
  title: 'Findings',
  does: 'Everything this session found, the most serious first. Enter shows a finding on its step.',
};

/** The step a finding belongs to: its own, else the last step that ran. */
export const findingStep = (session: Session | undefined, finding: Finding): StepId | undefined =>
  finding.step ?? session?.steps.at(-1)?.id;

export const stepModel = (
  session: Session | undefined,
  states: readonly StepState[],
  state: StepScreenState,
  size: { columns: number; rows: number },
  guide?: GuideState,
): StepModel => {
  const pending = guide?.pending;
  const viewed: ViewId =
    state.pinned ??
    pending?.step ??
    (guide && !guide.running ? whereItEnded(states) : undefined) ??
    currentStep(states);
  const allFindings = session?.findings ?? [];
  if (viewed === 'findings') {
    const description = wordWrap(STEP_OF_FINDINGS.does, size.columns).slice(
      0,
      MAX_DESCRIPTION_ROWS,
    );
    return {
      viewed,
      info: STEP_OF_FINDINGS,
      status: allFindings.some((f) => f.severity === 'error')
        ? 'error'
        : allFindings.some((f) => f.severity === 'warning')
          ? 'warning'
          : allFindings.length > 0
            ? 'ok'
            : 'pending',
      description,
      rows: [],
      transcriptHeight: Math.max(1, size.rows - description.length - 3),
      top: 0,
      actions: [],
      guideRows: 0,
      findings: allFindings,
    };
  }
  const step = viewed;
  const info = STEP_INFO[step];
  const stepState = states.find((s) => s.id === step);
  const description = wordWrap(info.does, size.columns).slice(0, MAX_DESCRIPTION_ROWS);
  const findings = allFindings.filter((f) => findingStep(session, f) === step);
  // Indexed once as the transcript grows: a key press reads the window's rows, never all of them.
  const rows = transcriptIndex(session?.transcript ?? []).rows(
    step,
    size.columns,
    layoutFindings(findings, size.columns),
  );

  // The finding chosen in the overview, else the first one once the step is over: its heading
  // row is where a following window starts, so the finding is in view without scrolling.
  const finished = stepState?.record !== undefined && stepState.status !== 'running';
  let anchor: number | undefined;
  if (findings.length > 0 && (finished || state.finding)) {
    let row = rows.transcriptRows + 1;
    const chosen = findings.findIndex((f) => f.id === state.finding);
    for (const finding of findings.slice(0, Math.max(0, chosen)))
      row += layoutFindings([finding], size.columns).length - 2;
    anchor = chosen > 0 ? row + 1 : row;
  }

  const proposal =
    pending && pending.step === step ? proposalModel(pending, size.columns) : undefined;
  const idle = !guide?.running && !guide?.wait;
  const actions: ActionItem[] = idle
    ? findings
        .flatMap((finding) =>
          (finding.actions ?? [])
            .filter((action) => ACTIONABLE.has(action.kind))
            .map((action, i) => ({
              key: `${finding.id}#${i}`,
              label: action.label,
              action,
              finding,
            })),
        )
        .filter((item, i, all) => all.findIndex((other) => other.label === item.label) === i)
        .slice(0, MAX_ACTIONS)
    : [];
  const record = stepState?.record;
  const missing =
    guide && !proposal && (!record || record.status === 'skipped')
      ? missingFor(step, guide.settings, guide)
      : undefined;
  const consent = proposal?.pending.consent;
  const guideRows =
    (consent
      ? consentLayout(consent, size.columns).rows
      : proposal
        ? proposal.heading.length + 1 + proposal.lines.length + (proposal.more > 0 ? 1 : 0)
        : 0) +
    (guide?.wait ? 1 : 0) +
    (actions.length > 0 ? actions.length + 2 : 0) +
    (missing ? 1 : 0);
  // Title, description, a blank row, the guided part, and the status line below.
  const transcriptHeight = Math.max(1, size.rows - description.length - 3 - guideRows);
  return {
    viewed,
    step,
    info,
    status: stepState?.status ?? 'pending',
    ...(record ? { record } : {}),
    description,
    rows,
    transcriptHeight,
    top: visibleTop(state.scroll, rows.length, transcriptHeight, anchor),
    ...(anchor !== undefined ? { anchor } : {}),
    ...(proposal ? { proposal } : {}),
    actions,
    ...(missing ? { missing } : {}),
    guideRows,
    findings,
  };
};

/**
 * After a run: where it broke, else where it wobbled, else the last step that ran (a step skipped
 * by the user included; steps marked "not run" after it are not where anything happened).
 */
export const whereItEnded = (states: readonly StepState[]): StepId | undefined =>
  states.find((s) => s.status === 'error')?.id ??
  states.find((s) => s.status === 'warning')?.id ??
  states.findLast((s) => s.record && !s.record.summary.startsWith('not run'))?.id;

export const PROPOSAL_LABEL = { command: 'Next command', other: 'Next' } as const;

const proposalModel = (pending: PendingCommand, columns: number): ProposalModel => {
  const lines = pending.display.slice(0, MAX_PROPOSAL_LINES);
  const purpose =
    pending.kind === 'consent'
      ? 'Credentials without TLS: your answer is needed.'
      : purposeOf(pending.step, pending.kind, pending.display[0] ?? '');
  const label = pending.kind === 'command' ? PROPOSAL_LABEL.command : PROPOSAL_LABEL.other;
  const wrapped = wordWrap(`${label} ${purpose}`, columns);
  const heading = wrapped.slice(0, MAX_PURPOSE_ROWS);
  // Cut the last row kept: the view truncates it with an ellipsis at the edge.
  if (wrapped.length > MAX_PURPOSE_ROWS)
    heading[MAX_PURPOSE_ROWS - 1] =
      `${heading[MAX_PURPOSE_ROWS - 1]} ${wrapped.slice(MAX_PURPOSE_ROWS).join(' ')}`;
  return { pending, purpose, heading, lines, more: pending.display.length - lines.length };
};
