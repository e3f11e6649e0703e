#!/usr/bin/env node
// One bundled, executable file: loading ink unbundled costs about half a second of start-up here.
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
const outfile = `${root}dist/mailmedic.js`;

await build({
  entryPoints: [`${root}source/cli.tsx`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (dns2) call require() for node built-ins; give the ESM bundle one.
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __mmCreateRequire } from 'node:module';",
      'const require = __mmCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  define: {
    'process.env.NODE_ENV': '"production"',
    __MAILMEDIC_VERSION__: JSON.stringify(pkg.version),
  },
  plugins: [
    {
      // Ink loads its devtools bridge only when DEV=true; ship an empty stand-in instead of
      // a dependency nobody installed.
      name: 'no-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({
          path: 'react-devtools-core',
          namespace: 'stub',
        }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
          contents: 'export default { initialize() {}, connectToDevTools() {} };',
          loader: 'js',
        }));
      },
    },
  ],
});
await chmod(outfile, 0o755);
