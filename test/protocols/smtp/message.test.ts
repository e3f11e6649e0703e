import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../source/protocols/common/errors.js';
import { encodeMessage } from '../../../source/protocols/smtp/commands.js';
import type { TestMessage } from '../../../source/protocols/smtp/message.js';
import {
  buildTestMessage,
  parseHeader,
  rfc5322Date,
} from '../../../source/protocols/smtp/message.js';

const base: TestMessage = {
  from: 'alice@example.org',
  to: ['bob@example.net', 'carol@example.net'],
  messageId: '<mailmedic.abc123@client.example>',
  date: new Date(Date.UTC(2026, 10, 22, 17, 35, 0)),
};

describe('rfc5322Date', () => {
  it('formats as RFC 5322 with a numeric zone', () => {
    assert.equal(rfc5322Date(base.date), 'Sun, 22 Nov 2026 17:35:00 +0000');
    assert.equal(
      rfc5322Date(new Date(Date.UTC(2026, 0, 5, 3, 4, 5))),
      'Mon, 05 Jan 2026 03:04:05 +0000',
    );
  });
});

describe('parseHeader', () => {
  const good: Array<[string, string, string]> = [
    ['Subject: hello', 'Subject', 'hello'],
    ['Subject:hello', 'Subject', 'hello'],
    ['X-Test:\tvalue', 'X-Test', 'value'],
    ['X-Empty:', 'X-Empty', ''],
    ['Reply-To: a@b: c', 'Reply-To', 'a@b: c'],
  ];
  for (const [line, name, value] of good) {
    it(JSON.stringify(line), () => assert.deepEqual(parseHeader(line), { name, value }));
  }
  for (const bad of [
    'no colon',
    ': no name',
    'Bad Name: x',
    'Subject: x\r\nBcc: victim@example.com',
    'Subject: x\nBcc: y',
    'A: \0',
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.throws(
        () => parseHeader(bad),
        (e: unknown) => e instanceof InputError && e.field === 'header',
      );
    });
  }
});

describe('buildTestMessage', () => {
  it('default headers, a blank line, the default body', () => {
    const text = buildTestMessage(base);
    const [head, body] = text.split('\r\n\r\n');
    assert.deepEqual(head!.split('\r\n'), [
      'From: <alice@example.org>',
      'To: <bob@example.net>, <carol@example.net>',
      'Subject: mailmedic test message',
      'Date: Sun, 22 Nov 2026 17:35:00 +0000',
      'Message-ID: <mailmedic.abc123@client.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'X-Mailer: mailmedic',
    ]);
    assert.match(body!, /Message-ID: <mailmedic\.abc123@client\.example>/);
  });

  it('the same inputs give the same bytes', () => {
    assert.equal(buildTestMessage(base), buildTestMessage({ ...base }));
  });

  it('user headers override defaults of the same name, case-insensitively', () => {
    const text = buildTestMessage({ ...base, headers: ['subject: mine', 'X-Extra: 1'] });
    assert.ok(!text.includes('Subject: mailmedic test message'));
    assert.ok(text.includes('subject: mine\r\nX-Extra: 1\r\n\r\n'));
  });

  it('subject and body are taken as given', () => {
    const text = buildTestMessage({ ...base, subject: 'Hi', body: 'line\n.dot\n' });
    assert.ok(text.includes('Subject: Hi\r\n'));
    assert.ok(text.endsWith('\r\n\r\nline\n.dot\n'));
    // Once encoded for DATA the dot line is stuffed and nothing ends the data early.
    assert.ok(encodeMessage(text).bytes.toString().endsWith('\r\nline\r\n..dot\r\n.\r\n'));
  });

  it('the null sender shows as <>', () => {
    assert.ok(buildTestMessage({ ...base, from: '' }).startsWith('From: <>\r\n'));
  });

  const injections: Array<[string, Partial<TestMessage>]> = [
    ['subject', { subject: 'x\r\nBcc: victim@example.com' }],
    ['from', { from: 'a@b>\r\nBcc: victim@example.com' }],
    ['to', { to: ['b@c>\nBcc: victim@example.com'] }],
    ['message id', { messageId: '<a@b>\r\nX: y' }],
    ['header', { headers: ['X-A: 1\r\nBcc: v@example.com'] }],
  ];
  for (const [name, override] of injections) {
    it(`a line break in the ${name} cannot add a header`, () => {
      assert.throws(
        () => buildTestMessage({ ...base, ...override }),
        (e: unknown) => e instanceof InputError,
      );
    });
  }
});
