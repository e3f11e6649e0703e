// The clear-text question's highlight, by question: a new question (a new proposal id) starts on
// its first choice, the safe one. Pure, tested directly.
import type { ConsentQuestion } from '../../controller.js';
import type { FooterItem } from '../../keymap.js';
import type { HelpItem } from '../../components/help-panel.js';
import { wordWrap } from '../../text-width.js';

export interface ConsentState {
  /** The proposal the highlight belongs to. */
  id: number;
  choice: number;
}

export type ConsentAction = { type: 'move'; id: number; by: 1 | -1; count: number };

export const initialConsentState = (): ConsentState => ({ id: -1, choice: 0 });

/** The highlighted choice for the question `id` (0 when the state is another question's). */
export const choiceFor = (state: ConsentState, id: number): number =>
  state.id === id ? state.choice : 0;

export const consentReducer = (state: ConsentState, action: ConsentAction): ConsentState => {
  const from = choiceFor(state, action.id);
  const choice = Math.min(Math.max(0, action.count - 1), Math.max(0, from + action.by));
  return { id: action.id, choice };
};

/** Rows the risk may take on a small terminal; its last row ends with "…" when cut. */
const MAX_RISK_ROWS = 6;

/** The question's rows: title, risk (wrapped), the choices, the key hint. */
export const consentLayout = (
  question: ConsentQuestion,
  width: number,
): { risk: string[]; rows: number } => {
  const all = wordWrap(question.risk, Math.max(20, width));
  const risk = all.slice(0, MAX_RISK_ROWS);
  if (all.length > risk.length) risk[risk.length - 1] = `${risk.at(-1)!.slice(0, -1)}…`;
  return { risk, rows: 1 + risk.length + question.choices.length + 1 };
};

export const consentFooter = (): FooterItem[] => [
  { actions: ['up', 'down'], label: 'choose' },
  { actions: ['run'], label: 'answer' },
  { actions: ['skip'] },
  { actions: ['settings'] },
  { actions: ['previous', 'next'], label: 'step' },
];

export const CONSENT_HELP: readonly HelpItem[] = [
  {
    actions: ['up', 'down'],
    description: 'Choose an answer to "send the password without TLS?"',
  },
  { actions: ['run'], description: 'Answer; only "send … in clear text" sends the password' },
  { actions: ['skip'], description: 'Skip the step: the password is not sent' },
];
