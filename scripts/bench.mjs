#!/usr/bin/env node
// `npm run bench`: builds, then runs each script in bench/ and prints its figures.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);
const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && f !== 'stats.ts')
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
let failed = 0;
for (const file of benches) {
  console.log(`\n# ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', file)], {
    stdio: 'inherit',
    cwd: root,
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
