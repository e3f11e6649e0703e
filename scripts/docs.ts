// `npm run docs`: rewrites the generated part of docs/usage.md and the man page docs/mailmedic.1
// from the table --help prints (source/cli/usage.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderManPage, withReferenceBlock } from '../source/cli/usage-docs.js';
import { VERSION } from '../source/version.js';

const docs = fileURLToPath(new URL('../docs/', import.meta.url));
const usage = `${docs}usage.md`;
writeFileSync(usage, withReferenceBlock(readFileSync(usage, 'utf8')));
writeFileSync(`${docs}mailmedic.1`, renderManPage(VERSION));
console.log('wrote docs/usage.md (generated part) and docs/mailmedic.1');
