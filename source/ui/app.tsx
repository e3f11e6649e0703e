// The wizard's frame: header, step rail, the current screen, key help. It reads the session through
// the controller and asks it for work; it never ends the process, it tells the CLI through exit().
import { Box, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { FullScreenRoot } from './components/full-screen-root.js';
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
import type { FooterItem } from './keymap.js';
import { withoutNetworkKeys } from './keymap.js';
import { explainLine } from './line-explanation.js';
import { useKnowledge } from './knowledge.js';
import { renderSummary } from '../report/summary.js';
import {
  EXPORT_HELP,
  exportFooter,
  exportReducer,
  initialExportState,
} from './screens/export/reducer.js';
import { EXPORT_OWNER, useExportInput } from './screens/export/use-export-input.js';
import { ExportView } from './screens/export/view.js';
import { ConsoleUnderExport } from './screens/export/export-screen.js';
import {
  chooseExportFormat,
  submitExport as submitExportTo,
} from './screens/export/export-actions.js';
import type { ExportSource } from './screens/export/export-actions.js';
import type { ReportFormat } from '../report/index.js';
import { findMatches, initialReaderState, readerReducer, rowOfEntry } from './transcript-reader.js';
import { READER_HELP, readerFooter } from './reader-keys.js';
import { FIND_OWNER, useReaderInput } from './use-reader-input.js';
import { KeyHubProvider, WizardKeys } from './use-actions.js';
import type { KeyContext } from './use-actions.js';
import { layoutFor } from './layout.js';
import type { ConsoleTarget } from './controller.js';
import { ConsolePlaceholder } from './screens/console/placeholder.js';
import { ConsolePane } from './screens/console/console-pane.js';
import type { ConsoleController } from './screens/console/controller.js';
import { FindingsView } from './screens/findings/view.js';
import type { SettingsFormAction, SettingsFormState } from './screens/settings/reducer.js';
import {
  SETTINGS_HELP,
  initialSettingsForm,
  settingsFooter,
  settingsFormReducer,
  settingsFromForm,
} from './screens/settings/reducer.js';
import { useSettingsInput } from './screens/settings/use-settings-input.js';
import { SettingsView } from './screens/settings/view.js';
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
import type { ActionItem } from './screens/step/model.js';
import { findingStep, stepModel } from './screens/step/model.js';
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
import {
  CONSENT_HELP,
  choiceFor,
  consentFooter,
  consentReducer,
  initialConsentState,
} from './screens/consent/reducer.js';
import { useConsentInput } from './screens/consent/use-consent-input.js';
import { StepView } from './screens/step/view.js';
import type { MissingField } from './step-guide.js';
import { attemptsOf } from './step-guide.js';
import type { RailStatus } from './step-states.js';
import { stepStates } from './step-states.js';
import { useActions } from './use-actions.js';
import { useImmediateReducer } from './use-immediate-reducer.js';
import { useTerminalSize } from './use-terminal-size.js';
import { gate } from '../record/gate.js';

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
const CONSOLE_FOOTER: readonly FooterItem[] = [{ actions: ['cancel'], label: 'back' }];
const EXPORT_FOOTER: FooterItem = { actions: ['report'], label: 'export' };
/** Rows kept for a lesson's verdict under the steps; the step screen is laid out without them. */
const LESSON_ROWS = 4;
const CONSOLE_HELP: readonly HelpItem[] = [
  { actions: ['cancel'], description: 'Back to the steps' },
];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Which settings row answers what a step is missing. */
const FIELD_OF_MISSING: Record<MissingField, SettingsFormFocus> = {
  target: 'target',
  authUser: 'authUser',
  password: 'password',
  to: 'to',
  mailbox: 'mailboxProtocol',
};
type SettingsFormFocus = Parameters<typeof initialSettingsForm>[1]['focus'];

type FormAction = SettingsFormAction | { type: 'open'; state: SettingsFormState | undefined };
const formReducer = (state: SettingsFormState | undefined, action: FormAction) =>
  action.type === 'open' ? action.state : state && settingsFormReducer(state, action);

const SEVERITY_STATUS: Record<string, RailStatus> = {
  error: 'error',
  warning: 'warning',
  info: 'ok',
};

/** Renders once, then throws: proves a crash after the screen was drawn restores the terminal. */
const CrashTest = () => {
  const [armed, setArmed] = useState(false);
  useEffect(() => setArmed(true), []);
  if (armed) throw new Error('crash requested by MAILMEDIC_CRASH_TEST=1');
  return null;
};

const Wizard = ({ controller, version, checkTarget, initialTarget, crashForTest }: AppProps) => {
  // The explanation panel reads the knowledge base: loaded once the first frame is out.
  useKnowledge();
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
      <KeyHubProvider>
        <WizardFrame
          {...{ controller, version, checkTarget, initialTarget, crashForTest }}
          exported={exported}
          exportDispatch={exportDispatch}
          currentExport={currentExport}
          reader={reader}
          readerDispatch={readerDispatch}
          currentReader={currentReader}
        />
      </KeyHubProvider>
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
  const getGuide = useCallback(() => controller.getGuide?.(), [controller]);
  const guide = useSyncExternalStore(subscribe, getGuide);
  const size = useTerminalSize();
  const layout = layoutFor(size);
  const scenarios = useMemo(() => controller.labScenarios(), [controller]);
  const [helpOpen, setHelpOpen] = useState(false);
  const [consoleTarget, setConsoleTarget] = useState<ConsoleTarget | 'open' | undefined>();
  const [consolePane, setConsolePane] = useState<ConsoleController | undefined>();
  const [consoleProblem, setConsoleProblem] = useState<string | undefined>();
  // A line is refused for CR, LF and NUL (checkTarget) and for any other control character.
  const fieldCheck = useCallback(
    (text: string) =>
      checkTarget(text) ?? (CONTROL.test(text) ? 'must not contain control characters' : undefined),
    [checkTarget],
  );

  const [start, startDispatch, currentStart] = useImmediateReducer(startReducer, initialStartState);
  const [step, stepDispatch, currentStepScreen] = useImmediateReducer(
    stepScreenReducer,
    initialStepScreenState,
  );
  const [form, formDispatch, currentForm] = useImmediateReducer(
    formReducer,
    (): SettingsFormState | undefined => undefined,
  );
  const [consent, consentDispatch, currentConsent] = useImmediateReducer(
    consentReducer,
    initialConsentState,
  );
  const guideRef = useRef(guide);
  guideRef.current = guide;

  // Once, on mount: a target from the command line starts the diagnosis straight away, after the
  // same checks as a typed one (a refused one leaves the start screen with the reason on it).
  useEffect(() => {
    if (initialTarget === undefined || controller.getSession()) return;
    const unsafe = fieldCheck(initialTarget);
    if (unsafe) {
      startDispatch({ type: 'refuse', message: `The target on the command line ${unsafe}.` });
      return;
    }
    controller.start({ input: initialTarget.trim() });
  }, []);

  const onStartScreen = session === undefined && consoleTarget === undefined;
  const settingsOpen = form !== undefined;
  const consoleOpen = consoleTarget !== undefined;
  const states = stepStates(session, controller.activeStep?.());
  const exportOpen = exported.stage !== 'closed';
  const findBar = !onStartScreen && (reader.typing || reader.searching);
  // On the practice lab, the lesson's verdict goes under the steps, in rows of its own.
  const activeLab = session ? controller.activeLab?.() : undefined;
  const lesson = activeLab ? controller.labLessons?.().find((l) => l.id === activeLab) : undefined;
  const mainSize = {
    columns: layout.mainColumns,
    rows: layout.bodyRows - (findBar ? 1 : 0) - (lesson ? LESSON_ROWS : 0),
  };
  const model = stepModel(session, states, step, mainSize, guide);
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
  // In the manual console (m), r exports the console's session: the wizard's own when the console
  // took its connection over, the console's when it opened one of its own.
  const consoleReport = () => consolePane?.reportSession?.() ?? consolePane?.getSession();
  const exportSource: ExportSource = consolePane
    ? {
        getSession: consoleReport,
        ...(controller.exportReport
          ? {
              exportReport: (request) =>
                controller.exportReport!({ ...request, session: consoleReport() }),
            }
          : {}),
      }
    : controller;
  const submitExport = () =>
    submitExportTo(exportSource, currentExport(), exportDispatch, checkTarget);
  const chooseFormat = (format: ReportFormat) =>
    chooseExportFormat(exportSource, exportDispatch, format);

  const openSettings = (field?: MissingField) => {
    const settings = guideRef.current?.settings;
    if (!settings) return;
    formDispatch({
      type: 'open',
      state: initialSettingsForm(settings, {
        hasPassword: guideRef.current?.hasPassword ?? false,
        ...(field ? { focus: FIELD_OF_MISSING[field] } : {}),
      }),
    });
  };
  const closeSettings = () => formDispatch({ type: 'open', state: undefined });
  const saveSettings = () => {
    const state = currentForm();
    const settings = guideRef.current?.settings;
    if (!state || !settings) return;
    const result = settingsFromForm(state, settings);
    if ('refuse' in result) {
      formDispatch({ type: 'refuse', message: result.refuse, field: result.field });
      return;
    }
    controller.applySettings?.(result);
    closeSettings();
  };
  /** m, or the start screen's console goal: the real console where the controller has one. */
  const openConsole = (where?: ConsoleTarget) => {
    if (!controller.openManualConsole) {
      setConsoleTarget(where ?? controller.openConsole?.() ?? 'open');
      return;
    }
    setConsoleProblem(undefined);
    controller.openManualConsole(where).then(setConsolePane, (error: unknown) => {
      setConsoleProblem(
        `The console could not connect: ${gate(error instanceof Error ? error.message : String(error))}`,
      );
      setConsoleTarget(where ?? controller.openConsole?.() ?? 'open');
    });
  };
  const takeAction = (item: ActionItem) => {
    const before = guideRef.current;
    controller.takeAction?.(item.action, findingStep(session, item.finding));
    stepDispatch({ type: 'follow' });
    // An action that needs something typed first (a CA file, a user) opens the form there.
    if (item.action.kind === 'trust-ca') openSettingsAt('caFile');
    else if (item.action.kind === 'ehlo-fqdn' && item.action.params?.['name'] === undefined)
      openSettingsAt('ehlo');
    else if (
      item.action.kind === 'retry-port' &&
      before &&
      !before.settings.authUser &&
      /auth/i.test(item.action.label)
    )
      openSettingsAt('authUser');
  };
  /** After an action that needs something typed (a CA file, a user): the form, on that row. */
  const openSettingsAt = (focus: SettingsFormFocus) => {
    const now = controller.getGuide?.();
    if (!now) return;
    formDispatch({
      type: 'open',
      state: initialSettingsForm(now.settings, {
        hasPassword: now.hasPassword,
        ...(focus ? { focus } : {}),
      }),
    });
  };

  const submitStart = () => {
    const decision = decideStart(currentStart(), fieldCheck);
    if ('refuse' in decision) {
      startDispatch({
        type: 'refuse',
        message: decision.refuse,
        ...(decision.field ? { field: decision.field } : {}),
      });
      return;
    }
    if ('labConsole' in decision) {
      openConsole({ host: 'practice lab', port: decision.labConsole, tls: false, lab: true });
      return;
    }
    if ('console' in decision) {
      const [host, port] = [
        decision.console.replace(/:\d+$/, ''),
        Number(/:(\d+)$/.exec(decision.console)?.[1]),
      ];
      openConsole({
        host: host.replace(/^\[|\]$/g, ''),
        port,
        tls: port === 465 || port === 993 || port === 995,
      });
      return;
    }
    controller.start(decision.request);
  };

  const textEntry = () =>
    (controller.getSession() === undefined && currentStart().form?.editing === true) ||
    currentForm()?.editing === true ||
    currentStepScreen().edit !== undefined;
  useActions(
    {
      quit: () => exit({ reason: 'quit' } satisfies WizardExit),
      interrupt: () => exit({ reason: 'interrupt' } satisfies WizardExit),
      help: () => setHelpOpen((open) => !open),
      ...(helpOpen ? { cancel: () => setHelpOpen(false) } : {}),
      ...(consoleOpen && !helpOpen ? { cancel: () => setConsoleTarget(undefined) } : {}),
      report: openExport,
      copy: copySummary,
    },
    // The console pane reads its own keys (q and Ctrl-C included) while it is open.
    { textEntry, isActive: consolePane === undefined },
  );
  const screenKeys =
    !helpOpen && !layout.tooSmall && !consoleOpen && !exportOpen && consolePane === undefined;
  useExportInput({
    current: currentExport,
    dispatch: exportDispatch,
    onChoose: () => chooseFormat(currentExport().format),
    onSubmit: submitExport,
    onClose: () => exportDispatch({ type: 'close' }),
    isActive: !layout.tooSmall && exportOpen,
  });
  useStartInput({
    current: currentStart,
    dispatch: startDispatch,
    check: fieldCheck,
    onSubmit: submitStart,
    scenarios,
    onScenario: (lab) => controller.start({ lab }),
    isActive: screenKeys && onStartScreen,
  });
  useSettingsInput({
    current: currentForm,
    dispatch: formDispatch,
    check: fieldCheck,
    onSave: saveSettings,
    onClose: closeSettings,
    isActive: screenKeys && settingsOpen,
  });
  const findingsView = model.viewed === 'findings';
  // The clear-text question on the step on screen takes the keys the step screen would use.
  const consentHere = model.proposal?.pending.consent ? model.proposal.pending : undefined;
  const consentOnScreen = consentHere !== undefined && !findingsView;
  useConsentInput({
    pending: () => {
      const pending = controller.getGuide?.()?.pending;
      return pending?.consent && pending.id === consentHere?.id ? pending : undefined;
    },
    current: currentConsent,
    dispatch: consentDispatch,
    onAnswer: (id, choice) => controller.answerConsent?.(id, choice),
    onSettings: () => openSettings(),
    onStep: (by) => stepDispatch({ type: 'move', by, from: model.viewed }),
    isActive: screenKeys && !onStartScreen && !settingsOpen && consentOnScreen,
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
    isActive: screenKeys && !onStartScreen && !settingsOpen && !findingsView,
  });
  useStepInput({
    current: currentStepScreen,
    dispatch: stepDispatch,
    guide: () => controller.getGuide?.(),
    viewed: model.viewed,
    totalRows: model.rows.length,
    transcriptHeight: model.transcriptHeight,
    ...(model.anchor !== undefined ? { anchor: model.anchor } : {}),
    actionCount: model.actions.length,
    findingCount: (session?.findings ?? []).length,
    onAction: (index) => {
      const item = model.actions[index];
      if (item) takeAction(item);
    },
    onFinding: (index) => {
      const finding = session?.findings[index];
      const id = finding && findingStep(session, finding);
      if (finding && id) stepDispatch({ type: 'select', id, finding: finding.id });
    },
    ...(model.missing ? { missing: model.missing.field } : {}),
    check: fieldCheck,
    onRun: (id) => controller.runStep(id),
    onAnswer: (id, answer) => controller.answer?.(id, answer),
    onRunAll: () => controller.runAll?.(),
    onCancelWait: () => controller.cancelWait?.(),
    onSettings: (field) => openSettings(field),
    onConsole: openConsole,
    isActive: screenKeys && !onStartScreen && !settingsOpen && !consentOnScreen,
  });

  const chosenLesson =
    start.goal === 'lab'
      ? controller.labLessons?.().find((l) => l.id === scenarios[start.choice])
      : undefined;
  const crash = crashForTest ? <CrashTest /> : null;
  if (consolePane && !layout.tooSmall) {
    return (
      <ConsoleUnderExport
        state={exported}
        dispatch={exportDispatch}
        columns={layout.columns}
        rows={layout.frameRows}
      >
        <ConsolePane
          controller={consolePane}
          columns={layout.columns}
          rows={layout.frameRows}
          onQuit={() => exit({ reason: 'quit' } satisfies WizardExit)}
          onInterrupt={() => exit({ reason: 'interrupt' } satisfies WizardExit)}
          onLeave={() => {
            consolePane.close?.();
            setConsolePane(undefined);
          }}
          {...(controller.exportReport ? { onReport: openExport } : {})}
          isActive={!exportOpen}
        />
        {crash}
      </ConsoleUnderExport>
    );
  }
  if (layout.tooSmall) {
    return (
      <Box height={layout.frameRows} overflow="hidden">
        <TooSmall columns={size.columns} rows={size.rows} />
        {crash}
      </Box>
    );
  }

  const pendingHere =
    guide?.pending && guide.pending.step === model.step ? guide.pending : undefined;
  const stepItems = stepFooter(step, {
    ...(pendingHere ? { pending: { editable: pendingHere.editable } } : {}),
    waiting: guide?.wait !== undefined,
    actions: model.actions.length > 0,
    findings: findingsView,
  });
  // A saved session has no server to talk to: its footer leaves out the keys that would.
  const offline = (items: FooterItem[]) => (saved ? withoutNetworkKeys(items) : items);
  const screenFooter = onStartScreen
    ? offline(startFooter(start))
    : consentOnScreen
      ? consentFooter()
      : (readerFooter(reader) ??
        // Export right after the screen's first key, where a narrow footer still has room for it.
        (([first, ...rest]) => [...(first ? [first] : []), EXPORT_FOOTER, ...rest])(
          offline(stepItems),
        ));
  const footerItems = helpOpen
    ? HELP_FOOTER
    : exportOpen
      ? exportFooter(exported)
      : consoleOpen
        ? CONSOLE_FOOTER
        : settingsOpen && form
          ? settingsFooter(form)
          : screenFooter;
  const screenHelp = consoleOpen
    ? CONSOLE_HELP
    : settingsOpen
      ? SETTINGS_HELP
      : onStartScreen
        ? START_HELP
        : consentOnScreen
          ? [...CONSENT_HELP, ...STEP_HELP, ...READER_HELP]
          : [...STEP_HELP, ...READER_HELP];
  const helpItems = [...screenHelp, ...EXPORT_HELP, ...GLOBAL_HELP];
  const selectedEntry =
    reader.selected === undefined ? undefined : session?.transcript[reader.selected];
  const matches = findBar ? findMatches(model.rows, reader.query) : [];
  const selectedRow = reader.selected === undefined ? -1 : rowOfEntry(model.rows, reader.selected);
  const allFindings = session?.findings ?? [];
  const worst = allFindings[0]?.severity;
  const tried = model.step ? attemptsOf(session, model.step) : [];
  const triedText =
    tried.length > 1
      ? tried
          .slice(0, -1)
          .map((a) => `run ${a.run}: ${a.status}`)
          .join(' → ')
      : undefined;
  const editWarning =
    step.edit && guide?.pending?.id === step.edit.id
      ? controller.checkLine?.(step.edit.line)
      : undefined;
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
          {...(session
            ? {
                findings: {
                  count: allFindings.length,
                  status: worst ? (SEVERITY_STATUS[worst] ?? 'ok') : 'pending',
                },
              }
            : {})}
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
          ) : consoleOpen ? (
            <ConsolePlaceholder
              {...(typeof consoleTarget === 'object' ? { target: consoleTarget } : {})}
              {...(consoleProblem ? { problem: consoleProblem } : {})}
            />
          ) : settingsOpen && form ? (
            <SettingsView state={form} width={layout.mainColumns} height={layout.bodyRows} />
          ) : onStartScreen ? (
            <>
              <StartView
                state={start}
                {...(problem ? { problem } : {})}
                scenarios={scenarios}
                width={layout.mainColumns}
                height={layout.bodyRows - (chosenLesson ? 6 : 0)}
              />
              {chosenLesson ? <LabStory lesson={chosenLesson} /> : null}
            </>
          ) : findingsView ? (
            <FindingsView
              findings={allFindings}
              choice={step.choice ?? 0}
              height={layout.bodyRows}
              width={layout.mainColumns}
              stepOf={(finding) => findingStep(session, finding)}
            />
          ) : reader.tools && session && model.step ? (
            <EquivalentCommands
              session={session}
              step={model.step}
              width={layout.mainColumns}
              height={layout.bodyRows}
            />
          ) : reader.panel && selectedEntry ? (
            <ExplanationPanel
              explanation={explainLine(selectedEntry)}
              width={layout.mainColumns}
              height={layout.bodyRows}
            />
          ) : (
            <TranscriptMarksContext.Provider
              value={{
                saved,
                ...(reader.selected === undefined ? {} : { selected: reader.selected }),
                ...(reader.searching || reader.typing ? { query: reader.query } : {}),
              }}
            >
              <StepView
                model={model}
                {...(step.edit ? { edit: step.edit } : {})}
                {...(editWarning ? { editWarning } : {})}
                {...(guide?.wait ? { wait: guide.wait } : {})}
                actionsFocused={step.focus === 'actions'}
                choice={step.choice ?? 0}
                {...(problem ? { problem } : {})}
                {...(triedText ? { tried: triedText } : {})}
                width={layout.mainColumns}
                {...(consentHere ? { consentChoice: choiceFor(consent, consentHere.id) } : {})}
              />
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
              {lesson ? (
                <Box height={LESSON_ROWS} flexDirection="column" overflow="hidden">
                  <LessonVerdictView
                    lesson={lesson}
                    verdict={lessonVerdict(lesson, session, controller.isRunning?.() ?? false)}
                  />
                </Box>
              ) : null}
            </TranscriptMarksContext.Provider>
          )}
        </Box>
      </Box>
      <Footer
        items={footerItems}
        always={textEntry() ? ALWAYS_WHILE_TYPING : ALWAYS}
        width={layout.columns}
      />
      {crash}
    </Box>
  );
};

export const App = (props: AppProps) => (
  <FullScreenRoot {...(props.color !== undefined ? { color: props.color } : {})}>
    <Wizard {...props} />
  </FullScreenRoot>
);
