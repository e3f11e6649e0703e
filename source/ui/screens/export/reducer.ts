// The export dialog as data: choose a format, then a path (the default fills the field), then the
// controller writes it and the dialog shows where, or why not. Also the clipboard notice, which
// shares the overlay. Pure; the file name's clock and host come in with the actions.
import type { HelpItem } from '../../components/help-panel.js';
import type { FieldEdit, FooterItem } from '../../keymap.js';
import type { ReportFormat } from '../../../report/index.js';

export interface FormatChoice {
  format: ReportFormat;
  label: string;
}

/** Markdown first: it pastes into tickets as it is. */
export const FORMATS: readonly FormatChoice[] = [
  { format: 'md', label: 'Markdown (.md): for a ticket or a wiki' },
  { format: 'html', label: 'HTML (.html): one self-contained page' },
  { format: 'json', label: 'JSON (.json): the session, to open again with mailmedic open' },
  { format: 'txt', label: 'Text (.txt): as `mailmedic check` prints it' },
];

export type ExportStage =
  'closed' | 'format' | 'path' | 'writing' | 'written' | 'failed' | 'copied';

export interface ExportState {
  stage: ExportStage;
  format: ReportFormat;
  path: string;
  /** Cursor in the path, in code points. */
  cursor: number;
  /** Why the path was refused before writing (a line break in it, empty). */
  error?: string;
  /** After writing: the absolute path, or why it failed. */
  result?: string;
  /** The summary that was copied, for the clipboard notice. */
  copied?: string;
}

export type ExportAction =
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'copied'; summary: string; ok: boolean; why?: string }
  /** The list's highlight moved (enter then takes this one). */
  | { type: 'highlight'; format: ReportFormat }
  | { type: 'chooseFormat'; format: ReportFormat; defaultPath: string }
  | { type: 'edit'; edit: Exclude<FieldEdit, { kind: 'submit' }> }
  | { type: 'refuse'; message: string }
  | { type: 'writing' }
  | { type: 'written'; path: string }
  | { type: 'failed'; message: string }
  | { type: 'back' };

export const initialExportState = (): ExportState => ({
  stage: 'closed',
  format: 'md',
  path: '',
  cursor: 0,
});

const two = (n: number): string => String(n).padStart(2, '0');

/** `mailmedic-<host>-<YYYYMMDD-HHMMSS>.<ext>`, with anything odd in the host made a dash. */
export const defaultReportName = (host: string, at: Date, format: ReportFormat): string => {
  const safeHost =
    host
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 60) || 'session';
  const stamp = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
  return `mailmedic-${safeHost}-${stamp}.${format}`;
};

const withoutError = (state: ExportState): ExportState => {
  if (state.error === undefined) return state;
  const { error: _error, ...rest } = state;
  return rest;
};

const editPath = (state: ExportState, edit: Exclude<FieldEdit, { kind: 'submit' }>) => {
  const chars = [...state.path];
  const at = state.cursor;
  switch (edit.kind) {
    case 'insert': {
      const text = [...edit.text];
      return {
        path: [...chars.slice(0, at), ...text, ...chars.slice(at)],
        cursor: at + text.length,
      };
    }
    case 'erase':
      return at === 0
        ? { path: chars, cursor: 0 }
        : { path: [...chars.slice(0, at - 1), ...chars.slice(at)], cursor: at - 1 };
    case 'clear':
      return { path: [], cursor: 0 };
    case 'move': {
      const to =
        edit.to === 'home'
          ? 0
          : edit.to === 'end'
            ? chars.length
            : edit.to === 'left'
              ? at - 1
              : at + 1;
      return { path: chars, cursor: Math.min(chars.length, Math.max(0, to)) };
    }
  }
};

export const exportReducer = (state: ExportState, action: ExportAction): ExportState => {
  switch (action.type) {
    case 'open':
      return { ...initialExportState(), stage: 'format', format: state.format };
    case 'close':
      return { ...initialExportState(), format: state.format };
    case 'copied':
      return {
        ...initialExportState(),
        stage: 'copied',
        copied: action.summary,
        ...(action.ok ? {} : { result: action.why ?? 'this terminal takes no clipboard requests' }),
      };
    case 'highlight':
      return state.stage === 'format' ? { ...state, format: action.format } : state;
    case 'chooseFormat':
      return {
        ...withoutError(state),
        stage: 'path',
        format: action.format,
        path: action.defaultPath,
        cursor: [...action.defaultPath].length,
      };
    case 'edit': {
      if (state.stage !== 'path') return state;
      const { path, cursor } = editPath(state, action.edit);
      return { ...withoutError(state), path: path.join(''), cursor };
    }
    case 'refuse':
      return { ...state, error: action.message };
    case 'writing':
      return state.stage === 'path' ? { ...withoutError(state), stage: 'writing' } : state;
    case 'written':
      return { ...state, stage: 'written', result: action.path };
    case 'failed':
      // Back to the path, so the user can fix it and press enter again.
      return { ...state, stage: 'failed', result: action.message };
    case 'back':
      return state.stage === 'failed'
        ? { ...state, stage: 'path' }
        : state.stage === 'path'
          ? { ...withoutError(state), stage: 'format' }
          : state;
  }
};

/** What enter on the path means: a refusal, or the file to write. */
export const decideExport = (
  state: ExportState,
  check: (value: string) => string | undefined,
): { refuse: string } | { write: { format: ReportFormat; path: string } } => {
  const path = state.path.trim();
  if (path === '') return { refuse: 'Give a file name, or esc to choose another format.' };
  const unsafe = check(path);
  if (unsafe) return { refuse: `The path ${unsafe}.` };
  return { write: { format: state.format, path } };
};

export const exportFooter = (state: ExportState): FooterItem[] => {
  switch (state.stage) {
    case 'format':
      return [
        { actions: ['up', 'down'], label: 'format' },
        { actions: ['run'], label: 'choose' },
        { actions: ['cancel'], label: 'close' },
      ];
    case 'path':
      return [
        { actions: ['run'], label: 'write' },
        { actions: ['cancel'], label: 'format' },
      ];
    case 'failed':
      return [
        { actions: ['run'], label: 'edit the path' },
        { actions: ['cancel'], label: 'close' },
      ];
    default:
      return [{ actions: ['cancel'], label: 'close' }];
  }
};

export const EXPORT_HELP: readonly HelpItem[] = [
  {
    actions: ['report'],
    description: 'Export a report: format, then path; enter takes the default',
  },
  { actions: ['copy'] },
];
