// The wizard's "Password w/o TLS" setting and --plaintext-auth: the form starts from the flag, and
// each run's consent comes from the setting (not from the command line once the form changed it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine } from '../../source/cli/args.js';
import type { RunFlags } from '../../source/cli/args.js';
import { flagsForSettings, settingsFromFlags } from '../../source/cli/wizard-command.js';

const flagsOf = (argv: string[]): RunFlags => {
  const command = parseCommandLine(argv);
  assert.equal(command.kind, 'wizard');
  return (command as Extract<typeof command, { kind: 'wizard' }>).flags;
};

test('--plaintext-auth starts the setting at send; without it the setting is absent (ask)', () => {
  const withFlag = flagsOf(['127.0.0.1:2525', '--auth-user', 'alice', '--plaintext-auth']);
  assert.equal(settingsFromFlags(withFlag).plaintextAuth, true);
  const without = flagsOf(['127.0.0.1:2525', '--auth-user', 'alice']);
  assert.equal(settingsFromFlags(without).plaintextAuth, undefined);
});

test('each run takes the consent from the settings, whatever the command line said', () => {
  const flags = flagsOf(['127.0.0.1:2525', '--auth-user', 'alice', '--plaintext-auth']);
  const settings = { ...settingsFromFlags(flags), target: '127.0.0.1:2525' };
  assert.equal(flagsForSettings(flags, settings).plaintextAuth, true);
  const changed = { ...settings };
  delete changed.plaintextAuth;
  assert.equal(
    flagsForSettings(flags, changed).plaintextAuth,
    false,
    'set back to ask in the form',
  );
  const plain = flagsOf(['127.0.0.1:2525', '--auth-user', 'alice']);
  assert.equal(
    flagsForSettings(plain, { ...settingsFromFlags(plain), target: 'x', plaintextAuth: true })
      .plaintextAuth,
    true,
    'set to send in the form',
  );
});
