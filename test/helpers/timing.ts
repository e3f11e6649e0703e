// Waiting on conditions instead of the wall clock: a loaded CI machine stretches every delay, so
// a test that sleeps "long enough" or asserts "under N ms" fails there for no fault of the code.
import { readFileSync } from 'node:fs';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Longer than any wait a test makes on a loaded machine: only a condition that never holds. */
const HANG_MS = 30_000;

/**
 * Resolves once `condition()` holds, checked every few milliseconds. One that never holds fails
 * after HANG_MS naming `what`, instead of hanging a run that has no test timeout.
 */
export const until = async (condition: () => boolean, what = 'a condition'): Promise<void> => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > HANG_MS) throw new Error(`timed out waiting for ${what}`);
    await tick(5);
  }
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
