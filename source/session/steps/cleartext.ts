// Credentials over a connection without TLS. `--insecure` is about certificates only; sending a
// password in clear needs its own consent: `--plaintext-auth` (in the wizard, the settings row
// "Password w/o TLS", which starts from the flag), or the wizard's question, asked each run.
// Whatever happens, the step records the fact `${step}.cleartext` (sent or not, on whose say);
// the diagnosis turns a password sent in clear into an error finding.
import type { CleartextFact } from '../../record/facts.js';
import { factOf } from '../../record/facts.js';
import type { StepId } from '../../record/types.js';
import type { ConsentAlternative } from '../gate.js';
import { StoppedByUser } from '../gate.js';
import type { StepContext, StepOutcome } from './context.js';

type LoginStep = Extract<StepId, 'auth' | 'pop3' | 'imap'>;

const WHAT: Record<CleartextFact['protocol'], string> = {
  smtp: 'SMTP AUTH',
  pop3: 'the POP3 login',
  imap: 'the IMAP login',
};

/** The wizard's question, in one or two sentences a support engineer can read out. */
export const cleartextRisk = (fact: Omit<CleartextFact, 'sent'>): string =>
  `No TLS to ${fact.host} port ${fact.port}: ${WHAT[fact.protocol]} would carry the password of ${fact.user} readable by anyone on the path (local network, Wi-Fi, any router between); base64 is not encryption. Only for a test account on a network you trust: the report records it as an error.`;

/** The run ended at the question (the wizard's "use TLS instead"): the step ends skipped. */
export class ConsentDeclined extends StoppedByUser {
  constructor(step: StepId, reason: string) {
    super(step);
    this.message = `the password was not sent in clear text: ${reason}`;
    this.name = 'ConsentDeclined';
  }
}

/**
 * Called where a step is about to send credentials over a connection that is not encrypted.
 * Resolves to undefined when it may go on (consent given); to the outcome that ends the step
 * otherwise: `refusal` (an error) without any way to consent, skipped when the user declined.
 * Throws ConsentDeclined (a StoppedByUser) when the user ended the run at the question.
 */
export const clearTextLogin = async (
  ctx: StepContext,
  step: LoginStep,
  fact: Omit<CleartextFact, 'sent'>,
  refusal: string,
  alternative?: ConsentAlternative,
): Promise<StepOutcome | undefined> => {
  const { recorder } = ctx;
  // A POP3 step polls with a new login each round: one answer holds for the whole step.
  if (factOf(recorder.session, `${step}.cleartext`)?.sent) return undefined;
  const record = (extra: Partial<CleartextFact> & { sent: boolean }) =>
    recorder.fact(`${step}.cleartext`, { ...fact, ...extra } satisfies CleartextFact);
  if (ctx.config.plaintextAuth === true) {
    record({ sent: true, consent: 'setting' });
    recorder.note(
      step,
      `no TLS on this connection: sending the credentials of ${fact.user} in clear text, as ${ctx.gate ? 'the setting "Password w/o TLS: send" (--plaintext-auth)' : '--plaintext-auth'} allows`,
    );
    return undefined;
  }
  if (!ctx.gate) {
    record({ sent: false });
    recorder.note(
      step,
      'no TLS on this connection: the credentials are not sent in clear text (--plaintext-auth would send them; --insecure is about certificates only)',
    );
    return { status: 'error', summary: refusal };
  }
  const decision = await ctx.gate.confirm({
    step,
    kind: 'consent',
    display: [`${WHAT[fact.protocol]} as ${fact.user}, password in clear text (masked here)`],
    secret: true,
    editable: false,
    consent: {
      ...fact,
      risk: cleartextRisk(fact),
      ...(alternative ? { alternative } : {}),
    },
  });
  if (decision.action === 'send') {
    record({ sent: true, consent: 'asked' });
    recorder.note(
      step,
      `no TLS on this connection: the user agreed to send the credentials of ${fact.user} in clear text, for this run only`,
    );
    return undefined;
  }
  if (decision.action === 'stop') {
    const reason = decision.reason ?? 'the user stopped the run at the question';
    record({ sent: false, consent: 'declined', choice: reason });
    recorder.note(step, `no TLS on this connection: credentials not sent; ${reason}`);
    throw new ConsentDeclined(step, reason);
  }
  const reason =
    decision.action === 'skip' && decision.reason
      ? decision.reason
      : 'the user chose to skip this step';
  record({ sent: false, consent: 'declined', choice: reason });
  recorder.note(step, `no TLS on this connection: credentials not sent; ${reason}`);
  return { status: 'skipped', summary: `the password was not sent in clear text: ${reason}` };
};

/**
 * The clear-text fact of a step that has ended, when the password did go. Consent comes before
 * the login command is proposed, and the user may still skip or stop it there: then nothing
 * secret went, and the fact (so the finding) is set to say so.
 */
export const passwordWent = (ctx: StepContext, step: LoginStep): CleartextFact | undefined => {
  const fact = factOf(ctx.recorder.session, `${step}.cleartext`);
  if (!fact?.sent) return undefined;
  const went = ctx.recorder.session.transcript.some(
    (line) => line.step === step && line.dir === 'client' && line.secret === true,
  );
  if (went) return fact;
  ctx.recorder.fact(`${step}.cleartext`, { ...fact, sent: false });
  return undefined;
};

/**
 * The step's outcome, saying so when the password went in clear: the summary (and so the
 * attempt a ticket shows) carries the consent, not only the fact and the finding.
 */
export const withClearTextNoted = (
  ctx: StepContext,
  step: LoginStep,
  outcome: StepOutcome,
): StepOutcome => {
  const fact = passwordWent(ctx, step);
  if (!fact) return outcome;
  const why =
    fact.consent === 'asked'
      ? 'the user agreed, for this run'
      : ctx.gate
        ? 'setting "Password w/o TLS: send"'
        : '--plaintext-auth';
  return { ...outcome, summary: `${outcome.summary} (password sent in clear text: ${why})` };
};
