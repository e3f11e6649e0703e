// A controller that records what the wizard asks of it and serves a session the test controls.
import type { Session, StepId } from '../../source/record/types.js';
import type { WizardController, WizardStart } from '../../source/ui/controller.js';

export interface SpyController extends WizardController {
  starts: WizardStart[];
  runs: StepId[];
  setSession: (session: Session | undefined) => void;
  setProblem: (problem: string | undefined) => void;
}

export const spyController = (
  options: { session?: Session; scenarios?: string[]; active?: StepId } = {},
): SpyController => {
  let session = options.session;
  let problem: string | undefined;
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((listener) => listener());
  const controller: SpyController = {
    starts: [],
    runs: [],
    getSession: () => session,
    getProblem: () => problem,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: (target) => controller.starts.push(target),
    runStep: (id) => controller.runs.push(id),
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
  };
  return controller;
};
