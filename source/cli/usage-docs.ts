// docs/usage.md's generated part and the man page, both from the table --help prints
// (source/cli/usage.ts). `npm run docs` writes them; test/cli/usage-docs.test.ts fails when the
// files in the repository differ from what this renders.
import type { UsageRow } from './usage.js';
import {
  COMMANDS,
  ENVIRONMENT,
  EXIT_CODES,
  LAB_SCENARIOS,
  OPTIONS,
  SUMMARY,
  TARGET,
} from './usage.js';

export const BEGIN = '<!-- generated from source/cli/usage.ts by `npm run docs`: begin -->';
export const END = '<!-- generated: end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const mdTable = (head: [string, string], rows: readonly UsageRow[]): string =>
  [
    `| ${head[0]} | ${head[1]} |`,
    '|---|---|',
    ...rows.map(([usage, meaning]) => `| \`${cell(usage)}\` | ${cell(meaning)} |`),
  ].join('\n');

/** The block between BEGIN and END in docs/usage.md. */
export const renderReferenceBlock = (): string =>
  [
    BEGIN,
    '',
    '### Commands',
    '',
    mdTable(['command', 'what it does'], COMMANDS),
    '',
    TARGET,
    '',
    '### Options (wizard and check)',
    '',
    mdTable(['option', 'meaning'], OPTIONS),
    '',
    LAB_SCENARIOS,
    '',
    '### Exit codes (check)',
    '',
    mdTable(['code', 'meaning'], EXIT_CODES),
    '',
    '### Environment',
    '',
    mdTable(['variable', 'meaning'], ENVIRONMENT),
    '',
    END,
  ].join('\n');

/** `text` with the block between the markers replaced; throws when a marker is missing. */
export const withReferenceBlock = (text: string): string => {
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin)
    throw new Error(`docs/usage.md lacks the markers ${BEGIN} … ${END}`);
  return `${text.slice(0, begin)}${renderReferenceBlock()}${text.slice(end + END.length)}`;
};

/** roff-escaped text: backslashes, and dots or quotes that would start a request. */
const roff = (text: string): string => text.replace(/\\/g, '\\e').replace(/^([.'])/gm, '\\&$1');
/** Option names keep their hyphens as minus signs, so they can be searched and copied. */
const roffWord = (text: string): string => roff(text).replace(/-/g, '\\-');

const tagged = (rows: readonly UsageRow[]): string[] =>
  rows.flatMap(([usage, meaning]) => ['.TP', `.B ${roffWord(usage)}`, roff(meaning)]);

export const renderManPage = (version: string): string =>
  [
    `.TH MAILMEDIC 1 "" "mailmedic ${version}" "User Commands"`,
    '.SH NAME',
    `mailmedic \\- ${roff(SUMMARY)}`,
    '.SH SYNOPSIS',
    ...COMMANDS.flatMap(([usage]) => ['.nf', roffWord(usage), '.fi']),
    '.SH DESCRIPTION',
    roff(
      'mailmedic walks the path a message takes: DNS and MX lookup, connecting, the banner, EHLO, TLS, authentication, sending a test message and retrieving it over POP3 or IMAP. Every command and every reply is shown and explained; what it found becomes findings with the next thing to try. The wizard is full-screen; check runs the same diagnosis for scripts and CI.',
    ),
    '.PP',
    roff(TARGET),
    '.SH COMMANDS',
    ...tagged(COMMANDS),
    '.SH OPTIONS',
    ...tagged(OPTIONS),
    '.PP',
    roff(LAB_SCENARIOS),
    '.SH EXIT STATUS',
    ...tagged(EXIT_CODES),
    '.SH ENVIRONMENT',
    ...tagged(ENVIRONMENT),
    '.SH FILES',
    '.TP',
    '.B docs/usage.md',
    roff(
      'in the package: this reference, and the session JSON (check --json, --report FILE.json).',
    ),
    '.TP',
    '.B schema/session.schema.json',
    roff(
      'in the package: the JSON Schema of the session (schema mailmedic.session/1); open validates against it.',
    ),
    '',
  ].join('\n');
