// The one-line descriptions and lookups others call from transcripts and reports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeImapResponse,
  describePop3Response,
  describeSmtpReply,
  dnsOutcome,
  dnsOutcomeName,
  enhancedCode,
  explainSmtpCode,
  imapCapability,
  parseImapLine,
  parsePop3Line,
  pop3Capability,
  smtpBasicCode,
  smtpExtension,
} from '../../source/knowledge/index.js';

describe('describeSmtpReply', () => {
  it('uses the basic code for a plain success', () => {
    assert.equal(describeSmtpReply({ code: 250, text: 'Ok' }), '250: requested action completed');
    assert.equal(
      describeSmtpReply({ code: 250, text: '2.0.0 Ok: queued as 4Xyz' }),
      '250 2.0.0: requested action completed',
    );
  });

  it('prefers the enhanced code, then names a vendor match', () => {
    assert.equal(
      describeSmtpReply({
        code: 550,
        enhanced: '5.7.1',
        text: '5.7.1 <bob@example.com>: Relay access denied',
      }),
      '550 5.7.1: delivery not authorized, message refused (Postfix: relay access denied)',
    );
    assert.equal(
      describeSmtpReply({
        code: 550,
        text: '5.1.1 <x@example.com>: Recipient address rejected: User unknown in local recipient table',
      }),
      '550 5.1.1: bad destination mailbox: the recipient address does not exist here (Postfix: user unknown)',
    );
  });

  it('joins multi-line text as SmtpReply.lines would give it', () => {
    const text = [
      '5.7.9 Application-specific password required. Learn more at',
      '5.7.9 https://support.google.com/mail/?p=InvalidSecondFactor',
    ].join('\n');
    assert.equal(
      describeSmtpReply({ code: 534, enhanced: '5.7.9', text }),
      '534 5.7.9: the authentication mechanism is too weak for this server (Gmail: app password required)',
    );
  });

  it('trusts the vendor over the registry where the vendor reuses a code', () => {
    const line = describeSmtpReply({
      code: 421,
      enhanced: '4.7.27',
      text: "4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message.",
    });
    assert.match(line, /^421 4\.7\.27: Gmail requires SPF/);
  });

  it('never throws, whatever it is given', () => {
    assert.equal(
      describeSmtpReply({ code: Number.NaN, text: '' }),
      'NaN: not a valid SMTP reply code',
    );
    assert.equal(typeof describeSmtpReply({ code: 599, text: '\u001b]0;x\u0007' }), 'string');
    assert.doesNotThrow(() =>
      describeSmtpReply(undefined as unknown as { code: number; text: string }),
    );
  });
});

describe('SMTP code lookups', () => {
  it('explains unregistered codes by their digits', () => {
    assert.equal(smtpBasicCode(559), undefined);
    const e = explainSmtpCode(559);
    assert.equal(e?.registered, false);
    assert.equal(e?.className, 'permanent negative completion');
    assert.equal(e?.category, 'mail system');
    assert.equal(explainSmtpCode(199), undefined);
  });

  it('falls back to class and subject for unregistered enhanced details', () => {
    const e = enhancedCode('5.7.606');
    assert.equal(e?.registered, false);
    assert.equal(e?.class, 'Permanent failure');
    assert.equal(e?.subject, 'Security or policy status');
    assert.match(e?.summary ?? '', /detail 606 is not in the IANA registry/);
    assert.ok((e?.summary.length ?? 0) <= 100);
  });

  it('rejects what is not an enhanced code', () => {
    for (const text of ['5.7', '3.1.1', '5.7.1.2', 'five', ''])
      assert.equal(enhancedCode(text), undefined, text);
  });

  it('adds what the class means to a registered detail', () => {
    assert.match(enhancedCode('4.2.2')?.detail ?? '', /temporary/);
    assert.match(enhancedCode('5.2.2')?.detail ?? '', /permanent/);
  });
});

describe('POP3 and IMAP lines', () => {
  it('parses POP3 status lines', () => {
    assert.deepEqual(parsePop3Line('-ERR [SYS/TEMP] try later'), {
      status: '-ERR',
      code: 'SYS/TEMP',
      text: 'try later',
    });
    assert.deepEqual(parsePop3Line('+OK'), { status: '+OK', text: '' });
    assert.equal(parsePop3Line('OK fine'), undefined);
  });

  it('describes POP3 responses', () => {
    assert.equal(describePop3Response('+OK Dovecot ready.'), '+OK: success: the command worked');
    assert.equal(
      describePop3Response('-ERR [IN-USE] Mailbox is locked by another POP3 session'),
      '-ERR [IN-USE]: mailbox in use: another session has it locked',
    );
    assert.equal(
      describePop3Response(
        '-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.',
      ),
      '-ERR [AUTH]: authentication failed: the credentials (or the way they were sent) are wrong (Dovecot: plaintext login refused without TLS)',
    );
    assert.equal(
      describePop3Response('-ERR [SYS/TEMP/DB] down'),
      "-ERR [SYS/TEMP/DB]: a temporary system problem on the server, not the user's fault",
    );
    assert.match(describePop3Response('hello'), /^not a POP3 status line/);
  });

  it('parses IMAP lines', () => {
    assert.deepEqual(parseImapLine('a1 NO [AUTHENTICATIONFAILED] Authentication failed.'), {
      tag: 'a1',
      status: 'NO',
      code: 'AUTHENTICATIONFAILED',
      codeText: 'AUTHENTICATIONFAILED',
      text: 'Authentication failed.',
    });
    assert.equal(parseImapLine('* 23 EXISTS')?.data, 'EXISTS');
    assert.equal(parseImapLine('a1 BYE nonsense'), undefined);
  });

  it('describes IMAP responses, tagged and untagged', () => {
    assert.equal(
      describeImapResponse('a1 NO [AUTHENTICATIONFAILED] Authentication failed.'),
      'NO [AUTHENTICATIONFAILED]: authentication failed: wrong user name or password (Dovecot: authentication failed)',
    );
    assert.equal(
      describeImapResponse('* OK [UIDVALIDITY 3857529045] UIDs valid'),
      "* OK [UIDVALIDITY]: the mailbox's UID validity value",
    );
    assert.equal(
      describeImapResponse('a2 OK Logged in'),
      'OK: success (tagged), or information from the server (untagged)',
    );
    assert.equal(
      describeImapResponse('* 23 EXISTS'),
      '* EXISTS: the number of messages in the selected mailbox',
    );
    assert.equal(
      describeImapResponse('+ idling'),
      '+: continuation request: the server waits for more data from the client',
    );
    assert.equal(
      describeImapResponse('* BYE Disconnected for inactivity.'),
      '* BYE: the server is closing the connection (Dovecot: disconnected for inactivity)',
    );
  });
});

describe('capabilities and DNS', () => {
  it('reads EHLO lines, including the old AUTH= form', () => {
    assert.equal(smtpExtension('SIZE 35882577')?.name, 'SIZE');
    assert.equal(smtpExtension('AUTH=LOGIN PLAIN')?.name, 'AUTH');
    assert.equal(smtpExtension('8bitmime')?.name, '8BITMIME');
    assert.equal(smtpExtension('X-UNKNOWN-THING'), undefined);
  });

  it('reads POP3 CAPA lines', () => {
    assert.equal(pop3Capability('SASL PLAIN LOGIN')?.name, 'SASL');
    assert.equal(pop3Capability('IMPLEMENTATION Dovecot')?.name, 'IMPLEMENTATION');
  });

  it('matches IMAP families but prefers exact names', () => {
    assert.equal(imapCapability('auth=xoauth2')?.name, 'AUTH=*');
    assert.equal(imapCapability('SORT=DISPLAY')?.name, 'SORT=DISPLAY');
    assert.equal(imapCapability('QUOTA=RES-STORAGE')?.name, 'QUOTA=RES-*');
    assert.equal(imapCapability('imap4rev1')?.name, 'IMAP4rev1');
    assert.equal(imapCapability('AUTH='), undefined);
  });

  it('names DNS outcomes', () => {
    assert.match(dnsOutcome('nxdomain').summary, /does not exist/);
    assert.match(dnsOutcome('nodata').detail, /implicit MX/);
    assert.equal(dnsOutcomeName('NOERROR'), 'answer');
    assert.equal(dnsOutcomeName('ETIMEOUT'), 'timeout');
    assert.equal(dnsOutcomeName('banana'), undefined);
  });
});

describe('success replies are described as successes (lead additions)', () => {
  for (const [code, enhanced, text, expected] of [
    [
      235,
      '2.7.0',
      'Authentication successful',
      /^235 2\.7\.0: authentication (succeeded|successful)/i,
    ],
    [250, '2.1.0', 'Ok', /^250 2\.1\.0: requested (mail )?action (okay|completed)/i],
    [
      250,
      '2.0.0',
      'Ok: queued as 62D6820C4E1',
      /^250 2\.0\.0: requested (mail )?action (okay|completed)/i,
    ],
    [250, '2.1.5', 'Ok', /^250 2\.1\.5: .*valid/i],
  ] as const) {
    it(`${code} ${enhanced} ${text}`, () => {
      const line = describeSmtpReply({ code, enhanced, text });
      assert.match(line, expected);
      assert.doesNotMatch(line, /refus|denied|fail/i);
    });
  }
});
