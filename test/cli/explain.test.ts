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
    assert.match(
      result.stdout,
      /^Generic meaning of basic code 550 \(permanent negative completion, mail system\)$/m,
    );
    assert.match(
      result.stdout,
      /^Generic meaning of enhanced code 5\.7\.1 \(Permanent failure; security or policy\s+status\)$/m,
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
      /^Generic meaning of enhanced code 5\.7\.606 \(Permanent failure; security or policy\s+status\)$/m,
    );
    assert.match(text, /not in the IANA registry: it is Microsoft 365's own code/);
  });
});

describe('explain: vendor first, wrappers second', () => {
  it('shows the vendor meaning before the generic meaning of a reused code', () => {
    const text = formatExplanation(
      explain(
        '554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied',
      ),
      { color: false, width: 100 },
    );
    const vendorAt = text.indexOf('Matches: Microsoft 365 SendAsDenied');
    const genericAt = text.indexOf('Generic meaning of enhanced code 5.2.0');
    assert.ok(vendorAt > 0, text);
    assert.ok(genericAt > vendorAt, 'the generic meaning comes after the vendor one');
    assert.match(text, /Code use {4}Exchange wraps this permission refusal in 5\.2\.0/);
  });

  it('explains the Exchange wrapper after the inner reply', () => {
    const result = run([
      "Remote Server returned '554 5.3.0 < #5.3.0 smtp; 550 Rejected by header based Anti-Spoofing policy: bob@example.com>'",
    ]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Reply found 550\n/);
    assert.match(result.stdout, /Matches: Mimecast anti-spoofing policy/);
    const inner = result.stdout.indexOf('Matches: Mimecast');
    const wrapper = result.stdout.indexOf('Around it: 554 5.3.0 (explained second)');
    assert.ok(wrapper > inner, result.stdout);
    assert.match(result.stdout, /Exchange's wrapper/);
  });
});

describe('explain --json', () => {
  it('prints one JSON object with the documented fields', () => {
    const result = run([
      '--json',
      'status=bounced (host mx01.mail.icloud.com[192.0.2.7] said: 554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137 (in reply to end of DATA command))',
    ]);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, '');
    const json = JSON.parse(result.stdout) as Record<string, unknown> & {
      reply: Record<string, unknown>;
      context: Record<string, unknown>;
      vendor: Record<string, unknown>[];
      layers: Record<string, unknown>[];
      basic: Record<string, unknown>;
      enhanced: Record<string, unknown>;
      advice: string[];
    };
    assert.equal(json.schema, 'mailmedic.explain/1');
    assert.equal(json.recognized, true);
    assert.deepEqual(json.reply, {
      code: 554,
      enhancedCode: '5.7.1',
      text: '[CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
      foundBy: 'host-said',
    });
    assert.deepEqual(json.context, {
      host: 'mx01.mail.icloud.com',
      operator: 'iCloud',
      stage: 'end of DATA',
      logStatus: 'bounced',
      dsnStatus: null,
    });
    assert.equal(json.vendor[0]?.id, 'icloud-cs-local-policy');
    assert.equal(json.vendor[0]?.vendor, 'iCloud');
    assert.match(String(json.vendor[0]?.source), /^https:\/\/support\.apple\.com\//);
    assert.equal(json.basic.code, 554);
    assert.equal(json.enhanced.registryCode, 'X.7.1');
    assert.equal(json.layers.length, 1);
    assert.equal(json.layers[0]?.role, 'reply');
    assert.equal(json.advice.length, 1);
    for (const key of ['pop3', 'imap', 'dns']) assert.equal(json[key], null);
  });

  it('says recognized: false and exits 2 for text it cannot place', () => {
    const result = run(['hello', 'there', '--json']);
    assert.equal(result.code, 2);
    const json = JSON.parse(result.stdout) as { recognized: boolean; vendor: unknown[] };
    assert.equal(json.recognized, false);
    assert.deepEqual(json.vendor, []);
  });

  it('treats --json inside the text as text', () => {
    const result = run(['550', '--json', 'x']);
    assert.equal(result.code, 0);
    assert.doesNotMatch(result.stdout, /^\{/);
  });
});

describe('explain - (standard input)', () => {
  it('reads a whole pasted bounce from standard input', () => {
    const out: string[] = [];
    const bounce = [
      'This is the mail system at host mail.example.org.',
      '',
      '<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>:',
      '    Recipient address rejected: User unknown in virtual mailbox table (in reply to',
      '    RCPT TO command)',
    ].join('\n');
    const code = runExplain(['--json', '-'], {
      stdout: (s) => out.push(s),
      stderr: () => undefined,
      color: false,
      readStdin: () => bounce,
    });
    assert.equal(code, 0);
    const json = JSON.parse(out.join('')) as { reply: { code: number; text: string } };
    assert.equal(json.reply.code, 550);
    assert.equal(
      json.reply.text,
      '<bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    );
  });
});
