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

/** Ctrl-C where the CLI was reading from the terminal itself (the password prompt): exit 130. */
export class Interrupted extends Error {
  constructor(where: string) {
    super(`interrupted at the ${where}`);
    this.name = 'Interrupted';
  }
}
