// How the wizard ends, as the app reports it to the CLI through ink's exit(): the CLI owns the
// process and turns this into an exit code.

export type WizardExit = { reason: 'quit' } | { reason: 'interrupt' };

export const isWizardExit = (value: unknown): value is WizardExit =>
  typeof value === 'object' &&
  value !== null &&
  ((value as { reason?: unknown }).reason === 'quit' ||
    (value as { reason?: unknown }).reason === 'interrupt');

/** A component threw while rendering; `where` names the component. */
export class WizardCrash extends Error {
  readonly where: string;

  constructor(where: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'WizardCrash';
    this.where = where;
  }
}
