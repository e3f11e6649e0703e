// The wizard's `m`: the manual console takes over a live connection in the state the guided
// steps left it (after EHLO, after STARTTLS, after AUTH), recording into the same session, so the
// learner goes on typing where the guide stopped. The engine keeps its state (capabilities, TLS,
// authenticated), so the console judges the next line exactly as the wizard would have.
import type { Connection, TlsOptions } from '../../net/connection.js';
import type { ImapEngine } from '../../protocols/imap/engine.js';
import type { Pop3Engine } from '../../protocols/pop3/engine.js';
import type { SmtpEngine } from '../../protocols/smtp/engine.js';
import type { SessionRecorder } from '../../record/recorder.js';
import type { StepId } from '../../record/types.js';
import type { ConsoleAdapter } from './adapter.js';
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

/** A console on the wizard's connection; the wizard must not write to or close it afterwards. */
export const takeOver = (handed: LiveConnection): ManualConsole => {
  const upgrade: TlsOptions = {
    servername: handed.servername,
    ...(handed.ca ? { ca: handed.ca } : {}),
  };
  return ManualConsole.adopt({
    connection: handed.connection,
    adapter: adapterOf(handed.live),
    recorder: handed.recorder,
    host: handed.servername,
    upgrade,
    insecure: handed.insecure,
    step: handed.step,
  });
};
