// The password is asked, masked, before the wizard takes the terminal, and never shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUNDLE, ROOT } from '../helpers/cli.js';
import { spawnPty, terminalEnv } from '../helpers/pty.js';

test(
  '--auth-user without a target: masked prompt first, then the wizard; the password never shows',
  { timeout: 30_000 },
  async (t) => {
    const child = spawnPty(process.execPath, [BUNDLE, '--auth-user', 'bob@example.test'], {
      columns: 80,
      rows: 24,
      env: terminalEnv({ NO_COLOR: '1' }),
      cwd: ROOT,
    });
    t.after(child.kill);
    await child.waitFor('Password for bob@example.test:');
    child.write('pty-secret-4711\r');
    await child.waitFor(/q quit/);
    child.write('q');
    const exit = await child.exit(10_000);
    assert.equal(exit.code, 0);
    assert.ok(!child.raw().includes('pty-secret-4711'), 'the password was echoed');
  },
);

test(
  'Ctrl-C at the password prompt is an interrupt: exit 130, no usage message',
  { timeout: 30_000 },
  async (t) => {
    const child = spawnPty(process.execPath, [BUNDLE, '--auth-user', 'bob@example.test'], {
      columns: 80,
      rows: 24,
      env: terminalEnv({ NO_COLOR: '1' }),
      cwd: ROOT,
    });
    t.after(child.kill);
    await child.waitFor('Password for bob@example.test:');
    child.write('half-typed\x03');
    const exit = await child.exit(10_000);
    assert.equal(exit.code, 130);
    assert.doesNotMatch(child.text(), /Try 'mailmedic --help'/);
    assert.ok(!child.raw().includes('half-typed'), 'the typed part was echoed');
  },
);
