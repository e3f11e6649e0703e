// The export dialog on the whole frame, over a console that stays mounted underneath: the same in
// the wizard's embedded console and in `mailmedic console`.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { Footer } from '../../components/footer.js';
import type { FooterItem } from '../../keymap.js';
import type { ExportAction, ExportState } from './reducer.js';
import { exportFooter } from './reducer.js';
import { ExportView } from './view.js';

/** While a path is typed, only Ctrl-C is a key of its own. */
const ALWAYS: readonly FooterItem[] = [{ actions: ['interrupt'] }];

export const ExportScreen = ({
  state,
  dispatch,
  columns,
  rows,
}: {
  state: ExportState;
  dispatch: (action: ExportAction) => void;
  columns: number;
  rows: number;
}) => (
  <Box flexDirection="column" width={columns} height={rows}>
    <Box flexDirection="column" flexGrow={1} paddingX={1}>
      <ExportView
        state={state}
        width={columns - 2}
        hasSession
        onHighlight={(format) => dispatch({ type: 'highlight', format })}
        listFocused={state.stage === 'format'}
      />
    </Box>
    <Footer items={exportFooter(state)} always={ALWAYS} width={columns} />
  </Box>
);

/**
 * A console (`children`) with the export dialog over it when open: the console stays mounted,
 * hidden, so its history and what is being typed survive the dialog.
 */
export const ConsoleUnderExport = ({
  state,
  dispatch,
  columns,
  rows,
  children,
}: {
  state: ExportState;
  dispatch: (action: ExportAction) => void;
  columns: number;
  rows: number;
  children: ReactNode;
}) => {
  const open = state.stage !== 'closed';
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Box display={open ? 'none' : 'flex'}>{children}</Box>
      {open ? (
        <ExportScreen state={state} dispatch={dispatch} columns={columns} rows={rows} />
      ) : null}
    </Box>
  );
};
