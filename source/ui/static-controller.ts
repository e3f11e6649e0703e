// A controller over a fixed session where nothing runs: component tests, and browsing a saved
// report (`mailmedic open REPORT.json`), where the record is all there is.
import type { Session } from '../record/types.js';
import type { WizardController } from './controller.js';

export interface StaticControllerOptions {
  /** Offered on the start screen when there is no session; nothing is started either way. */
  labScenarios?: string[];
  /** The file a saved session came from (`mailmedic open`): marked in the header. */
  savedFrom?: string;
}

export const createStaticController = (
  session?: Session,
  options: StaticControllerOptions = {},
): WizardController => {
  const scenarios = [...(options.labScenarios ?? [])];
  return {
    getSession: () => session,
    subscribe: () => () => {},
    start: () => {},
    runStep: () => {},
    labScenarios: () => scenarios,
    ...(options.savedFrom === undefined ? {} : { savedFrom: options.savedFrom }),
  };
};
