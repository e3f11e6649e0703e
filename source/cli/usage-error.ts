// A usage error echoes what the user typed or what a file held: the message passes the gate
// (record/gate.ts) here, in the one constructor, so no caller can forget it.
import { gate } from '../record/gate.js';

/** A mistake in the command line: exit code 2, and the message names the flag or value. */
export class UsageError extends Error {
  readonly flag: string;
  constructor(flag: string, message: string) {
    super(gate(`${flag}: ${message}`));
    this.flag = gate(flag);
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
