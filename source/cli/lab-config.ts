// A running practice lab -> the RunConfig a check or the wizard runs with: the lab's domain through
// the lab's resolver, the lab's CA trusted as --ca-file would, and the scenario's login and
// message. Flags the user gave that make sense against the lab (--timeout, --steps, --report,
// --redact-identities) still apply.
import { deadlinesFor } from '../net/deadlines.js';
import type { LabInstance } from '../lab/lab.js';
import { labCheckPlan } from '../lab/lab.js';
import type { StepId } from '../record/types.js';
import type { RunConfig } from '../session/config.js';
import type { RunFlags } from './args.js';

export const labRunConfig = (lab: LabInstance, flags?: Partial<RunFlags>): RunConfig => {
  const plan = labCheckPlan(lab);
  const config: RunConfig = {
    target: { input: plan.domain, domain: plan.domain },
    port: plan.port,
    tls: plan.tls,
    insecure: false,
    ca: [plan.ca],
    ehlo: plan.ehlo,
    to: plan.to,
    headers: flags?.headers ?? [],
    resolvers: [plan.resolver],
    deadlines: deadlinesFor(flags?.timeoutSeconds ?? plan.timeoutSeconds),
    steps: (flags?.steps ?? plan.steps) as StepId[],
    redactIdentities: flags?.redactIdentities ?? false,
  };
  if (plan.auth) config.auth = { ...plan.auth, mechanism: flags?.authMech ?? 'auto' };
  if (plan.from) config.from = plan.from;
  if (plan.body) config.body = plan.body;
  if (plan.pop3) config.pop3 = plan.pop3;
  if (plan.imap) config.imap = plan.imap;
  if (plan.mailbox) config.mailbox = plan.mailbox;
  return config;
};
