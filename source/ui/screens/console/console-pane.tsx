// The console screen as one component: reducer, keys and view wired to a controller. The
// standalone console (`mailmedic console`) frames it; the wizard's `m` embeds it the same way,
// with onLeave taking the user back to the guided flow.
import { Box } from 'ink';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { Footer } from '../../components/footer.js';
import type { HelpItem } from '../../components/help-panel.js';
import { HelpPanel } from '../../components/help-panel.js';
import type { FooterItem } from '../../keymap.js';
import { useImmediateReducer } from '../../use-immediate-reducer.js';
import type { ConsoleController } from './controller.js';
import { CONSOLE_HELP, consoleFooter, consoleReducer, initialConsoleScreen } from './reducer.js';
import { useConsoleInput } from './use-console-input.js';
import { ConsoleView, transcriptHeight, transcriptRows } from './view.js';
import { useKnowledge } from '../../knowledge.js';

const ALWAYS: readonly FooterItem[] = [{ actions: ['interrupt'] }];
const NOT_TYPING: readonly FooterItem[] = [{ actions: ['help'] }, { actions: ['quit'] }];
const GLOBAL_HELP: readonly HelpItem[] = [
  { actions: ['help'] },
  {
    actions: ['quit'],
    description: 'Quit (when not typing); with --report the session is written',
  },
  { actions: ['interrupt'] },
];

interface Props {
  controller: ConsoleController;
  columns: number;
  rows: number;
  onQuit: () => void;
  onInterrupt: () => void;
  onLeave?: () => void;
  /** r when not typing: export (the frame around the pane shows the dialog). */
  onReport?: () => void;
  isActive?: boolean;
}

export const ConsolePane = ({
  controller,
  columns,
  rows,
  onQuit,
  onInterrupt,
  onLeave,
  onReport,
  isActive,
}: Props) => {
  // The "more" panel reads the knowledge base: loaded now that the pane is on screen.
  useKnowledge();
  const subscribe = useCallback((l: () => void) => controller.subscribe(l), [controller]);
  const session = useSyncExternalStore(subscribe, () => controller.getSession());
  const view = useSyncExternalStore(subscribe, () => controller.getState());
  const [screen, dispatch, current] = useImmediateReducer(consoleReducer, initialConsoleScreen);
  const footerRows = 2;
  const paneRows = Math.max(4, rows - footerRows);
  const laidOut = useMemo(() => transcriptRows(session, columns), [session, columns]);
  const height = transcriptHeight(view, paneRows, screen.more);
  useConsoleInput({
    controller,
    view,
    dispatch,
    current,
    page: height,
    maxScroll: Math.max(0, laidOut.length - height),
    onQuit,
    onInterrupt,
    ...(onLeave ? { onLeave } : {}),
    ...(onReport ? { onReport } : {}),
    ...(isActive !== undefined ? { isActive } : {}),
  });
  const items = screen.helpOpen
    ? [{ actions: ['cancel'], label: 'close help' } satisfies FooterItem]
    : consoleFooter(screen, {
        held: view.held !== undefined,
        ask: view.ask !== undefined,
        exportable: onReport !== undefined,
      });
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      {screen.helpOpen ? (
        <HelpPanel
          items={[
            ...CONSOLE_HELP.filter((h) => onReport || !h.actions.includes('report')),
            ...GLOBAL_HELP,
          ]}
          height={paneRows}
        />
      ) : (
        <ConsoleView
          session={session}
          view={view}
          screen={screen}
          columns={columns}
          rows={paneRows}
          rowsOfTranscript={laidOut}
        />
      )}
      <Footer items={items} always={screen.typing ? ALWAYS : NOT_TYPING} width={columns} />
    </Box>
  );
};
