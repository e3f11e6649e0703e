// A rule reads the finished (or partial) session and returns findings. Rules are pure: same
// session in, same findings out; they never run anything, never read the clock, never mutate.
import { factOf } from '../record/facts.js';
import type {
  Finding,
  NextAction,
  Session,
  Severity,
  StepId,
  TranscriptEntry,
} from '../record/types.js';

export interface Rule {
  /** Stable id: the id of the finding it produces (a catch-all rule's findings start with `${id}.`). */
  id: string;
  /** The step whose outcome this rule explains, when it is about one step. */
  step?: StepId;
  evaluate(session: Session): Finding[];
}

/** Indexes of transcript lines that match, for a finding's evidence. */
export const linesWhere = (
  session: Session,
  match: (entry: TranscriptEntry) => boolean,
): number[] => session.transcript.flatMap((entry, i) => (match(entry) ? [i] : []));

export const stepOf = (session: Session, id: StepId) => session.steps.find((s) => s.id === id);

export const stepFailed = (session: Session, id: StepId): boolean =>
  stepOf(session, id)?.status === 'error';

/**
 * A fact not (yet) declared in record/facts.ts. Declared facts are read with factOf(); this is
 * for optional facts a rule can use when a step starts recording them.
 */
export const serverLines = (session: Session, step: StepId): number[] =>
  linesWhere(session, (e) => e.step === step && e.dir !== 'client');

/** Notes of a step whose text matches, e.g. the runner's "trying the next mail host". */
export const notesMatching = (session: Session, pattern: RegExp, step?: StepId): number[] =>
  linesWhere(
    session,
    (e) => e.dir === 'note' && (step === undefined || e.step === step) && pattern.test(e.text),
  );

export interface FindingInput {
  id: string;
  severity: Severity;
  step?: StepId;
  title: string;
  explanation: string;
  evidence?: readonly number[];
  next: readonly string[];
  actions?: readonly (NextAction | undefined)[];
}

/** A finding with sorted, unique evidence and no empty action list. */
export const finding = (input: FindingInput): Finding => {
  const actions = (input.actions ?? []).filter((a): a is NextAction => a !== undefined);
  const evidence = [...new Set(input.evidence ?? [])].sort((a, b) => a - b);
  return {
    id: input.id,
    severity: input.severity,
    title: input.title,
    explanation: input.explanation,
    evidence,
    // The same advice twice (two rules, or a rule and the knowledge base) reads as noise.
    next: [...new Set(input.next)],
    ...(actions.length > 0 ? { actions } : {}),
    ...(input.step ? { step: input.step } : {}),
  };
};

/** "host:port" of the SMTP server this session talked to (or meant to). */
export const smtpTarget = (session: Session): { host: string; port?: number; label: string } => {
  const remote = session.facts?.['connect.remote'] as
    { host?: unknown; port?: unknown } | undefined;
  const server = session.target.server;
  // Without a connection, the last address tried is the one that failed.
  const last = factOf(session, 'connect.attempts')?.at(-1);
  const host =
    typeof remote?.host === 'string'
      ? remote.host
      : (last?.host ?? server?.host ?? session.target.input);
  const port =
    typeof remote?.port === 'number' ? remote.port : (last?.port ?? server?.port ?? undefined);
  const shown = host.includes(':') ? `[${host}]` : host;
  return { host, ...(port !== undefined ? { port } : {}), label: port ? `${shown}:${port}` : host };
};

/** The port of the SMTP connection, when known. */
export const smtpPort = (session: Session): number | undefined => smtpTarget(session).port;

export const SUBMISSION_PORTS: ReadonlySet<number> = new Set([465, 587]);

/** A first letter in upper case, for titles built from reply text. */
export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Short quote of a server line for a title or sentence. */
export const quote = (text: string, max = 90): string =>
  `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;
