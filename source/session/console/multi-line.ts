// Multi-line answers are shown whole in the console, with a word about how they end. The session
// keeps a bounded number of lines of one answer (a 10 MiB message would drown every screen and
// report); the rest is counted, never dropped silently.

/** Lines of one answer kept in the session; the engines bound what they accept far above this. */
export const MAX_SHOWN_LINES = 2000;

export const POP3_END_NOTE =
  'the lone "." ends a multi-line POP3 answer (RFC 1939 3); a line of the content that starts with "." arrives with a second dot, which the client removes';

export const imapEndNote = (tag: string, status: string): string =>
  `"${tag} ${status}" ends the answer to ${tag}: the untagged "*" lines before it were its data (RFC 3501 2.2.2); the tag is how client and server pair a command with its end`;

export const bounded = (lines: readonly string[]): { shown: string[]; hidden: number } =>
  lines.length > MAX_SHOWN_LINES + 1
    ? { shown: lines.slice(0, MAX_SHOWN_LINES), hidden: lines.length - MAX_SHOWN_LINES }
    : { shown: [...lines], hidden: 0 };

export const hiddenNote = (hidden: number): string =>
  `… ${hidden} more lines of this answer not kept (the session keeps the first ${MAX_SHOWN_LINES})`;
