// The standard-tool commands mailmedic prints must do the same check when pasted into a shell:
// run against the real Postfix and Dovecot, with the password and CA only in the environment.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { equivalentsFor } from '../../source/report/equivalents.js';
import type { Session, StepId } from '../../source/record/types.js';
import { runCli } from '../helpers/cli.js';
import type { MailStack } from '../helpers/mail-stack.js';
import { getMailStack, submissionArgs } from '../helpers/mail-stack.js';

const T = { timeout: 90_000 };
let stack: MailStack;
let session: Session;

const shell = (command: string): Promise<{ code: number; out: string }> =>
  new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', `${command} </dev/null 2>&1`],
      {
        env: {
          PATH: process.env.PATH,
          MAILMEDIC_PASSWORD: stack.password,
          MAILMEDIC_CA_FILE: stack.caCert,
        },
        timeout: 30_000,
      },
      (error, stdout) =>
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          out: String(stdout),
        }),
    );
  });

const only = (step: StepId): string => {
  const commands = equivalentsFor(session, step);
  assert.equal(commands.length, 1, `one command for ${step}`);
  assert.ok(!commands[0]!.command.includes(stack.password), 'no password in the command');
  return commands[0]!.command;
};

describe('the same checks with standard tools, against the real mail stack', () => {
  before(async () => {
    stack = await getMailStack();
    const result = await runCli(
      [
        'check',
        '--json',
        ...submissionArgs(stack, { to: true }),
        '--ehlo',
        'client.example.test',
        '--pop3',
        `${stack.host}:${stack.pop3}`,
        '--imap',
        `imaps://${stack.host}:${stack.imaps}`,
      ],
      { env: { MAILMEDIC_PASSWORD: stack.password } },
    );
    session = JSON.parse(result.stdout) as Session;
    assert.equal(result.code, 0, result.stderr);
  });

  it('openssl s_client: STARTTLS and a verified chain', T, async () => {
    const { code, out } = await shell(only('tls'));
    assert.equal(code, 0, out);
    assert.match(out, /Verify return code: 0 \(ok\)/);
  });

  it('swaks: EHLO, then AUTH with the password from the environment', T, async () => {
    const ehlo = await shell(only('ehlo'));
    assert.equal(ehlo.code, 0, ehlo.out);
    assert.match(ehlo.out, /250-STARTTLS/);
    const auth = await shell(only('auth'));
    assert.equal(auth.code, 0, auth.out);
    assert.match(auth.out, /235 2\.7\.0 Authentication successful/);
  });

  it('curl: POP3 with STLS lists the messages, IMAPS finds the test message', T, async () => {
    const pop3 = await shell(only('pop3'));
    assert.equal(pop3.code, 0, pop3.out);
    assert.match(pop3.out, /STLS/);
    const imap = await shell(only('imap'));
    assert.equal(imap.code, 0, imap.out);
    assert.match(imap.out, /\* SEARCH \d+/);
  });
});
