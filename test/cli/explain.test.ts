// `mailmedic explain`: exit codes, usage messages, readable output, escaping and colour.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPLAIN_USAGE, formatExplanation, runExplain } from '../../source/cli/explain.js';
import { explain } from '../../source/knowledge/index.js';

const ESC = '\u001b';

const run = (args: string[], color = false, width?: number) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = runExplain(args, {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    color,
    ...(width !== undefined ? { width } : {}),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
};

describe('runExplain', () => {
  it('exits 0 and explains a reply given as separate words', () => {
    const result = run(['550', '5.7.1', '<bob@example.com>:', 'Relay', 'access', 'denied']);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /^Basic code 550 \(permanent negative completion, mail system\)$/m);
    assert.match(
      result.stdout,
      /^Enhanced code 5\.7\.1 \(Permanent failure; security or policy status\)$/m,
    );
    assert.match(result.stdout, /^Matches: Postfix relay access denied$/m);
    assert.match(result.stdout, /How to fix {2}Authenticate \(AUTH on port 587/);
    assert.match(result.stdout, /Reference {3}RFC 5321 §4\.2\.3/);
  });

  it('exits 0 for a code alone', () => {
    const result = run(['421']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Basic code 421/);
    assert.match(result.stdout, /Temporary \(4xx\)/);
  });

  it('exits 2 naming the problem when the argument is missing', () => {
    for (const args of [[], ['   '], ['--no-color']]) {
      const result = run(args);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^mailmedic explain: missing CODE-OR-REPLY/);
      assert.match(result.stderr, /Accepted forms/);
    }
  });

  it('exits 2 naming the input when nothing can be recognised', () => {
    const result = run(['hello', 'world']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot recognise "hello world"/);
    assert.match(result.stderr, /dns:nxdomain/);
    assert.equal(result.stdout, '');
  });

  it('escapes server text in the error message too', () => {
    const result = run([`zz${ESC}]0;pwned\u0007`]);
    assert.equal(result.code, 2);
    assert.ok(!result.stderr.includes(ESC), 'raw escape reached the terminal');
    assert.match(result.stderr, /\\x1b\]0;pwned\\x07/);
  });

  it('prints the usage for --help', () => {
    const result = run(['--help']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, EXPLAIN_USAGE);
  });

  it('does not take a POP3 -ERR line for a flag', () => {
    const result = run(['-ERR', '[IN-USE]', 'Mailbox', 'is', 'locked']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^POP3 response code \[IN-USE\]$/m);
    assert.match(result.stdout, /^POP3 status -ERR$/m);
  });
});

describe('formatExplanation', () => {
  it('writes no ANSI codes without colour and some with it', () => {
    const e = explain('550 5.7.1 <bob@example.com>: Relay access denied');
    assert.ok(!formatExplanation(e, { color: false }).includes(ESC));
    const colored = formatExplanation(e, { color: true });
    assert.ok(colored.includes(`${ESC}[1m`));
    assert.ok(colored.includes(`${ESC}[0m`));
  });

  it('escapes control characters from the pasted server text', () => {
    const e = explain(`550 5.7.1 evil${ESC}[2J text`);
    const text = formatExplanation(e, { color: false });
    assert.ok(!text.includes(ESC));
    assert.match(text, /evil\\x1b\[2J text/);
  });

  it('wraps to the width it is given', () => {
    const e = explain('5.7.1');
    const text = formatExplanation(e, { color: false, width: 50 });
    for (const line of text.split('\n'))
      assert.ok(line.length <= 50, `too long (${line.length}): ${line}`);
    assert.match(text, /^Enhanced code 5\.7\.1/m);
    assert.match(text, /^or policy status\)$/m);
  });

  it('shows each line of a multi-line paste and the joined server text', () => {
    const e = explain(
      '550-5.7.1 Our system has detected that this message is\n550 5.7.1 likely unsolicited mail.',
    );
    const text = formatExplanation(e, { color: false });
    assert.match(text, /Input {7}550-5\.7\.1 Our system/);
    assert.match(text, /^ {14}550 5\.7\.1 likely unsolicited mail\.$/m);
    assert.match(text, /Server text Our system has detected that this message is likely/);
    assert.match(text, /^Matches: Gmail likely unsolicited, spam$/m);
  });

  it('lays out POP3, IMAP, DNS and capability explanations', () => {
    const imap = formatExplanation(explain('a1 NO [AUTHENTICATIONFAILED] Authentication failed.'), {
      color: false,
    });
    assert.match(imap, /^IMAP status NO \(tagged a1\)$/m);
    assert.match(imap, /^IMAP response code \[AUTHENTICATIONFAILED\]$/m);
    assert.match(imap, /^Matches: Dovecot authentication failed$/m);
    const dns = formatExplanation(explain('dns:servfail'), { color: false });
    assert.match(dns, /^DNS outcome SERVFAIL$/m);
    assert.match(dns, /For mail {4}Temporary failure/);
    const cap = formatExplanation(explain('STARTTLS'), { color: false });
    assert.match(cap, /^SMTP extension STARTTLS$/m);
    assert.match(cap, /^IMAP capability STARTTLS$/m);
    const vendorCap = formatExplanation(explain('smtp:XCLIENT'), { color: false });
    assert.match(vendorCap, /^SMTP extension XCLIENT \(vendor\)$/m);
    assert.match(vendorCap, /Parameters/);
  });

  it('explains a vendor code outside the registry with a note', () => {
    const text = formatExplanation(
      explain('550 5.7.606 Access denied, banned sending IP [192.0.2.1].'),
      { color: false },
    );
    assert.match(
      text,
      /^Enhanced code 5\.7\.606 \(Permanent failure; security or policy status\)$/m,
    );
    assert.match(text, /not in the IANA registry: it is Microsoft 365's own code/);
  });
});
