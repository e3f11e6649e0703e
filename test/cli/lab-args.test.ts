// `mailmedic lab [SCENARIO] [--json]` on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../source/cli/args.js';
import type { Command } from '../../source/cli/args.js';
import { UsageError } from '../../source/cli/usage-error.js';

test('lab takes an optional scenario and --json', () => {
  assert.deepEqual(parseCommandLine(['lab']), { kind: 'lab', color: true, json: false });
  assert.deepEqual(parseCommandLine(['lab', 'tarpit', '--json']), {
    kind: 'lab',
    color: true,
    json: true,
    scenario: 'tarpit',
  });
  assert.throws(() => parseCommandLine(['lab', 'a', 'b']), UsageError);
});

test('console on the lab: a lesson picks its role, --port and --tls implicit pick one, errors name the flag', () => {
  const target = (argv: string[]) =>
    (parseCommandLine(['console', ...argv]) as Extract<Command, { kind: 'console' }>).flags;
  assert.deepEqual(target(['--lesson', '2']).target, {
    kind: 'lab',
    scenario: 'healthy',
    role: 587,
  });
  assert.deepEqual(target(['--lab', '--lesson', '3']).target, {
    kind: 'lab',
    scenario: 'healthy',
    role: 110,
  });
  assert.deepEqual(target(['--lab', 'greylisting']).target, {
    kind: 'lab',
    scenario: 'greylisting',
    role: 25,
  });
  assert.equal(target(['--lab', '--protocol', 'imap']).target.kind, 'lab');
  assert.deepEqual((target(['--lab', '--protocol', 'imap']).target as { role: number }).role, 143);
  const implicit = target(['--lab', '--protocol', 'pop3', '--tls', 'implicit']);
  assert.deepEqual([(implicit.target as { role: number }).role, implicit.tls], [995, 'implicit']);
  const byPort = target(['--lab', '--port', '993']);
  assert.deepEqual([(byPort.target as { role: number }).role, byPort.tls], [993, 'implicit']);
  assert.deepEqual(target(['127.0.0.1:2525']).target, {
    kind: 'server',
    host: '127.0.0.1',
    port: 2525,
  });
  const refused: [string[], RegExp][] = [
    [['--lab', '--lesson', '5'], /lesson 5 .*needs a web server/],
    [['--lab', '--port', '80'], /roles of ports/],
    [['--lab', '--port', '25', '--tls', 'implicit'], /use --port 465/],
    [['--lab', '--port', '995', '--tls', 'starttls'], /TLS from the first byte/],
    [['--lab', '--protocol', 'raw'], /not raw/],
    [['--lab', 'x', 'h:25'], /not both/],
    [['h:25', '--port', '25'], /goes with --lab/],
    [[], /--lab to practise/],
  ];
  for (const [argv, message] of refused)
    assert.throws(() => parseCommandLine(['console', ...argv]), message, argv.join(' '));
});
