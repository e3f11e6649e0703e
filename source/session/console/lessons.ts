// Follows a learner through a lesson: each step is done when a typed line matches it, in order;
// anything else typed in between is the learner exploring, which is allowed and never blocks.
// Where a lesson runs is the CLI's choice: a server the user names, or the practice lab's server
// in the role of the lesson's usual port (lab/console-targets.ts).
import type { Lesson, LessonStep } from '../../knowledge/lessons/index.js';
import type { TranscriptEntry } from '../../record/types.js';

export interface LessonProgress {
  lesson: Lesson;
  /** Steps done, in order. */
  done: number;
  current?: LessonStep;
  finished: boolean;
  /** Lines typed that were not the next step (exploring is fine; the lesson waits). */
  detours: number;
}

/** Progress over the client lines typed since the lesson started (masked, as the transcript has them). */
export const lessonProgress = (lesson: Lesson, typed: readonly string[]): LessonProgress => {
  let done = 0;
  let detours = 0;
  for (const line of typed) {
    const step = lesson.steps[done];
    if (step && new RegExp(step.done, 'i').test(line.trim())) done += 1;
    else detours += 1;
  }
  const current = lesson.steps[done];
  return {
    lesson,
    done,
    ...(current ? { current } : {}),
    finished: done >= lesson.steps.length,
    detours,
  };
};

/** The lines the learner typed from transcript index `from` on (SASL answers included, masked). */
export const typedSince = (transcript: readonly TranscriptEntry[], from: number): string[] =>
  transcript.slice(from).flatMap((l) => (l.dir === 'client' ? [l.text] : []));
