// The dns step: asks the resolvers, keeps the result in session.dns, and returns the mail hosts
// to try in the order a real sender would. Guided, each question is proposed before it goes, in
// the order the step asks them: the MX question first, whose name may be edited (it decides what
// the whole step looks at); the follow-ups (the domain's A/AAAA, TXT, DMARC, MTA-STS, TLS-RPT, SRV;
// each MX host's addresses and TLSA; SPF includes; reverse DNS) are shown but not editable: their
// names come from the answers, and the rules judge each answer as the answer to that question.
import type { BeforeQuery, LogLine } from '../../dns/index.js';
import type { CommandGate } from '../gate.js';
import { SkippedByUser, StoppedByUser } from '../gate.js';
import type { StepContext } from './context.js';
import type { SmtpServer } from './smtp.js';

/** An edited first question: a type, a name, and optionally the resolvers as proposed. */
const QUESTION = /^\s*(\S+)\s+(\S+)\s*(.*?)\s*$/;

/**
 * The first question, MX of the domain: proposed editable; resolves with the domain the step
 * looks at (the edited name, when the user typed another one that is a domain name).
 */
const proposeMx = async (
  ctx: StepContext,
  gate: CommandGate,
  domain: string,
  at: string,
  normalize: (name: string) => string,
): Promise<string> => {
  const proposed = `MX ${domain}${at ? ` ${at}` : ''}`;
  const check = (line: string): string | undefined => {
    const m = QUESTION.exec(line);
    if (!m) return 'type a question as "MX domain"';
    const type = m[1]!.toUpperCase();
    try {
      normalize(m[2]!);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    if (type !== 'MX')
      return `the DNS step starts from the MX record, which says where mail goes; it asks MX ${m[2]} (then A, AAAA, TXT...) whatever type is typed here`;
    if (m[3] && m[3] !== at)
      return 'the resolver is a setting (o): it applies to every question of the step; this question goes to the resolvers proposed';
    return undefined;
  };
  const decision = await gate.confirm({
    step: 'dns',
    kind: 'command',
    display: [proposed],
    secret: false,
    editable: true,
    deadline: 'command',
    check,
  });
  if (decision.action === 'skip') throw new SkippedByUser('dns', decision.reason);
  if (decision.action === 'stop' || decision.action === 'console') throw new StoppedByUser('dns');
  if (decision.action !== 'edit' || decision.line.trim() === proposed) return domain;
  const name = QUESTION.exec(decision.line)?.[2];
  let asked: string | undefined;
  try {
    asked = name === undefined ? undefined : normalize(name);
  } catch {
    asked = undefined;
  }
  if (asked === undefined) {
    ctx.recorder.note(
      'dns',
      `"${decision.line.trim()}" names no domain to look up; asking ${proposed} as proposed`,
    );
    return domain;
  }
  if (asked !== normalize(domain))
    ctx.recorder.note(
      'dns',
      `you asked about ${asked} instead of ${domain}: the DNS step (MX, addresses, SPF, DMARC...) looks at ${asked}, and the mail hosts it finds are the ones tried next`,
    );
  return asked;
};

/**
 * Every later question, one proposal at a time in the order asked (the step asks some side by
 * side; a question waits until the ones before it were answered by the user, not by DNS). A skip
 * or stop ends the step, and every question still waiting ends with it, unasked.
 */
const queryGate = (
  gate: CommandGate,
  at: string,
  first: { name: string; type: string },
): BeforeQuery => {
  let chain: Promise<void> = Promise.resolve();
  let ended: Error | undefined;
  let firstSeen = false;
  return (name, type) => {
    if (!firstSeen && type === first.type && name === first.name) {
      firstSeen = true;
      return Promise.resolve();
    }
    const turn = chain.then(async () => {
      if (ended) throw ended;
      const decision = await gate.confirm({
        step: 'dns',
        kind: 'command',
        display: [`${type} ${name}${at ? ` ${at}` : ''}`],
        secret: false,
        editable: false,
        deadline: 'command',
      });
      if (decision.action === 'skip') throw (ended = new SkippedByUser('dns', decision.reason));
      if (decision.action === 'stop' || decision.action === 'console')
        throw (ended = new StoppedByUser('dns'));
    });
    chain = turn.catch(() => undefined);
    return turn;
  };
};

/**
 * Runs the DNS step. A skip at any question ends it as skipped (no mail hosts); a stop ends it as
 * skipped and is thrown on, for the runner to end the run.
 */
export const runDns = async (
  ctx: StepContext,
  domain: string,
  port: number,
): Promise<SmtpServer[]> => {
  const { recorder, config } = ctx;
  recorder.beginStep('dns');
  // Loaded when a session asks DNS: dns/ and dns2 are a third of check's code, and a session
  // with --server never needs them.
  const { normalizeDomain, parseResolver, runDnsStep, systemResolvers } =
    await import('../../dns/index.js');
  const resolvers =
    config.resolvers.length > 0 ? config.resolvers.map(parseResolver) : systemResolvers();
  const at = resolvers.map((r) => `@${r.label}`).join(' ');
  let result;
  // Guided, each answer is shown as it comes, not when the whole step is done; `check` keeps
  // the step's fixed order (the order asked), which the same lookups always read the same in.
  const shown = new Set<LogLine>();
  const show = (line: LogLine): void => {
    shown.add(line);
    recorder.line('dns', line.dir, line.text);
  };
  try {
    let asked = domain;
    let beforeQuery: BeforeQuery | undefined;
    if (ctx.gate) {
      asked = await proposeMx(ctx, ctx.gate, domain, at, normalizeDomain);
      beforeQuery = queryGate(ctx.gate, at, { name: normalizeDomain(asked), type: 'MX' });
    }
    // The whole step is bounded by one deadline; each query gets a share of it.
    result = await runDnsStep(asked, {
      resolvers,
      timeoutMs: config.deadlines.command,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(beforeQuery ? { beforeQuery, onLine: show } : {}),
    });
  } catch (error) {
    if (error instanceof SkippedByUser) {
      recorder.endStep('dns', 'skipped', error.message);
      return [];
    }
    if (error instanceof StoppedByUser) recorder.endStep('dns', 'skipped', error.message);
    throw error;
  }
  for (const line of result.log) if (!shown.has(line)) recorder.line('dns', line.dir, line.text);
  recorder.update((s) => {
    s.dns = JSON.parse(JSON.stringify(result)) as typeof s.dns;
  });
  const hosts = result.mailHosts;
  recorder.endStep('dns', result.status, result.summary);
  // A host without addresses (an IP-literal MX, a name that does not resolve) is skipped, as a
  // real sender would; DNS already named the problem.
  return hosts.flatMap((h) =>
    h.addresses.map((address) => ({ host: address, port, servername: h.host })),
  );
};
