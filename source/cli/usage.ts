// The usage reference as data: --help prints it, and docs/usage.md and the man page
// (docs/mailmedic.1) are generated from it by `npm run docs`; test/cli/usage-docs.test.ts fails
// when they are stale. One row per command or option: [what to type, what it does].

export type UsageRow = readonly [usage: string, meaning: string];

export const SUMMARY = 'find out, step by step, why mail does not work';

export const COMMANDS: readonly UsageRow[] = [
  ['mailmedic [TARGET] [options]', 'full-screen wizard'],
  ['mailmedic --lab [SCENARIO]', 'the wizard against the practice lab'],
  ['mailmedic check [TARGET] [options]', 'the same diagnosis without the full-screen UI'],
  ['mailmedic open REPORT.json', 'browse a saved session in the wizard, offline'],
  ['mailmedic explain [--json] TEXT', 'explain "550", "5.7.1", a reply, a bounce or a log line'],
  [
    'mailmedic lab [SCENARIO] [--json]',
    'run the practice lab servers until Ctrl-C (exit 0); --json prints the ports as one line',
  ],
  [
    'mailmedic console HOST:PORT [options]',
    'the manual console: type SMTP, POP3, IMAP or any line-based protocol (HTTP HEAD /) by hand, every reply explained',
  ],
  [
    'mailmedic console --lab [SCENARIO] [options]',
    "the console on the practice lab, started in-process (healthy by default): a lesson goes to the lab server of its protocol; a lesson with no HOST:PORT runs there too; the lab's practice login is shown and its CA trusted",
  ],
];

export const TARGET =
  'TARGET is a domain (example.com), an address (bob@example.com), a host, or host:port.';

export const OPTIONS: readonly UsageRow[] = [
  ['--server HOST[:PORT]', 'SMTP server to test; skips MX selection'],
  [
    '--port N',
    "SMTP port (default 25 for a domain's MX); (console --lab) the lab server in the role of port 25, 587, 465, 110, 995, 143 or 993",
  ],
  [
    '--tls MODE',
    'auto | starttls | implicit | none (auto: implicit on 465, STARTTLS whenever offered)',
  ],
  [
    '--insecure',
    'go on despite certificate problems (they stay findings); certificates only, and needed only when credentials are at stake',
  ],
  ['--plaintext-auth', 'allow credentials over a connection without TLS (always an error finding)'],
  ['--ca-file FILE', 'also trust the CA certificates in FILE (PEM)'],
  ['--ehlo NAME', "name for EHLO/HELO (default: this machine's host name)"],
  ['--auth-user USER', 'authenticate as USER'],
  ['--auth-mech MECH', 'auto | plain | login | cram-md5 | xoauth2 (default auto)'],
  [
    '--auth-pass-file FILE',
    'read the password from FILE (or set MAILMEDIC_PASSWORD; otherwise you are asked, masked)',
  ],
  [
    '--from ADDR, --to ADDR',
    'envelope; a message is sent only when --to is given (default sender: the login if it is an address, else LOGIN@ the domain tested)',
  ],
  ['--header "Name: value"', 'extra header for the test message (repeatable)'],
  ['--body TEXT|@FILE', 'body of the test message'],
  [
    '--pop3 HOST[:PORT]',
    'retrieve the test message over POP3 (995 implies TLS; pop3s://HOST:PORT for implicit TLS on another port)',
  ],
  [
    '--imap HOST[:PORT]',
    'retrieve the test message over IMAP (993 implies TLS; imaps://HOST:PORT likewise); without TARGET, --pop3 and --imap check only the mailbox login',
  ],
  ['--mailbox-user USER', 'mailbox login (default --auth-user)'],
  ['--dns IP[:PORT]', "resolver to ask (repeatable; default the system's)"],
  ['--timeout SECONDS', 'every network wait (default: connect 10 s, others 30 s)'],
  ['--steps LIST', 'subset of dns,connect,banner,ehlo,tls,auth,send,pop3,imap'],
  ['--report FILE', 'write a report: .md .html .json or .txt'],
  ['--redact-identities', 'in reports also mask addresses, host names and IPs'],
  ['--json', '(check) the session JSON on stdout, nothing else'],
  [
    '--lab SCENARIO',
    '(check, console) the practice lab in that scenario (the scenarios are listed below)',
  ],
  ['--domains-file FILE', '(check) many domains, one per line ("-" for stdin)'],
  ['--concurrency N', '(check) with --domains-file, N at a time (default 8)'],
  [
    '--protocol P',
    '(console) auto | smtp | pop3 | imap | raw (auto: from the greeting; a server that waits for the client, like HTTP, is raw)',
  ],
  [
    '--lesson N',
    '(console) follow a lesson: 1 SMTP by hand, 2 SMTP AUTH LOGIN/PLAIN and base64, 3 POP3, 4 IMAP, 5 a banner check (HTTP HEAD)',
  ],
  ['--no-color', 'no colours (NO_COLOR is honoured too)'],
  ['--help, --version', 'this text; the version'],
];

export const LAB_SCENARIOS =
  'Practice lab scenarios: healthy, relay-denied, auth-failure, tls-required, greylisting, tarpit, mailbox-full, message-too-large, smtp-fixup, expired-certificate, pop3-in-use, no-mx, null-mx, broken-mx, blocklisted, starttls-stripped, wrong-hostname-certificate, auth-before-tls-only, dmarc-reject.';

export const EXIT_CODES: readonly UsageRow[] = [
  ['0', 'the diagnosis ran and found no error'],
  ['1', 'the diagnosis ran and found at least one error (an unreachable server is one)'],
  ['2', 'usage error: the message names the flag or value; nothing was sent'],
  ['3', 'mailmedic itself failed'],
  ['130', 'interrupted (Ctrl-C); the partial transcript is printed'],
];

export const ENVIRONMENT: readonly UsageRow[] = [
  ['MAILMEDIC_PASSWORD', 'the password for --auth-user and --mailbox-user'],
  ['NO_COLOR', 'no colours, like --no-color'],
];

/** `text` cut into lines of at most `width` characters, at spaces. */
export const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
};

/** Rows as two columns: the usage padded to `column`, the meaning wrapped beside it. */
const table = (rows: readonly UsageRow[], column: number, indent = '  ', width = 80): string =>
  rows
    .map(([usage, meaning]) => {
      const room = width - indent.length - column;
      const [first = '', ...rest] = wrap(meaning, room);
      const head =
        usage.length < column - 1
          ? `${indent}${usage.padEnd(column)}${first}`
          : `${indent}${usage}\n${indent}${' '.repeat(column)}${first}`;
      return [head, ...rest.map((l) => `${indent}${' '.repeat(column)}${l}`)].join('\n');
    })
    .join('\n');

/** The --help text. */
export const renderHelp = (): string =>
  [
    `mailmedic — ${SUMMARY}`,
    '',
    'Usage:',
    table(COMMANDS, 36),
    '',
    wrap(TARGET, 80).join('\n'),
    '',
    'Options (wizard and check):',
    table(OPTIONS, 27),
    '',
    wrap(LAB_SCENARIOS, 80).join('\n'),
    '',
    'Exit codes (check):',
    table(EXIT_CODES, 5),
    '',
    'Environment:',
    table(ENVIRONMENT, 21),
    '',
    'The full reference: docs/usage.md, or `man mailmedic` after a global install.',
    '',
  ].join('\n');

export const USAGE = renderHelp();
