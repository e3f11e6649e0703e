// Every file the command line names is read through here, with a size bound per kind: a file is
// outside input like a server's bytes, and /dev/zero, a FIFO fed forever or a 4 GB log pasted by
// mistake must end in a usage error naming the flag, not in V8's string limit.
import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/** The largest file each flag accepts, in bytes (SECURITY.md lists them). */
export const FILE_LIMITS = {
  '--body': 25 * 1024 * 1024,
  '--auth-pass-file': 64 * 1024,
  '--domains-file': 4 * 1024 * 1024,
  '--ca-file': 1024 * 1024,
  open: 32 * 1024 * 1024,
} as const;
export type FileFlag = keyof typeof FILE_LIMITS;

const CHUNK = 1024 * 1024;

const human = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;

const tooLarge = (flag: FileFlag, file: string): UsageError =>
  new UsageError(flag, `${file} is larger than ${human(FILE_LIMITS[flag])}, the limit for ${flag}`);

/** Reads at most the flag's limit from a file (or a device, or a FIFO); more is a usage error. */
export const readBoundedFile = async (flag: FileFlag, file: string): Promise<string> => {
  const limit = FILE_LIMITS[flag];
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new UsageError(
      flag,
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new UsageError(flag, `${file} is a directory, not a file`);
    if (stat.isFile() && stat.size > limit) throw tooLarge(flag, file);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(CHUNK, limit + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw tooLarge(flag, file);
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      flag,
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  } finally {
    await handle.close().catch(() => undefined);
  }
};

/** Standard input for `--domains-file -`, under the same bound. */
export const readBoundedStream = async (
  flag: FileFlag,
  stream: NodeJS.ReadableStream,
): Promise<string> => {
  const limit = FILE_LIMITS[flag];
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.from(chunk as Buffer);
    total += buffer.length;
    if (total > limit) throw tooLarge(flag, 'standard input');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * --report: the file must be writable before any work starts, not after a whole diagnosis (its
 * folder exists and is a writable folder; the file itself, if there, is a writable file).
 */
export const checkReportPath = async (file: string): Promise<void> => {
  const folder = dirname(resolve(file));
  const folderStat = await stat(folder).catch(() => undefined);
  if (!folderStat)
    throw new UsageError('--report', `cannot write ${file}: the folder ${folder} does not exist`);
  if (!folderStat.isDirectory())
    throw new UsageError('--report', `cannot write ${file}: ${folder} is not a folder`);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError('--report', `${file} is a folder`);
  try {
    await access(existing ? file : folder, constants.W_OK);
  } catch (error) {
    throw new UsageError(
      '--report',
      `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
};
