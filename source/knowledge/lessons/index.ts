// The lessons of the manual console, in order. Add one by writing a file like these and listing
// it here; the console numbers them by their id.
import { BANNER_CHECK } from './banner.js';
import { IMAP_BY_HAND } from './imap.js';
import { POP3_BY_HAND } from './pop3.js';
import { SMTP_AUTH } from './smtp-auth.js';
import { SMTP_BY_HAND } from './smtp-by-hand.js';
import type { Lesson } from './types.js';

export type { Lesson, LessonStep } from './types.js';

export const LESSONS: readonly Lesson[] = [
  SMTP_BY_HAND,
  SMTP_AUTH,
  POP3_BY_HAND,
  IMAP_BY_HAND,
  BANNER_CHECK,
];

export const lessonById = (id: number): Lesson | undefined => LESSONS.find((l) => l.id === id);
