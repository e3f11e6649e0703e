// What the console screen reads (ui/screens/console/controller.ts, matched by shape: session/
// never imports ui/): a ManualConsole, the session it records into, and the lesson being followed.
import type { Lesson } from '../../knowledge/lessons/index.js';
import { LESSONS, lessonById } from '../../knowledge/lessons/index.js';
import type { SessionRecorder } from '../../record/recorder.js';
import type { Session } from '../../record/types.js';
import type { ConsoleState, ManualConsole } from './manual-console.js';
import { lessonProgress, typedSince } from './lessons.js';
import { findingsOfConsole } from './findings.js';

export interface ConsoleControllerState extends ConsoleState {
  endpoint: string;
  lesson?: { lesson: Lesson; done: number; finished: boolean };
  practice?: PracticeLogin;
}

/**
 * On the practice lab: which scenario, and its login. The password is a practice one that
 * `mailmedic lab` prints too, so the screen shows it; it is never recorded in the session.
 */
export interface PracticeLogin {
  scenario: string;
  domain: string;
  user: string;
  password: string;
}

export class ConsoleSessionController {
  private session: Session | undefined;
  private state: ConsoleControllerState | undefined;
  private lesson: { lesson: Lesson; from: number } | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly console: ManualConsole,
    private readonly recorder: SessionRecorder,
    private readonly endpoint: string,
    private readonly practice?: PracticeLogin,
  ) {
    const changed = (): void => {
      this.session = undefined;
      this.state = undefined;
      for (const listener of this.listeners) listener();
    };
    recorder.subscribe(changed);
    console.subscribe(changed);
  }

  getSession = (): Session => {
    const s = this.recorder.session;
    this.session ??= {
      ...s,
      steps: [...s.steps],
      transcript: [...s.transcript],
      findings: [...s.findings],
    };
    return this.session;
  };

  getState = (): ConsoleControllerState => {
    if (!this.state) {
      const progress = this.lesson
        ? lessonProgress(
            this.lesson.lesson,
            typedSince(this.recorder.session.transcript, this.lesson.from),
          )
        : undefined;
      this.state = {
        ...this.console.getState(),
        endpoint: this.endpoint,
        ...(this.practice ? { practice: this.practice } : {}),
        ...(progress
          ? {
              lesson: {
                lesson: progress.lesson,
                done: progress.done,
                finished: progress.finished,
              },
            }
          : {}),
      };
    }
    return this.state;
  };

  /**
   * The session as a report shows it now, while the console goes on: every step typed in gets a
   * record, and the findings are those the session would end with (the rules and the console's).
   */
  reportSession = (): Session => {
    const s = this.recorder.session;
    const steps = [...s.steps];
    for (const step of new Set(s.transcript.map((l) => l.step)))
      if (!steps.some((r) => r.id === step))
        steps.push({
          id: step,
          status: 'ok',
          durationMs: 0,
          summary: 'typed by hand in the manual console (exported while it went on)',
        });
    const snapshot = { ...s, steps, transcript: [...s.transcript] };
    return { ...snapshot, findings: findingsOfConsole(snapshot) };
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  submit = (lines: readonly string[]): void => this.console.submit(lines);
  historyEntry = (line: string): string => this.console.historyEntry(line);
  sendHeld = (): void => this.console.sendHeld();
  dropHeld = (): void => this.console.dropHeld();
  authenticate = (user: string, password: string): void =>
    this.console.authenticate(user, password);
  authenticateByHand = (): void => this.console.authenticateByHand();
  cancelAsk = (): void => this.console.cancelAsk();
  /** Leaving the console from the wizard: the connection it typed on is closed (QUIT is the user's). */
  close = (): void => this.console.close();
  lessons = (): readonly Lesson[] => LESSONS;

  setLesson = (id: number | undefined): void => {
    const lesson = id === undefined ? undefined : lessonById(id);
    if (this.lesson && !lesson)
      this.recorder.note('connect', `lesson ${this.lesson.lesson.id} stopped`);
    this.lesson = lesson && { lesson, from: this.recorder.session.transcript.length };
    if (lesson) {
      const speaks = this.console.getState().protocol;
      const mismatch =
        speaks !== 'detecting' && speaks !== lesson.protocol
          ? ` (this server speaks ${speaks.toUpperCase()}; the lesson expects ${lesson.protocol.toUpperCase()}, usually on port ${lesson.port})`
          : '';
      this.recorder.note(
        'connect',
        `lesson ${lesson.id}: ${lesson.title}${mismatch}. ${lesson.intro}`,
      );
    }
    this.state = undefined;
    for (const listener of this.listeners) listener();
  };
}
