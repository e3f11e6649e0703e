// The wizard's way to a saved session: ajv and the session schema (a third of the wizard's start-up
// code by size) load when a file is opened, not before the wizard's first frame.
import type { Session } from '../record/types.js';

export const readSessionFile = async (file: string): Promise<Session> =>
  (await import('./session-file.js')).readSessionFile(file);
