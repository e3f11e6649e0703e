// The step screen as data: which step the user pinned (none: follow the run), which pane has
// focus, and where the transcript is scrolled. Pure; geometry comes in with the actions.
import { STEP_IDS } from '../../../record/types.js';
import type { StepId } from '../../../record/types.js';
import type { HelpItem } from '../../components/help-panel.js';
import type { FooterItem } from '../../keymap.js';

export type StepFocus = 'rail' | 'transcript';

/** `follow`: stick to the newest line, as a live transcript should, until the user scrolls up. */
export interface Scroll {
  top: number;
  follow: boolean;
}

export interface StepScreenState {
  /** The step the user chose to look at; undefined follows the step being run. */
  pinned?: StepId;
  focus: StepFocus;
  scroll: Scroll;
}

export type StepScreenAction =
  /** `from`: the step on screen when nothing is pinned yet (the one being followed). */
  | { type: 'move'; by: 1 | -1; from: StepId }
  /** Up or down: moves the step while the rail has focus, scrolls while the transcript has. */
  | { type: 'line'; by: 1 | -1; from: StepId; total: number; height: number }
  | { type: 'select'; id: StepId }
  | { type: 'toggleFocus' }
  | { type: 'scroll'; by: number; total: number; height: number };

export const FOLLOW: Scroll = { top: 0, follow: true };

export const initialStepScreenState = (): StepScreenState => ({ focus: 'rail', scroll: FOLLOW });

const maxTop = (total: number, height: number): number => Math.max(0, total - Math.max(1, height));

/** The first row shown, for a transcript of `total` rows in a window of `height`. */
export const visibleTop = (scroll: Scroll, total: number, height: number): number =>
  scroll.follow ? maxTop(total, height) : Math.min(scroll.top, maxTop(total, height));

export const stepScreenReducer = (
  state: StepScreenState,
  action: StepScreenAction,
): StepScreenState => {
  switch (action.type) {
    case 'move': {
      const from = state.pinned ?? action.from;
      const index = STEP_IDS.indexOf(from) + action.by;
      const id = STEP_IDS[Math.min(STEP_IDS.length - 1, Math.max(0, index))] ?? from;
      if (id === state.pinned) return state;
      return { ...state, pinned: id, scroll: FOLLOW };
    }
    case 'line':
      return state.focus === 'rail'
        ? stepScreenReducer(state, { type: 'move', by: action.by, from: action.from })
        : stepScreenReducer(state, {
            type: 'scroll',
            by: action.by,
            total: action.total,
            height: action.height,
          });
    case 'select':
      return { ...state, pinned: action.id, scroll: FOLLOW };
    case 'toggleFocus':
      return { ...state, focus: state.focus === 'rail' ? 'transcript' : 'rail' };
    case 'scroll': {
      const limit = maxTop(action.total, action.height);
      const top = Math.min(
        limit,
        Math.max(0, visibleTop(state.scroll, action.total, action.height) + action.by),
      );
      return { ...state, scroll: { top, follow: top >= limit } };
    }
  }
};

/** The keys the help screen lists for this screen, besides the global ones. */
export const STEP_HELP: readonly HelpItem[] = [
  { actions: ['run'], description: 'Run this step' },
  { actions: ['next'], description: 'Next step' },
  { actions: ['previous'], description: 'Previous step' },
  { actions: ['up', 'down'], description: 'Move between steps, or scroll the transcript' },
  { actions: ['pageUp', 'pageDown'], description: 'Scroll the transcript a page' },
  { actions: ['focus'], description: 'Switch between steps and transcript' },
];

export const stepFooter = (state: StepScreenState): FooterItem[] => [
  { actions: ['run'], label: 'run' },
  { actions: ['previous', 'next'], label: 'step' },
  { actions: ['up', 'down'], label: state.focus === 'rail' ? 'step' : 'scroll' },
  { actions: ['focus'], label: state.focus === 'rail' ? 'transcript' : 'steps' },
  { actions: ['pageUp', 'pageDown'], label: 'page' },
];
