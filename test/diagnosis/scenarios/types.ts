import type { Session } from '../../../source/record/types.js';

/** A session that should make one rule fire, and the transcript lines it should cite. */
export interface Scenario {
  session: Session;
  evidence: number[];
}

export type Scenarios = Record<string, () => Scenario>;
