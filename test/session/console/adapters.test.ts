import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createImapAdapter, splitTag } from '../../../source/session/console/imap-adapter.js';
import { createPop3Adapter } from '../../../source/session/console/pop3-adapter.js';
import { createSmtpAdapter } from '../../../source/session/console/smtp-adapter.js';
import { protocolOfGreeting } from '../../../source/session/console/detect.js';
import type { ConsoleEvent } from '../../../source/session/console/adapter.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const notes = (events: ConsoleEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'note' ? [e.text] : []));

test('the greeting names the protocol; silence or anything else is raw', () => {
  assert.equal(protocolOfGreeting('220 mx.example ESMTP Postfix'), 'smtp');
  assert.equal(protocolOfGreeting('+OK Dovecot ready.'), 'pop3');
  assert.equal(protocolOfGreeting('* OK [CAPABILITY IMAP4rev1] ready'), 'imap');
  assert.equal(protocolOfGreeting('SSH-2.0-OpenSSH_9.2'), 'raw');
});

test('POP3: RETR before login is judged, PASS is masked and a credential', () => {
  const pop3 = createPop3Adapter();
  pop3.receive(b('+OK ready\r\n'));
  assert.match(pop3.whyNot('RETR 1') ?? '', /log in first/);
  assert.deepEqual(pop3.credentials('PASS hunter2'), { kind: 'sends' });
  assert.deepEqual(pop3.credentials('AUTH LOGIN'), { kind: 'helper', mechanism: 'LOGIN' });
  assert.deepEqual(pop3.preview('PASS hunter2'), ['PASS ********']);
  const out = pop3.send('PASS hunter2');
  assert.equal(out.secret, true);
  assert.ok(out.secrets.includes('hunter2'));
  assert.ok(!out.display.join('').includes('hunter2'));
});

test('POP3: a multi-line answer comes whole, with its end marker explained', () => {
  const pop3 = createPop3Adapter();
  pop3.receive(b('+OK ready\r\n'));
  pop3.send('CAPA');
  const events = pop3.receive(b('+OK\r\nUSER\r\nSTLS\r\n.\r\n'));
  const lines = events.find((e) => e.type === 'lines');
  assert.deepEqual(lines?.type === 'lines' && lines.lines, ['+OK', 'USER', 'STLS', '.']);
  assert.ok(notes(events).some((n) => /lone "\." ends/.test(n)));
  assert.equal(pop3.whyNot('STLS'), undefined);
  pop3.send('STLS');
  assert.ok(pop3.receive(b('+OK go\r\n')).some((e) => e.type === 'tls-ready'));
});

test('IMAP: a tag is added and shown, a typed tag is kept, LOGIN passwords masked', () => {
  const imap = createImapAdapter();
  imap.receive(b('* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n'));
  assert.match(imap.whyNot('LOGIN bob secret') ?? '', /LOGINDISABLED/);
  const first = imap.send('CAPABILITY');
  assert.match(first.display[0]!, /^a1 CAPABILITY$/);
  assert.match(first.notes?.[0] ?? '', /tag "a1" added/);
  assert.deepEqual(splitTag('x7 NOOP'), { tag: 'x7', command: 'NOOP' });
  const own = imap.send('x7 NOOP');
  assert.equal(own.display[0], 'x7 NOOP');
  assert.equal(own.notes, undefined);
  const events = imap.receive(b('* CAPABILITY IMAP4rev1\r\na1 OK done\r\nx7 OK noop\r\n'));
  assert.ok(notes(events).some((n) => /"a1 OK" ends the answer to a1/.test(n)));
  assert.deepEqual(imap.preview('LOGIN bob "my secret"'), ['a? LOGIN bob ********']);
});

test('SMTP: RCPT before MAIL held, DATA lines dot-stuffed and shown', () => {
  const smtp = createSmtpAdapter();
  smtp.receive(b('220 mx ESMTP\r\n'));
  smtp.send('EHLO me');
  smtp.receive(b('250-mx\r\n250 AUTH PLAIN\r\n'));
  assert.match(smtp.whyNot('RCPT TO:<a@b>') ?? '', /not valid in state "session"/);
  assert.match(smtp.whyNot('STARTTLS') ?? '', /did not advertise STARTTLS/);
  assert.match(smtp.whyNot('AUTH CRAM-MD5') ?? '', /offers AUTH PLAIN, not CRAM-MD5/);
  smtp.send('MAIL FROM:<a@b>');
  smtp.send('RCPT TO:<c@d>');
  smtp.send('DATA');
  smtp.receive(b('250 ok\r\n250 ok\r\n354 go\r\n'));
  assert.equal(smtp.mode, 'data');
  const stuffed = smtp.send('.hidden');
  assert.equal(stuffed.bytes.toString(), '..hidden\r\n');
  assert.equal(stuffed.display[0], '..hidden');
  assert.match(stuffed.notes?.[0] ?? '', /dot-stuffed/);
  smtp.send('.');
  smtp.receive(b('250 queued\r\n'));
  assert.equal(smtp.mode, 'command');
});
