// One lesson end to end, as a learner does it in a real terminal: the wizard on a fresh machine
// (no mail server), the practice lab chosen on the start screen, the steps run against it, and
// the lesson's verdict at the end; then `--lab SCENARIO` straight into a broken world.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUNDLE } from '../helpers/cli.js';
import { spawnPty, terminalEnv } from '../helpers/pty.js';

const TIMEOUT = { timeout: 90_000 };
const wizard = (args: string[]) =>
  spawnPty(process.execPath, [BUNDLE, ...args], {
    columns: 140,
    rows: 45,
    env: terminalEnv({ NO_COLOR: '1' }),
  });

test(
  'start screen: the practice lab goal lists the scenarios with their stories; the healthy lesson runs and passes',
  TIMEOUT,
  async (t) => {
    const child = wizard([]);
    t.after(child.kill);
    // The goals; the last one is the lab (↓ four times), then its scenarios with their stories.
    await child.waitFor(/Practice lab/);
    child.write('\x1b[B\x1b[B\x1b[B\x1b[B');
    child.write('\r');
    await child.waitFor(/healthy/);
    await child.waitFor(/A customer says: "I set up my new mail client/);
    child.write('\r');
    // The lesson runs guided like any session: a runs the rest without stopping.
    await child.waitFor(/a runs the rest/, { timeoutMs: 30_000 });
    child.write('a');
    await child.waitFor(/Lesson “Everything works”: nothing wrong found, as expected/, {
      timeoutMs: 60_000,
    });
    assert.match(child.text(), /practice\.test/);
    child.write('q');
    assert.equal((await child.exit()).code, 0);
  },
);

test(
  '--lab relay-denied: the diagnosis names the cause and the fix is shown',
  TIMEOUT,
  async (t) => {
    const child = wizard(['--lab', 'relay-denied']);
    t.after(child.kill);
    await child.waitFor(/a runs the rest/, { timeoutMs: 30_000 });
    child.write('a');
    await child.waitFor(/Lesson “Relay access denied”: the diagnosis named the cause/, {
      timeoutMs: 60_000,
    });
    await child.waitFor(/The fix: Configure the device to use the submission port/);
    child.write('q');
    assert.equal((await child.exit()).code, 0);
  },
);

test(
  '--lab with an unknown scenario is a usage error before the screen opens',
  TIMEOUT,
  async (t) => {
    const child = wizard(['--lab', 'nope']);
    t.after(child.kill);
    assert.equal((await child.exit()).code, 2);
    assert.match(child.text(), /"nope" is not a practice scenario/);
  },
);
