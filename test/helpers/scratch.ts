// Scratch folders for tests: each is removed when the test process ends, however it ends, so a
// run leaves nothing behind in the temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
let hooked = false;

/** A new empty folder under the system's temporary directory, gone at process exit. */
export const scratchDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const path of made) rmSync(path, { recursive: true, force: true });
    });
  }
  return dir;
};
