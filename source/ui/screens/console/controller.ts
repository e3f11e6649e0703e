// The console screen's window onto a manual session. The screen reads the session and the
// console's state through this and asks for lines to be sent; session/console/ implements it
// (a console of its own, or one that took over the wizard's connection).
import type { Lesson } from '../../../knowledge/lessons/index.js';
import type { Session } from '../../../record/types.js';

export interface ConsoleScreenState {
  protocol: 'smtp' | 'pop3' | 'imap' | 'raw' | 'detecting';
  /** What the next line is: a command, a line of the message (DATA), a SASL answer. */
  mode: 'command' | 'data' | 'sasl';
  open: boolean;
  closedReason?: string;
  secure: boolean;
  handshaking: boolean;
  /** A line that does not fit, waiting for Enter (send anyway) or Esc (drop). Masked. */
  held?: { display: string[]; warning: string; cleartext: boolean };
  /** The auth helper wants a user and a password. */
  ask?: { mechanism: 'LOGIN' | 'PLAIN'; command: string };
  queued: number;
  /** host:port */
  endpoint: string;
  lesson?: { lesson: Lesson; done: number; finished: boolean };
  /** A server line begun but not ended yet (a tarpit's greeting): gated text so far. */
  incoming?: { text: string; bytes: number; since: number };
  /** On the practice lab: the scenario and its practice login, shown on screen. */
  practice?: { scenario: string; domain: string; user: string; password: string };
}

export interface ConsoleController {
  /** Same object until the session changes (useSyncExternalStore). */
  getSession(): Session;
  /** Same object until the state changes. */
  getState(): ConsoleScreenState;
  subscribe(listener: () => void): () => void;
  /** Typed or pasted lines, in order. */
  submit(lines: readonly string[]): void;
  /** The line as the history may keep it (secrets cut off). */
  historyEntry(line: string): string;
  sendHeld(): void;
  dropHeld(): void;
  authenticate(user: string, password: string): void;
  /** Send the bare AUTH and type the base64 answers by hand. */
  authenticateByHand(): void;
  cancelAsk(): void;
  lessons(): readonly Lesson[];
  /** Starts a lesson (by id) or stops the one running (undefined). */
  setLesson(id: number | undefined): void;
  /** The session as a report shows it now: every step typed in has a record, findings judged. */
  reportSession?(): Session;
  /** Ends the console's connection (the wizard's Esc back to the steps). */
  close?(): void;
}
