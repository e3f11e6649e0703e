import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExportAction, ExportState } from '../../../../source/ui/screens/export/reducer.js';
import {
  FORMATS,
  decideExport,
  defaultReportName,
  exportFooter,
  exportReducer,
  initialExportState,
} from '../../../../source/ui/screens/export/reducer.js';

const run = (actions: ExportAction[], from: ExportState = initialExportState()): ExportState =>
  actions.reduce(exportReducer, from);
const noCheck = () => undefined;

test('Markdown comes first, then HTML, JSON and text', () => {
  assert.deepEqual(
    FORMATS.map((f) => f.format),
    ['md', 'html', 'json', 'txt'],
  );
  assert.equal(initialExportState().stage, 'closed');
  assert.equal(run([{ type: 'open' }]).format, 'md');
});

test('the default name is mailmedic-<host>-<YYYYMMDD-HHMMSS>.<ext>, host made safe', () => {
  const at = new Date(2026, 10, 26, 9, 5, 7);
  assert.equal(
    defaultReportName('mail.example.com', at, 'md'),
    'mailmedic-mail.example.com-20261126-090507.md',
  );
  assert.equal(defaultReportName('::1', at, 'json'), 'mailmedic-1-20261126-090507.json');
  assert.equal(defaultReportName('../../etc/x', at, 'txt'), 'mailmedic-etc-x-20261126-090507.txt');
  assert.equal(defaultReportName('', at, 'html'), 'mailmedic-session-20261126-090507.html');
});

test('choosing a format fills the path with its default; edits work at the cursor', () => {
  let state = run([
    { type: 'open' },
    { type: 'highlight', format: 'html' },
    { type: 'chooseFormat', format: 'html', defaultPath: 'r.html' },
  ]);
  assert.equal(state.stage, 'path');
  assert.equal(state.format, 'html');
  assert.equal(state.cursor, 6);
  state = run(
    [
      { type: 'edit', edit: { kind: 'move', to: 'home' } },
      { type: 'edit', edit: { kind: 'insert', text: 'out/' } },
      { type: 'edit', edit: { kind: 'move', to: 'end' } },
      { type: 'edit', edit: { kind: 'erase' } },
    ],
    state,
  );
  assert.equal(state.path, 'out/r.htm');
  assert.deepEqual(decideExport(state, noCheck), { write: { format: 'html', path: 'out/r.htm' } });
});

test('an empty path or one with a line break is refused before anything is written', () => {
  const empty = run([{ type: 'open' }, { type: 'chooseFormat', format: 'md', defaultPath: '' }]);
  assert.ok('refuse' in decideExport(empty, noCheck));
  const broken = { ...empty, path: 'a\nb.md' };
  const decision = decideExport(broken, (v) =>
    v.includes('\n') ? 'must not contain a line feed (LF)' : undefined,
  );
  assert.deepEqual(decision, { refuse: 'The path must not contain a line feed (LF).' });
});

test('writing, written, failed, and back to the path to fix it', () => {
  const path = run([
    { type: 'open' },
    { type: 'chooseFormat', format: 'json', defaultPath: 'x.json' },
  ]);
  const writing = exportReducer(path, { type: 'writing' });
  assert.equal(writing.stage, 'writing');
  assert.equal(
    exportReducer(writing, { type: 'written', path: '/tmp/x.json' }).result,
    '/tmp/x.json',
  );
  const failed = exportReducer(writing, { type: 'failed', message: 'permission denied (EACCES)' });
  assert.equal(failed.stage, 'failed');
  assert.deepEqual(
    exportFooter(failed).map((i) => i.actions[0]),
    ['run', 'cancel'],
  );
  assert.equal(exportReducer(failed, { type: 'back' }).stage, 'path');
  assert.equal(exportReducer(path, { type: 'back' }).stage, 'format');
  assert.equal(exportReducer(path, { type: 'close' }).stage, 'closed');
});

test('the clipboard notice keeps the summary, or why it was not sent', () => {
  const ok = exportReducer(initialExportState(), { type: 'copied', summary: 'a\nb\nc', ok: true });
  assert.equal(ok.stage, 'copied');
  assert.equal(ok.result, undefined);
  const refused = exportReducer(initialExportState(), {
    type: 'copied',
    summary: 'a',
    ok: false,
    why: 'no clipboard',
  });
  assert.equal(refused.result, 'no clipboard');
});
