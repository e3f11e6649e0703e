import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { replyKind } from '../../source/diagnosis/reply-kinds.js';
import {
  decodeBase64Word,
  imapResponses,
  pop3Responses,
  smtpReplies,
} from '../../source/diagnosis/transcript.js';
import { SessionBuilder } from './build-session.js';

describe('smtpReplies', () => {
  it('joins multi-line replies, pairs pipelined commands in order, and skips the message body', () => {
    const b = new SessionBuilder();
    b.note('connect', 'connecting to 192.0.2.10 port 25');
    b.server('banner', '220 mail.example.test ESMTP');
    b.client('ehlo', 'EHLO client.example.test');
    b.server('ehlo', '250-mail.example.test', '250-PIPELINING', '250 8BITMIME');
    b.client('send', 'MAIL FROM:<a@example.test>');
    b.client('send', 'RCPT TO:<b@example.test>');
    b.client('send', 'DATA');
    b.server('send', '250 2.1.0 Ok', '250 2.1.5 Ok', '354 End data with <CR><LF>.<CR><LF>');
    b.client('send', 'Subject: 550 5.1.1 looks like a reply but is the body');
    b.client('send', '.');
    b.server(
      'send',
      '550-5.7.26 This mail is unauthenticated, which poses a security risk',
      '550 5.7.26 to the sender and Gmail users.',
    );
    const replies = smtpReplies(b.build());
    assert.deepEqual(
      replies.map((r) => [r.code, r.command?.verb ?? '(greeting)', r.lines.length]),
      [
        [220, '(greeting)', 1],
        [250, 'EHLO', 3],
        [250, 'MAIL', 1],
        [250, 'RCPT', 1],
        [354, 'DATA', 1],
        [550, 'DATA-END', 2],
      ],
    );
    const last = replies.at(-1)!;
    assert.equal(last.enhanced, '5.7.26');
    assert.equal(
      last.text,
      'This mail is unauthenticated, which poses a security risk to the sender and Gmail users.',
    );
  });

  it('calls the answers to 334 challenges AUTH-RESPONSE, and starts over on a new connection', () => {
    const b = new SessionBuilder();
    b.client('auth', 'AUTH LOGIN');
    b.server('auth', '334 VXNlcm5hbWU6');
    b.client('auth', '********', true);
    b.server('auth', '334 UGFzc3dvcmQ6');
    b.client('auth', '********', true);
    b.server('auth', '235 2.7.0 Authentication successful');
    b.client('send', 'QUIT');
    b.note('connect', 'connecting to 192.0.2.11 port 25');
    b.server('banner', '220 mx2.example.test ESMTP');
    const replies = smtpReplies(b.build());
    assert.deepEqual(
      replies.map((r) => [r.code, r.command?.verb]),
      [
        [334, 'AUTH'],
        [334, 'AUTH-RESPONSE'],
        [235, 'AUTH-RESPONSE'],
        [220, undefined],
      ],
    );
    assert.equal(replies[2]!.command?.secret, true);
  });
});

describe('mailbox responses', () => {
  it('POP3: status lines only, not the lines of a multi-line answer', () => {
    const b = new SessionBuilder();
    b.server('pop3', '+OK Dovecot ready.');
    b.client('pop3', 'RETR 1');
    b.server('pop3', '+OK 120 octets', '-ERR this line is in the message body', '.');
    b.client('pop3', 'LIST 1');
    b.server('pop3', '+OK 1 120');
    b.client('pop3', 'DELE 9');
    b.server('pop3', '-ERR [SYS/PERM] no such message');
    const r = pop3Responses(b.build());
    assert.deepEqual(
      r.map((x) => [x.status, x.code ?? '', x.command?.verb ?? '']),
      [
        ['+OK', '', ''],
        ['+OK', '', 'RETR'],
        ['+OK', '', 'LIST'],
        ['-ERR', 'SYS/PERM', 'DELE'],
      ],
    );
  });

  it('IMAP: tagged responses find their command by tag', () => {
    const b = new SessionBuilder();
    b.server('imap', '* OK [CAPABILITY IMAP4rev1] ready');
    b.client('imap', 'a1 LOGIN "u" ********', true);
    b.client('imap', 'a2 NOOP');
    b.server('imap', 'a2 OK NOOP completed', 'a1 NO [AUTHENTICATIONFAILED] Authentication failed.');
    const r = imapResponses(b.build());
    assert.deepEqual(
      r.map((x) => [x.status, x.code ?? '', x.command?.verb ?? '', x.untagged === true]),
      [
        ['OK', 'CAPABILITY', '', true],
        ['OK', '', 'NOOP', false],
        ['NO', 'AUTHENTICATIONFAILED', 'LOGIN', false],
      ],
    );
  });
});

describe('reply kinds', () => {
  const kind = (line: string, verb = 'RCPT') => {
    const b = new SessionBuilder();
    b.client('send', verb === 'RCPT' ? 'RCPT TO:<x@example.test>' : verb);
    b.server('send', line);
    return replyKind(smtpReplies(b.build())[0]!);
  };

  it('gives each refusal one kind, the most specific first', () => {
    assert.equal(kind('554 5.7.1 <x@elsewhere.test>: Relay access denied'), 'relay-denied');
    assert.equal(
      kind('554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org'),
      'blocklisted',
    );
    assert.equal(kind('552 5.2.2 <x@example.test>: Mailbox full'), 'mailbox-full');
    assert.equal(kind('452 4.2.2 Quota exceeded (mailbox for user is full)'), 'mailbox-full');
    assert.equal(kind('552 5.3.4 Message size exceeds fixed limit', '.'), 'too-large');
    assert.equal(
      kind(
        '550 5.1.1 <x@example.test>: Recipient address rejected: User unknown in virtual mailbox table',
      ),
      'recipient-unknown',
    );
    assert.equal(
      kind('421 4.7.28 Gmail has detected an unusual rate of email, rate limited'),
      'rate-limited',
    );
    assert.equal(
      kind(
        '450 4.2.0 <x>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.test.html',
      ),
      'greylisted',
    );
    assert.equal(
      kind('550 5.7.1 <x@example.test>: Recipient address rejected: Access denied'),
      undefined,
    );
  });

  it('gives no kind to a success, even one that mentions relaying or a size', () => {
    assert.equal(kind('250 2.1.5 Ok, relay permitted'), undefined);
    assert.equal(kind('250 2.0.0 Ok: queued, message size within limit', '.'), undefined);
  });
});

describe('decodeBase64Word', () => {
  it('decodes printable base64 and refuses the rest', () => {
    assert.equal(decodeBase64Word('VXNlcm5hbWU6'), 'Username:');
    assert.equal(decodeBase64Word('UGFzc3dvcmQ6'), 'Password:');
    assert.equal(decodeBase64Word('hello'), undefined);
    assert.equal(decodeBase64Word('AAAA'), undefined);
  });
});
