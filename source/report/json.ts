// The session as JSON: the format `open` reads back and scripts rely on (SPEC.md).
import type { Session } from '../record/types.js';

export const renderJson = (session: Session): string => `${JSON.stringify(session, null, 2)}\n`;
