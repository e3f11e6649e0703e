// The export dialog, the clipboard, a saved session and transcript reading, through the whole app
// on fake streams: keys in, frames out, and what the app asked of its controller.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsafeCharacterReason } from '../../source/protocols/common/input.js';
import type { Session } from '../../source/record/types.js';
import { App } from '../../source/ui/app.js';
import type { ExportRequest, ExportResult, WizardController } from '../../source/ui/controller.js';
import { createStaticController } from '../../source/ui/static-controller.js';
import { renderApp } from './harness.js';
import { sessionFixture } from './session-fixture.js';
import { spyController } from './spy-controller.js';

const ENTER = '\r';
const ESC = '\x1b';
const DOWN = '\x1b[B';
const HOME = '\x1b[H';
const END = '\x1b[F';

interface Recorded {
  exports: ExportRequest[];
  copies: string[];
}

const withIntents = (
  controller: WizardController,
  result: (request: ExportRequest) => ExportResult = (r) => ({ ok: true, path: `/work/${r.path}` }),
): WizardController & Recorded => {
  const recorded: Recorded = { exports: [], copies: [] };
  return Object.assign(controller, recorded, {
    exportReport: async (request: ExportRequest) => {
      recorded.exports.push(request);
      return result(request);
    },
    copyToClipboard: (text: string) => {
      recorded.copies.push(text);
      return { ok: true as const };
    },
  });
};

const app = (controller: WizardController, size = { columns: 100, rows: 30 }) =>
  renderApp(
    <App
      version="1.2.3"
      checkTarget={unsafeCharacterReason}
      color={false}
      controller={controller}
    />,
    size,
  );

test('r, enter, enter: Markdown at the default path, and the written path is shown', async () => {
  const controller = withIntents(createStaticController(sessionFixture()));
  const h = await app(controller);
  await h.waitFor(/r export/);
  await h.press('r');
  await h.waitFor(/❯ Markdown \(\.md\)/);
  await h.press(ENTER);
  await h.waitFor(/Path +mailmedic-mx\.example\.com-\d{8}-\d{6}\.md/);
  await h.press(ENTER);
  const frame = await h.waitFor(/✓ Written to \/work\/mailmedic-mx\.example\.com-\d{8}-\d{6}\.md/);
  assert.equal(controller.exports.length, 1);
  assert.equal(controller.exports[0]!.format, 'md');
  assert.match(controller.exports[0]!.path, /^mailmedic-mx\.example\.com-\d{8}-\d{6}\.md$/);
  assert.match(frame, /esc close/);
  await h.press(ESC);
  await h.waitFor(/r export/);
  h.unmount();
});

test('another format by arrow, a typed path in one burst keeps every key', async () => {
  const controller = withIntents(createStaticController(sessionFixture()));
  const h = await app(controller);
  await h.waitFor(/r export/);
  await h.press('r');
  await h.waitFor(/❯ Markdown/);
  await h.press(DOWN);
  await h.waitFor(/❯ HTML/);
  await h.press(ENTER);
  await h.waitFor(/Path +mailmedic-.*\.html/);
  await h.press('\x15'); // Ctrl-U clears the field
  // One chunk, as a fast typist or a paste delivers it: letters that are keys elsewhere (q, n, p,
  // r, y, ?) must all land in the field.
  await h.press('reports/qnpry?.html');
  await h.waitFor(/Path +reports\/qnpry\?\.html/);
  await h.press(ENTER);
  await h.waitFor(/✓ Written to \/work\/reports\/qnpry\?\.html/);
  assert.deepEqual(controller.exports, [{ format: 'html', path: 'reports/qnpry?.html' }]);
  h.unmount();
});

test('an unwritable path is an error on screen; enter goes back to fix it', async () => {
  const controller = withIntents(createStaticController(sessionFixture()), () => ({
    ok: false,
    message: '/root/x.md: permission denied (EACCES)',
  }));
  const h = await app(controller);
  await h.waitFor(/r export/);
  await h.press('r');
  await h.waitFor(/❯ Markdown/);
  await h.press(ENTER);
  await h.waitFor(/Path/);
  await h.press(ENTER);
  await h.waitFor(/✗ Not written: \/root\/x\.md: permission denied \(EACCES\)/);
  await h.press(ENTER);
  await h.waitFor(/enter write/);
  assert.equal(await h.exitWithin(100), 'running');
  h.unmount();
});

test('y copies a short, clean summary and shows what was copied', async () => {
  const session = sessionFixture();
  session.findings = [
    {
      id: 'tls.expired',
      severity: 'error',
      title: 'The certificate expired \x1b[31mred',
      explanation: 'x',
      evidence: [],
      next: ['Renew it.'],
      step: 'tls',
    },
  ];
  const controller = withIntents(createStaticController(session));
  const h = await app(controller);
  await h.waitFor(/r export/);
  await h.press('y');
  const frame = await h.waitFor(/Summary copied to the clipboard/);
  const copied = controller.copies[0]!;
  const lines = copied.split('\n');
  assert.ok(lines.length >= 3 && lines.length <= 5, copied);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(copied, /[\x00-\x09\x0b-\x1f\x7f]/, 'no control characters');
  assert.match(copied, /bob@example\.com|mx\.example\.com:25/);
  assert.match(copied, /1 error, 0 warnings; first: The certificate expired \\x1b\[31mred/);
  assert.match(frame, /next: Renew it\./);
  h.unmount();
});

test('a saved session: marked in the header, no network keys in footer or help, skips say why', async () => {
  const controller = createStaticController(sessionFixture(), { savedFrom: 'report.json' });
  const h = await app(controller);
  const frame = await h.waitFor(/saved session · report\.json/);
  assert.doesNotMatch(frame.split('\n').at(-1)!, /enter run/);
  assert.match(frame, /r export/);
  await h.press('?');
  const help = await h.waitFor(/Keys/);
  for (const network of [/^\s*enter\s/m, /^\s*e\s+Edit/m, /^\s*m\s+Open the manual console/m])
    assert.doesNotMatch(help, network);
  assert.match(help, /r\s+Export a report/);
  await h.press('?');
  await h.waitFor(/r export/);
  // The rail's auth step was skipped: its screen says why instead of "nothing on the wire".
  // To the end of the rail (the findings overview), then back past IMAP, POP3 and send.
  for (let i = 0; i < 10; i += 1) await h.press('n');
  await h.waitFor(/Everything this session found/);
  for (let i = 0; i < 4; i += 1) await h.press('p');
  const auth = await h.waitFor(/Skipped: no credentials given\./);
  assert.doesNotMatch(auth, /Nothing on the wire yet/);
  h.unmount();
});

test('/ finds text, n and N move through matches, x explains the line, esc clears', async () => {
  const session = sessionFixture();
  session.transcript.push(
    { t: 1600, step: 'tls', dir: 'client', text: 'QUIT' },
    {
      t: 1601,
      step: 'tls',
      dir: 'server',
      text: '554 5.7.1 <bob@example.com>: Relay access denied',
      explanation: 'refused',
    },
  );
  const h = await app(createStaticController(session));
  await h.waitFor(/STARTTLS/);
  await h.press('/');
  await h.waitFor(/enter find/);
  await h.press('relay');
  await h.waitFor(/\/relay/);
  await h.press(ENTER);
  let frame = await h.waitFor(/1\/1/);
  assert.match(frame, /S› 554 5\.7\.1/);
  assert.match(frame, /n\/N match/);
  // n is "next match" while searching, not "next step".
  await h.press('n');
  frame = await h.waitFor(/1\/1/);
  assert.match(frame, /TLS/);
  await h.press('x');
  frame = await h.waitFor(/Reply code 554/);
  assert.match(frame, /Enhanced code 5\.7\.1/);
  assert.match(frame, /See RFC/);
  assert.match(frame, /Postfix/i);
  await h.press(ESC);
  await h.waitFor(/S› 554/);
  await h.press(ESC);
  frame = await h.waitFor(/n\/→ next|p\/n step/);
  assert.doesNotMatch(frame, /\/relay/);
  // Now n moves to the next step again.
  h.unmount();
});

test('[ and ] select replies, Home and End jump, t shows the same check with standard tools', async () => {
  const session: Session = sessionFixture();
  const many = Array.from({ length: 60 }, (_, i) => ({
    t: 2000 + i,
    step: 'ehlo' as const,
    dir: 'server' as const,
    text: `250-EXT${i}`,
  }));
  session.transcript.splice(11, 0, ...many);
  const h = await app(createStaticController(session), { columns: 100, rows: 24 });
  await h.waitFor(/STARTTLS/);
  await h.press('p'); // to ehlo
  await h.waitFor(/EHLO/);
  await h.press(END);
  let frame = await h.waitFor(/250-EXT59/);
  assert.doesNotMatch(frame, /EHLO client\.example\.net/);
  await h.press(HOME);
  frame = await h.waitFor(/1–\d+\/69/);
  assert.match(frame, /C: EHLO client\.example\.net/);
  await h.press(']');
  frame = await h.waitFor(/S› 250-mx\.example\.com/);
  await h.press(']');
  frame = await h.waitFor(/S› 250-PIPELINING/);
  assert.doesNotMatch(frame, /S› 250-mx/);
  await h.press('t');
  frame = await h.waitFor(/The same check with standard tools: ehlo/);
  assert.match(frame, /\$ swaks --server mx\.example\.com:25 --ehlo/);
  await h.press(ESC);
  await h.waitFor(/S› 250-PIPELINING/);
  h.unmount();
});

test('enter that accepts a search is not also a step key: the step does not run again', async () => {
  const spy = spyController({ session: sessionFixture() });
  const h = await app(spy);
  await h.waitFor(/STARTTLS/);
  await h.press('/');
  await h.waitFor(/enter find/);
  await h.press('STARTTLS');
  await h.waitFor(/\/STARTTLS/);
  await h.press(ENTER);
  await h.waitFor(/n\/N match/);
  assert.deepEqual(spy.runs, [], 'the Enter went to the search only');
  h.unmount();
});
