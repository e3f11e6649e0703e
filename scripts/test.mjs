#!/usr/bin/env node
// `npm test`: build the bundle (the end-to-end tests run it), then every test file under test/
// with node's own runner and tsx. Arguments narrow the run: `npm test -- test/protocols`.
// Run it with another Node binary to test on that version: `/path/to/node scripts/test.mjs`.
// The tests start this checkout's mail stack when they need it; when it was not running before the
// run, it is stopped after it, unless `--keep-stack` (or MAILMEDIC_KEEP_STACK=1) keeps it for the
// next run.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const keepStack = args.includes('--keep-stack') || process.env.MAILMEDIC_KEEP_STACK === '1';
const filters = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--') && a !== '--keep-stack');

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : walk(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });

const files = walk(join(root, 'test'))
  .map((file) => relative(root, file))
  .filter(
    (file) => filters.length === 0 || filters.some((f) => file.startsWith(f.replace(/^\.\//, ''))),
  )
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

const run = (cmd, argv) => spawnSync(cmd, argv, { stdio: 'inherit', cwd: root });

const built = run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
if (built.status !== 0) process.exit(built.status ?? 1);

const stackScript = join(root, 'scripts', 'mail-stack');
const stackRunning = () =>
  spawnSync(stackScript, ['status'], { stdio: 'ignore', cwd: root }).status === 0;
const stackBefore = stackRunning();

console.log(`node ${process.version}: ${files.length} test files`);
const result = run(process.execPath, [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=4',
  ...flags,
  ...files,
]);
if (!stackBefore && !keepStack && stackRunning()) {
  console.log('stopping the mail stack the tests started (--keep-stack keeps it)');
  run(stackScript, ['stop']);
}
process.exit(result.status ?? 1);
