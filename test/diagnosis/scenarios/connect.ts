// Connection failures as the connect step and the port 587 probe record them.
import { SessionBuilder } from '../build-session.js';
import type { Scenario, Scenarios } from './types.js';

const failedConnect = (
  code: string,
  message: string,
  options: { host?: string; port?: number; mx?: boolean } = {},
): { b: SessionBuilder; lines: number[] } => {
  const host = options.host ?? '192.0.2.25';
  const port = options.port ?? 25;
  const b = new SessionBuilder({ server: { host, port } });
  if (options.mx)
    b.dns({
      mx: [
        { preference: 10, exchange: 'mx1.example.test', addresses: [host] },
        { preference: 20, exchange: 'mx2.example.test', addresses: ['192.0.2.26'] },
      ],
      mailHosts: [
        { host: 'mx1.example.test', port: 25, preference: 10, addresses: [host] },
        { host: 'mx2.example.test', port: 25, preference: 20, addresses: ['192.0.2.26'] },
      ],
    });
  const lines = [
    b.note('connect', `connecting to ${host} port ${port}`),
    b.note('connect', `${code}: ${message}`),
  ];
  b.fact('connect.error', { code, origin: 'network', message });
  b.step('connect', 'error', message);
  for (const s of ['banner', 'ehlo', 'tls'] as const)
    b.step(s, 'skipped', 'not run: connect failed');
  return { b, lines };
};

export const refused = (port = 25): Scenario => {
  const { b, lines } = failedConnect('ECONNREFUSED', `192.0.2.25:${port}: connection refused`, {
    port,
  });
  return { session: b.build(), evidence: lines };
};

export const port25Blocked = (): Scenario => {
  const { b, lines } = failedConnect(
    'ETIMEDOUT',
    'no TCP connection from 192.0.2.25:25 within 10 s',
  );
  const probe = [
    b.note(
      'connect',
      'port 25 did not answer; probing port 587 on the same host to tell a blocked port from a dead host',
    ),
    b.note(
      'connect',
      'port 587 answers (41 ms): the host is up, port 25 is blocked somewhere between here and there',
    ),
  ];
  b.fact('connect.probe', { host: '192.0.2.25', port: 587, reachable: true, ms: 41 });
  return { session: b.build(), evidence: [...lines, ...probe] };
};

export const timeout = (options: { probe?: boolean; mx?: boolean } = {}): Scenario => {
  const { b, lines } = failedConnect(
    'ETIMEDOUT',
    'no TCP connection from 192.0.2.25:25 within 10 s',
    {
      mx: options.mx ?? false,
    },
  );
  const extra: number[] = [];
  if (options.probe) {
    extra.push(
      b.note(
        'connect',
        'port 25 did not answer; probing port 587 on the same host to tell a blocked port from a dead host',
      ),
    );
    extra.push(
      b.note(
        'connect',
        'port 587 does not answer either (ETIMEDOUT): the host or the path to it is down',
      ),
    );
    b.fact('connect.probe', {
      host: '192.0.2.25',
      port: 587,
      reachable: false,
      code: 'ETIMEDOUT',
      ms: 10000,
    });
  }
  return { session: b.build(), evidence: [...lines, ...extra] };
};

export const unreachable = (): Scenario => {
  const { b, lines } = failedConnect(
    'ENETUNREACH',
    '2001:db8::25 port 25: the network is unreachable',
    {
      host: '2001:db8::25',
    },
  );
  return { session: b.build(), evidence: lines };
};

export const nameNotFound = (): Scenario => {
  const { b, lines } = failedConnect('ENOTFOUND', 'smtp.example.test: the name does not resolve', {
    host: 'smtp.example.test',
    port: 587,
  });
  return { session: b.build(), evidence: lines };
};

export const reset = (): Scenario => {
  const { b, lines } = failedConnect(
    'ECONNRESET',
    '192.0.2.25:25: the connection was reset by the peer',
  );
  return { session: b.build(), evidence: lines };
};

export const mxFallback = (): Scenario => {
  const b = new SessionBuilder({ domain: 'example.test', input: 'example.test' });
  b.note('connect', 'connecting to 192.0.2.25 port 25');
  const error = b.note('connect', 'ETIMEDOUT: no TCP connection from 192.0.2.25:25 within 10 s');
  b.fact('connect.error', { code: 'ETIMEDOUT', origin: 'network', message: 'no TCP connection' });
  const fallback = b.note(
    'connect',
    '192.0.2.25:25 is unreachable; trying the next mail host, mx2.example.test (192.0.2.26), as a sending server would',
  );
  b.note('connect', 'connecting to 192.0.2.26 port 25');
  b.note('connect', 'connected to 192.0.2.26 port 25 in 4 ms');
  b.step('connect', 'ok', 'connected to 192.0.2.26:25 in 4 ms');
  b.fact('connect.attempts', [
    {
      host: '192.0.2.25',
      port: 25,
      servername: 'mx1.example.test',
      ok: false,
      code: 'ETIMEDOUT',
      ms: 10_000,
    },
    { host: '192.0.2.26', port: 25, servername: 'mx2.example.test', ok: true, ms: 4 },
  ]);
  return { session: b.build(), evidence: [error, fallback] };
};

export const connectScenarios: Scenarios = {
  'connect.refused': () => refused(),
  'connect.port25-blocked': port25Blocked,
  'connect.timeout': () => timeout({ mx: true }),
  'connect.unreachable': unreachable,
  'connect.name-not-found': nameNotFound,
  'connect.reset': reset,
  'connect.mx-fallback': mxFallback,
};
