import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineFramer } from '../../../source/protocols/common/framer.js';
import type { SmtpCapabilities } from '../../../source/protocols/smtp/capabilities.js';
import { emptyCapabilities, parseEhloReply } from '../../../source/protocols/smtp/capabilities.js';
import type { SmtpReply } from '../../../source/protocols/smtp/reply.js';
import { SmtpReplyAssembler } from '../../../source/protocols/smtp/reply.js';
import {
  EXCHANGE_EHLO,
  GMAIL_EHLO,
  GMAIL_EHLO_TLS,
  OFFICE365_EHLO,
  POSTFIX_EHLO,
  POSTFIX_EHLO_PLAIN,
} from './ehlo-fixtures.js';

const toReply = (wire: string): SmtpReply => {
  const framer = new LineFramer();
  const assembler = new SmtpReplyAssembler();
  framer.push(Buffer.from(wire, 'utf8'));
  for (let line = framer.nextLine(); line; line = framer.nextLine()) {
    const reply = assembler.add(line);
    if (reply) return reply;
  }
  throw new Error('incomplete reply');
};

const ehlo = (...lines: string[]): SmtpCapabilities =>
  parseEhloReply(
    toReply(lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}\r\n`).join('')),
  );

const flags = (c: SmtpCapabilities) => ({
  startTls: c.startTls,
  pipelining: c.pipelining,
  eightBitMime: c.eightBitMime,
  smtpUtf8: c.smtpUtf8,
  chunking: c.chunking,
  binaryMime: c.binaryMime,
  dsn: c.dsn,
  enhancedStatusCodes: c.enhancedStatusCodes,
  requireTls: c.requireTls,
});

const none = flags(emptyCapabilities());

describe('parseEhloReply', () => {
  it('first line: server name and greeting', () => {
    const caps = ehlo('mx.example.org Hello client [192.0.2.1]', 'PIPELINING');
    assert.equal(caps.serverName, 'mx.example.org');
    assert.equal(caps.greeting, 'Hello client [192.0.2.1]');
  });

  it('a one-line reply has no extensions', () => {
    const caps = ehlo('mx.example.org');
    assert.equal(caps.serverName, 'mx.example.org');
    assert.equal(caps.greeting, '');
    assert.deepEqual(caps.extensions, []);
    assert.deepEqual(flags(caps), none);
    assert.equal(caps.size, undefined);
  });

  describe('SIZE', () => {
    const cases: Array<[string, number | undefined]> = [
      ['SIZE 35882577', 35882577],
      ['SIZE', 0],
      ['SIZE 0', 0],
      ['size 1000', 1000],
      ['SIZE abc', 0],
      ['SIZE -5', 0],
    ];
    for (const [line, size] of cases) {
      it(line, () => assert.equal(ehlo('x', line).size, size));
    }
    it('absent SIZE is undefined', () => assert.equal(ehlo('x', 'PIPELINING').size, undefined));
  });

  describe('AUTH', () => {
    it('lists mechanisms, upper-cased', () => {
      assert.deepEqual(ehlo('x', 'AUTH PLAIN login CRAM-MD5').auth, ['PLAIN', 'LOGIN', 'CRAM-MD5']);
    });
    it('the legacy AUTH= line alone', () => {
      assert.deepEqual(ehlo('x', 'AUTH=LOGIN PLAIN').auth, ['LOGIN', 'PLAIN']);
    });
    it('both forms together give no duplicates', () => {
      assert.deepEqual(ehlo('x', 'AUTH PLAIN LOGIN', 'AUTH=LOGIN PLAIN XOAUTH2').auth, [
        'PLAIN',
        'LOGIN',
        'XOAUTH2',
      ]);
    });
    it('AUTH= is not an unknown keyword', () => {
      assert.deepEqual(ehlo('x', 'AUTH=LOGIN').unknown, []);
    });
    it('no AUTH means an empty list', () => assert.deepEqual(ehlo('x', 'SIZE').auth, []));
  });

  const single: Array<[string, keyof ReturnType<typeof flags>]> = [
    ['STARTTLS', 'startTls'],
    ['PIPELINING', 'pipelining'],
    ['8BITMIME', 'eightBitMime'],
    ['SMTPUTF8', 'smtpUtf8'],
    ['CHUNKING', 'chunking'],
    ['BINARYMIME', 'binaryMime'],
    ['DSN', 'dsn'],
    ['ENHANCEDSTATUSCODES', 'enhancedStatusCodes'],
    ['REQUIRETLS', 'requireTls'],
  ];
  for (const [keyword, flag] of single) {
    it(`${keyword} sets only ${flag}`, () => {
      assert.deepEqual(flags(ehlo('x', keyword)), { ...none, [flag]: true });
      assert.deepEqual(
        flags(ehlo('x', keyword.toLowerCase())),
        { ...none, [flag]: true },
        'case-insensitive',
      );
    });
  }

  it('unknown keywords are kept with their parameters', () => {
    const caps = ehlo('x', 'X-EXPS GSSAPI NTLM', 'XRDST', 'ETRN', 'DELIVERBY 300');
    assert.deepEqual(caps.unknown, [
      { keyword: 'X-EXPS', params: ['GSSAPI', 'NTLM'] },
      { keyword: 'XRDST', params: [] },
      { keyword: 'ETRN', params: [] },
      { keyword: 'DELIVERBY', params: ['300'] },
    ]);
  });

  it('every line becomes an extension, in order', () => {
    const caps = ehlo('x', 'SIZE 100', 'AUTH=PLAIN', 'PIPELINING');
    assert.deepEqual(caps.extensions, [
      { keyword: 'SIZE', params: ['100'] },
      { keyword: 'AUTH', params: ['PLAIN'] },
      { keyword: 'PIPELINING', params: [] },
    ]);
  });

  it('ignores blank lines and extra whitespace', () => {
    const caps = ehlo('x', '', '  PIPELINING  ', 'AUTH   PLAIN    LOGIN ');
    assert.equal(caps.pipelining, true);
    assert.deepEqual(caps.auth, ['PLAIN', 'LOGIN']);
    assert.equal(caps.extensions.length, 2);
  });

  describe('real servers', () => {
    it('Postfix after STARTTLS (both AUTH forms)', () => {
      const caps = parseEhloReply(toReply(POSTFIX_EHLO));
      assert.equal(caps.serverName, 'mail.example.org');
      assert.equal(caps.size, 10240000);
      assert.deepEqual(caps.auth, ['PLAIN', 'LOGIN']);
      assert.deepEqual(flags(caps), {
        ...none,
        pipelining: true,
        eightBitMime: true,
        smtpUtf8: true,
        chunking: true,
        dsn: true,
        enhancedStatusCodes: true,
      });
      assert.deepEqual(
        caps.unknown.map((u) => u.keyword),
        ['VRFY', 'ETRN'],
      );
    });

    it('Postfix on port 25 offers STARTTLS and no AUTH', () => {
      const caps = parseEhloReply(toReply(POSTFIX_EHLO_PLAIN));
      assert.equal(caps.startTls, true);
      assert.deepEqual(caps.auth, []);
      assert.equal(caps.size, 52428800);
    });

    it('Office 365 submission', () => {
      const caps = parseEhloReply(toReply(OFFICE365_EHLO));
      assert.equal(caps.serverName, 'AM6PR04CA0012.outlook.office365.com');
      assert.equal(caps.greeting, 'Hello [192.0.2.1]');
      assert.equal(caps.size, 157286400);
      assert.deepEqual(caps.auth, ['LOGIN', 'XOAUTH2']);
      assert.deepEqual(flags(caps), {
        ...none,
        pipelining: true,
        eightBitMime: true,
        binaryMime: true,
        smtpUtf8: true,
        chunking: true,
        dsn: true,
        enhancedStatusCodes: true,
      });
      assert.deepEqual(caps.unknown, []);
    });

    it('on-premises Exchange', () => {
      const caps = parseEhloReply(toReply(EXCHANGE_EHLO));
      assert.equal(caps.serverName, 'EXCH01.corp.example.com');
      assert.equal(caps.size, 37748736);
      assert.equal(caps.startTls, true);
      assert.deepEqual(caps.auth, ['NTLM']);
      assert.deepEqual(caps.unknown, [
        { keyword: 'X-ANONYMOUSTLS', params: [] },
        { keyword: 'X-EXPS', params: ['GSSAPI', 'NTLM'] },
        { keyword: 'XRDST', params: [] },
      ]);
    });

    it('Gmail before STARTTLS', () => {
      const caps = parseEhloReply(toReply(GMAIL_EHLO));
      assert.equal(caps.serverName, 'smtp.gmail.com');
      assert.equal(caps.greeting, 'at your service, [192.0.2.1]');
      assert.equal(caps.size, 35882577);
      assert.deepEqual(caps.auth, []);
      assert.deepEqual(flags(caps), {
        ...none,
        startTls: true,
        pipelining: true,
        eightBitMime: true,
        smtpUtf8: true,
        chunking: true,
        enhancedStatusCodes: true,
      });
      assert.deepEqual(caps.unknown, []);
    });

    it('Gmail after STARTTLS', () => {
      const caps = parseEhloReply(toReply(GMAIL_EHLO_TLS));
      assert.equal(caps.startTls, false);
      assert.deepEqual(caps.auth, [
        'LOGIN',
        'PLAIN',
        'XOAUTH2',
        'PLAIN-CLIENTTOKEN',
        'OAUTHBEARER',
        'XOAUTH',
      ]);
    });
  });

  it('emptyCapabilities gives fresh objects', () => {
    const a = emptyCapabilities();
    a.auth.push('PLAIN');
    assert.deepEqual(emptyCapabilities().auth, []);
  });
});
