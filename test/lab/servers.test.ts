// The lab's own servers, piece by piece: the zone's answers (NXDOMAIN, NODATA, null MX), the IMAP
// tokenizer's refusal of literals, the certificates' dates and names, the line bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { answer } from '../../source/lab/dns-server.js';
import { buildZone, reverseName } from '../../source/lab/zone.js';
import { tokenize } from '../../source/lab/imap-server.js';
import { makeLabCertificates } from '../../source/lab/certificates.js';
import { LineReader, MAX_LINE } from '../../source/lab/lines.js';

const zone = (world: Parameters<typeof buildZone>[0]['world']) =>
  buildZone({
    world,
    domain: 'practice.test',
    mailHost: 'mail.practice.test',
    addresses: ['127.0.0.1', '::1'],
  });

test('the healthy zone: MX, A, AAAA, PTR both ways, SPF, DMARC, MTA-STS, TLS-RPT', () => {
  const z = zone('healthy');
  assert.deepEqual(
    answer(z, 'practice.test', 15).answers.map((a) => a.exchange),
    ['mail.practice.test'],
  );
  assert.deepEqual(
    answer(z, 'MAIL.practice.test.', 1).answers.map((a) => a.address),
    ['127.0.0.1'],
  );
  assert.deepEqual(
    answer(z, 'mail.practice.test', 28).answers.map((a) => a.address),
    ['::1'],
  );
  assert.equal(answer(z, reverseName('127.0.0.1'), 12).answers[0]?.domain, 'mail.practice.test');
  assert.equal(answer(z, reverseName('::1'), 12).answers[0]?.domain, 'mail.practice.test');
  const txt = (name: string) => answer(z, name, 16).answers.map((a) => String(a.data));
  assert.deepEqual(txt('practice.test'), ['v=spf1 mx -all']);
  assert.match(txt('_dmarc.practice.test')[0]!, /^v=DMARC1; p=quarantine/);
  assert.match(txt('_mta-sts.practice.test')[0]!, /^v=STSv1; id=/);
  assert.match(txt('_smtp._tls.practice.test')[0]!, /^v=TLSRPTv1; rua=mailto:/);
});

test('unknown names are NXDOMAIN with the SOA; a known name without the type is NODATA', () => {
  const z = zone('healthy');
  assert.deepEqual(answer(z, 'nothing.practice.test', 1), { rcode: 3, answers: [], soa: true });
  assert.deepEqual(answer(z, 'mail.practice.test', 15), { rcode: 0, answers: [], soa: true });
});

test('the broken worlds: no MX, null MX, an MX whose host has no address', () => {
  assert.equal(answer(zone('no-mx'), 'practice.test', 15).answers.length, 0);
  assert.equal(answer(zone('no-mx'), 'practice.test', 1).answers.length, 0);
  const nullMx = answer(zone('null-mx'), 'practice.test', 15).answers;
  assert.deepEqual(
    nullMx.map((a) => [a.priority, a.exchange]),
    [[0, '']],
  );
  assert.equal(
    answer(zone('broken-mx'), 'practice.test', 15).answers[0]?.exchange,
    'mail.practice.test',
  );
  assert.equal(answer(zone('broken-mx'), 'mail.practice.test', 1).rcode, 3);
});

test('IMAP arguments: atoms, quoted strings with escapes, lists; a literal is refused', () => {
  assert.deepEqual(tokenize('LOGIN "stu\\"dent" pass'), ['LOGIN', 'stu"dent', 'pass']);
  assert.deepEqual(tokenize('FETCH 1 (UID BODY.PEEK[HEADER])'), [
    'FETCH',
    '1',
    '(',
    'UID',
    'BODY.PEEK[HEADER]',
    ')',
  ]);
  assert.equal(tokenize('LOGIN {7}'), undefined);
});

test('certificates: the good one verifies, the expired one ended yesterday, the wrong one names another host', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const certs = makeLabCertificates(['mail.practice.test', '127.0.0.1'], 'www.hosting.test', now);
  const ca = new X509Certificate(certs.ca.cert);
  const good = new X509Certificate(certs.good.cert);
  const expired = new X509Certificate(certs.expired.cert);
  const wrong = new X509Certificate(certs.wrongName.cert);
  for (const c of [good, expired, wrong]) assert.ok(c.verify(ca.publicKey), 'signed by the lab CA');
  assert.ok(ca.ca && !good.ca);
  assert.ok(good.checkHost('mail.practice.test'));
  assert.ok(good.checkIP('127.0.0.1'));
  assert.equal(wrong.checkHost('mail.practice.test'), undefined);
  assert.ok(new Date(expired.validTo) < now && new Date(good.validTo) > now);
});

test('a line longer than the bound ends the connection instead of growing a buffer', () => {
  const lines: string[] = [];
  let tooLong = 0;
  const reader = new LineReader(
    (l) => lines.push(l),
    () => (tooLong += 1),
  );
  reader.push(Buffer.from('EHLO a\r\nNOOP\nhalf'));
  assert.deepEqual(lines, ['EHLO a', 'NOOP']);
  reader.push(Buffer.alloc(MAX_LINE + 1, 0x41));
  assert.equal(tooLong, 1);
});
