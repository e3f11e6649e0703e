import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatOf, renderReport } from '../../source/report/index.js';
import { renderText, ANSI_STYLE } from '../../source/report/text.js';
import { SessionRecorder } from '../../source/record/recorder.js';
import { redactIdentities } from '../../source/record/redaction.js';
import type { Session } from '../../source/record/types.js';

const hostileSession = (): Session => {
  const r = new SessionRecorder(
    { input: 'bob@example.org', domain: 'example.org' },
    { version: '1.2.3', now: () => 1_000 },
  );
  r.beginStep('banner');
  r.server(
    'banner',
    '220 <script>alert(1)</script> ![x](http://evil/) `code` mx.example.org [203.0.113.9] \x1b[2J',
    {
      explanation: 'a <b>bold</b> claim',
    },
  );
  r.endStep('banner', 'ok', 'greeting from mx.example.org');
  r.setFindings([
    {
      id: 'banner.test',
      severity: 'warning',
      title: 'Title with <tags> & *stars*',
      explanation: 'x',
      evidence: [0],
      next: ['try `ls`'],
    },
  ]);
  return r.session;
};

test('the format follows the extension', () => {
  assert.equal(formatOf('a/b/report.MD'), 'md');
  assert.equal(formatOf('r.html'), 'html');
  assert.equal(formatOf('r.json'), 'json');
  assert.equal(formatOf('r.txt'), 'txt');
  assert.equal(formatOf('r.pdf'), undefined);
});

test('HTML: every text from the session is escaped; no script, no external resource', () => {
  const html = renderReport(hostileSession(), 'html');
  assert.ok(!html.includes('<script>'));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('<b>bold</b>'));
  assert.ok(html.includes('&lt;tags&gt; &amp; *stars*'));
  assert.ok(!/src=|href=/.test(html));
  assert.ok(!html.includes('\x1b'));
});

test('Markdown: server text stays inside code fences, findings are escaped', () => {
  const md = renderReport(hostileSession(), 'md');
  const fenceOpen = md.indexOf('```', md.indexOf('### banner'));
  const line = md.indexOf('S: 220 <script>', fenceOpen);
  assert.ok(fenceOpen > 0 && line > fenceOpen, 'the reply is inside a fence');
  assert.match(md, /Title with \\<tags\\> \\& \\\*stars\\\*/);
  assert.ok(!md.includes('\x1b'));
});

test('JSON round-trips and text has colour only when asked', () => {
  const session = hostileSession();
  assert.deepEqual(JSON.parse(renderReport(session, 'json')), session);
  assert.ok(!renderReport(session, 'txt').includes('\x1b['));
  assert.ok(renderText(session, ANSI_STYLE).includes('\x1b['));
});

test('--redact-identities masks addresses, host names and IPs consistently, nothing else', () => {
  const redacted = redactIdentities(hostileSession());
  const text = JSON.stringify(redacted);
  for (const identity of ['bob@example.org', 'mx.example.org', '203.0.113.9', 'example.org']) {
    assert.ok(!text.includes(identity), `${identity} still visible`);
  }
  assert.equal(redacted.schema, 'mailmedic.session/1');
  assert.equal(redacted.tool.version, '1.2.3');
  assert.equal(redacted.target.input, 'user-1@redacted.invalid');
  // The same host gets the same alias everywhere.
  const host = /host-\d+\.redacted\.invalid/.exec(redacted.steps[0]!.summary)?.[0];
  assert.ok(host && redacted.transcript[0]!.text.includes(host));
  assert.match(redacted.transcript[0]!.text, /^220 /, 'protocol text stays readable');
});

test('redaction leaves times and protocol words alone and catches IPv6 forms', () => {
  const r = new SessionRecorder({ input: 'x' }, { version: '1' });
  r.server(
    'pop3',
    'for <a@b.example>; Sun, 22 Nov 2026 18:01:52 +0000 (UTC) from [2001:db8::25] and ::1 and fe80:0:0:0:0:0:0:1',
  );
  const text = redactIdentities(r.session).transcript[0]!.text;
  assert.match(text, /Sun, 22 Nov 2026 18:01:52 \+0000 \(UTC\)/);
  assert.ok(!text.includes('2001:db8::25') && !text.includes('fe80:0:0:0:0:0:0:1'), text);
  assert.match(text, /\[ip-\d+\] and ip-\d+ and ip-\d+/);
});
