#!/usr/bin/env node
// `npm run bench`: builds, then prints the one table of bench/table.ts (issue 13's figures and the
// machine). `npm run bench -- startup smtp-engine` runs the named scripts in bench/ instead.
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
const scripts = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.ts'));
const benches =
  only.length === 0 ? ['table.ts'] : scripts.filter((f) => only.some((o) => f.includes(o)));
if (benches.length === 0) {
  console.error(`no bench script matches ${only.join(' ')}; there are: ${scripts.join(' ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of benches) {
  if (benches.length > 1) console.log(`\n# ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', file)], {
    stdio: 'inherit',
    cwd: root,
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
