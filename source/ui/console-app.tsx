// `mailmedic console`: the console screen on the whole terminal. Like the wizard it never ends
// the process; it tells the CLI how it ended through exit().
import { Box, useApp } from 'ink';
import { useCallback } from 'react';
import { CrashBoundary } from './components/crash-boundary.js';
import { TooSmall } from './components/too-small.js';
import type { WizardExit } from './exit.js';
import { WizardCrash } from './exit.js';
import { layoutFor } from './layout.js';
import type { ConsoleController } from './screens/console/controller.js';
import { ConsolePane } from './screens/console/console-pane.js';
import { ThemeProvider } from './theme.js';
import { useTerminalSize } from './use-terminal-size.js';

interface Props {
  controller: ConsoleController;
  color?: boolean;
}

const Frame = ({ controller }: Props) => {
  const { exit } = useApp();
  const size = useTerminalSize();
  const layout = layoutFor(size);
  if (layout.tooSmall) return <TooSmall columns={size.columns} rows={size.rows} />;
  return (
    <Box height={layout.frameRows} width={layout.columns}>
      <ConsolePane
        controller={controller}
        columns={layout.columns}
        rows={layout.frameRows}
        onQuit={() => exit({ reason: 'quit' } satisfies WizardExit)}
        onInterrupt={() => exit({ reason: 'interrupt' } satisfies WizardExit)}
      />
    </Box>
  );
};

export const ConsoleApp = (props: Props) => {
  const { exit } = useApp();
  const onCrash = useCallback(
    (error: unknown, where: string) => exit(new WizardCrash(where, error)),
    [exit],
  );
  return (
    <ThemeProvider color={props.color ?? true}>
      <CrashBoundary onCrash={onCrash}>
        <Frame {...props} />
      </CrashBoundary>
    </ThemeProvider>
  );
};
