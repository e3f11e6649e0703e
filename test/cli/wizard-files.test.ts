import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  clipboardRequest,
  exportReport,
  writeError,
  writeReportOnExit,
} from '../../source/cli/wizard-files.js';
import type { Session } from '../../source/record/types.js';
import { scratchDir } from '../helpers/scratch.js';

const session = (): Session =>
  JSON.parse(
    readFileSync(new URL('../fixtures/sessions/real-healthy.json', import.meta.url), 'utf8'),
  ) as Session;

const options = (cwd: string) => ({ cwd, redact: false, stdout: process.stdout, env: {} });

test('export writes the chosen format relative to the start directory, private to the user', async () => {
  const dir = scratchDir('mm-export-');
  const result = await exportReport(session(), { format: 'md', path: 'r.md' }, options(dir));
  assert.deepEqual(result, { ok: true, path: join(dir, 'r.md') });
  const text = readFileSync(join(dir, 'r.md'), 'utf8');
  assert.match(text, /^# mailmedic report/);
  assert.match(text, /## The same checks with standard tools/);
  assert.equal(statSync(join(dir, 'r.md')).mode & 0o777, 0o600);
  const json = await exportReport(session(), { format: 'json', path: 's.json' }, options(dir));
  assert.ok(json.ok);
  assert.equal(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')).schema, 'mailmedic.session/1');
});

test('export never overwrites and never throws: it says why, with the code', async () => {
  const dir = scratchDir('mm-export-');
  writeFileSync(join(dir, 'taken.md'), 'keep me');
  const taken = await exportReport(session(), { format: 'md', path: 'taken.md' }, options(dir));
  assert.deepEqual(taken, {
    ok: false,
    message: `${join(dir, 'taken.md')}: a file of that name exists already; give another name (EEXIST)`,
  });
  assert.equal(readFileSync(join(dir, 'taken.md'), 'utf8'), 'keep me');
  const missing = await exportReport(
    session(),
    { format: 'md', path: 'no/such/dir/r.md' },
    options(dir),
  );
  assert.ok(!missing.ok && /the directory does not exist \(ENOENT\)/.test(missing.message));
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o500);
    const denied = await exportReport(session(), { format: 'md', path: 'x.md' }, options(dir));
    assert.ok(!denied.ok && /permission denied/.test(denied.message));
  }
  const none = await exportReport(undefined, { format: 'md', path: 'x.md' }, options(dir));
  assert.deepEqual(none, { ok: false, message: 'nothing to export yet' });
});

test('--report on the way out overwrites, follows --redact-identities, and says where', () => {
  const dir = scratchDir('mm-exit-');
  writeFileSync(join(dir, 'out.json'), 'old');
  const line = writeReportOnExit(session(), 'out.json', 'json', { cwd: dir, redact: true });
  assert.equal(line, `report written to ${join(dir, 'out.json')}\n`);
  const written = readFileSync(join(dir, 'out.json'), 'utf8');
  assert.doesNotMatch(written, /test@example\.test/);
  assert.match(
    writeReportOnExit(session(), 'no/dir/x.md', 'md', { cwd: dir, redact: false }),
    /cannot write the report .*no\/dir\/x\.md: the directory does not exist \(ENOENT\)/,
  );
  assert.match(
    writeReportOnExit(undefined, 'x.md', 'md', { cwd: dir, redact: false }),
    /no session to write to x\.md/,
  );
  assert.equal(writeError(new Error('boom')), 'boom');
});

test('OSC 52 carries the text in base64; tmux and screen get it wrapped; the console refuses', () => {
  const text = 'mailmedic 1: x\nline two';
  const b64 = Buffer.from(text).toString('base64');
  assert.deepEqual(clipboardRequest(text, { TERM: 'xterm-256color' }), {
    sequence: `\x1b]52;c;${b64}\x07`,
  });
  assert.deepEqual(clipboardRequest(text, { TERM: 'tmux-256color', TMUX: '/tmp/tmux,1,0' }), {
    sequence: `\x1bPtmux;\x1b\x1b]52;c;${b64}\x07\x1b\\`,
  });
  assert.deepEqual(clipboardRequest(text, { TERM: 'screen', STY: '1.pts' }), {
    sequence: `\x1bP\x1b]52;c;${b64}\x07\x1b\\`,
  });
  assert.ok('refuse' in clipboardRequest(text, { TERM: 'linux' }));
  assert.ok('refuse' in clipboardRequest(text, { TERM: 'dumb' }));
  assert.ok('refuse' in clipboardRequest(text, {}));
});
