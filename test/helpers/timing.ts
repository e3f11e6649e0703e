// Waiting on conditions instead of the wall clock: a loaded CI machine stretches every delay, so
// a test that sleeps "long enough" or asserts "under N ms" fails there for no fault of the code.
import { readFileSync } from 'node:fs';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition()` holds, checked every few milliseconds; the test's timeout bounds it. */
export const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await tick(5);
};

/**
 * Resolves with `work`'s result if it settles before a reference timer of `referenceMs`, started
 * now in this same event loop, fires; rejects otherwise. Load delays both alike, and timers fire
 * in order, so a deadline shorter than the reference wins however slow the machine is, while a
 * deadline that does not hold (a hang, a timer re-armed by every byte) loses.
 */
export const settlesBefore = async <T>(
  work: Promise<T>,
  referenceMs: number,
  what: string,
): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const reference = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: still running when a ${referenceMs} ms reference fired`)),
      referenceMs,
    );
  });
  try {
    return await Promise.race([work, reference]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Whether the main thread of process `pid` sleeps in its event loop's poll (Linux): then it has
 * handled every event that was already pending, such as a connection that completed.
 */
export const sleepsInEventLoop = (pid: number): boolean => {
  try {
    return /epoll/.test(readFileSync(`/proc/${pid}/task/${pid}/wchan`, 'utf8'));
  } catch {
    return false;
  }
};
