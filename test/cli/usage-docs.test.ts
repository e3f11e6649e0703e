// The usage reference lives in one table (source/cli/usage.ts): --help prints it, docs/usage.md
// and the man page are generated from it, and the parser must accept exactly the options it
// lists. Stale docs fail here; `npm run docs` regenerates them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseCommandLine } from '../../source/cli/args.js';
import { parseSessionText } from '../../source/cli/session-file.js';
import { OPTIONS, USAGE, renderHelp } from '../../source/cli/usage.js';
import { renderManPage, withReferenceBlock } from '../../source/cli/usage-docs.js';
import { SESSION_SCHEMA } from '../../source/record/types.js';
import { VERSION } from '../../source/version.js';
import { ROOT } from '../helpers/cli.js';

const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');
const STALE = 'stale: run `npm run docs` and commit the result';

test('docs/usage.md carries the reference --help prints', () => {
  const text = read('docs/usage.md');
  assert.equal(text, withReferenceBlock(text), `docs/usage.md is ${STALE}`);
});

test('the man page is generated from the same table', () => {
  assert.equal(read('docs/mailmedic.1'), renderManPage(VERSION), `docs/mailmedic.1 is ${STALE}`);
});

test('--help prints the table', () => {
  assert.equal(USAGE, renderHelp());
  for (const [usage] of OPTIONS) assert.ok(USAGE.includes(usage), usage);
  // Nothing wider than a terminal's 80 columns.
  for (const line of USAGE.split('\n')) assert.ok([...line].length <= 80, line);
});

const flagsOf = (usage: string) => [...usage.matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0]);
const documented = new Set(OPTIONS.flatMap(([usage]) => flagsOf(usage)));

test('every documented option is one the parser knows', () => {
  for (const flag of documented) {
    try {
      parseCommandLine(['check', flag, 'x'], {});
    } catch (error) {
      assert.doesNotMatch(String(error), /unknown option/i, `${flag} is documented, not parsed`);
    }
  }
});

test('every option the parser knows is documented', () => {
  // The parser's table, read from its source: a test that fails loudly if it moves.
  const source = read('source/cli/args.ts');
  const block = /const OPTIONS = \{([\s\S]*?)\} as const;/.exec(source);
  assert.ok(block, 'source/cli/args.ts: OPTIONS table not found; update this test');
  const parsed = [...block[1]!.matchAll(/^\s*'?([a-z][a-z0-9-]*)'?:/gm)].map((m) => `--${m[1]}`);
  assert.ok(parsed.length > 10, `found only ${parsed.join(' ')}`);
  for (const flag of parsed) assert.ok(documented.has(flag), `${flag} is parsed, not documented`);
});

test('the shipped session schema names the schema version and holds for recorded sessions', () => {
  // One schema: the one `open` validates with (schema/, shipped in the package and linked from
  // docs/usage.md); every recorded fixture session must pass it, and a foreign file must not.
  const schema = JSON.parse(read('schema/session.schema.json')) as { $id?: string };
  assert.ok(JSON.stringify(schema).includes(SESSION_SCHEMA));
  const dir = 'test/fixtures/sessions/';
  const files = readdirSync(`${ROOT}${dir}`).filter((f) => f.endsWith('.json'));
  assert.ok(files.length > 0);
  for (const file of files)
    assert.doesNotThrow(() => parseSessionText(file, read(`${dir}${file}`)), file);
  assert.throws(() => parseSessionText('other.json', '{"schema":"other"}'), /schema/);
});

test('--help lists every practice lab scenario, and no other', async () => {
  const { SCENARIOS } = await import('../../source/lab/scenarios.js');
  const { LAB_SCENARIOS } = await import('../../source/cli/usage.js');
  const listed = LAB_SCENARIOS.replace(/^[^:]*:\s*/, '')
    .replace(/\.$/, '')
    .split(/,\s*/);
  assert.deepEqual([...listed].sort(), SCENARIOS.map((s) => s.id).sort());
});
