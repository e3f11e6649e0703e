// `mailmedic explain CODE-OR-REPLY`: turn an Explanation into text for a terminal, and the
// command itself (arguments in, exit code out). Everything the server said is shown through
// printable(), because a pasted reply may carry escape sequences.
import { readSync } from 'node:fs';
import { explain } from '../knowledge/index.js';
import type { Explanation, KnowledgeEntry } from '../knowledge/index.js';
import { printable } from '../protocols/common/printable.js';
import { explanationJson } from './explain-json.js';

export const EXPLAIN_USAGE = `Usage: mailmedic explain [--json] CODE-OR-REPLY

Paste what you have: a code, a reply, a bounce, an NDR or a log line. The reply
that matters is found inside wrappers (Exchange NDRs, "host X said:", Postfix
status=bounced, Exim "**" lines); the provider's own meaning comes first, the
codes' generic meaning after it.

  --json      one JSON object on stdout (schema mailmedic.explain/1, in README)

Accepted forms (quotes are optional; all words are joined with spaces):
  550                                      an SMTP reply code
  5.7.1  or  X.7.1                         an enhanced status code
  550 5.7.1 <bob@example.com>: Relay access denied
                                           a reply line (several lines of a
                                           multi-line reply work too)
  ... said: 554 5.7.1 ...                  a log line or bounce holding a reply
  -ERR [IN-USE] Mailbox is locked          a POP3 response
  a1 NO [AUTHENTICATIONFAILED] ...         an IMAP response (tagged or "*")
  [TRYCREATE]  or  IN-USE                  a POP3 or IMAP response code
  dns:nxdomain  or  NXDOMAIN, SERVFAIL     a DNS outcome
  PIPELINING, smtp:SIZE, pop3:STLS, imap:IDLE
                                           a capability keyword
  Relay access denied                      known server messages, even without a code
  Remote Server returned '554 5.3.0 < #5.3.0 smtp; 550 ...>'
                                           an Exchange NDR: the inner reply is used
  ... status=bounced (host X said: 550 ...) a Postfix or Exim log line
  ... IMAP: S: a1 NO [AUTHENTICATIONFAILED] a POP3 or IMAP reply in a client's log
  -                                        read the text from standard input
                                           (paste, then Ctrl-D)
`;

export interface ExplainFormatOptions {
  color: boolean;
  /** Terminal width; text wraps to it (default 80, at least 40). */
  width?: number;
}

const ANSI = {
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  cyan: '\u001b[36m',
  yellow: '\u001b[33m',
  reset: '\u001b[0m',
};
const LABEL_WIDTH = 12;
const INDENT = '  ';

const paint = (on: boolean, codes: string, text: string): string =>
  on ? `${codes}${text}${ANSI.reset}` : text;

/** Greedy word wrap; words longer than the line (URLs) are left whole. */
const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines.length > 0 ? lines : [''];
};

class Writer {
  private readonly out: string[] = [];
  constructor(
    private readonly color: boolean,
    private readonly width: number,
  ) {}

  heading(text: string, tone: 'cyan' | 'yellow' = 'cyan'): void {
    if (this.out.length > 0) this.out.push('');
    for (const line of wrap(text, this.width))
      this.out.push(paint(this.color, ANSI.bold + ANSI[tone], line));
  }

  field(label: string, value: string): void {
    const room = Math.max(20, this.width - INDENT.length - LABEL_WIDTH);
    const [first = '', ...rest] = wrap(value, room);
    this.out.push(`${INDENT}${paint(this.color, ANSI.dim, label.padEnd(LABEL_WIDTH))}${first}`);
    for (const line of rest) this.out.push(`${INDENT}${' '.repeat(LABEL_WIDTH)}${line}`);
  }

  bullet(text: string): void {
    const [first = '', ...rest] = wrap(text, Math.max(20, this.width - INDENT.length - 2));
    this.out.push(`${INDENT}- ${first}`);
    for (const line of rest) this.out.push(`${INDENT}  ${line}`);
  }

  entry(entry: KnowledgeEntry): void {
    this.field('Meaning', entry.summary);
    this.field('Details', entry.detail);
    this.field('Reference', entry.reference);
  }

  toString(): string {
    return `${this.out.join('\n')}\n`;
  }
}

/** Readable terminal text for an explanation; no ANSI codes unless options.color. */
export const formatExplanation = (e: Explanation, options: ExplainFormatOptions): string => {
  const width = Math.max(40, options.width ?? 80);
  const w = new Writer(options.color, width);
  w.heading('You asked about', 'cyan');
  const inputLines = e.input.trim().split(/\r?\n/).slice(0, 12);
  inputLines.forEach((line, index) =>
    w.field(index === 0 ? 'Input' : '', printable(line).slice(0, 400)),
  );
  const serverText = e.replyText ?? e.pop3?.text ?? e.imap?.text;
  if (e.layers.length > 0) {
    const reply = e.layers[e.layers.length - 1];
    const codes = [reply?.code, reply?.enhanced].filter((part) => part !== undefined).join(' ');
    if (codes !== '') w.field('Reply found', codes);
  }
  if (serverText !== undefined && serverText !== '') w.field('Server text', printable(serverText));
  if (e.context.host) w.field('From host', printable(e.context.host));
  if (e.context.operator) w.field('Run by', e.context.operator);
  if (e.context.stage) w.field('Answering', e.context.stage);
  if (e.context.logStatus) w.field('Log status', e.context.logStatus);
  if (e.context.dsnStatus) w.field('DSN status', e.context.dsnStatus);

  // The vendor's meaning first: a provider may use a registered code for its own policy, and the
  // registry's wording must not be read as contradicting it.
  for (const pattern of e.vendor) {
    w.heading(`Matches: ${pattern.vendor} ${pattern.label}`, 'yellow');
    w.field('Meaning', pattern.summary);
    w.field('Details', pattern.detail);
    w.field('How to fix', pattern.fix);
    if (pattern.caution) w.field('Code use', pattern.caution);
    w.field('Reference', pattern.reference);
  }
  const generic = e.vendor.length > 0 ? 'Generic meaning of basic code' : 'Basic code';
  const genericEnhanced =
    e.vendor.length > 0 ? 'Generic meaning of enhanced code' : 'Enhanced code';

  if (e.basic) {
    const category = e.basic.category ? `, ${e.basic.category}` : '';
    w.heading(`${generic} ${e.basic.code} (${e.basic.className}${category})`);
    if (e.basic.text) w.field('RFC text', e.basic.text);
    w.entry(e.basic);
  }
  if (e.enhanced) {
    w.heading(
      `${genericEnhanced} ${e.enhanced.code} (${e.enhanced.class}; ${e.enhanced.subject.toLowerCase()})`,
    );
    if (e.enhanced.sampleText) w.field('IANA text', e.enhanced.sampleText);
    w.field('Meaning', e.enhanced.summary);
    w.field('Details', e.enhanced.detail);
    if (e.enhanced.basicCodes.length > 0) w.field('Seen with', e.enhanced.basicCodes.join(', '));
    w.field('Reference', e.enhanced.reference);
  }
  if (e.pop3) {
    if (e.pop3.status && e.pop3.statusEntry) {
      w.heading(`POP3 status ${e.pop3.status}`);
      w.entry(e.pop3.statusEntry);
    }
    if (e.pop3.code) {
      w.heading(`POP3 response code [${printable(e.pop3.code)}]`);
      if (e.pop3.codeEntry) w.entry(e.pop3.codeEntry);
      else
        w.field(
          'Meaning',
          'Not a registered POP3 response code; the server explains it in its text.',
        );
    }
  }
  if (e.imap) {
    const tag = e.imap.tag;
    if (e.imap.status && e.imap.statusEntry) {
      const where = tag === '*' ? 'untagged' : `tagged ${printable(tag ?? '')}`;
      w.heading(`IMAP status ${e.imap.status} (${where})`);
      w.entry(e.imap.statusEntry);
    }
    if (e.imap.data || tag === '+') {
      w.heading(
        tag === '+'
          ? 'IMAP continuation request'
          : `IMAP untagged data ${printable(e.imap.data ?? '')}`,
      );
      if (e.imap.dataMeaning) w.field('Meaning', e.imap.dataMeaning);
    }
    if (e.imap.code) {
      w.heading(`IMAP response code [${printable(e.imap.code)}]`);
      if (e.imap.codeEntry) w.entry(e.imap.codeEntry);
      else
        w.field(
          'Meaning',
          'Not a response code this tool knows; the server explains it in its text.',
        );
    }
  }
  if (e.dns) {
    w.heading(`DNS outcome ${e.dns.name.toUpperCase()}`);
    w.field('Meaning', e.dns.summary);
    w.field('Details', e.dns.detail);
    w.field('For mail', e.dns.mailImpact);
    w.field('Reference', e.dns.reference);
  }
  for (const capability of e.capabilities) {
    const kind =
      capability.protocol === 'smtp'
        ? 'SMTP extension'
        : capability.protocol === 'pop3'
          ? 'POP3 capability'
          : 'IMAP capability';
    const status =
      capability.entry.status && capability.entry.status !== 'standard'
        ? ` (${capability.entry.status})`
        : '';
    w.heading(`${kind} ${printable(capability.name)}${status}`);
    if (capability.entry.parameters) w.field('Parameters', capability.entry.parameters);
    w.entry(capability.entry);
  }
  const wrappers = e.layers.filter((layer) => layer.role === 'wrapper');
  for (const layer of wrappers) {
    const codes = [layer.code, layer.enhanced].filter((part) => part !== undefined).join(' ');
    w.heading(`Around it: ${codes} (explained second)`);
    w.field('What it is', layer.about);
    if (layer.text !== '') w.field('Its text', printable(layer.text));
    if (layer.basic) w.field('Generic', `${layer.basic.code}: ${layer.basic.summary}`);
    if (layer.enhancedEntry)
      w.field('Generic', `${layer.enhancedEntry.code}: ${layer.enhancedEntry.summary}`);
    for (const pattern of layer.vendor)
      w.field('Written by', `${pattern.vendor}: ${pattern.summary}`);
  }
  if (e.notes.length > 0) {
    w.heading('Notes');
    for (const note of e.notes) w.bullet(note);
  }
  return w.toString();
};

export interface ExplainIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  color: boolean;
  width?: number;
  /** For `explain -`: the pasted text from standard input (default: read fd 0, bounded). */
  readStdin?: () => string;
}

/** Enough for any bounce; the extractor reads no more than 64 KiB of it anyway. */
const STDIN_LIMIT = 256 * 1024;

const readStdinBounded = (): string => {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.alloc(64 * 1024);
  for (;;) {
    let read = 0;
    try {
      read = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      // EAGAIN on a non-blocking descriptor: nothing more to read now.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') break;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, read)));
    total += read;
    if (total >= STDIN_LIMIT) break;
  }
  return Buffer.concat(chunks).toString('utf8');
};

/** Runs `mailmedic explain`; returns the exit code: 0 explained, 2 missing or unrecognised input. */
export const runExplain = (args: string[], io: ExplainIo): number => {
  const words = [...args];
  // Options only at either end: the text itself may hold anything ("--", "-ERR").
  let json = false;
  let noColor = false;
  for (;;) {
    if (words[0] === '--json' || words.at(-1) === '--json') json = true;
    else if (words[0] === '--no-color' || words.at(-1) === '--no-color') noColor = true;
    else break;
    if (words[0] === '--json' || words[0] === '--no-color') words.shift();
    else words.pop();
  }
  const color = io.color && !noColor;
  if (words[0] === '--') words.shift();
  if (words.length === 1 && (words[0] === '--help' || words[0] === '-h')) {
    io.stdout(EXPLAIN_USAGE);
    return 0;
  }
  const input =
    words.length === 1 && words[0] === '-' ? (io.readStdin ?? readStdinBounded)() : words.join(' ');
  if (input.trim() === '') {
    io.stderr(
      `mailmedic explain: missing CODE-OR-REPLY: give a code or a reply line to explain.\n\n${EXPLAIN_USAGE}`,
    );
    return 2;
  }
  const explanation = explain(input);
  if (json) {
    io.stdout(`${JSON.stringify(explanationJson(explanation), null, 2)}\n`);
    return explanation.kind === 'unknown' ? 2 : 0;
  }
  if (explanation.kind === 'unknown') {
    const shown = printable(input.trim()).slice(0, 120);
    const why = explanation.notes.length > 0 ? ` ${explanation.notes.join(' ')}` : '';
    io.stderr(`mailmedic explain: cannot recognise "${shown}".${why}\n\n${EXPLAIN_USAGE}`);
    return 2;
  }
  io.stdout(
    formatExplanation(explanation, {
      color,
      ...(io.width !== undefined ? { width: io.width } : {}),
    }),
  );
  return 0;
};
