// A controller that records what the wizard asks of it and serves a session (and a guided run)
// the test controls.
import type { NextAction, Session, StepId } from '../../source/record/types.js';
import type {
  ConsoleTarget,
  GuideState,
  GuidedAnswer,
  SettingsChange,
  WizardController,
  WizardStart,
} from '../../source/ui/controller.js';

export interface SpyController extends WizardController {
  starts: WizardStart[];
  runs: StepId[];
  answers: Array<[number, GuidedAnswer]>;
  runAlls: number;
  cancels: number;
  applied: SettingsChange[];
  actions: Array<[NextAction, StepId | undefined]>;
  consoles: number;
  setSession: (session: Session | undefined) => void;
  setProblem: (problem: string | undefined) => void;
  setGuide: (guide: GuideState | undefined) => void;
  lines: string[];
}

export const spyController = (
  options: {
    session?: Session;
    scenarios?: string[];
    active?: StepId;
    guide?: GuideState;
    /** Why an edited line does not fit, for checkLine. */
    whyNot?: (line: string) => string | undefined;
  } = {},
): SpyController => {
  let session = options.session;
  let problem: string | undefined;
  let guide = options.guide;
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((listener) => listener());
  const controller: SpyController = {
    starts: [],
    runs: [],
    answers: [],
    runAlls: 0,
    cancels: 0,
    applied: [],
    actions: [],
    consoles: 0,
    lines: [],
    getSession: () => session,
    getProblem: () => problem,
    getGuide: () => guide,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: (target) => controller.starts.push(target),
    runStep: (id) => controller.runs.push(id),
    answer: (id, answer) => controller.answers.push([id, answer]),
    checkLine: (line) => {
      controller.lines.push(line);
      return options.whyNot?.(line);
    },
    runAll: () => (controller.runAlls += 1),
    cancelWait: () => (controller.cancels += 1),
    applySettings: (change) => controller.applied.push(change),
    takeAction: (action, step) => controller.actions.push([action, step]),
    openConsole: (): ConsoleTarget => {
      controller.consoles += 1;
      return { host: 'mx.example.com', port: 25, tls: false };
    },
    labScenarios: () => options.scenarios ?? ['healthy', 'relay-denied', 'auth-failure'],
    activeStep: () => options.active,
    setSession: (next) => {
      session = next;
      emit();
    },
    setProblem: (next) => {
      problem = next;
      emit();
    },
    setGuide: (next) => {
      guide = next;
      emit();
    },
  };
  return controller;
};
