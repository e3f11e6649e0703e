// `mailmedic console`: the console screen on the whole terminal. Like the wizard it never ends
// the process; it tells the CLI how it ended through exit(). `r` (when not typing) opens the
// wizard's own export dialog over the console, which stays mounted underneath with its history.
import { useApp } from 'ink';
import { useMemo } from 'react';
import { FullScreenRoot } from './components/full-screen-root.js';
import { TooSmall } from './components/too-small.js';
import type { WizardExit } from './exit.js';
import { layoutFor } from './layout.js';
import type { ConsoleController } from './screens/console/controller.js';
import { ConsolePane } from './screens/console/console-pane.js';
import type { ExportSource } from './screens/export/export-actions.js';
import { chooseExportFormat, submitExport } from './screens/export/export-actions.js';
import { exportReducer, initialExportState } from './screens/export/reducer.js';
import { EXPORT_OWNER, useExportInput } from './screens/export/use-export-input.js';
import { ConsoleUnderExport } from './screens/export/export-screen.js';
import type { KeyContext } from './use-actions.js';
import { KeyHubProvider, WizardKeys } from './use-actions.js';
import { useImmediateReducer } from './use-immediate-reducer.js';
import { useTerminalSize } from './use-terminal-size.js';

interface Props {
  controller: ConsoleController;
  color?: boolean;
  /** What `r` exports and how it is written; without it the console offers no export. */
  exporter?: ExportSource;
  /** Refuses a path with CR, LF or NUL in it (the CLI's check, as in the wizard). */
  checkPath?: (value: string) => string | undefined;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const noControl = (value: string): string | undefined =>
  CONTROL.test(value) ? 'must not contain control characters' : undefined;

const Frame = ({
  controller,
  exporter,
  checkPath,
  exported,
  exportDispatch,
  currentExport,
}: Props & ExportProps) => {
  const { exit } = useApp();
  const size = useTerminalSize();
  const layout = layoutFor(size);
  const exportOpen = exported.stage !== 'closed';
  useExportInput({
    current: currentExport,
    dispatch: exportDispatch,
    onChoose: () =>
      exporter && chooseExportFormat(exporter, exportDispatch, currentExport().format),
    onSubmit: () =>
      exporter && submitExport(exporter, currentExport(), exportDispatch, checkPath ?? noControl),
    onClose: () => exportDispatch({ type: 'close' }),
    isActive: !layout.tooSmall && exportOpen,
  });
  if (layout.tooSmall) return <TooSmall columns={size.columns} rows={size.rows} />;
  return (
    <ConsoleUnderExport
      state={exported}
      dispatch={exportDispatch}
      columns={layout.columns}
      rows={layout.frameRows}
    >
      <ConsolePane
        controller={controller}
        columns={layout.columns}
        rows={layout.frameRows}
        onQuit={() => exit({ reason: 'quit' } satisfies WizardExit)}
        onInterrupt={() => exit({ reason: 'interrupt' } satisfies WizardExit)}
        {...(exporter ? { onReport: () => exportDispatch({ type: 'open' }) } : {})}
        isActive={!exportOpen}
      />
    </ConsoleUnderExport>
  );
};

interface ExportProps {
  exported: ReturnType<typeof initialExportState>;
  exportDispatch: (action: Parameters<typeof exportReducer>[1]) => void;
  currentExport: () => ReturnType<typeof initialExportState>;
}

export const ConsoleApp = (props: Props) => {
  const [exported, exportDispatch, currentExport] = useImmediateReducer(
    exportReducer,
    initialExportState,
  );
  // While the dialog is open it owns the keyboard: a letter typed into the path is not a key.
  const keys = useMemo<KeyContext>(
    () => ({
      mode: () => undefined,
      capturedBy: () => (currentExport().stage !== 'closed' ? EXPORT_OWNER : undefined),
    }),
    [currentExport],
  );
  return (
    <FullScreenRoot {...(props.color !== undefined ? { color: props.color } : {})}>
      <WizardKeys.Provider value={keys}>
        <KeyHubProvider>
          <Frame {...props} {...{ exported, exportDispatch, currentExport }} />
        </KeyHubProvider>
      </WizardKeys.Provider>
    </FullScreenRoot>
  );
};
