// Credentials over a connection without TLS. `--insecure` is about certificates only; sending a
// password in clear needs its own consent (`--plaintext-auth`, or the wizard's and console's
// confirmation, which set config.plaintextAuth). Either way the step records the fact
// `${step}.cleartext`, and the diagnosis turns it into an error finding: sent in clear, or not sent
// and why.
import type { CleartextFact } from '../../record/facts.js';
import type { StepId } from '../../record/types.js';
import type { StepContext, StepOutcome } from './context.js';

/**
 * Called where a step is about to send credentials over a connection that is not encrypted.
 * Returns the outcome that ends the step when there is no consent (its summary is `refusal`);
 * undefined when it may go on.
 */
export const clearTextLogin = (
  ctx: StepContext,
  step: StepId,
  fact: Omit<CleartextFact, 'sent'>,
  refusal: string,
): StepOutcome | undefined => {
  const sent = ctx.config.plaintextAuth === true;
  ctx.recorder.fact(`${step}.cleartext`, { ...fact, sent } satisfies CleartextFact);
  if (sent) {
    ctx.recorder.note(
      step,
      `no TLS on this connection: sending the credentials of ${fact.user} in clear text, as --plaintext-auth allows`,
    );
    return undefined;
  }
  ctx.recorder.note(
    step,
    'no TLS on this connection: the credentials are not sent in clear text (--plaintext-auth would send them; --insecure is about certificates only)',
  );
  return { status: 'error', summary: refusal };
};
