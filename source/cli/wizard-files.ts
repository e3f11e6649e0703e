// What the wizard asks of the file system and the terminal, done here because the UI may not:
// writing a report (the export dialog, and --report on quit), and the clipboard (OSC 52).
import { writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { redactIdentities } from '../record/redaction.js';
import type { Session } from '../record/types.js';
import type { ReportFormat } from '../report/index.js';
import { renderReport } from '../report/index.js';
import type {
  CopyResult,
  ExportRequest,
  ExportResult,
  WizardController,
} from '../ui/controller.js';

export interface WizardFileOptions {
  /** Relative paths start here: the directory mailmedic was started in. */
  cwd: string;
  /** --redact-identities: reports are written from the redacted copy. */
  redact: boolean;
  /** The terminal the wizard draws on; the clipboard request goes there too. */
  stdout: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const WHY: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'the directory does not exist',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'that is a directory',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EEXIST: 'a file of that name exists already; give another name',
  ENAMETOOLONG: 'the name is too long',
};

/** "permission denied (EACCES)": the plain words and the code a search engine knows. */
export const writeError = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return `${WHY[code] ?? 'cannot write there'} (${code})`;
  return error instanceof Error ? error.message : String(error);
};

const contents = (session: Session, format: ReportFormat, redact: boolean): string =>
  renderReport(redact ? redactIdentities(session) : session, format);

/** The export dialog: never overwrites (a typo must not destroy another report), never throws. */
export const exportReport = async (
  session: Session | undefined,
  request: ExportRequest,
  options: WizardFileOptions,
): Promise<ExportResult> => {
  if (!session) return { ok: false, message: 'nothing to export yet' };
  const path = resolve(options.cwd, request.path);
  try {
    await writeFile(path, contents(session, request.format, options.redact), {
      mode: 0o600,
      flag: 'wx',
    });
    return { ok: true, path };
  } catch (error) {
    return { ok: false, message: `${path}: ${writeError(error)}` };
  }
};

/**
 * --report FILE, on the way out (q, Ctrl-C, a signal): synchronous, because a signal handler
 * exits right after it. Overwrites, as `check --report` does. Returns the line for stderr.
 */
export const writeReportOnExit = (
  session: Session | undefined,
  file: string,
  format: ReportFormat,
  options: Pick<WizardFileOptions, 'cwd' | 'redact'>,
): string => {
  if (!session) return `mailmedic: no session to write to ${file}: no target was chosen\n`;
  const path = resolve(options.cwd, file);
  try {
    writeFileSync(path, contents(session, format, options.redact), { mode: 0o600 });
    return `report written to ${path}\n`;
  } catch (error) {
    return `mailmedic: cannot write the report ${path}: ${writeError(error)}\n`;
  }
};

const BEL = '\x07';
const ESC = '\x1b';

/**
 * The OSC 52 request that puts `text` on the clipboard, wrapped for tmux and screen, which
 * otherwise swallow it; or why this terminal cannot take one.
 */
export const clipboardRequest = (
  text: string,
  env: NodeJS.ProcessEnv,
): { sequence: string } | { refuse: string } => {
  const term = env.TERM ?? '';
  if (term === '' || term === 'dumb' || term === 'linux')
    return { refuse: `this terminal (TERM=${term || 'unset'}) has no clipboard to set` };
  const osc = `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
  if (env.TMUX) return { sequence: `${ESC}Ptmux;${osc.replaceAll(ESC, ESC + ESC)}${ESC}\\` };
  if (env.STY || term.startsWith('screen')) return { sequence: `${ESC}P${osc}${ESC}\\` };
  return { sequence: osc };
};

export const copyToClipboard = (text: string, options: WizardFileOptions): CopyResult => {
  const request = clipboardRequest(text, options.env);
  if ('refuse' in request) return { ok: false, message: request.refuse };
  try {
    options.stdout.write(request.sequence);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: writeError(error) };
  }
};

/** Gives a controller the file and clipboard intents, keeping its own prototype and methods. */
export const withWizardFiles = <C extends WizardController>(
  controller: C,
  options: WizardFileOptions,
): C =>
  Object.assign(controller, {
    exportReport: (request: ExportRequest) =>
      exportReport(request.session ?? controller.getSession(), request, options),
    copyToClipboard: (text: string) => copyToClipboard(text, options),
  });
