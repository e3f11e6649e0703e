import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  allEquivalents,
  equivalentsFor,
  settingsOf,
  shellQuote,
} from '../../source/report/equivalents.js';
import { renderHtml } from '../../source/report/html.js';
import { renderMarkdown } from '../../source/report/markdown.js';
import { renderReport } from '../../source/report/index.js';
import type { Session } from '../../source/record/types.js';

const fixture = (name: string): Session =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/sessions/${name}.json`, import.meta.url), 'utf8'),
  ) as Session;

const withSettings = (session: Session, settings: Record<string, unknown>): Session => ({
  ...session,
  facts: {
    ...session.facts,
    'run.settings': {
      tls: 'auto',
      insecure: false,
      caFile: true,
      ehlo: 'client.example.test',
      to: ['test@example.test'],
      resolvers: [],
      steps: [],
      ...settings,
    },
  },
});

test('shell quoting: safe words stay, anything else is single-quoted, controls are escaped', () => {
  assert.equal(shellQuote('mail.example.com:587'), 'mail.example.com:587');
  assert.equal(shellQuote('bob@example.com'), 'bob@example.com');
  assert.equal(shellQuote("o'brien@example.com"), `'o'\\''brien@example.com'`);
  assert.equal(shellQuote('$(rm -rf ~)'), `'$(rm -rf ~)'`);
  assert.equal(shellQuote('a;b|c&d`e`'), `'a;b|c&d\`e\`'`);
  assert.equal(shellQuote('x\x1b[2Jy'), `'x\\x1b[2Jy'`);
});

test('each step of a submission has its standard tool, built from the settings', () => {
  const session = withSettings(fixture('real-healthy'), {
    auth: { user: 'test@example.test', mechanism: 'plain' },
    from: 'test@example.test',
    pop3: { host: '127.0.0.1', port: 995, tls: true },
    imap: { host: '127.0.0.1', port: 993, tls: true },
  });
  const tls = equivalentsFor(session, 'tls')[0]!.command;
  assert.equal(
    tls,
    'openssl s_client -starttls smtp -name client.example.test -connect 127.0.0.1:40517 -servername 127.0.0.1 -CAfile "$MAILMEDIC_CA_FILE" -verify_return_error -verify_ip 127.0.0.1 -showcerts',
  );
  const auth = equivalentsFor(session, 'auth')[0]!.command;
  assert.match(
    auth,
    /^swaks --server 127\.0\.0\.1:40517 --ehlo client\.example\.test --tls --tls-verify --tls-ca-path "\$MAILMEDIC_CA_FILE" --auth PLAIN --auth-user test@example\.test --auth-password "\$MAILMEDIC_PASSWORD" --quit-after AUTH$/,
  );
  assert.match(
    equivalentsFor(session, 'send')[0]!.command,
    /--from test@example\.test --to test@example\.test --header 'Subject: mailmedic test message'$/,
  );
  assert.match(
    equivalentsFor(session, 'pop3')[0]!.command,
    /^curl -v --cacert "\$MAILMEDIC_CA_FILE" --user test@example\.test:"\$MAILMEDIC_PASSWORD" pop3s:\/\/127\.0\.0\.1:995\/$/,
  );
  assert.match(
    equivalentsFor(session, 'imap')[0]!.command,
    /imaps:\/\/127\.0\.0\.1:993\/INBOX\?HEADER%20Message-ID%20%3Cmailmedic\./,
  );
  assert.deepEqual(
    allEquivalents(session).map((e) => e.step),
    ['connect', 'banner', 'ehlo', 'tls', 'auth', 'send', 'pop3', 'imap'],
  );
});

test('--insecure, implicit TLS, a DNS target and hostile values', () => {
  const implicit = withSettings(fixture('real-healthy'), {
    insecure: true,
    caFile: false,
    tls: 'implicit',
  });
  implicit.tls = { ...implicit.tls!, mode: 'implicit' };
  const tls = equivalentsFor(implicit, 'tls')[0]!.command;
  assert.doesNotMatch(tls, /-starttls|-verify_return_error|-CAfile/);
  assert.match(equivalentsFor(implicit, 'ehlo')[0]!.command, /--tlsc/);
  const dns = fixture('real-dns-example');
  const digs = equivalentsFor(dns, 'dns').map((e) => e.command);
  assert.ok(digs[0]!.startsWith('dig @127.0.0.1 -p '), digs[0]);
  assert.match(digs[0]!, /\+short MX example\.test$/);
  assert.ok(digs.some((c) => c.endsWith('+short TXT _dmarc.example.test')));
  const hostile = withSettings(fixture('real-healthy'), {
    ehlo: '$(touch /tmp/pwned)',
    auth: { user: "x'; rm -rf / #", mechanism: 'login' },
    to: ['a@b.example', '`id`@c.example'],
  });
  const send = equivalentsFor(hostile, 'send')[0]!.command;
  assert.match(send, /--ehlo '\$\(touch \/tmp\/pwned\)'/);
  assert.match(send, /--auth-user 'x'\\''; rm -rf \/ #'/);
  assert.match(send, /--to 'a@b\.example,`id`@c\.example'/);
});

test('no password in any form, anywhere in the commands or the reports', () => {
  const password = 'S3cr3t-pw';
  const session = withSettings(fixture('real-healthy'), {
    auth: { user: 'test@example.test', mechanism: 'plain' },
  });
  const everything = [
    ...allEquivalents(session).flatMap((e) => e.commands.map((c) => c.command)),
    renderMarkdown(session),
    renderHtml(session),
    renderReport(session, 'txt'),
  ].join('\n');
  for (const form of [password, Buffer.from(password).toString('base64')])
    assert.ok(!everything.includes(form));
  assert.match(everything, /"\$MAILMEDIC_PASSWORD"/);
});

test('a session saved before settings were recorded still gets its EHLO name and envelope', () => {
  const settings = settingsOf(fixture('real-healthy'));
  assert.equal(settings.ehlo, 'client.example.test');
  assert.equal(settings.from, 'test@example.test');
  assert.deepEqual(settings.to, ['test@example.test']);
  assert.deepEqual(settings.auth, { user: '$MAILMEDIC_USER', mechanism: 'plain' });
  assert.match(
    equivalentsFor(fixture('real-healthy'), 'auth')[0]!.command,
    /--auth-user "\$MAILMEDIC_USER"/,
  );
});

test('the Markdown and HTML reports carry the commands, escaped for their format', () => {
  const session = withSettings(fixture('real-healthy'), { ehlo: '<b>x</b>' });
  const md = renderMarkdown(session);
  assert.match(md, /## The same checks with standard tools/);
  assert.match(md, /```sh\nopenssl s_client -starttls smtp -name '<b>x<\/b>'/);
  const html = renderHtml(session);
  assert.match(html, /<pre>openssl s_client -starttls smtp -name &#39;&lt;b&gt;x&lt;\/b&gt;&#39;/);
  assert.doesNotMatch(html, /<b>x<\/b>/);
});
