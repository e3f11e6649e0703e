// The scenarios are data people read and extend: each must be complete, name causes the diagnosis
// can actually produce, and cover SPEC.md's list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../source/diagnosis/index.js';
import { KNOWN_DNS_PROBLEMS } from '../../source/diagnosis/rules/dns.js';
import { SCENARIOS } from '../../source/lab/scenarios.js';

const SPEC = [
  'healthy',
  'relay-denied',
  'auth-failure',
  'tls-required',
  'greylisting',
  'tarpit',
  'mailbox-full',
  'message-too-large',
  'smtp-fixup',
  'expired-certificate',
  'pop3-in-use',
  'no-mx',
  'null-mx',
  'broken-mx',
  'blocklisted',
];

test('every scenario of SPEC.md is there, with the ones the issue adds', () => {
  const ids = SCENARIOS.map((s) => s.id);
  for (const id of [
    ...SPEC,
    'starttls-stripped',
    'wrong-hostname-certificate',
    'auth-before-tls-only',
    'dmarc-reject',
  ])
    assert.ok(ids.includes(id), id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
});

test('every lesson is complete and names causes the diagnosis knows', () => {
  const known = new Set([...RULES.map((r) => r.id), ...KNOWN_DNS_PROBLEMS]);
  for (const s of SCENARIOS) {
    const l = s.lesson;
    assert.match(l.story, /^A customer says: "/, `${s.id}: the story is the ticket`);
    assert.ok(l.tryThis.length > 0 && l.protocolShows.length > 40 && l.fix.length > 40, s.id);
    if (s.id === 'healthy') assert.deepEqual(l.causes, []);
    else assert.ok(l.causes.length > 0, `${s.id} names its cause`);
    for (const id of l.causes)
      assert.ok(known.has(id), `${s.id}: ${id} is not a diagnosis finding`);
  }
});
