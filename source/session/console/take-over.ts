// The wizard's `m`: the manual console takes over a live connection in the state the guided
// steps left it (SMTP after EHLO, STARTTLS, AUTH; POP3 and IMAP after login, with a mailbox
// selected), recording into the same session, so the learner goes on typing where the guide
// stopped. The engine keeps its state (capabilities, TLS, authenticated, selected), so the console
// judges the next line exactly as the wizard would have. When the console's connection ends (Esc
// back to the steps, or the server hangs up), the step the guide stopped at says what was typed
// and the findings are made again from the whole session, so the guided flow knows.
import type { Connection, TlsOptions } from '../../net/connection.js';
import type { ImapEngine } from '../../protocols/imap/engine.js';
import type { Pop3Engine } from '../../protocols/pop3/engine.js';
import type { SmtpEngine } from '../../protocols/smtp/engine.js';
import type { SessionRecorder } from '../../record/recorder.js';
import type { StepId } from '../../record/types.js';
import type { HandedConnection } from '../gate.js';
import type { ConsoleAdapter } from './adapter.js';
import { findingsOfConsole } from './findings.js';
import { createImapAdapter } from './imap-adapter.js';
import { ManualConsole } from './manual-console.js';
import { createPop3Adapter } from './pop3-adapter.js';
import { createSmtpAdapter } from './smtp-adapter.js';

export type LiveEngine =
  | { protocol: 'smtp'; engine: SmtpEngine }
  | { protocol: 'pop3'; engine: Pop3Engine }
  | { protocol: 'imap'; engine: ImapEngine };

export interface LiveConnection {
  connection: Connection;
  live: LiveEngine;
  recorder: SessionRecorder;
  /** The name certificates are checked against (the MX name, not the address dialled). */
  servername: string;
  ca?: string[];
  insecure: boolean;
  /** The step the wizard was in. */
  step: StepId;
}

const adapterOf = (live: LiveEngine): ConsoleAdapter => {
  switch (live.protocol) {
    case 'smtp':
      return createSmtpAdapter({ engine: live.engine });
    case 'pop3':
      return createPop3Adapter({ engine: live.engine });
    case 'imap':
      return createImapAdapter({ engine: live.engine });
  }
};

/** The engine a guided step handed over, with its protocol, as the console takes it. */
export const liveEngineOf = (handed: HandedConnection): LiveEngine => {
  switch (handed.protocol) {
    case 'pop3':
      return { protocol: 'pop3', engine: handed.engine };
    case 'imap':
      return { protocol: 'imap', engine: handed.engine };
    default:
      return { protocol: 'smtp', engine: handed.engine };
  }
};

/** Typed lines listed in the step's summary; the transcript has them all. */
const LISTED_LINES = 8;

/** Where the engine stands, in words, or undefined once the connection is gone. */
const stateWords = (live: LiveEngine): string | undefined => {
  switch (live.protocol) {
    case 'pop3': {
      const state = live.engine.state;
      if (state === 'closed') return undefined;
      if (state === 'update') return 'QUIT ended the session';
      return live.engine.isAuthenticated ? 'logged in' : `POP3 state ${state}`;
    }
    case 'imap': {
      const state = live.engine.state;
      if (state === 'closed') return undefined;
      if (state === 'logout') return 'LOGOUT ended the session';
      const open = live.engine.mailbox;
      if (state === 'selected' && open)
        return `logged in, ${open.name} selected${open.readOnly ? ' read-only' : ''}`;
      return live.engine.isAuthenticated ? 'logged in' : `IMAP state ${state}`;
    }
    case 'smtp':
      return live.engine.state === 'closed' ? undefined : `SMTP state ${live.engine.state}`;
  }
};

/**
 * Back from the console to the guided steps: the step the guide stopped at lists what was typed
 * by hand and where the session stood, and the findings are made again with those lines in.
 */
export const handBack = (
  recorder: SessionRecorder,
  step: StepId,
  /** Where the session stood when the user left (before the connection closed). */
  stood: string | undefined,
  from: number,
): void => {
  const typed = recorder.session.transcript
    .slice(from)
    .filter((line) => line.dir === 'client')
    .map((line) => (line.text.trim() === '' ? '(an empty line)' : line.text));
  const listed = typed.slice(0, LISTED_LINES).join(', ');
  const more = typed.length > LISTED_LINES ? ` and ${typed.length - LISTED_LINES} more` : '';
  const what =
    typed.length === 0
      ? 'nothing typed by hand'
      : `typed by hand: ${listed}${more}${stood ? `; ${stood} when the console closed` : ''}`;
  recorder.note(step, `back from the manual console: ${what}`);
  recorder.update((session) => {
    const record = session.steps.find((s) => s.id === step);
    if (record && !record.summary.includes('typed by hand'))
      record.summary = `${record.summary} (${what})`;
  });
  recorder.setFindings(findingsOfConsole(recorder.session));
};

/** A console on the wizard's connection; the wizard must not write to or close it afterwards. */
export const takeOver = (handed: LiveConnection): ManualConsole => {
  const upgrade: TlsOptions = {
    servername: handed.servername,
    ...(handed.ca ? { ca: handed.ca } : {}),
  };
  const from = handed.recorder.session.transcript.length;
  const console = ManualConsole.adopt({
    connection: handed.connection,
    adapter: adapterOf(handed.live),
    recorder: handed.recorder,
    host: handed.servername,
    upgrade,
    insecure: handed.insecure,
    step: handed.step,
  });
  // Leaving closes the connection, and the engine with it: keep where it stood before that.
  let stood = stateWords(handed.live);
  console.subscribe(() => {
    stood = stateWords(handed.live) ?? stood;
  });
  const back = (): void => handBack(handed.recorder, handed.step, stood, from);
  void console.closed().then(back, back);
  return console;
};
