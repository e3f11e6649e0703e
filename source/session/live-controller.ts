// Feeds the wizard a session that is being recorded right now, and drives it the guided way:
// every step and command is proposed through the runner's CommandGate and waits for the user's
// answer (send, edit, skip, stop), unless the user asked to run on. Settings live here between
// runs; each run is a fresh session that carries the attempts of the runs before it. How settings
// become a RunConfig (files, defaults) is the CLI's business, passed in as a function.
import { endpoint } from '../net/connection.js';
import { DEADLINE_LABELS, deadlinesFor } from '../net/deadlines.js';
import { SessionRecorder } from '../record/recorder.js';
import { STEP_IDS } from '../record/types.js';
import type {
  NextAction,
  Session,
  StepAttempt,
  StepId,
  TranscriptEntry,
  WizardSettings,
} from '../record/types.js';
import type { RunConfig } from './config.js';
import type {
  CommandGate,
  ConsentRequest,
  GateDecision,
  HandedConnection,
  Proposal,
} from './gate.js';
import type { ConsoleSessionController } from './console/console-controller.js';
import type { PracticeLogin } from './console/console-controller.js';
import { DEFAULT_IMAP_PORT, DEFAULT_POP3_PORT } from './config.js';
import { gate } from '../record/gate.js';
import type * as LiveEngineModule from './live-engine.js';

type LiveEngine = typeof LiveEngineModule;
let engine: LiveEngine | undefined;
let engineLoading: Promise<LiveEngine> | undefined;
/** The runner and the console, loaded once (see live-engine.ts for why not at start-up). */
const loadEngine = (): Promise<LiveEngine> =>
  (engineLoading ??= import('./live-engine.js').then((loaded) => (engine = loaded)));

export type LiveStart =
  { input: string; settings?: Partial<WizardSettings>; password?: string } | { lab: string };

export interface LiveControllerOptions {
  version: string;
  /**
   * Turns settings into a run (or, with a lab scenario, starts that lab and points the run at
   * it); throws an Error whose message the wizard shows.
   */
  configFor: (
    settings: WizardSettings,
    password: string | undefined,
    lab?: string,
  ) => Promise<RunConfig>;
  /** Settings from the command line, used for the first start. */
  settings?: Omit<WizardSettings, 'target'>;
  /** A password read before the wizard took the terminal (env, file, or the masked prompt). */
  password?: string;
  labScenarios?: string[];
  /**
   * The console on the practice lab: starts the lab (healthy) and says where its server in the
   * role of that standard port listens. Absent: the console cannot practise on the lab.
   */
  labConsole?: (role: number) => Promise<LabConsoleTarget>;
  /** False: every run goes on without asking (as `check` does). Default: guided. */
  guided?: boolean;
  /** Clock, for the wait display (tests inject it). */
  now?: () => number;
}

/** The lab's server a console connects to, as the CLI started it. */
export interface LabConsoleTarget {
  host: string;
  port: number;
  tls: boolean;
  servername: string;
  ca: string[];
  practice: PracticeLogin;
  /** What this server is, said first in the console's transcript. */
  intro: string;
}

interface Pending {
  id: number;
  proposal: Proposal;
  resolve: (decision: GateDecision) => void;
}

interface Wait {
  step: StepId;
  since: number;
  deadlineMs?: number;
  what: string;
  /** Transcript length when the wait began: a new server line ends it. */
  mark: number;
}

const stepIndex = (step: StepId): number => STEP_IDS.indexOf(step);

/** The clear-text question as the wizard shows it: the safe choices first. */
const consentQuestion = (request: ConsentRequest) => ({
  where: `${request.protocol.toUpperCase()} ${endpoint(request.host, request.port)} as ${request.user}`,
  risk: request.risk,
  choices: [
    ...(request.alternative ? [{ id: 'tls' as const, label: request.alternative.label }] : []),
    { id: 'skip' as const, label: 'Skip this step (nothing is sent)' },
    { id: 'send' as const, label: 'Send the password in clear text this once' },
  ],
});

const DEFAULT_SETTINGS: Omit<WizardSettings, 'target'> = {
  tls: 'auto',
  insecure: false,
  mechanism: 'auto',
};

/** The settings an attempt ran with, without what only the wizard needs. */
const attemptSettings = (settings: WizardSettings): StepAttempt['settings'] => {
  const { target: _target, steps: _steps, ...rest } = settings;
  return JSON.parse(JSON.stringify(rest)) as StepAttempt['settings'];
};

export class LiveSessionController {
  /** Starts loading the runner and the console; the wizard calls it once its first frame is out. */
  static preload(): Promise<void> {
    return loadEngine().then(() => undefined);
  }

  private recorder: SessionRecorder | undefined;
  private snapshot: Session | undefined;
  private guide: ReturnType<LiveSessionController['buildGuide']> | undefined;
  private problem: string | undefined;
  private readonly listeners = new Set<() => void>();
  private settings: WizardSettings | undefined;
  private password: string | undefined;
  private mode: 'guided' | 'auto';
  private running = false;
  private lab: string | undefined;
  private runs = 0;
  /** Steps before this one run without asking (a re-run from a finding's action). */
  private autoBefore: StepId | undefined;
  private pending: Pending | undefined;
  private wait: Wait | undefined;
  private proposals = 0;
  private abort: AbortController | undefined;
  private config: RunConfig | undefined;
  /** Attempts of the runs before the current one. */
  private earlier: StepAttempt[] = [];
  /** A run asked for while one was still going: started when that one ends. */
  private queued: StepId | 'start' | undefined;
  private delayTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  /** An action waiting for a setting the user is typing: run from here once it is applied. */
  private afterSettings: StepId | undefined;

  constructor(private readonly options: LiveControllerOptions) {
    this.mode = options.guided === false ? 'auto' : 'guided';
    this.password = options.password;
    this.now = options.now ?? Date.now;
  }

  getSession = (): Session | undefined => this.snapshot;

  /** Why the last start() could not run (a bad target, a missing password...). */
  getProblem = (): string | undefined => this.problem;

  getGuide = () => this.guide;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  labScenarios = (): string[] => this.options.labScenarios ?? [];

  /** The lab scenario the runs go against, when the user chose the practice lab. */
  activeLab = (): string | undefined => this.lab;

  isRunning = (): boolean => this.running;

  /**
   * Resolves once nothing is on the wire (the run ended, or it waits for the user's key), or
   * after `graceMs`: what is written on the way out then holds the exchange that was in flight.
   */
  settle = (graceMs: number): Promise<void> =>
    new Promise((resolve) => {
      const idle = () => !this.running || this.pending !== undefined;
      if (idle()) {
        resolve();
        return;
      }
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      };
      const timer = setTimeout(done, graceMs);
      const unsubscribe = this.subscribe(() => {
        if (idle()) done();
      });
    });

  /** A connection the user took into the manual console (the wizard's `m`), until it is claimed. */
  private handed: HandedConnection | undefined;

  /**
   * The wizard's `m`, after the gate answered `console`: the live connection and engine in the
   * state the guided step left them, and the recorder to go on recording into. Given once; pass
   * them to session/console/take-over.ts (takeOver) to get a console on the same session.
   */
  takeOverConnection = (): (HandedConnection & { recorder: SessionRecorder }) | undefined => {
    const handed = this.handed;
    this.handed = undefined;
    return handed && this.recorder ? { ...handed, recorder: this.recorder } : undefined;
  };

  activeStep = (): StepId | undefined => (this.running ? this.recorder?.running : undefined);

  start = (target: LiveStart): void => {
    if (this.running) return;
    if ('lab' in target) {
      // The lab's servers decide host, ports, CA and login; the settings only name the lesson.
      this.lab = target.lab;
      this.settings = {
        ...DEFAULT_SETTINGS,
        ...this.options.settings,
        target: `lab ${target.lab}`,
      };
      this.launch(undefined);
      return;
    }
    this.lab = undefined;
    this.settings = {
      ...DEFAULT_SETTINGS,
      ...this.options.settings,
      ...target.settings,
      target: target.input,
    };
    if (target.password !== undefined) this.password = target.password;
    this.launch(undefined);
  };

  /**
   * Enter on a step: answers the proposal waiting there, or runs again with the current settings,
   * guided from that step (the steps before it run on their own).
   */
  runStep = (id: StepId): void => {
    if (this.pending) {
      this.answer(this.pending.id, { action: 'send' });
      return;
    }
    this.restart(id);
  };

  answer = (id: number, answer: GateDecision): void => {
    const pending = this.pending;
    if (!pending || pending.id !== id) return;
    // A password goes in clear only through answerConsent: no enter meant for a command can.
    if (pending.proposal.kind === 'consent' && !['skip', 'stop'].includes(answer.action)) return;
    this.pending = undefined;
    if (answer.action === 'send' || answer.action === 'edit') this.beginWait(pending.proposal);
    pending.resolve(answer);
    this.refresh();
  };

  checkLine = (line: string): string | undefined => this.pending?.proposal.check?.(line);

  /**
   * The clear-text question's answer: `send` lets the credentials go in clear for this run's step;
   * `skip` ends the step skipped; `tls` ends this run and runs again with TLS (the alternative the
   * step named), guided from the step where TLS starts.
   */
  answerConsent = (id: number, choice: 'send' | 'tls' | 'skip'): void => {
    const pending = this.pending;
    if (!pending || pending.id !== id || pending.proposal.kind !== 'consent') return;
    const consent = pending.proposal.consent;
    if (choice === 'send') {
      this.pending = undefined;
      this.beginWait(pending.proposal);
      pending.resolve({ action: 'send' });
      this.refresh();
      return;
    }
    const secure = choice === 'tls' && consent ? this.secureInstead(pending.proposal) : undefined;
    this.pending = undefined;
    if (!secure) {
      pending.resolve({ action: 'skip', reason: 'the user chose to skip this step' });
      this.refresh();
      return;
    }
    this.settings = secure.settings;
    this.queued = secure.from;
    pending.resolve({ action: 'stop', reason: `the user chose ${secure.what} instead` });
    this.refresh();
  };

  /** The settings that give the consent's login over TLS, and the step to run again from. */
  private secureInstead(
    proposal: Proposal,
  ): { settings: WizardSettings; from: StepId; what: string } | undefined {
    const alternative = proposal.consent?.alternative;
    const settings = this.settings;
    if (!alternative || !settings) return undefined;
    if (alternative.kind === 'starttls')
      return { settings: { ...settings, tls: 'starttls' }, from: 'tls', what: 'STARTTLS' };
    if (proposal.step === 'auth')
      return {
        settings: { ...settings, tls: 'implicit', port: alternative.port },
        from: 'connect',
        what: `implicit TLS on port ${alternative.port}`,
      };
    if (!settings.mailbox) return undefined;
    return {
      settings: {
        ...settings,
        mailbox: { ...settings.mailbox, port: alternative.port, tls: true },
      },
      from: proposal.step,
      what: `TLS on port ${alternative.port}`,
    };
  }

  runAll = (): void => {
    this.mode = 'auto';
    // A clear-text question stays on screen: "run all" is no consent to send a password in clear.
    if (this.pending?.proposal.kind === 'consent') {
      this.refresh();
      return;
    }
    if (this.pending) this.answer(this.pending.id, { action: 'send' });
    else if (!this.running && this.settings) this.launch(undefined);
    this.refresh();
  };

  cancelWait = (): void => {
    if (this.delayTimer) {
      clearTimeout(this.delayTimer);
      this.delayTimer = undefined;
      this.wait = undefined;
      this.refresh();
      return;
    }
    if (!this.wait || !this.abort) return;
    this.abort.abort();
  };

  applySettings = (change: { settings: WizardSettings; password?: string }): void => {
    const before = this.settings;
    this.settings = { ...change.settings };
    if (change.password !== undefined) this.password = change.password;
    else if (before && before.authUser !== change.settings.authUser) this.password = undefined;
    this.problem = undefined;
    const from = this.afterSettings;
    this.afterSettings = undefined;
    if (from) this.restart(from);
    else this.refresh();
  };

  takeAction = (action: NextAction, step?: StepId): void => {
    if (!this.settings) return;
    // A finding (and so its actions) exists only after a run, which loaded the engine.
    if (!engine) {
      void loadEngine().then(() => this.takeAction(action, step));
      return;
    }
    const plan = engine.planAction(action, this.settings, {
      ...(step ? { step } : {}),
      hasPassword: this.password !== undefined,
      mailbox: step === 'pop3' || step === 'imap',
    });
    if (!plan) return;
    this.settings = plan.settings;
    if (plan.needs) {
      // The wizard opens the settings form on that field; the run starts once it is applied.
      this.afterSettings = plan.from;
      this.refresh();
      return;
    }
    if (plan.delaySeconds) {
      this.wait = {
        step: plan.from,
        since: this.now(),
        deadlineMs: plan.delaySeconds * 1000,
        what: 'the delay the server asked for',
        mark: Number.POSITIVE_INFINITY,
      };
      this.delayTimer = setTimeout(() => {
        this.delayTimer = undefined;
        this.wait = undefined;
        this.restart(plan.from);
      }, plan.delaySeconds * 1000);
      this.delayTimer.unref?.();
      this.refresh();
      return;
    }
    this.restart(plan.from);
  };

  /** Called by the gate's takeOver while openManualConsole waits for the connection. */
  private onHanded: ((handed: HandedConnection) => void) | undefined;

  /**
   * The wizard's `m`. With a guided SMTP, POP3 or IMAP command waiting, the console takes that
   * very connection over in the state the guide left it (after EHLO, STARTTLS, AUTH; after a
   * mailbox login, with INBOX selected) and records into the same
   * session; the guided step ends as "continued by hand". Otherwise it opens a new connection to
   * the target (or to `where`, from the start screen), as `mailmedic console` would.
   */
  openManualConsole = async (where?: {
    host: string;
    port: number;
    tls: boolean;
    lab?: boolean;
  }): Promise<ConsoleSessionController> => {
    if (where?.lab) return this.openLabConsole(where.port);
    // No await once loaded: the command waiting below must still be the one answered.
    const { ConsoleSessionController, ManualConsole, liveEngineOf, takeOver } =
      engine ?? (await loadEngine());
    const pending = this.pending;
    const target = where ?? this.mailboxConsole(pending?.proposal) ?? this.openConsole();
    // DNS has no connection to hand over: its questions are UDP, one each.
    const live = pending?.proposal.kind === 'command' && pending.proposal.step !== 'dns';
    if (!where && pending && live && this.recorder) {
      const recorder = this.recorder;
      const handed = new Promise<HandedConnection>((resolve) => (this.onHanded = resolve));
      this.answer(pending.id, { action: 'console' });
      const h = await handed;
      this.onHanded = undefined;
      // A mailbox step names its server; SMTP's is the target's.
      const host =
        h.protocol === 'pop3' || h.protocol === 'imap'
          ? h.servername
          : (target?.host ?? recorder.session.target.input);
      const port =
        h.protocol === 'pop3' || h.protocol === 'imap'
          ? (h.connection.remotePort ?? 0)
          : (target?.port ?? 25);
      const console = takeOver({
        connection: h.connection,
        live: liveEngineOf(h),
        recorder,
        servername: host,
        ...(this.config?.ca && this.config.ca.length > 0 ? { ca: this.config.ca } : {}),
        insecure: this.settings?.insecure ?? false,
        step: h.step,
      });
      return new ConsoleSessionController(console, recorder, endpoint(host, port));
    }
    if (!target) throw new Error('no host to connect to yet: type a target first');
    const where2 = endpoint(target.host, target.port);
    const recorder = new SessionRecorder(
      { input: where2, server: { host: target.host, port: target.port } },
      { version: this.options.version },
    );
    const tls = { servername: target.host, ...(this.config?.ca ? { ca: this.config.ca } : {}) };
    const console = await ManualConsole.open({
      host: target.host,
      port: target.port,
      protocol: 'auto',
      recorder,
      deadlines: this.config?.deadlines ?? deadlinesFor(undefined),
      ...(target.tls ? { tls } : {}),
      upgrade: tls,
      insecure: this.settings?.insecure ?? false,
      ...(this.config?.ehlo ? { ehlo: this.config.ehlo } : {}),
    });
    return new ConsoleSessionController(console, recorder, where2);
  };

  /** The start screen's console goal with no server named: the practice lab's server in a role. */
  private openLabConsole = async (role: number): Promise<ConsoleSessionController> => {
    if (!this.options.labConsole) throw new Error('the practice lab is not available here');
    const { ConsoleSessionController, ManualConsole } = await loadEngine();
    const to = await this.options.labConsole(role);
    const where = endpoint(to.host, to.port);
    const recorder = new SessionRecorder(
      { input: where, server: { host: to.host, port: to.port } },
      { version: this.options.version },
    );
    recorder.note('connect', to.intro);
    const tls = { servername: to.servername, ca: to.ca };
    const console = await ManualConsole.open({
      host: to.host,
      port: to.port,
      protocol: 'auto',
      recorder,
      deadlines: deadlinesFor(undefined),
      ...(to.tls ? { tls } : {}),
      upgrade: tls,
      insecure: false,
    });
    return new ConsoleSessionController(console, recorder, where, to.practice);
  };

  /** At the start of a POP3 or IMAP step (no connection yet), `m` opens that mailbox server. */
  private mailboxConsole(
    proposal: Proposal | undefined,
  ): { host: string; port: number; tls: boolean } | undefined {
    const step = proposal?.kind === 'step' ? proposal.step : undefined;
    if (step !== 'pop3' && step !== 'imap') return undefined;
    const server = this.config?.[step];
    if (!server) return undefined;
    const implicit = step === 'pop3' ? DEFAULT_POP3_PORT : DEFAULT_IMAP_PORT;
    const port = server.port ?? implicit;
    return { host: server.host, port, tls: server.tls ?? port === implicit };
  }

  openConsole = (): { host: string; port: number; tls: boolean } | undefined => {
    const s = this.snapshot;
    const server = s?.target.server;
    const remote = s?.facts?.['connect.remote'] as { host?: string; port?: number } | undefined;
    const host = this.settings?.host ?? server?.host ?? remote?.host;
    const port = this.settings?.port ?? server?.port ?? remote?.port ?? 25;
    if (!host) return undefined;
    return {
      host,
      port,
      tls: this.settings?.tls === 'implicit' || (this.settings?.tls === 'auto' && port === 465),
    };
  };

  /** The gate the runner asks; in auto mode (or before the step to guide from) it says "send". */
  private readonly gate: CommandGate = {
    takeOver: (handed) => {
      this.handed = handed;
      this.onHanded?.(handed);
    },
    confirm: (proposal) =>
      new Promise<GateDecision>((resolve) => {
        this.wait = undefined;
        // Credentials in clear: asked in every mode, run-all included (it waits here). A
        // controller that never asks (guided: false) has no one to consent: nothing is sent.
        if (proposal.kind === 'consent' && this.options.guided === false) {
          resolve({ action: 'skip', reason: 'no one was asked (this run goes on without asking)' });
          return;
        }
        if (proposal.kind === 'consent') {
          this.proposals += 1;
          this.pending = { id: this.proposals, proposal, resolve };
          this.refresh();
          return;
        }
        const ahead = this.autoBefore && stepIndex(proposal.step) < stepIndex(this.autoBefore);
        // The goodbye after a step has ended (done or failed) is not a decision worth a key.
        const farewell =
          proposal.kind === 'command' &&
          proposal.display[0] === 'QUIT' &&
          this.recorder?.stepStatus(proposal.step) !== undefined;
        if (this.mode === 'auto' || ahead || farewell || proposal.repeat) {
          this.beginWait(proposal);
          resolve({ action: 'send' });
          this.refresh();
          return;
        }
        this.autoBefore = undefined;
        this.proposals += 1;
        this.pending = { id: this.proposals, proposal, resolve };
        this.refresh();
      }),
  };

  private beginWait(proposal: Proposal): void {
    const deadline = proposal.deadline;
    const ms = deadline ? this.config?.deadlines[deadline] : undefined;
    this.wait = {
      step: proposal.step,
      since: this.now(),
      ...(ms !== undefined ? { deadlineMs: ms } : {}),
      // A mailbox step's pause between two looks for the test message (pauseBeforeRound).
      what:
        proposal.kind === 'step' && proposal.repeat
          ? 'the test message to arrive'
          : deadline
            ? DEADLINE_LABELS[deadline]
            : 'the step',
      mark: this.recorder?.session.transcript.length ?? 0,
    };
  }

  /** Runs again from `from`; a run still going is stopped first. */
  private restart(from: StepId | undefined): void {
    if (!this.settings) return;
    if (this.running) {
      this.queued = from ?? 'start';
      if (this.pending) this.answer(this.pending.id, { action: 'stop' });
      else this.abort?.abort();
      return;
    }
    this.launch(from);
  }

  private launch(from: StepId | undefined): void {
    const settings = this.settings;
    if (!settings || this.running) return;
    this.running = true;
    this.problem = undefined;
    this.autoBefore = from;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    const run = this.runs + 1;
    if (this.recorder) this.earlier = this.attemptsOf(this.recorder.session);
    this.refresh();
    void this.options
      .configFor(settings, this.password, this.lab)
      .then(async (config) => {
        this.config = config;
        this.runs = run;
        const { runSession } = engine ?? (await loadEngine());
        return runSession(config, {
          version: this.options.version,
          signal,
          gate: this.gate,
          onRecorder: (recorder) => {
            this.recorder = recorder;
            recorder.session.attempts = [...this.earlier];
            const ran = attemptSettings(settings);
            recorder.subscribe(() => this.onChange(recorder, run, ran));
            this.refresh();
          },
        });
      })
      .then(() => this.finish())
      .catch((error: unknown) => {
        // An error can quote outside text (a host typed, a file name, a server's words): gated.
        this.problem = gate(error instanceof Error ? error.message : String(error));
        this.finish();
      });
  }

  private finish(): void {
    this.running = false;
    this.pending = undefined;
    this.wait = undefined;
    this.autoBefore = undefined;
    // The next run waits again at each step unless the user asks for "run all" once more.
    if (this.options.guided !== false) this.mode = 'guided';
    const queued = this.queued;
    this.queued = undefined;
    this.refresh();
    if (queued) this.launch(queued === 'start' ? undefined : queued);
  }

  /** Attempts so far: the earlier runs', then this run's steps as they finish. */
  private attemptsOf(session: Session): StepAttempt[] {
    return session.attempts ?? [];
  }

  private onChange(
    recorder: SessionRecorder,
    run: number,
    settings: StepAttempt['settings'],
  ): void {
    const s = recorder.session;
    const current = s.steps.map((step): StepAttempt => ({
      run,
      step: step.id,
      status: step.status,
      summary: step.summary,
      settings,
    }));
    s.attempts = [...this.earlier, ...current];
    // Auto mode stops at the first error: what comes next waits for the user again.
    if (this.mode === 'auto' && this.options.guided !== false) {
      if (s.steps.some((step) => step.status === 'error')) this.mode = 'guided';
    }
    if (this.wait) {
      const ended = s.steps.some((step) => step.id === this.wait?.step);
      const answered = s.transcript
        .slice(this.wait.mark)
        .some((line) => line.dir === 'server' && line.step === this.wait?.step);
      if (ended || answered) this.wait = undefined;
    }
    this.refresh();
  }

  private buildGuide() {
    const pending = this.pending;
    const wait = this.wait;
    return {
      mode: this.mode,
      running: this.running,
      ...(pending
        ? {
            pending: {
              id: pending.id,
              step: pending.proposal.step,
              kind: pending.proposal.kind,
              display: pending.proposal.display,
              secret: pending.proposal.secret,
              editable: pending.proposal.editable,
              ...(pending.proposal.consent
                ? { consent: consentQuestion(pending.proposal.consent) }
                : {}),
            },
          }
        : {}),
      ...(wait
        ? {
            wait: {
              step: wait.step,
              since: wait.since,
              what: wait.what,
              ...(wait.deadlineMs !== undefined ? { deadlineMs: wait.deadlineMs } : {}),
            },
          }
        : {}),
      settings: this.settings ?? { ...DEFAULT_SETTINGS, target: '' },
      hasPassword: this.password !== undefined,
      runs: this.runs,
    };
  }

  /**
   * The transcript the snapshots hand out: the record's lines, appended as they come. It is not
   * the recorder's own array, so the screens cannot change the record through it, and it is not
   * copied whole on every change (a long session would copy it once a line). The record only
   * appends, so a snapshot seeing lines added after it was taken sees the same session, further.
   */
  private shown: { of: Session; lines: TranscriptEntry[] } | undefined;

  private shownTranscript(s: Session): TranscriptEntry[] {
    if (this.shown?.of !== s || this.shown.lines.length > s.transcript.length)
      this.shown = { of: s, lines: [] };
    const { lines } = this.shown;
    for (let i = lines.length; i < s.transcript.length; i += 1) lines.push(s.transcript[i]!);
    return lines;
  }

  private refresh(): void {
    const s = this.recorder?.session;
    this.snapshot = s && {
      ...s,
      steps: [...s.steps],
      transcript: this.shownTranscript(s),
      findings: [...s.findings],
      ...(s.attempts ? { attempts: [...s.attempts] } : {}),
    };
    this.guide = this.settings ? this.buildGuide() : undefined;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
