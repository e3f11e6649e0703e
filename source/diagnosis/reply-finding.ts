// Helpers for findings built from server replies: which lines to cite, how severe a refusal is,
// what the knowledge base adds about the product that sent it.
import type { NextAction, Session, Severity, StepId } from '../record/types.js';
import { explainCode } from './actions.js';
import type { ReplyKind } from './reply-kinds.js';
import { repliesOfKind, vendorOf } from './reply-kinds.js';
import type { Rule } from './rule.js';
import { finding, quote, stepFailed } from './rule.js';
import type { SmtpReplyView } from './transcript.js';

export const replyEvidence = (replies: readonly SmtpReplyView[]): number[] =>
  replies.flatMap((r) => r.lines);

/** "Explain 5.7.1" (or the basic code when there is no enhanced one). */
export const explainReply = (r: SmtpReplyView): NextAction => explainCode(r.enhanced ?? r.code);

/**
 * A permanent refusal (5xx) is an error; a temporary one (4xx) is an error only when it stopped
 * a step, since a real sender retries it later and the mail may still arrive.
 */
export const refusalSeverity = (session: Session, replies: readonly SmtpReplyView[]): Severity =>
  replies.some((r) => r.code >= 500 || stepFailed(session, r.step)) ? 'error' : 'warning';

/** What the knowledge base knows about the product that sent this reply, as sentences. */
export const vendorDetail = (r: SmtpReplyView): { detail: string; fix?: string } => {
  const vendor = vendorOf(r);
  if (!vendor) return { detail: '' };
  // A sentence about a quoted prompt ("UGFzc3dvcmQ6") belongs only beside a reply that has it.
  const detail = vendor.detail
    .split(/(?<=\.)\s+/)
    .filter((sentence) =>
      [...sentence.matchAll(/"([A-Za-z0-9+/]{8,}={0,2})"/g)].every((m) => r.text.includes(m[1]!)),
    )
    .join(' ');
  return {
    detail: ` About this ${vendor.vendor} reply (${vendor.label}): ${detail} (${vendor.reference})`,
    fix: vendor.fix,
  };
};

/** The address between angle brackets in a command or reply, if any. */
export const addressIn = (text: string | undefined): string | undefined =>
  /<([^<>\s]+@[^<>\s]+)>/.exec(text ?? '')?.[1];

export interface KindRuleSpec {
  id: string;
  kind: ReplyKind;
  /** Defaults to refusalSeverity. */
  severity?: (session: Session, replies: SmtpReplyView[]) => Severity;
  /** Only replies this accepts count (e.g. not the greeting, which a banner rule explains). */
  filter?: (r: SmtpReplyView) => boolean;
  title: (r: SmtpReplyView, replies: SmtpReplyView[], session: Session) => string;
  explanation: (r: SmtpReplyView, session: Session) => string;
  next: (r: SmtpReplyView, session: Session) => (string | undefined)[];
  actions?: (r: SmtpReplyView, session: Session) => (NextAction | undefined)[];
  /** The step the finding belongs to; defaults to the step of the first reply. */
  step?: StepId;
}

/** One finding for every reply of a kind: the first reply speaks, all of them are evidence. */
export const kindRule = (spec: KindRuleSpec): Rule => ({
  id: spec.id,
  evaluate: (session) => {
    const replies = repliesOfKind(session, spec.kind).filter((r) => spec.filter?.(r) ?? true);
    const first = replies[0];
    if (!first) return [];
    const vendor = vendorDetail(first);
    return [
      finding({
        id: spec.id,
        severity: (spec.severity ?? refusalSeverity)(session, replies),
        step: spec.step ?? first.step,
        title: spec.title(first, replies, session),
        explanation: `${spec.explanation(first, session)} The server said: ${quote(first.first, 160)}.${vendor.detail}`,
        evidence: replyEvidence(replies),
        next: [
          ...spec.next(first, session).filter((s): s is string => s !== undefined),
          ...(vendor.fix ? [vendor.fix] : []),
        ],
        actions: [...(spec.actions?.(first, session) ?? []), explainReply(first)],
      }),
    ];
  },
});
