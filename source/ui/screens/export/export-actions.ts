// What enter does in the export dialog, for any screen that has a session to export: the wizard
// (app.tsx) and the standalone console (console-app.tsx) share it, so the default name, the
// refusals and the way a failure comes back to the dialog are one.
import type { Dispatch } from 'react';
import type { Session } from '../../../record/types.js';
import type { ReportFormat } from '../../../report/index.js';
import { summaryTarget } from '../../../report/summary.js';
import type { ExportRequest, ExportResult } from '../../controller.js';
import type { ExportAction, ExportState } from './reducer.js';
import { decideExport, defaultReportName } from './reducer.js';
import { gate } from '../../../record/gate.js';

/** Where the dialog gets the session and writes it (the CLI implements exportReport). */
export interface ExportSource {
  getSession(): Session | undefined;
  exportReport?(request: ExportRequest): Promise<ExportResult>;
}

/** Enter on the format list: that format, with `mailmedic-<host>-<stamp>.<ext>` in the path. */
export const chooseExportFormat = (
  source: ExportSource,
  dispatch: Dispatch<ExportAction>,
  format: ReportFormat,
  now: Date = new Date(),
): void => {
  const current = source.getSession();
  const host = current ? summaryTarget(current).replace(/:\d+$/, '') : 'session';
  dispatch({ type: 'chooseFormat', format, defaultPath: defaultReportName(host, now, format) });
};

/** Enter on the path: refused on screen, or written, and the dialog says where or why not. */
export const submitExport = (
  source: ExportSource,
  state: ExportState,
  dispatch: Dispatch<ExportAction>,
  check: (value: string) => string | undefined,
): void => {
  if (!source.getSession()) {
    dispatch({ type: 'refuse', message: 'Nothing to export yet: start a diagnosis first.' });
    return;
  }
  const decision = decideExport(state, check);
  if ('refuse' in decision) {
    dispatch({ type: 'refuse', message: decision.refuse });
    return;
  }
  if (!source.exportReport) {
    dispatch({ type: 'failed', message: 'this screen cannot write files' });
    return;
  }
  dispatch({ type: 'writing' });
  void source.exportReport(decision.write).then(
    (result) =>
      dispatch(
        result.ok
          ? { type: 'written', path: result.path }
          : { type: 'failed', message: result.message },
      ),
    (error: unknown) =>
      dispatch({
        type: 'failed',
        message: gate(error instanceof Error ? error.message : String(error)),
      }),
  );
};
