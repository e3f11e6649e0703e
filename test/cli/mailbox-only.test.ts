// "I cannot read my mail": check --pop3/--imap without an SMTP target checks only the mailbox.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../source/cli/args.js';
import { buildRunConfig } from '../../source/cli/run-config.js';
import { UsageError } from '../../source/cli/usage-error.js';

const io = { env: { MAILMEDIC_PASSWORD: 'secret' }, stdin: process.stdin, stderr: process.stderr };

const flagsOf = (argv: string[]) => {
  const command = parseCommandLine(argv);
  assert.equal(command.kind, 'check');
  return (command as Extract<typeof command, { kind: 'check' }>).flags;
};

const rejects = async (argv: string[], flag: string) => {
  await assert.rejects(buildRunConfig(flagsOf(argv), io), (error: unknown) => {
    assert.ok(error instanceof UsageError, String(error));
    assert.equal(error.flag, flag);
    return true;
  });
};

describe('mailbox-only check', () => {
  it('--pop3 alone runs only the pop3 step, with the mailbox server as the target', async () => {
    const config = await buildRunConfig(
      flagsOf(['check', '--pop3', 'mail.example.com', '--mailbox-user', 'bob@example.com']),
      io,
    );
    assert.deepEqual(config.steps, ['pop3']);
    assert.deepEqual(config.target, { input: 'mail.example.com' });
    assert.deepEqual(config.mailbox, { user: 'bob@example.com', password: 'secret' });
    assert.equal(config.auth, undefined);
  });

  it('--imap alone, and both together', async () => {
    const imap = await buildRunConfig(
      flagsOf(['check', '--imap', 'imaps://mail.example.com:10993', '--mailbox-user', 'bob']),
      io,
    );
    assert.deepEqual(imap.steps, ['imap']);
    assert.deepEqual(imap.imap, { host: 'mail.example.com', port: 10993, tls: true });
    const both = await buildRunConfig(
      flagsOf([
        'check',
        '--pop3',
        'a.example.com',
        '--imap',
        'b.example.com',
        '--auth-user',
        'bob',
      ]),
      io,
    );
    assert.deepEqual(both.steps, ['pop3', 'imap']);
    assert.equal(both.mailbox?.user, 'bob', '--auth-user is the mailbox login by default');
  });

  it('a mailbox login is still required', async () => {
    await rejects(['check', '--pop3', 'mail.example.com'], '--mailbox-user');
  });

  it('SMTP steps or --to without an SMTP target are usage errors that say why', async () => {
    await rejects(
      ['check', '--pop3', 'mail.example.com', '--mailbox-user', 'bob', '--to', 'a@example.com'],
      '--to',
    );
    await rejects(
      ['check', '--imap', 'mail.example.com', '--mailbox-user', 'bob', '--steps', 'ehlo,imap'],
      '--steps',
    );
  });

  it('check with nothing at all still names what it needs, --pop3 and --imap included', () => {
    assert.throws(
      () => parseCommandLine(['check']),
      (error: unknown) => error instanceof UsageError && /--pop3, --imap/.test(error.message),
    );
  });
});
