// Hostile input that never reaches a server: bad flags, escapes typed into values, and files that
// are too big, endless, or not what they claim. Every case is a usage error (exit 2) naming the
// flag, printed through the gate, before any network work: the server below must see no
// connection at all.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeServer } from '../helpers/fake-server.js';
import type { FakeServer } from '../helpers/fake-server.js';
import { assertEnding, run, workDir } from './harness.js';
import { smtp } from './personas.js';

const ESC = '\x1b]0;PWNED\x07\x1b[6n';
const dir = workDir();
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

interface FlagCase {
  name: string;
  /** Arguments after `check --server HOST:PORT`. */
  args: (server: string) => string[];
  flag: string;
  message?: RegExp;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Replaces the whole command line (no --server). */
  argv?: (server: string) => string[];
}

const BAD_FLAGS: FlagCase[] = [
  {
    name: '--timeout beyond the timer range',
    args: () => ['--timeout', '99999999'],
    flag: '--timeout',
  },
  { name: '--timeout 0', args: () => ['--timeout', '0'], flag: '--timeout' },
  { name: '--timeout in exponent form', args: () => ['--timeout', '1e3'], flag: '--timeout' },
  { name: '--port in exponent form', args: () => ['--port', '1e3'], flag: '--port' },
  { name: '--port in hex', args: () => ['--port', '0x19'], flag: '--port' },
  { name: '--port 0', args: () => ['--port', '0'], flag: '--port' },
  { name: '--port 65536', args: () => ['--port', '65536'], flag: '--port' },
  { name: "--to ''", args: () => ['--to', ''], flag: '--to', message: /not a recipient/ },
  { name: "--to '<>'", args: () => ['--to', '<>'], flag: '--to', message: /null path/ },
  { name: '--dns with a host name', args: () => ['--dns', 'dns.example.test'], flag: '--dns' },
  { name: '--dns with a hex port', args: () => ['--dns', '127.0.0.1:0x35'], flag: '--dns' },
  {
    name: '--report into a missing folder',
    args: () => ['--report', join(dir, 'missing', 'r.json')],
    flag: '--report',
    message: /does not exist/,
  },
  {
    name: '--report under a file',
    args: () => ['--report', join(file('plain.txt', 'x'), 'r.json')],
    flag: '--report',
  },
  {
    name: '--report onto a folder',
    args: () => {
      mkdirSync(join(dir, 'folder.json'), { recursive: true });
      return ['--report', join(dir, 'folder.json')];
    },
    flag: '--report',
    message: /is a folder/,
  },
  { name: '--ehlo with escapes', args: () => ['--ehlo', `client${ESC}`], flag: '--ehlo' },
  { name: '--auth-user with a BEL', args: () => ['--auth-user', 'bob\x07'], flag: '--auth-user' },
  {
    name: '--from with a direction override',
    args: () => ['--from', 'a\u202e@b.test'],
    flag: '--from',
  },
  { name: '--header with an escape', args: () => ['--header', `X-A: ${ESC}`], flag: '--header' },
  {
    name: 'TARGET with escapes is echoed through the gate',
    argv: () => ['check', `evil${ESC}.test`],
    args: () => [],
    flag: 'TARGET',
  },
  {
    name: '--server with a direction override',
    argv: () => ['check', '--server', 'mail\u202eevil.test:25'],
    args: () => [],
    flag: '--server',
  },
  {
    name: 'an unknown flag with escapes in its name',
    argv: () => ['check', `--x${ESC}`],
    args: () => [],
    flag: '--x',
  },
];

const HOSTILE_FILES: FlagCase[] = [
  {
    name: '--body @/dev/zero',
    args: () => ['--to', 'a@b.test', '--body', '@/dev/zero'],
    flag: '--body',
    message: /larger than/,
  },
  {
    name: '--auth-pass-file /dev/zero',
    args: () => ['--auth-user', 'bob', '--auth-pass-file', '/dev/zero'],
    flag: '--auth-pass-file',
    message: /larger than/,
  },
  {
    name: '--ca-file /dev/zero',
    args: () => ['--ca-file', '/dev/zero'],
    flag: '--ca-file',
    message: /larger than/,
  },
  {
    name: '--ca-file without a certificate',
    args: () => ['--ca-file', file('not-a-ca.pem', `hello ${ESC}`)],
    flag: '--ca-file',
  },
  {
    name: '--body @ a folder',
    args: () => ['--to', 'a@b.test', '--body', `@${dir}`],
    flag: '--body',
    message: /folder|directory|EISDIR/,
  },
  {
    name: '--domains-file /dev/zero',
    argv: () => ['check', '--domains-file', '/dev/zero'],
    args: () => [],
    flag: '--domains-file',
    message: /larger than/,
  },
  {
    name: '--domains-file - with an endless standard input',
    argv: () => ['check', '--domains-file', '-'],
    args: () => [],
    input: 'example.test\n'.repeat(500_000),
    flag: '--domains-file',
    message: /larger than/,
  },
  {
    name: '--domains-file with an escape on a line',
    argv: () => ['check', '--domains-file', file('domains.txt', `good.test\nevil${ESC}.test\n`)],
    args: () => [],
    flag: '--domains-file',
    message: /line 2/,
  },
  {
    name: 'open /dev/zero',
    argv: () => ['open', '/dev/zero'],
    args: () => [],
    flag: 'open',
    message: /larger than/,
  },
  {
    name: 'open of a session whose field has the wrong type',
    argv: () => [
      'open',
      file(
        'wrong-type.json',
        JSON.stringify({
          schema: 'mailmedic.session/1',
          tool: { name: 'mailmedic', version: '1' },
          startedAt: '',
          target: { input: 'x' },
          steps: [{ id: 'dns', status: 'ok', durationMs: 'slow', summary: 's' }],
          transcript: [],
          findings: [],
        }),
      ),
    ],
    args: () => [],
    flag: 'open',
    message: /steps\[0\]\.durationMs/,
  },
  {
    name: 'open of a session with a missing field',
    argv: () => [
      'open',
      file(
        'missing-field.json',
        JSON.stringify({
          schema: 'mailmedic.session/1',
          tool: { name: 'mailmedic', version: '1' },
          startedAt: '',
          target: { input: 'x' },
          steps: [],
          findings: [],
        }),
      ),
    ],
    args: () => [],
    flag: 'open',
    message: /transcript is missing/,
  },
  {
    name: 'open of a file that is not JSON, with escapes',
    argv: () => ['open', file('escapes.json', `${ESC}{`)],
    args: () => [],
    flag: 'open',
    message: /not JSON/,
  },
];

describe(
  'hostile flags and files: exit 2 naming the flag, before any network work',
  { concurrency: 2 },
  () => {
    let server: FakeServer;
    before(async () => {
      server = await startFakeServer(smtp());
    });
    after(async () => {
      assert.equal(server.connections, 0, 'a usage error came after network work');
      await server.close();
    });

    for (const c of [...BAD_FLAGS, ...HOSTILE_FILES]) {
      it(c.name, { timeout: 30_000 }, async () => {
        const target = `${server.host}:${server.port}`;
        const argv = c.argv ? c.argv(target) : ['check', '--server', target, ...c.args(target)];
        const r = await run(argv, {
          env: { MAILMEDIC_PASSWORD: 'pw', ...c.env },
          ...(c.input !== undefined ? { input: c.input } : {}),
        });
        // Start-up of the bundle is part of it; the reading itself is bounded by the size limits.
        assertEnding(r, { codes: [2], flag: c.flag, withinMs: 20_000 });
        if (c.message) assert.match(r.stderr, c.message);
        assert.doesNotMatch(r.stderr, /internal error|at .*\.js:\d+/, 'no stack trace');
      });
    }
  },
);
