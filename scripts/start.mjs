#!/usr/bin/env node
// `npm start`: build when the bundle is missing or older than any source file, then run it here,
// in this process, so signals and the terminal belong to the wizard alone.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'mailmedic.js');

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    return Math.max(latest, time);
  }, 0);

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest(join(root, 'source'))) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 3);
}
await import(pathToFileURL(bundle).href);
