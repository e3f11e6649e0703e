// The knowledge base covers the registries it claims to, and every entry is complete. The lists
// here are written out independently of the data files, from the RFCs and the IANA registries,
// so a missing or invented entry in the data shows up as a failure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DNS_OUTCOMES,
  ENHANCED_CLASSES,
  ENHANCED_CODES,
  ENHANCED_SUBJECTS,
  IMAP_CAPABILITIES,
  IMAP_RESPONSE_CODES,
  IMAP_STATUS,
  POP3_CAPABILITIES,
  POP3_RESPONSE_CODES,
  POP3_STATUS,
  SMTP_EXTENSIONS,
  SMTP_REPLY_CODES,
  VENDOR_PATTERNS,
  dnsOutcome,
  explain,
  enhancedCode,
  imapCapability,
  imapResponseCode,
  pop3Capability,
  pop3ResponseCode,
  smtpBasicCode,
  smtpExtension,
} from '../../source/knowledge/index.js';
import type { DnsOutcomeName, KnowledgeEntry } from '../../source/knowledge/index.js';

// RFC 5321 §4.2 plus AUTH (RFC 4954), STARTTLS (RFC 3207), SIZE (RFC 1870), ETRN (RFC 1985)
// and RFC 7504.
const BASIC_CODES = [
  211, 214, 220, 221, 235, 250, 251, 252, 253, 334, 354, 421, 432, 450, 451, 452, 454, 455, 458,
  459, 500, 501, 502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556,
];

// IANA "SMTP Enhanced Status Codes", Enumerated Status Codes (registry updated 2024-12-06).
// prettier-ignore
const IANA_ENHANCED = [
  'X.0.0',
  'X.1.0', 'X.1.1', 'X.1.2', 'X.1.3', 'X.1.4', 'X.1.5', 'X.1.6', 'X.1.7', 'X.1.8', 'X.1.9', 'X.1.10',
  'X.2.0', 'X.2.1', 'X.2.2', 'X.2.3', 'X.2.4',
  'X.3.0', 'X.3.1', 'X.3.2', 'X.3.3', 'X.3.4', 'X.3.5', 'X.3.6',
  'X.4.0', 'X.4.1', 'X.4.2', 'X.4.3', 'X.4.4', 'X.4.5', 'X.4.6', 'X.4.7',
  'X.5.0', 'X.5.1', 'X.5.2', 'X.5.3', 'X.5.4', 'X.5.5', 'X.5.6',
  'X.6.0', 'X.6.1', 'X.6.2', 'X.6.3', 'X.6.4', 'X.6.5', 'X.6.6', 'X.6.7', 'X.6.8', 'X.6.9', 'X.6.10',
  'X.7.0', 'X.7.1', 'X.7.2', 'X.7.3', 'X.7.4', 'X.7.5', 'X.7.6', 'X.7.7', 'X.7.8', 'X.7.9', 'X.7.10',
  'X.7.11', 'X.7.12', 'X.7.13', 'X.7.14', 'X.7.15', 'X.7.16', 'X.7.17', 'X.7.18', 'X.7.19', 'X.7.20', 'X.7.21',
  'X.7.22', 'X.7.23', 'X.7.24', 'X.7.25', 'X.7.26', 'X.7.27', 'X.7.28', 'X.7.29', 'X.7.30',
];

// IANA "POP3 Response Codes": RFC 2449, RFC 3206, RFC 6856.
const POP3_CODES = ['IN-USE', 'LOGIN-DELAY', 'SYS/TEMP', 'SYS/PERM', 'AUTH', 'UTF8'];

// RFC 3501 §7.1, RFC 5530 §3 and the RFC 9051 additions.
// prettier-ignore
const IMAP_CODES = [
  'ALERT', 'BADCHARSET', 'CAPABILITY', 'PARSE', 'PERMANENTFLAGS', 'READ-ONLY', 'READ-WRITE',
  'TRYCREATE', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'UNAVAILABLE', 'AUTHENTICATIONFAILED',
  'AUTHORIZATIONFAILED', 'EXPIRED', 'PRIVACYREQUIRED', 'CONTACTADMIN', 'NOPERM', 'INUSE',
  'EXPUNGEISSUED', 'CORRUPTION', 'SERVERBUG', 'CLIENTBUG', 'CANNOT', 'LIMIT', 'OVERQUOTA',
  'ALREADYEXISTS', 'NONEXISTENT', 'HASCHILDREN', 'CLOSED', 'UNKNOWN-CTE', 'UIDNOTSTICKY',
  'APPENDUID', 'COPYUID',
];

// IANA "SMTP Service Extensions" plus the vendor keywords people meet in EHLO replies.
// prettier-ignore
const EHLO_KEYWORDS = [
  'SIZE', 'AUTH', 'STARTTLS', 'PIPELINING', '8BITMIME', 'SMTPUTF8', 'CHUNKING', 'BINARYMIME', 'DSN',
  'ENHANCEDSTATUSCODES', 'REQUIRETLS', 'ETRN', 'VRFY', 'EXPN', 'HELP', 'DELIVERBY', 'MTRK',
  'FUTURERELEASE', 'NO-SOLICITING', 'LIMITS', 'BURL', 'MT-PRIORITY', 'RRVS', 'CHECKPOINT', 'CONPERM',
  'CONNEG', 'ATRN', 'SEND', 'SOML', 'SAML', 'TURN', 'VERB', 'ONEX', 'UTF8SMTP', 'XCLIENT',
  'XFORWARD', 'X-EXPS', 'X-LINK2STATE', 'XEXCH50',
];

// IANA "POP3 Capabilities".
// prettier-ignore
const POP3_TAGS = [
  'TOP', 'USER', 'SASL', 'RESP-CODES', 'LOGIN-DELAY', 'PIPELINING', 'EXPIRE', 'UIDL',
  'IMPLEMENTATION', 'STLS', 'AUTH-RESP-CODE', 'UTF8', 'LANG',
];

// IMAP capabilities, including concrete members of the "NAME=*" families.
// prettier-ignore
const IMAP_CAPS = [
  'IMAP4rev1', 'IMAP4rev2', 'STARTTLS', 'LOGINDISABLED', 'AUTH=PLAIN', 'AUTH=XOAUTH2', 'SASL-IR',
  'IDLE', 'NAMESPACE', 'UIDPLUS', 'LITERAL+', 'LITERAL-', 'ID', 'ENABLE', 'CONDSTORE', 'QRESYNC',
  'MOVE', 'SPECIAL-USE', 'UTF8=ACCEPT', 'QUOTA', 'ACL', 'CHILDREN', 'UNSELECT', 'ESEARCH', 'SORT',
  'THREAD=REFERENCES', 'THREAD=ORDEREDSUBJECT', 'COMPRESS=DEFLATE', 'APPENDLIMIT', 'LIST-EXTENDED',
  'LIST-STATUS', 'BINARY', 'CATENATE',
];

const DNS_NAMES: DnsOutcomeName[] = [
  'answer',
  'nodata',
  'nxdomain',
  'servfail',
  'refused',
  'timeout',
  'malformed',
];

const assertComplete = (label: string, entry: KnowledgeEntry): void => {
  assert.ok(entry.summary.trim().length > 0, `${label}: empty summary`);
  assert.ok(
    entry.summary.length <= 100,
    `${label}: summary is ${entry.summary.length} chars: ${entry.summary}`,
  );
  assert.ok(!entry.summary.includes('\n'), `${label}: summary must be one line`);
  assert.ok(entry.detail.trim().length >= 20, `${label}: detail too short`);
  assert.ok(entry.reference.trim().length > 0, `${label}: empty reference`);
};

describe('SMTP reply codes', () => {
  it('has an entry for every code of RFC 5321 and its extensions', () => {
    for (const code of BASIC_CODES) assert.ok(smtpBasicCode(code), `missing basic code ${code}`);
  });

  it('invents no codes beyond those lists', () => {
    const extra = SMTP_REPLY_CODES.map((entry) => entry.code).filter(
      (code) => !BASIC_CODES.includes(code),
    );
    assert.deepEqual(extra, []);
  });

  it('answers undefined for a code no RFC defines', () => {
    assert.equal(smtpBasicCode(599), undefined);
    assert.equal(smtpBasicCode(523), undefined);
  });
});

describe('enhanced status codes', () => {
  it('has an entry for every detail of the IANA registry', () => {
    for (const code of IANA_ENHANCED) {
      for (const cls of ['2', '4', '5']) {
        const found = enhancedCode(`${cls}${code.slice(1)}`);
        assert.ok(found?.registered, `missing ${cls}${code.slice(1)}`);
        assert.equal(found.registryCode, code);
      }
    }
  });

  it('holds exactly the registry, nothing invented', () => {
    assert.deepEqual(ENHANCED_CODES.map((entry) => entry.code).sort(), [...IANA_ENHANCED].sort());
  });

  it('describes the three classes and eight subjects', () => {
    assert.deepEqual(
      ENHANCED_CLASSES.map((entry) => entry.class),
      [2, 4, 5],
    );
    assert.deepEqual(
      ENHANCED_SUBJECTS.map((entry) => entry.subject),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
  });

  it('lists usual basic codes for the security details people meet most', () => {
    const basics = (code: string) =>
      ENHANCED_CODES.find((entry) => entry.code === code)?.basicCodes;
    assert.deepEqual(basics('X.7.8'), [535, 554]);
    assert.deepEqual(basics('X.7.9'), [534]);
    assert.deepEqual(basics('X.7.11'), [524, 538]);
    assert.deepEqual(basics('X.1.10'), [556]);
    assert.deepEqual(basics('X.5.6'), [500]);
  });
});

describe('POP3, IMAP and DNS', () => {
  it('covers the POP3 response codes and status indicators', () => {
    for (const code of POP3_CODES) assert.ok(pop3ResponseCode(code), `missing POP3 code ${code}`);
    assert.deepEqual(
      POP3_STATUS.map((entry) => entry.code),
      ['+OK', '-ERR'],
    );
  });

  it('covers the IMAP response codes and status responses', () => {
    for (const code of IMAP_CODES) assert.ok(imapResponseCode(code), `missing IMAP code ${code}`);
    assert.deepEqual(
      IMAP_STATUS.map((entry) => entry.code),
      ['OK', 'NO', 'BAD', 'PREAUTH', 'BYE'],
    );
  });

  it('covers the DNS outcomes', () => {
    for (const name of DNS_NAMES) assert.equal(dnsOutcome(name).name, name);
  });
});

describe('capabilities', () => {
  it('knows every EHLO keyword', () => {
    for (const keyword of EHLO_KEYWORDS)
      assert.ok(smtpExtension(keyword), `missing EHLO keyword ${keyword}`);
  });

  it('knows every POP3 CAPA tag', () => {
    for (const tag of POP3_TAGS) assert.ok(pop3Capability(tag), `missing CAPA tag ${tag}`);
  });

  it('knows every IMAP capability', () => {
    for (const name of IMAP_CAPS)
      assert.ok(imapCapability(name), `missing IMAP capability ${name}`);
  });
});

describe('every entry is complete', () => {
  const groups: [string, (KnowledgeEntry & { code?: unknown; name?: unknown; id?: unknown })[]][] =
    [
      ['smtp code', SMTP_REPLY_CODES],
      ['enhanced class', ENHANCED_CLASSES],
      ['enhanced subject', ENHANCED_SUBJECTS],
      ['enhanced code', ENHANCED_CODES],
      ['pop3 status', POP3_STATUS],
      ['pop3 code', POP3_RESPONSE_CODES],
      ['imap status', IMAP_STATUS],
      ['imap code', IMAP_RESPONSE_CODES],
      ['dns outcome', DNS_OUTCOMES],
      ['smtp extension', SMTP_EXTENSIONS],
      ['pop3 capability', POP3_CAPABILITIES],
      ['imap capability', IMAP_CAPABILITIES],
      ['vendor pattern', VENDOR_PATTERNS],
    ];
  for (const [label, entries] of groups) {
    it(`${label}: summary <= 100 chars, detail and reference present, keys unique`, () => {
      assert.ok(entries.length > 0);
      const keys = new Set<string>();
      for (const entry of entries) {
        const key = String(entry.code ?? entry.name ?? entry.id ?? entry.summary);
        assert.ok(!keys.has(key), `${label}: duplicate ${key}`);
        keys.add(key);
        assertComplete(`${label} ${key}`, entry);
      }
    });
  }
});

// The vendor topics issue 12 names, each as a reply shaped like the vendor's documented one and
// written here independently of the data file: a topic without a pattern fails here.
// prettier-ignore
const VENDOR_TOPICS: [string, string, string][] = [
  ['Gmail 5.7.26 unauthenticated', 'Gmail', '550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.'],
  ['Gmail 5.7.27 SPF', 'Gmail', "550-5.7.27 Your email has been blocked because the sender's domain didn't pass SPF authentication."],
  ['Gmail 4.7.28 rate limit', 'Gmail', '421-4.7.28 Gmail has detected an unusual rate of email originating from your IP address.'],
  ['Gmail blocked attachment', 'Gmail', '552-5.7.0 This message was blocked because its content presents a potential security issue.'],
  ['Gmail IMAP [ALERT]', 'Gmail', 'A1 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)'],
  ['Gmail IMAP [WEBALERT]', 'Gmail', 'A1 NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1] Web login required.'],
  ['Microsoft 5.7.6xx', 'Microsoft 365', '550 5.7.606 Access denied, banned sending IP [192.0.2.9].'],
  ['Microsoft 5.7.7xx', 'Microsoft 365', '550 5.7.703 Your message can\'t be delivered because messages to x, y and z. Access denied, tenant has exceeded threshold'],
  ['Outlook.com S3150', 'Outlook.com', "550 5.7.1 Unfortunately, messages from [192.0.2.9] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150)."],
  ['Microsoft SendAsDenied', 'Microsoft 365', '554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied'],
  ['Microsoft MaxSubmission', 'Microsoft 365', '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException'],
  ['Microsoft 5.7.139', 'Microsoft 365', '535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully.'],
  ['Microsoft 5.7.57', 'Microsoft 365', '530 5.7.57 Client not authenticated to send mail.'],
  ['Microsoft 5.4.1 DBEB', 'Microsoft 365', '550 5.4.1 Recipient address rejected: Access denied. AS(201806281)'],
  ['Microsoft POP basic auth', 'Microsoft 365', '-ERR Logon failure: unknown user name or bad password.'],
  ['Microsoft IMAP basic auth', 'Microsoft 365', 'A1 NO AUTHENTICATE failed.'],
  ['Yahoo TSS', 'Yahoo', '421 4.7.0 [TSS04] Messages from 192.0.2.9 temporarily deferred due to unexpected volume or user complaints'],
  ['Yahoo PH', 'Yahoo', '554 5.7.9 Message not accepted for policy reasons. [PH01]'],
  ['iCloud CS', 'iCloud', '554 5.7.1 [CS01] Message rejected due to local policy.'],
  ['iCloud Hide My Email', 'iCloud', '550 5.1.1 <x1y2@privaterelay.appleid.com>: recipient rejected'],
  ['Comcast BL', 'Comcast', '554 resimta-ch2-01v.sys.comcast.net comcast 192.0.2.9 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000010'],
  ['Comcast RL', 'Comcast', '421 resimta-ch2-01v.sys.comcast.net comcast 192.0.2.9 Too many sessions opened, see http://postmaster.comcast.net/smtp-error-codes.php#RL000001'],
  ['Proofpoint', 'Proofpoint', '554 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.9'],
  ['Mimecast', 'Mimecast', '550 Rejected by header based Anti-Spoofing policy: bob@example.org'],
  ['Barracuda', 'Barracuda', '554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using b.barracudacentral.org'],
  ['Cisco Secure Email', 'Cisco Secure Email', '452 Too many recipients received this hour'],
  ['Trend Micro', 'Trend Micro', '550 5.7.1 Service unavailable; client [192.0.2.9] blocked using Trend Micro Email Reputation database.'],
  ['Cloudmark', 'Cloudmark', '554 5.7.1 blocked - see https://csi.cloudmark.com/reset-request/?ip=192.0.2.9'],
  ['Spamhaus', 'Spamhaus', '554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using sbl-xbl.spamhaus.org'],
  ['SpamCop', 'SpamCop', '554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using bl.spamcop.net'],
  ['Zimbra', 'Zimbra', 'authentication failed for [bob@example.org] (account.AUTH_FAILED)'],
  ['hMailServer', 'hMailServer', '530 SMTP authentication is required.'],
  ['MDaemon', 'MDaemon', '-ERR Connection refused by Dynamic Screening'],
  ['Cyrus', 'Cyrus', 'A1 NO Login failed: user not found'],
  ['Courier', 'Courier', '546 Routing loop detected -- too many Received: headers.'],
  ['qmail', 'qmail', "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"],
  ['Exim', 'Exim', '550 Unrouteable address'],
  ['Sendmail', 'Sendmail', '550 5.7.1 <bob@example.org>... Relaying denied. Proper authentication required.'],
  ['OpenSMTPD', 'OpenSMTPD', '550 5.7.1 Delivery not authorized: Message is not RFC 2822 compliant'],
  ['GMX', 'GMX', '554-gmx.net (mxgmx001) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is block listed.'],
  ['WEB.DE', 'WEB.DE', '554-web.de (mxweb001) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is block listed.'],
  ['T-Online', 'T-Online', '554 IP=192.0.2.9 - None/bad reputation. Ask your postmaster for help or to contact <postmaster@rx.t-online.de> for reset. (NOWL)'],
  ['Orange', 'Orange', '421 mwinf5c02 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR004_105 [105]'],
  ['Free', 'Free', '421 Too many spams from your IP (192.0.2.9), please visit http://postmaster.free.fr/'],
];

describe('vendor knowledge covers what issue 12 names', () => {
  it('holds at least 150 patterns', () => {
    assert.ok(VENDOR_PATTERNS.length >= 150, `${VENDOR_PATTERNS.length} patterns`);
  });
  for (const [topic, vendor, text] of VENDOR_TOPICS) {
    it(topic, () => {
      const named = explain(text).vendor.map((pattern) => pattern.vendor);
      assert.equal(named[0], vendor, `${text} -> ${named.join(', ') || 'no vendor'}`);
    });
  }
});
