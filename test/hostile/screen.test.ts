// The screen: a hostile session opened in the wizard, in a real pseudo-terminal. Server text with
// escapes (a window title, a cursor-position query, a colour, a direction override) must show as
// visible escapes, never reach the terminal as sequences, and q must give the terminal back.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE, ROOT } from '../helpers/cli.js';
import { spawnPty, terminalEnv } from '../helpers/pty.js';
import { workDir } from './harness.js';

const TITLE = '\x1b]0;PWNED\x07';
const DSR = '\x1b[6n';
const SGR = '\x1b[31m';
const RLO = '\u202e';
const HOSTILE = `${TITLE}${DSR}${SGR}${RLO}evil`;

/** A session as an attacker would write it, escapes raw in every text field. */
const hostileSession = () => ({
  schema: 'mailmedic.session/1',
  tool: { name: 'mailmedic', version: '1' },
  startedAt: '2026-01-01T00:00:00.000Z',
  target: { input: `mx${HOSTILE}.test` },
  steps: [{ id: 'banner', status: 'error', durationMs: 5, summary: `refused: ${HOSTILE}` }],
  transcript: [
    { t: 1, step: 'banner', dir: 'server', text: `554 ${HOSTILE}`, explanation: HOSTILE },
  ],
  findings: [
    {
      id: 'banner.refused',
      severity: 'error',
      title: `Refused by ${HOSTILE}`,
      explanation: HOSTILE,
      evidence: [0],
      next: [HOSTILE],
      step: 'banner',
    },
  ],
  facts: { banner: { code: 554, text: HOSTILE, ms: 5, host: HOSTILE } },
});

describe('hostile session on the screen', () => {
  before(() => {
    if (!existsSync(BUNDLE)) {
      const built = spawnSync(process.execPath, [`${ROOT}scripts/build.mjs`], { stdio: 'inherit' });
      assert.equal(built.status, 0);
    }
  });

  it(
    'open shows escapes as text, sends none to the terminal, and q restores it',
    { timeout: 60_000 },
    async () => {
      const file = join(workDir(), 'hostile.json');
      writeFileSync(file, JSON.stringify(hostileSession()));
      const child = spawnPty(process.execPath, [BUNDLE, 'open', file], {
        columns: 120,
        rows: 40,
        env: terminalEnv({ NO_COLOR: '1' }),
        cwd: ROOT,
      });
      try {
        await child.waitFor(/q quit/, { timeoutMs: 30_000 });
        await child.waitFor(/\\x1b/, { timeoutMs: 30_000 });
        child.write('q');
        const exit = await child.exit(30_000);
        assert.equal(exit.code, 0);
        const raw = child.raw();
        for (const [name, seq] of [
          ['window title', TITLE],
          ['cursor position query', DSR],
          ['direction override', RLO],
          ['OSC', '\x1b]'],
        ] as const)
          assert.ok(!raw.includes(seq), `the ${name} reached the terminal`);
        // The colour the session carried is not among the sequences the wizard drew (NO_COLOR=1).
        assert.ok(!raw.includes(SGR), 'the session colour reached the terminal');
        const left = raw.lastIndexOf('\x1b[?1049l');
        assert.ok(left > raw.lastIndexOf('\x1b[?1049h'), 'the terminal was not given back');
      } finally {
        child.kill();
      }
    },
  );
});
