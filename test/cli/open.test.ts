import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSessionFile } from '../../source/cli/wizard-command.js';
import { UsageError } from '../../source/cli/usage-error.js';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/scratch.js';

const dir = scratchDir('mailmedic-open-');

test('open reads a saved session and refuses anything else, naming the problem', async () => {
  const good = join(dir, 'good.json');
  writeFileSync(
    good,
    JSON.stringify({
      schema: 'mailmedic.session/1',
      tool: { name: 'mailmedic', version: '0' },
      startedAt: '',
      target: { input: 'x' },
      steps: [],
      transcript: [],
      findings: [],
    }),
  );
  assert.equal((await readSessionFile(good)).schema, 'mailmedic.session/1');
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"schema": "something else"}');
  await assert.rejects(
    readSessionFile(bad),
    (e: unknown) => e instanceof UsageError && /not a mailmedic session/.test(e.message),
  );
  const notJson = join(dir, 'report.md');
  writeFileSync(notJson, '# a report');
  await assert.rejects(
    readSessionFile(notJson),
    (e: unknown) => e instanceof UsageError && /not JSON/.test(e.message),
  );
  await assert.rejects(
    readSessionFile(join(dir, 'missing.json')),
    (e: unknown) => e instanceof UsageError && /ENOENT/.test(e.message),
  );
});

test(
  'check --report writes the format of the extension, readable by open',
  { timeout: 30_000 },
  async () => {
    const file = join(dir, 'refused.json');
    const r = await runCli([
      'check',
      '--server',
      '127.0.0.1:1',
      '--steps',
      'connect',
      '--report',
      file,
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /report written to/);
    const session = await readSessionFile(file);
    assert.equal(session.steps[0]?.status, 'error');
    const md = join(dir, 'refused.md');
    await runCli(['check', '--server', '127.0.0.1:1', '--steps', 'connect', '--report', md]);
    const open = await runCli(['open', md]);
    assert.equal(open.code, 2);
    assert.match(open.stderr, /not JSON/);
  },
);
