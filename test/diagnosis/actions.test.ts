// Each next-diagnosis action becomes new settings and the step to run again from: pure, so the
// wizard can show what an action will do before the controller does it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareResolver,
  ehloFqdn,
  implicitTls,
  nextMx,
  planAction,
  retryInsecure,
  retryLater,
  retryPort,
  starttlsFirst,
  trustCa,
} from '../../source/diagnosis/actions.js';
import type { WizardSettings } from '../../source/record/types.js';

const BASE: WizardSettings = {
  target: 'example.test',
  tls: 'auto',
  insecure: false,
  mechanism: 'auto',
  to: [],
};

test('retry on 587 with AUTH: the port changes; without a user the form asks for one first', () => {
  const action = retryPort(587, 'Try port 587 with authentication');
  assert.deepEqual(planAction(action, BASE), {
    settings: { ...BASE, port: 587, tls: 'auto' },
    from: 'connect',
    needs: 'authUser',
  });
  const withUser = { ...BASE, authUser: 'bob' };
  assert.deepEqual(planAction(action, withUser, { hasPassword: true }), {
    settings: { ...withUser, port: 587, tls: 'auto' },
    from: 'connect',
  });
  assert.equal(planAction(action, withUser, { hasPassword: false })?.needs, 'password');
});

test('implicit TLS on 465; STARTTLS instead of plain', () => {
  assert.deepEqual(planAction(retryPort(465, 'Try port 465 (implicit TLS)'), BASE), {
    settings: { ...BASE, port: 465, tls: 'implicit' },
    from: 'connect',
  });
  assert.deepEqual(planAction(starttlsFirst(), { ...BASE, tls: 'none' }), {
    settings: { ...BASE, tls: 'starttls' },
    from: 'tls',
  });
});

test('past an untrusted certificate; trusting a CA file asks for the file', () => {
  assert.deepEqual(planAction(retryInsecure(), BASE, { step: 'tls' }), {
    settings: { ...BASE, insecure: true },
    from: 'tls',
  });
  assert.deepEqual(planAction(trustCa(), BASE, { step: 'tls' }), {
    settings: BASE,
    from: 'tls',
    needs: 'caFile',
  });
});

test('next MX, another resolver, EHLO with a fully qualified name', () => {
  const once = planAction(nextMx(), BASE)!;
  assert.deepEqual([once.settings.skipMx, once.from], [1, 'connect']);
  assert.equal(planAction(nextMx(), once.settings)?.settings.skipMx, 2);
  const session = { dns: { resolvers: ['1.1.1.1'], mx: [] } } as never;
  assert.deepEqual(planAction(compareResolver(session), BASE), {
    settings: { ...BASE, resolvers: ['9.9.9.9'] },
    from: 'dns',
  });
  assert.deepEqual(planAction(ehloFqdn(), BASE), { settings: BASE, from: 'ehlo', needs: 'ehlo' });
  assert.deepEqual(planAction(ehloFqdn('client.example.test'), BASE), {
    settings: { ...BASE, ehlo: 'client.example.test' },
    from: 'ehlo',
  });
});

test('retry after the greylisting delay: same settings, the delay, from the step', () => {
  assert.deepEqual(planAction(retryLater(300), BASE, { step: 'send' }), {
    settings: BASE,
    from: 'send',
    delaySeconds: 300,
  });
});

test('mailbox actions change the mailbox, not SMTP; explain changes nothing', () => {
  const withMailbox: WizardSettings = {
    ...BASE,
    mailbox: { protocol: 'pop3', host: 'mail.example.test', port: 110, tls: false, user: 'bob' },
  };
  assert.deepEqual(planAction(retryPort(995), withMailbox, { mailbox: true })?.settings.mailbox, {
    protocol: 'pop3',
    host: 'mail.example.test',
    port: 995,
    tls: true,
    user: 'bob',
  });
  assert.equal(
    planAction({ kind: 'explain', label: 'Explain 550', params: { code: '550' } }, BASE),
    undefined,
  );
});

test('implicit TLS on the silent port: same port, TLS from the first byte, from connect', () => {
  const plan = planAction(implicitTls(2465), BASE);
  assert.equal(plan?.from, 'connect');
  assert.equal(plan?.settings.port, 2465);
  assert.equal(plan?.settings.tls, 'implicit');
  assert.equal(planAction(implicitTls(), BASE)?.settings.port, BASE.port);
});
