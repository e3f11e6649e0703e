// A session part-way through a diagnosis, one step of each status, for the component tests.
import { SESSION_SCHEMA } from '../../source/record/types.js';
import type { Session } from '../../source/record/types.js';

export const sessionFixture = (): Session => ({
  schema: SESSION_SCHEMA,
  tool: { name: 'mailmedic', version: '9.8.7' },
  startedAt: '2025-01-01T10:00:00.000Z',
  target: {
    input: 'bob@example.com',
    domain: 'example.com',
    server: { host: 'mx.example.com', port: 25 },
  },
  steps: [
    { id: 'dns', status: 'ok', durationMs: 31, summary: '1 MX: mx.example.com' },
    { id: 'connect', status: 'ok', durationMs: 12, summary: 'connected to 192.0.2.10:25' },
    { id: 'banner', status: 'warning', durationMs: 1500, summary: 'slow greeting (1.5 s)' },
    { id: 'ehlo', status: 'ok', durationMs: 8, summary: '6 extensions' },
    { id: 'tls', status: 'error', durationMs: 40, summary: 'certificate expired' },
    { id: 'auth', status: 'skipped', durationMs: 0, summary: 'no credentials given' },
  ],
  transcript: [
    { t: 0, step: 'dns', dir: 'note', text: 'MX example.com → 10 mx.example.com (192.0.2.10)' },
    { t: 20, step: 'connect', dir: 'note', text: 'connected to 192.0.2.10:25 in 12 ms' },
    {
      t: 1520,
      step: 'banner',
      dir: 'server',
      text: '220 mx.example.com ESMTP ready',
      explanation: 'The server is ready and greets us with its name.',
    },
    { t: 1530, step: 'ehlo', dir: 'client', text: 'EHLO client.example.net' },
    {
      t: 1538,
      step: 'ehlo',
      dir: 'server',
      text: '250-mx.example.com Hello client.example.net',
      explanation: 'A multi-line reply: every line but the last has a dash after the code.',
    },
    { t: 1538, step: 'ehlo', dir: 'server', text: '250-PIPELINING' },
    { t: 1538, step: 'ehlo', dir: 'server', text: '250-SIZE 10240000' },
    { t: 1538, step: 'ehlo', dir: 'server', text: '250-STARTTLS' },
    { t: 1538, step: 'ehlo', dir: 'server', text: '250-AUTH PLAIN LOGIN' },
    { t: 1538, step: 'ehlo', dir: 'server', text: '250-8BITMIME' },
    { t: 1538, step: 'ehlo', dir: 'server', text: '250 SMTPUTF8' },
    { t: 1540, step: 'tls', dir: 'client', text: 'STARTTLS' },
    { t: 1545, step: 'tls', dir: 'server', text: '220 2.0.0 Ready to start TLS' },
    {
      t: 1580,
      step: 'tls',
      dir: 'note',
      text: 'certificate for mx.example.com expired on 2024-12-01',
    },
  ],
  findings: [],
});

/** The same session before TLS broke: nothing has failed, the next step to run is "send". */
export const healthySessionFixture = (): Session => {
  const session = sessionFixture();
  session.steps = session.steps.map((step) =>
    step.id === 'tls' ? { ...step, status: 'ok', summary: 'TLSv1.3' } : step,
  );
  return session;
};
