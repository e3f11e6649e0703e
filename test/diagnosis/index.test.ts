import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { diagnose, RULES } from '../../source/diagnosis/index.js';
import type { Rule } from '../../source/diagnosis/rule.js';
import type { Finding, Session } from '../../source/record/types.js';
import { SessionBuilder, smtpPrefix } from './build-session.js';
import { authScenarios } from './scenarios/auth.js';
import { bannerScenarios } from './scenarios/banner.js';
import { cleartextScenarios } from './scenarios/cleartext.js';
import { connectScenarios } from './scenarios/connect.js';
import { dnsScenarios } from './scenarios/dns.js';
import { ehloScenarios } from './scenarios/ehlo.js';
import { mailboxScenarios } from './scenarios/mailbox.js';
import { sendScenarios } from './scenarios/send.js';
import { tlsScenarios } from './scenarios/tls.js';
import type { Scenarios } from './scenarios/types.js';

const SCENARIOS: Scenarios = {
  ...connectScenarios,
  ...bannerScenarios,
  ...ehloScenarios,
  ...tlsScenarios,
  ...authScenarios,
  ...sendScenarios,
  ...mailboxScenarios,
  ...dnsScenarios,
  ...cleartextScenarios,
};

const FIXTURES = new URL('../fixtures/sessions/', import.meta.url);
const fixture = (name: string): Session =>
  JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Session;
const allFixtures = (): Session[] =>
  readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => fixture(f.replace(/\.json$/, '')));

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

const ACTION_KINDS = new Set([
  'retry-port',
  'starttls-first',
  'next-mx',
  'compare-resolver',
  'retry-insecure',
  'retry-later',
  'trust-ca',
  'ehlo-fqdn',
  'implicit-tls',
  'explain',
]);

const checkShape = (f: Finding, session: Session) => {
  assert.ok(f.title.length > 0 && f.explanation.length > 0, f.id);
  assert.ok(f.next.length > 0, `${f.id} has next steps`);
  for (const i of f.evidence)
    assert.ok(i >= 0 && i < session.transcript.length, `${f.id} evidence ${i}`);
  assert.deepEqual(
    f.evidence,
    [...f.evidence].sort((a, b) => a - b),
  );
  for (const a of f.actions ?? []) {
    assert.ok(ACTION_KINDS.has(a.kind), `${f.id}: unknown action kind ${a.kind}`);
    assert.ok(a.label.length > 0);
    if (a.kind === 'retry-port') assert.equal(typeof a.params?.['port'], 'number');
    if (a.kind === 'retry-later') assert.equal(typeof a.params?.['seconds'], 'number');
    if (a.kind === 'compare-resolver') assert.equal(typeof a.params?.['resolver'], 'string');
    if (a.kind === 'explain') assert.equal(typeof a.params?.['code'], 'string');
  }
};

describe('the rule set', () => {
  it('has at least 40 rules with unique ids', () => {
    assert.ok(RULES.length >= 40, `${RULES.length} rules`);
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
    for (const id of ids)
      assert.match(id, /^(dns|connect|banner|ehlo|tls|auth|send|pop3|imap)(\.[a-z0-9-]+)?$/);
  });

  it('every rule fires in its scenario, and every finding id matches its rule id', () => {
    const sessions = [...Object.values(SCENARIOS).map((s) => s().session), ...allFixtures()];
    const fired = new Set<string>();
    for (const rule of RULES) {
      for (const session of sessions) {
        for (const f of rule.evaluate(session)) {
          assert.ok(
            f.id === rule.id || f.id.startsWith(`${rule.id}.`),
            `rule ${rule.id} produced ${f.id}`,
          );
          fired.add(rule.id);
        }
      }
    }
    const catchAll = new Set(['dns']);
    const silent = RULES.map((r) => r.id).filter((id) => !fired.has(id) && !catchAll.has(id));
    assert.deepEqual(silent, [], 'rules that no scenario makes fire');
  });

  it('every scenario gives its finding with the evidence it names, and well-formed findings', () => {
    for (const [id, build] of Object.entries(SCENARIOS)) {
      const { session, evidence } = build();
      const findings = diagnose(session);
      const f = findings.find((x) => x.id === id);
      assert.ok(f, `scenario ${id}: got ${findings.map((x) => x.id).join(', ')}`);
      assert.deepEqual(
        f.evidence,
        [...evidence].sort((a, b) => a - b),
        `evidence of ${id}`,
      );
      for (const x of findings) checkShape(x, session);
    }
  });

  it('every failed step is explained by an error finding of that step', () => {
    const sessions = [...Object.values(SCENARIOS).map((s) => s().session), ...allFixtures()];
    for (const session of sessions) {
      const findings = diagnose(session);
      for (const step of session.steps.filter((s) => s.status === 'error')) {
        assert.ok(
          findings.some((f) => f.severity === 'error' && f.step === step.id),
          `step ${step.id} failed (${step.summary}) without an error finding`,
        );
      }
    }
  });
});

describe('diagnose()', () => {
  it('is pure: a deep-frozen session gives the same findings twice', () => {
    for (const build of Object.values(SCENARIOS)) {
      const session = deepFreeze(build().session);
      const first = diagnose(session);
      assert.deepEqual(diagnose(session), first);
    }
    for (const session of allFixtures().map(deepFreeze))
      assert.deepEqual(diagnose(session), diagnose(session));
  });

  it('never throws: a rule that throws or returns nonsense gives no finding', () => {
    const { session } = SCENARIOS['send.relay-denied']!();
    const broken: Rule[] = [
      {
        id: 'send.boom',
        evaluate: () => {
          throw new TypeError('a bug in a rule');
        },
      },
      { id: 'send.junk', evaluate: () => 'nonsense' as unknown as Finding[] },
      { id: 'send.half', evaluate: () => [{ id: 'send.half' } as Finding] },
      ...RULES,
    ];
    const findings = diagnose(session, broken);
    assert.ok(findings.some((f) => f.id === 'send.relay-denied'));
    assert.ok(!findings.some((f) => ['send.boom', 'send.junk', 'send.half'].includes(f.id)));
  });

  it('never throws on a damaged record (a report file read back by `open`)', () => {
    const damaged = [
      {},
      { steps: null, transcript: null },
      {
        steps: [{ id: 'send', status: 'error', summary: 'x' }],
        transcript: [{ step: 'send', dir: 'server', text: null }],
      },
      {
        steps: [],
        transcript: [],
        facts: { banner: 'x', 'connect.remote': 7, ehlo: { auth: null } },
        tls: {},
        dns: { mx: 'x' },
      },
    ] as unknown as Session[];
    for (const session of damaged) assert.ok(Array.isArray(diagnose(session)));
  });

  it('the fallback explains a failed step no rule knows, with its server lines', () => {
    const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
    smtpPrefix(b);
    b.client('send', 'MAIL FROM:<alice@example.test>');
    const reply = b.server('send', '250 2.1.0 Ok');
    b.step('send', 'error', 'something odd happened');
    const f = diagnose(b.build()).find((x) => x.id === 'send.failed');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(f.explanation, 'something odd happened');
    assert.deepEqual(f.evidence, reply);
  });

  it('orders findings: errors, then warnings, then information', () => {
    const { session } = SCENARIOS['banner.pix-fixup']!();
    const order = { error: 0, warning: 1, info: 2 };
    const severities = diagnose(session).map((f) => order[f.severity]);
    assert.deepEqual(severities, [...severities].sort());
  });
});

describe('real sessions from the mail stack', () => {
  it('a healthy submission, POP3 and IMAP session has no error or warning', () => {
    const findings = diagnose(fixture('real-healthy'));
    assert.deepEqual(
      findings.map((f) => [f.id, f.severity]),
      [['ehlo.auth-after-tls', 'info']],
    );
  });

  it('the relay attempt is send.relay-denied, citing the 554 line only', () => {
    const session = fixture('real-relay');
    const f = diagnose(session).filter((x) => x.severity === 'error');
    assert.deepEqual(
      f.map((x) => x.id),
      ['send.relay-denied'],
    );
    assert.deepEqual(
      f[0]!.evidence.map((i) => session.transcript[i]!.text),
      ['554 5.7.1 <someone@elsewhere.test>: Relay access denied'],
    );
  });

  it('a wrong password, an untrusted CA, a refused port', () => {
    assert.deepEqual(
      diagnose(fixture('real-authfail'))
        .filter((f) => f.severity === 'error')
        .map((f) => f.id),
      ['auth.failed'],
    );
    assert.deepEqual(
      diagnose(fixture('real-untrusted'))
        .filter((f) => f.severity === 'error')
        .map((f) => f.id),
      ['tls.cert-untrusted'],
    );
    assert.deepEqual(
      diagnose(fixture('real-refused')).map((f) => f.id),
      ['connect.refused'],
    );
  });

  it('an unknown recipient, a wrong mailbox password, no TLS for AUTH, the wrong kind of port', () => {
    const errors = (name: string) =>
      diagnose(fixture(name))
        .filter((f) => f.severity === 'error')
        .map((f) => f.id);
    assert.deepEqual(errors('real-recipient-unknown'), ['send.recipient-unknown']);
    assert.deepEqual(errors('real-mailbox-authfail'), ['pop3.auth-failed', 'imap.auth-failed']);
    assert.deepEqual(errors('real-auth-no-tls'), ['auth.no-tls']);
    assert.deepEqual(errors('real-implicit-on-587'), ['tls.handshake-failed']);
    assert.deepEqual(errors('real-pop3-port'), ['banner.not-smtp']);
  });

  it('with --insecure the untrusted certificate of a login session stays an error', () => {
    const findings = diagnose(fixture('real-insecure'));
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error').map((f) => f.id),
      ['tls.cert-untrusted'],
    );
    // The session went on, so there is nothing to retry insecurely.
    assert.ok(!findings[0]!.actions?.some((a) => a.kind === 'retry-insecure'));
  });
});
