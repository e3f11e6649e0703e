import { describe, it } from 'node:test';
import { diagnose } from '../../../source/diagnosis/index.js';
import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../expect.js';
import {
  mxFallback,
  nameNotFound,
  port25Blocked,
  refused,
  reset,
  timeout,
  unreachable,
} from '../scenarios/connect.js';
import { SessionBuilder, smtpPrefix } from '../build-session.js';

const healthy = () => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  smtpPrefix(b);
  return b.build();
};

describe('connect rules', () => {
  it('connect.refused: the service is down or a firewall rejects; try the submission port', () => {
    const { session, evidence } = refused(25);
    const f = expectFinding(session, 'connect.refused', {
      severity: 'error',
      step: 'connect',
      evidence,
      next: /ss -ltnp/,
      action: { kind: 'retry-port', params: { port: 587 } },
    });
    assert.match(f.title, /192\.0\.2\.25:25/);
    // On 587 the next port to try is 465.
    expectFinding(refused(587).session, 'connect.refused', {
      severity: 'error',
      action: { kind: 'retry-port', params: { port: 465 } },
    });
  });

  it('connect.port25-blocked: 25 times out while 587 answers', () => {
    const { session, evidence } = port25Blocked();
    expectFinding(session, 'connect.port25-blocked', {
      severity: 'error',
      evidence,
      next: /ISP/,
      action: { kind: 'retry-port', params: { port: 587 } },
      explanation: /587 of the same host answered/,
    });
    expectNone(session, 'connect.timeout');
  });

  it('connect.timeout: no answer; probe 587 when not done, next MX when there is one', () => {
    const { session, evidence } = timeout({ mx: true });
    expectFinding(session, 'connect.timeout', {
      severity: 'error',
      evidence,
      next: /traceroute/,
      action: { kind: 'next-mx' },
    });
    expectFinding(session, 'connect.timeout', {
      severity: 'error',
      action: { kind: 'retry-port', params: { port: 587 } },
    });
    expectNone(session, 'connect.port25-blocked');
  });

  it('connect.timeout with a dead probe says the host is down, and offers no 587 retry', () => {
    const { session, evidence } = timeout({ probe: true });
    const f = expectFinding(session, 'connect.timeout', {
      severity: 'error',
      evidence,
      explanation: /Neither port 25 nor port 587/,
    });
    assert.ok(!f.actions?.some((a) => a.kind === 'retry-port'));
    expectNone(session, 'connect.port25-blocked');
  });

  it('connect.unreachable: no route, with the IPv6 hint', () => {
    const { session, evidence } = unreachable();
    expectFinding(session, 'connect.unreachable', {
      severity: 'error',
      evidence,
      next: /ip route get 2001:db8::25/,
      explanation: /IPv6/,
    });
  });

  it('connect.name-not-found: compare with another resolver', () => {
    const { session, evidence } = nameNotFound();
    expectFinding(session, 'connect.name-not-found', {
      severity: 'error',
      evidence,
      next: /dig smtp\.example\.test A/,
      action: { kind: 'compare-resolver', params: { resolver: '1.1.1.1' } },
    });
  });

  it('connect.reset: cut while opening', () => {
    const { session, evidence } = reset();
    expectFinding(session, 'connect.reset', { severity: 'error', evidence, next: /fail2ban/ });
  });

  it('connect.mx-fallback: the backup MX answered, which is a warning', () => {
    const { session, evidence } = mxFallback();
    expectFinding(session, 'connect.mx-fallback', {
      severity: 'warning',
      evidence,
      title: /192\.0\.2\.25:25/,
      next: /remove or lower its MX/,
    });
    // The error of the first host is no finding of its own: the step ended well.
    expectNone(session, 'connect.timeout');
  });

  it('stays quiet on a healthy connection, and on an error fact left by a host that was replaced', () => {
    expectNone(
      healthy(),
      'connect.refused',
      'connect.timeout',
      'connect.port25-blocked',
      'connect.unreachable',
      'connect.name-not-found',
      'connect.reset',
      'connect.mx-fallback',
    );
    // Near miss: a connect.error fact from an earlier MX, but the step succeeded.
    const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 25 } });
    smtpPrefix(b, { port: 25 });
    b.fact('connect.error', { code: 'ECONNREFUSED', origin: 'network', message: 'refused' });
    expectNone(b.build(), 'connect.refused');
  });
});

describe('connect.refused across several mail hosts (lead addition)', () => {
  it('says every mail host refused, naming them, when all attempts failed', async () => {
    const { SessionBuilder } = await import('../build-session.js');
    const b = new SessionBuilder({ domain: 'example.test', input: 'example.test' });
    const first = b.note('connect', 'ECONNREFUSED: 192.0.2.1:25: connection refused');
    b.note('connect', 'ECONNREFUSED: [2001:db8::1]:25: connection refused');
    b.fact('connect.error', {
      code: 'ECONNREFUSED',
      origin: 'network',
      message: 'connection refused',
    });
    b.fact('connect.attempts', [
      {
        host: '192.0.2.1',
        port: 25,
        servername: 'mx1.example.test',
        ok: false,
        code: 'ECONNREFUSED',
        ms: 1,
      },
      {
        host: '2001:db8::1',
        port: 25,
        servername: 'mx1.example.test',
        ok: false,
        code: 'ECONNREFUSED',
        ms: 1,
      },
      {
        host: '192.0.2.2',
        port: 25,
        servername: 'mx2.example.test',
        ok: false,
        code: 'ECONNREFUSED',
        ms: 1,
      },
    ]);
    b.step('connect', 'error', '192.0.2.2:25: connection refused');
    const found = diagnose(b.build()).find((f) => f.id === 'connect.refused');
    assert.equal(
      found?.title,
      'Every mail host refused the connection on port 25 (3 addresses of mx1.example.test, mx2.example.test)',
    );
    assert.ok(found?.evidence.includes(first));
  });
});
