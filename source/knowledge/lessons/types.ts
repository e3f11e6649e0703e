// A lesson is a list of things to type, each with why and what the answer means. Plain data: add
// a lesson by adding a file and listing it in index.ts.

export interface LessonStep {
  /** What to type. Words in CAPITALS are the protocol; <angle brackets> are yours to fill in. */
  type: string;
  /** Why this line, in a sentence or two. */
  why: string;
  /** What the server's answer means, good or bad. */
  reply: string;
  /**
   * A typed line matching this (a regular expression, case-insensitive) counts as the step done.
   * Lines are matched as the transcript shows them, so a password is already masked.
   */
  done: string;
}

export interface Lesson {
  id: number;
  title: string;
  /** What the lesson speaks, and the port it is usually found on. */
  protocol: 'smtp' | 'pop3' | 'imap' | 'raw';
  port: number;
  /** What the learner needs before starting (a server, an account). */
  intro: string;
  steps: readonly LessonStep[];
  /** The reference the lesson follows. */
  source: string;
}
