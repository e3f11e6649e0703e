// The wizard's frame: header, step rail, the current screen, key help. It reads the session through
// the controller and asks it for work; it never ends the process, it tells the CLI through exit().
import { Box, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { CrashBoundary } from './components/crash-boundary.js';
import { EquivalentCommands } from './components/equivalent-commands.js';
import { ExplanationPanel } from './components/explanation-panel.js';
import { FindBar } from './components/find-bar.js';
import { TranscriptMarksContext } from './components/transcript-view.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import type { HelpItem } from './components/help-panel.js';
import { HelpPanel } from './components/help-panel.js';
import { StepRail } from './components/step-rail.js';
import { TooSmall } from './components/too-small.js';
import type { WizardController } from './controller.js';
import type { WizardExit } from './exit.js';
import { WizardCrash } from './exit.js';
import type { FooterItem } from './keymap.js';
import { withoutNetworkKeys } from './keymap.js';
import { explainLine } from './line-explanation.js';
import { renderSummary, summaryTarget } from '../report/summary.js';
import {
  EXPORT_HELP,
  decideExport,
  defaultReportName,
  exportFooter,
  exportReducer,
  initialExportState,
} from './screens/export/reducer.js';
import { EXPORT_OWNER, useExportInput } from './screens/export/use-export-input.js';
import { ExportView } from './screens/export/view.js';
import { findMatches, initialReaderState, readerReducer, rowOfEntry } from './transcript-reader.js';
import { READER_HELP, readerFooter } from './reader-keys.js';
import { FIND_OWNER, useReaderInput } from './use-reader-input.js';
import { WizardKeys } from './use-actions.js';
import type { KeyContext } from './use-actions.js';
import { layoutFor } from './layout.js';
import type { TargetCheck } from './screens/start/reducer.js';
import {
  START_HELP,
  decideStart,
  initialStartState,
  startFooter,
  startReducer,
} from './screens/start/reducer.js';
import { useStartInput } from './screens/start/use-start-input.js';
import { StartView } from './screens/start/view.js';
import { stepModel } from './screens/step/model.js';
import {
  STEP_HELP,
  initialStepScreenState,
  stepFooter,
  stepScreenReducer,
} from './screens/step/reducer.js';
import { useStepInput } from './screens/step/use-step-input.js';
import { StepView } from './screens/step/view.js';
import { stepStates } from './step-states.js';
import { ThemeProvider } from './theme.js';
import { useActions } from './use-actions.js';
import { useImmediateReducer } from './use-immediate-reducer.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  controller: WizardController;
  version: string;
  /** Why a typed target is unsafe to send (CR, LF, NUL), or undefined; the CLI supplies it. */
  checkTarget: TargetCheck;
  initialTarget?: string;
  color?: boolean;
  /** Test hook: throw from a component after the first frame (see source/cli/wizard.tsx). */
  crashForTest?: boolean;
}

const GLOBAL_HELP: readonly HelpItem[] = [
  { actions: ['help'] },
  { actions: ['quit'] },
  { actions: ['interrupt'] },
];
const ALWAYS: readonly FooterItem[] = [{ actions: ['help'] }, { actions: ['quit'] }];
const ALWAYS_WHILE_TYPING: readonly FooterItem[] = [{ actions: ['interrupt'] }];
const HELP_FOOTER: readonly FooterItem[] = [{ actions: ['cancel'], label: 'close help' }];
const EXPORT_FOOTER: FooterItem = { actions: ['report'], label: 'export' };

/** Renders once, then throws: proves a crash after the screen was drawn restores the terminal. */
const CrashTest = () => {
  const [armed, setArmed] = useState(false);
  useEffect(() => setArmed(true), []);
  if (armed) throw new Error('crash requested by MAILMEDIC_CRASH_TEST=1');
  return null;
};

const Wizard = ({ controller, version, checkTarget, initialTarget, crashForTest }: AppProps) => {
  const [exported, exportDispatch, currentExport] = useImmediateReducer(
    exportReducer,
    initialExportState,
  );
  const [reader, readerDispatch, currentReader] = useImmediateReducer(
    readerReducer,
    initialReaderState,
  );
  const keyContext = useMemo<KeyContext>(
    () => ({
      mode: () => (currentReader().searching ? 'searching' : undefined),
      capturedBy: () =>
        currentExport().stage !== 'closed'
          ? EXPORT_OWNER
          : currentReader().typing
            ? FIND_OWNER
            : undefined,
    }),
    [currentExport, currentReader],
  );
  return (
    <WizardKeys.Provider value={keyContext}>
      <WizardFrame
        {...{ controller, version, checkTarget, initialTarget, crashForTest }}
        exported={exported}
        exportDispatch={exportDispatch}
        currentExport={currentExport}
        reader={reader}
        readerDispatch={readerDispatch}
        currentReader={currentReader}
      />
    </WizardKeys.Provider>
  );
};

interface OverlayProps {
  exported: ReturnType<typeof initialExportState>;
  exportDispatch: (action: Parameters<typeof exportReducer>[1]) => void;
  currentExport: () => ReturnType<typeof initialExportState>;
  reader: ReturnType<typeof initialReaderState>;
  readerDispatch: (action: Parameters<typeof readerReducer>[1]) => void;
  currentReader: () => ReturnType<typeof initialReaderState>;
}

const WizardFrame = ({
  controller,
  version,
  checkTarget,
  initialTarget,
  crashForTest,
  exported,
  exportDispatch,
  currentExport,
  reader,
  readerDispatch,
  currentReader,
}: AppProps & OverlayProps) => {
  const { exit } = useApp();
  const subscribe = useCallback(
    (listener: () => void) => controller.subscribe(listener),
    [controller],
  );
  const getSession = useCallback(() => controller.getSession(), [controller]);
  const session = useSyncExternalStore(subscribe, getSession);
  const getProblem = useCallback(() => controller.getProblem?.(), [controller]);
  const problem = useSyncExternalStore(subscribe, getProblem);
  const size = useTerminalSize();
  const layout = layoutFor(size);
  const scenarios = useMemo(() => controller.labScenarios(), [controller]);
  const [helpOpen, setHelpOpen] = useState(false);

  const [start, startDispatch, currentStart] = useImmediateReducer(startReducer, () =>
    initialStartState({
      ...(initialTarget === undefined ? {} : { target: initialTarget }),
      scenarios,
      check: checkTarget,
    }),
  );
  const [step, stepDispatch, currentStepScreen] = useImmediateReducer(
    stepScreenReducer,
    initialStepScreenState,
  );

  // Once, on mount: a target from the command line starts the diagnosis straight away, after the
  // same checks as a typed one (a refused one leaves the start screen with the reason on it).
  useEffect(() => {
    if (initialTarget === undefined || controller.getSession()) return;
    const decision = decideStart(currentStart(), scenarios, checkTarget);
    if ('request' in decision) controller.start(decision.request);
  }, []);

  const onStartScreen = session === undefined;
  const textEntry = onStartScreen && start.editing;
  const states = stepStates(session, controller.activeStep?.());
  const exportOpen = exported.stage !== 'closed';
  const findBar = !onStartScreen && (reader.typing || reader.searching);
  const mainSize = { columns: layout.mainColumns, rows: layout.bodyRows - (findBar ? 1 : 0) };
  const model = stepModel(session, states, step, mainSize);
  const saved = controller.savedFrom !== undefined;
  useEffect(() => readerDispatch({ type: 'reset' }), [model.viewed]);

  const openExport = () => exportDispatch({ type: 'open' });
  const copySummary = () => {
    const current = controller.getSession();
    if (!current) return;
    const summary = renderSummary(current);
    const result = controller.copyToClipboard?.(summary) ?? {
      ok: false as const,
      message: 'this wizard has no terminal to send it to',
    };
    exportDispatch({
      type: 'copied',
      summary,
      ok: result.ok,
      ...(result.ok ? {} : { why: result.message }),
    });
  };
  const submitExport = () => {
    const current = controller.getSession();
    if (!current) {
      exportDispatch({
        type: 'refuse',
        message: 'Nothing to export yet: start a diagnosis first.',
      });
      return;
    }
    const decision = decideExport(currentExport(), checkTarget);
    if ('refuse' in decision) {
      exportDispatch({ type: 'refuse', message: decision.refuse });
      return;
    }
    if (!controller.exportReport) {
      exportDispatch({ type: 'failed', message: 'this wizard cannot write files' });
      return;
    }
    exportDispatch({ type: 'writing' });
    void controller.exportReport(decision.write).then(
      (result) =>
        exportDispatch(
          result.ok
            ? { type: 'written', path: result.path }
            : { type: 'failed', message: result.message },
        ),
      (error: unknown) =>
        exportDispatch({
          type: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  };
  const chooseFormat = (format: Parameters<typeof defaultReportName>[2]) => {
    const current = controller.getSession();
    const host = current ? summaryTarget(current).replace(/:\d+$/, '') : 'session';
    exportDispatch({
      type: 'chooseFormat',
      format,
      defaultPath: defaultReportName(host, new Date(), format),
    });
  };

  const submit = () => {
    const decision = decideStart(currentStart(), scenarios, checkTarget);
    if ('refuse' in decision) {
      startDispatch({ type: 'refuse', message: decision.refuse });
      return;
    }
    startDispatch({ type: 'stopEditing' });
    controller.start(decision.request);
  };

  useActions(
    {
      quit: () => exit({ reason: 'quit' } satisfies WizardExit),
      interrupt: () => exit({ reason: 'interrupt' } satisfies WizardExit),
      help: () => setHelpOpen((open) => !open),
      ...(helpOpen ? { cancel: () => setHelpOpen(false) } : {}),
      report: openExport,
      copy: copySummary,
    },
    { textEntry: () => controller.getSession() === undefined && currentStart().editing },
  );
  const screenKeys = !helpOpen && !layout.tooSmall;
  useExportInput({
    current: currentExport,
    dispatch: exportDispatch,
    onChoose: () => chooseFormat(currentExport().format),
    onSubmit: submitExport,
    onClose: () => exportDispatch({ type: 'close' }),
    isActive: !layout.tooSmall && exportOpen,
  });
  useReaderInput({
    current: currentReader,
    dispatch: readerDispatch,
    rows: model.rows,
    top: model.top,
    height: model.transcriptHeight,
    scroll: (by) =>
      stepDispatch({
        type: 'scroll',
        by,
        total: model.rows.length,
        height: model.transcriptHeight,
      }),
    isActive: screenKeys && !onStartScreen && !exportOpen,
  });
  useStartInput({
    current: currentStart,
    dispatch: startDispatch,
    scenarioCount: scenarios.length,
    check: checkTarget,
    onSubmit: submit,
    isActive: screenKeys && onStartScreen,
  });
  useStepInput({
    current: currentStepScreen,
    dispatch: stepDispatch,
    viewed: model.viewed,
    totalRows: model.rows.length,
    transcriptHeight: model.transcriptHeight,
    onRun: (id) => controller.runStep(id),
    isActive: screenKeys && !onStartScreen,
  });

  const crash = crashForTest ? <CrashTest /> : null;
  if (layout.tooSmall) {
    return (
      <Box height={layout.frameRows} overflow="hidden">
        <TooSmall columns={size.columns} rows={size.rows} />
        {crash}
      </Box>
    );
  }

  // A saved session has no server to talk to: its footer leaves out the keys that would.
  const offline = (items: FooterItem[]) => (saved ? withoutNetworkKeys(items) : items);
  const screenFooter = onStartScreen
    ? offline(startFooter(start))
    : (readerFooter(reader) ??
      // Export right after the screen's first key, where a narrow footer still has room for it.
      (([first, ...rest]) => [...(first ? [first] : []), EXPORT_FOOTER, ...rest])(
        offline(stepFooter(step)),
      ));
  const footerItems = helpOpen ? HELP_FOOTER : exportOpen ? exportFooter(exported) : screenFooter;
  const helpItems = [
    ...(onStartScreen ? START_HELP : [...STEP_HELP, ...READER_HELP]),
    ...EXPORT_HELP,
    ...GLOBAL_HELP,
  ];
  const selectedEntry =
    reader.selected === undefined ? undefined : session?.transcript[reader.selected];
  const matches = findBar ? findMatches(model.rows, reader.query) : [];
  const selectedRow = reader.selected === undefined ? -1 : rowOfEntry(model.rows, reader.selected);
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.frameRows}>
      <Header
        version={session?.tool.version ?? version}
        {...(session ? { target: session.target.input } : {})}
        {...(saved ? { mark: `saved session · ${controller.savedFrom}` } : {})}
      />
      <Box height={layout.bodyRows} overflow="hidden">
        <StepRail
          states={states}
          {...(onStartScreen ? {} : { current: model.viewed })}
          focused={!onStartScreen && step.focus === 'rail'}
          height={layout.bodyRows}
        />
        <Box
          flexDirection="column"
          flexGrow={1}
          paddingX={1}
          height={layout.bodyRows}
          overflow="hidden"
        >
          {helpOpen ? (
            <HelpPanel
              items={saved ? withoutNetworkKeys(helpItems) : helpItems}
              height={layout.bodyRows}
            />
          ) : exportOpen ? (
            <ExportView
              state={exported}
              width={layout.mainColumns}
              hasSession={session !== undefined}
              onHighlight={(format) => exportDispatch({ type: 'highlight', format })}
              listFocused={exported.stage === 'format'}
            />
          ) : !onStartScreen && reader.tools && session ? (
            <EquivalentCommands
              session={session}
              step={model.viewed}
              width={layout.mainColumns}
              height={layout.bodyRows}
            />
          ) : !onStartScreen && reader.panel && selectedEntry ? (
            <ExplanationPanel
              explanation={explainLine(selectedEntry)}
              width={layout.mainColumns}
              height={layout.bodyRows}
            />
          ) : onStartScreen ? (
            <StartView
              state={start}
              {...(problem ? { problem } : {})}
              scenarios={scenarios}
              width={layout.mainColumns}
            />
          ) : (
            <TranscriptMarksContext.Provider
              value={{
                saved,
                ...(reader.selected === undefined ? {} : { selected: reader.selected }),
                ...(reader.searching || reader.typing ? { query: reader.query } : {}),
              }}
            >
              <StepView model={model} />
              {findBar ? (
                <FindBar
                  query={reader.query}
                  cursor={reader.cursor}
                  typing={reader.typing}
                  at={matches.indexOf(selectedRow) + 1}
                  count={matches.length}
                  width={layout.mainColumns}
                />
              ) : null}
            </TranscriptMarksContext.Provider>
          )}
        </Box>
      </Box>
      <Footer
        items={footerItems}
        always={textEntry ? ALWAYS_WHILE_TYPING : ALWAYS}
        width={layout.columns}
      />
      {crash}
    </Box>
  );
};

export const App = (props: AppProps) => {
  const { exit } = useApp();
  const onCrash = useCallback(
    (error: unknown, where: string) => exit(new WizardCrash(where, error)),
    [exit],
  );
  return (
    <ThemeProvider color={props.color ?? true}>
      <CrashBoundary onCrash={onCrash}>
        <Wizard {...props} />
      </CrashBoundary>
    </ThemeProvider>
  );
};
