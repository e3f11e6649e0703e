// The session as JSON: the format `open` reads back and scripts rely on (SPEC.md). JSON escapes
// control characters itself, but a JSON report is also read with `cat` and `jq -r`: its texts pass
// the gate like every other format's.
import { gateSession } from '../record/gate.js';
import type { Session } from '../record/types.js';

export const renderJson = (session: Session): string =>
  `${JSON.stringify(gateSession(session), null, 2)}\n`;
