// Passwords come from MAILMEDIC_PASSWORD, a file, or a masked prompt: never from the command
// line, where every user of the machine could read them in the process list.
import { unsafeCharacterReason } from '../protocols/common/input.js';
import { shown } from '../record/gate.js';
import { readBoundedFile } from './input-files.js';
import { Interrupted, UsageError } from './usage-error.js';

export interface PasswordSources {
  env: NodeJS.ProcessEnv;
  file?: string;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
  /** The flag that named the user, for the usage error when no password can be had. */
  userFlag?: '--auth-user' | '--mailbox-user';
}

const check = (where: string, password: string): string => {
  const reason = unsafeCharacterReason(password);
  if (reason) throw new UsageError(where, `the password ${reason}`);
  if (password === '') throw new UsageError(where, 'the password is empty');
  return password;
};

/** Reads one line from a TTY without echoing it. */
export const promptMasked = (
  question: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
): Promise<string> =>
  new Promise((resolve, reject) => {
    let value = '';
    const wasRaw = stdin.isRaw;
    // Raw mode (no echo) first, then the question: a reply typed or pasted the moment the
    // question appears must never be echoed by the terminal.
    stdin.setRawMode(true);
    stdin.resume();
    stderr.write(question);
    const finish = (error?: Error): void => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        // Ctrl-C is an interrupt, as anywhere else in a terminal program: exit 130, not 2.
        if (char === '\u0003') return finish(new Interrupted('password prompt'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });

export const readPassword = async (who: string, sources: PasswordSources): Promise<string> => {
  if (sources.file) {
    const text = await readBoundedFile('--auth-pass-file', sources.file);
    // One trailing newline is how editors and `echo` end files; it is not part of the password.
    return check('--auth-pass-file', text.replace(/\r?\n$/, ''));
  }
  const fromEnv = sources.env.MAILMEDIC_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return check('MAILMEDIC_PASSWORD', fromEnv);
  if (!sources.stdin.isTTY) {
    throw new UsageError(
      sources.userFlag ?? '--auth-user',
      `a password for ${who} is needed: set MAILMEDIC_PASSWORD or use --auth-pass-file FILE`,
    );
  }
  return check(
    'password',
    await promptMasked(shown`Password for ${who}: `, sources.stdin, sources.stderr),
  );
};
