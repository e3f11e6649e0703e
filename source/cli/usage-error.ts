/** A mistake in the command line: exit code 2, and the message names the flag or value. */
export class UsageError extends Error {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(`${flag}: ${message}`);
    this.name = 'UsageError';
  }
}
