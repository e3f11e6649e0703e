import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../source/cli/args.js';
import { parseTarget } from '../../source/cli/target.js';
import { UsageError } from '../../source/cli/usage-error.js';

const usage = (argv: string[], flag: string | RegExp): void => {
  assert.throws(
    () => parseCommandLine(argv),
    (error: unknown) => {
      assert.ok(error instanceof UsageError, String(error));
      if (typeof flag === 'string') assert.equal(error.flag, flag);
      else assert.match(error.message, flag);
      return true;
    },
  );
};

test('targets: domain, address, host:port, IPv4, IPv6', () => {
  assert.deepEqual(parseTarget('Example.COM'), { input: 'Example.COM', domain: 'example.com' });
  assert.deepEqual(parseTarget('bob@example.com'), {
    input: 'bob@example.com',
    domain: 'example.com',
  });
  assert.deepEqual(parseTarget('mail.example.com:587'), {
    input: 'mail.example.com:587',
    server: { host: 'mail.example.com', port: 587 },
  });
  assert.deepEqual(parseTarget('192.0.2.7'), { input: '192.0.2.7', server: { host: '192.0.2.7' } });
  assert.deepEqual(parseTarget('[2001:db8::1]:25'), {
    input: '[2001:db8::1]:25',
    server: { host: '2001:db8::1', port: 25 },
  });
  assert.deepEqual(parseTarget('2001:db8::1'), {
    input: '2001:db8::1',
    server: { host: '2001:db8::1' },
  });
});

test('check with --server and --steps gives a typed command', () => {
  const command = parseCommandLine([
    'check',
    '--server',
    '127.0.0.1:2525',
    '--steps',
    'connect,banner,ehlo',
    '--json',
    '--ehlo',
    'client.test',
  ]);
  assert.equal(command.kind, 'check');
  if (command.kind !== 'check') return;
  assert.equal(command.json, true);
  assert.deepEqual(command.flags.target?.server, { host: '127.0.0.1', port: 2525 });
  assert.deepEqual(command.flags.steps, ['connect', 'banner', 'ehlo']);
  assert.equal(command.flags.ehlo, 'client.test');
  assert.equal(command.flags.tls, 'auto');
  assert.equal(command.concurrency, 8);
});

test('usage errors name the flag', () => {
  usage(['check', '--server', 'a:b:c'], '--server');
  usage(['check', '--server', 'host:99999'], '--server');
  usage(['check', 'example.com', '--tls', 'maybe'], '--tls');
  usage(['check', 'example.com', '--steps', 'dns,smoke'], '--steps');
  usage(['check', 'example.com', '--timeout', '-3'], '--timeout');
  usage(['check', 'example.com', '--auth-mech', 'gssapi'], '--auth-mech');
  usage(['check', 'example.com', '--report', 'out.pdf'], '--report');
  usage(['check', 'example.com', '--to', 'not an address'], '--to');
  usage(['check', 'example.com', '--header', 'no colon here'], '--header');
  usage(['check', 'example.com', '--bogus'], '--bogus');
  usage(['check'], 'TARGET');
  usage(['explain'], 'explain');
  usage(['example.com', '--json'], '--json');
});

test('CR, LF and NUL are refused in every user field, naming it', () => {
  usage(['check', 'example.com\r\nRCPT TO:<x@y>'], 'TARGET');
  usage(['check', 'example.com', '--ehlo', 'a\nb'], '--ehlo');
  usage(['check', 'example.com', '--from', 'a@b\0'], '--from');
  usage(['check', 'example.com', '--auth-user', 'bob\r'], '--auth-user');
  usage(['check', 'example.com', '--header', 'X-A: 1\r\nBcc: x@y'], '--header');
});

test('--no-color and NO_COLOR turn colour off', () => {
  const a = parseCommandLine(['check', 'example.com', '--no-color']);
  const b = parseCommandLine(['check', 'example.com'], { NO_COLOR: '1' });
  const c = parseCommandLine(['check', 'example.com'], {});
  assert.equal(a.kind === 'check' && a.flags.color, false);
  assert.equal(b.kind === 'check' && b.flags.color, false);
  assert.equal(c.kind === 'check' && c.flags.color, true);
});

test('the wizard takes --lab with or without a scenario', () => {
  const bare = parseCommandLine(['--lab']);
  assert.equal(bare.kind, 'wizard');
  assert.equal(bare.kind === 'wizard' && bare.lab, '');
  const named = parseCommandLine(['--lab', 'greylisting']);
  assert.equal(named.kind === 'wizard' && named.lab, 'greylisting');
  assert.equal(parseCommandLine([]).kind, 'wizard');
  assert.equal(parseCommandLine(['--help']).kind, 'help');
  assert.equal(parseCommandLine(['--version']).kind, 'version');
});

test('explain takes everything after it as text, even "-ERR"', () => {
  const command = parseCommandLine(['explain', '-ERR', '[IN-USE]', 'Mailbox', 'locked']);
  assert.deepEqual(command, {
    kind: 'explain',
    words: ['-ERR', '[IN-USE]', 'Mailbox', 'locked'],
    color: true,
  });
  const plain = parseCommandLine(['explain', '550', '--no-color']);
  assert.deepEqual(plain, { kind: 'explain', words: ['550'], color: false });
});

test('mailbox servers: 995/993 and pop3s:// or imaps:// mean implicit TLS', () => {
  const parse = (args: string[]) => {
    const c = parseCommandLine(['check', 'example.test', ...args]);
    assert.equal(c.kind, 'check');
    return c.kind === 'check' ? c.flags : undefined;
  };
  assert.deepEqual(parse(['--pop3', 'mail.example.test'])?.pop3, {
    host: 'mail.example.test',
    port: 995,
    tls: true,
  });
  assert.deepEqual(parse(['--pop3', 'mail.example.test:110'])?.pop3, {
    host: 'mail.example.test',
    port: 110,
    tls: false,
  });
  assert.deepEqual(parse(['--pop3', 'pop3s://127.0.0.1:40413'])?.pop3, {
    host: '127.0.0.1',
    port: 40413,
    tls: true,
  });
  assert.deepEqual(parse(['--imap', 'imap://mail.example.test'])?.imap, {
    host: 'mail.example.test',
    port: 143,
    tls: false,
  });
  assert.deepEqual(parse(['--imap', 'imaps://[::1]:1993'])?.imap, {
    host: '::1',
    port: 1993,
    tls: true,
  });
  usage(['check', 'example.test', '--imap', 'pop3s://x:1'], '--imap');
});
