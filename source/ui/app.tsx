// The wizard's frame: header, step rail, the current screen, key help. It reads the session through
// the controller and asks it for work; it never ends the process, it tells the CLI through exit().
import { Box, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { CrashBoundary } from './components/crash-boundary.js';
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
import { lessonVerdict } from './screens/lab/lesson.js';
import { LessonVerdictView } from './screens/lab/lesson-verdict-view.js';
import { LabStory } from './screens/lab/story.js';
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

/** Renders once, then throws: proves a crash after the screen was drawn restores the terminal. */
const CrashTest = () => {
  const [armed, setArmed] = useState(false);
  useEffect(() => setArmed(true), []);
  if (armed) throw new Error('crash requested by MAILMEDIC_CRASH_TEST=1');
  return null;
};

const Wizard = ({ controller, version, checkTarget, initialTarget, crashForTest }: AppProps) => {
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
  const mainSize = { columns: layout.mainColumns, rows: layout.bodyRows };
  const model = stepModel(session, states, step, mainSize);

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
    },
    { textEntry: () => controller.getSession() === undefined && currentStart().editing },
  );
  const screenKeys = !helpOpen && !layout.tooSmall;
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

  const chosenLesson = controller.labLessons?.().find((l) => l.id === scenarios[start.scenario]);
  // On the practice lab, the lesson's verdict goes under the steps.
  const activeLab = session ? controller.activeLab?.() : undefined;
  const lesson = activeLab ? controller.labLessons?.().find((l) => l.id === activeLab) : undefined;

  const crash = crashForTest ? <CrashTest /> : null;
  if (layout.tooSmall) {
    return (
      <Box height={layout.frameRows} overflow="hidden">
        <TooSmall columns={size.columns} rows={size.rows} />
        {crash}
      </Box>
    );
  }

  const footerItems = helpOpen
    ? HELP_FOOTER
    : onStartScreen
      ? startFooter(start)
      : stepFooter(step);
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.frameRows}>
      <Header
        version={session?.tool.version ?? version}
        {...(session ? { target: session.target.input } : {})}
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
              items={[...(onStartScreen ? START_HELP : STEP_HELP), ...GLOBAL_HELP]}
              height={layout.bodyRows}
            />
          ) : onStartScreen ? (
            <>
              <StartView
                state={start}
                {...(problem ? { problem } : {})}
                scenarios={scenarios}
                width={layout.mainColumns}
              />
              {start.focus === 'lab' && chosenLesson ? <LabStory lesson={chosenLesson} /> : null}
            </>
          ) : (
            <>
              <StepView model={model} />
              {lesson ? (
                <LessonVerdictView
                  lesson={lesson}
                  verdict={lessonVerdict(lesson, session, controller.isRunning?.() ?? false)}
                />
              ) : null}
            </>
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
