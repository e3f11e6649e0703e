import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queueIdOf } from '../../../source/protocols/smtp/queue-id.js';

describe('queueIdOf: the common MTAs’ acceptance replies', () => {
  const cases: [string, string, string | undefined][] = [
    ['Postfix', '250 2.0.0 Ok: queued as 3B5F31C0A2D', '3B5F31C0A2D'],
    ['Postfix long ids', '250 2.0.0 Ok: queued as 4Rdq7X1k5Gz9sTq', '4Rdq7X1k5Gz9sTq'],
    [
      'ids with dashes are taken whole',
      '250 Message queued as node-1795696949-4f1e2a',
      'node-1795696949-4f1e2a',
    ],
    [
      'a content filter in front: the last queue id',
      '250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 9F1E2D3C4B',
      '9F1E2D3C4B',
    ],
    ['Exim 4.96', '250 OK id=1xWXor-0006uW-1h', '1xWXor-0006uW-1h'],
    ['Exim 4.97 long ids', '250 OK id=1rABCD-00000000abc-0XYZ', '1rABCD-00000000abc-0XYZ'],
    ['Sendmail', '250 2.0.0 4AQCo7ZQ012345 Message accepted for delivery', '4AQCo7ZQ012345'],
    ['OpenSMTPD 6', '250 2.0.0: 0e7e1f3a Message accepted for delivery', '0e7e1f3a'],
    [
      'Exchange / Microsoft 365',
      '250 2.6.0 <a1b2@mail.example.com> [InternalId=12884901890, Hostname=EX01.example.com] 1234 bytes in 0.100, 12.3 KB/sec Queued mail for delivery',
      '12884901890',
    ],
    ['qmail', '250 ok 1700000000 qp 5678', 'qp 5678'],
    [
      'Gmail',
      '250 2.0.0 OK  1732611234 a640c23a62f3a-aa5f3e2b1d0si123456ejc.123 - gsmtp',
      'a640c23a62f3a-aa5f3e2b1d0si123456ejc.123',
    ],
    ['Gmail short', '250 2.0.0 OK 123 - gsmtp', '123'],
    [
      'Haraka',
      '250 Message Queued (4F0E1A2B-C3D4-4E5F-8A9B-0C1D2E3F4A5B.1)',
      '4F0E1A2B-C3D4-4E5F-8A9B-0C1D2E3F4A5B.1',
    ],
    ['Courier', '250 Ok. 000C1F2E.5F6A7B8C.00001234', '000C1F2E.5F6A7B8C.00001234'],
    [
      'Amazon SES',
      '250 Ok 0100018c1a2b3c4d-5e6f7a8b-0000-000000',
      '0100018c1a2b3c4d-5e6f7a8b-0000-000000',
    ],
    ['smtp-server without an id', '250 OK: message queued', undefined],
    ['no id at all', '250 2.0.0 Ok', undefined],
    ['an enhanced code is not an id', '250 Ok 2.0.0', undefined],
  ];
  for (const [name, reply, id] of cases) {
    it(name, () => assert.equal(queueIdOf(reply)?.id, id));
  }
  it('reads multi-line replies', () => {
    assert.equal(queueIdOf('250-Thanks\n250 OK id=1xWXor-0006uW-1h')?.id, '1xWXor-0006uW-1h');
  });
});
