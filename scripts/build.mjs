#!/usr/bin/env node
// The bundle: dist/mailmedic.js, a launcher of a few lines, and dist/lib/, one chunk per entry
// path. `check`, `explain` and `--version` never load ink, react or yoga; the wizard's chunk is
// read only when the wizard opens. Loading ink unbundled costs about half a second here, so the
// dependencies stay bundled. Each measure below is switchable so bench/startup.ts can build the
// variants side by side and show what each one pays (`node scripts/build.mjs --help`).
import { build } from 'esbuild';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire, isBuiltin } from 'node:module';

const requireHere = createRequire(import.meta.url);

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The launcher: turns on Node's module compile cache (22.1 and later) before anything big is
 * compiled, then loads the entry chunk. Node 20 has no compile cache and simply goes on.
 */
const launcher = (compileCache) =>
  [
    '#!/usr/bin/env node',
    ...(compileCache
      ? [
          "import nodeModule from 'node:module';",
          // Caching is an optimisation only: a read-only or full cache directory must not stop us.
          'try { nodeModule.enableCompileCache?.(); } catch {}',
        ]
      : []),
    "await import('./lib/cli.js');",
    '',
  ].join('\n');

/** Ink loads its devtools bridge (and with it `ws`) only when DEV=true: ship an empty stand-in. */
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$|^\.\/devtools\.js$/ }, (args) =>
      args.path === './devtools.js' && !args.importer.includes(`${join('node_modules', 'ink')}`)
        ? undefined
        : { path: args.path, namespace: 'stub' },
    );
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
      loader: 'js',
    }));
  },
};

/** Replaces `from` by `to` in a dependency's source and fails the build when it is not there. */
const patchSource = (name, file, edits) => ({
  name,
  setup(b) {
    b.onLoad({ filter: file }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      for (const [from, to] of edits) {
        if (!text.includes(from)) {
          throw new Error(`${name}: ${args.path} changed; "${from}" not found. Update the patch.`);
        }
        text = text.split(from).join(to);
      }
      return { contents: text, loader: 'js' };
    });
  },
});

/**
 * yoga-layout's wasm loader asks `typeof fetch` first, which makes Node load undici (tens of
 * milliseconds) only to fetch a data: URL; without fetch it decodes the same embedded bytes.
 */
const yogaWithoutFetch = patchSource(
  'yoga-without-fetch',
  /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
  [['typeof fetch', '"undefined"']],
);

/**
 * string-width (ink's 8.x and wrap-ansi's 7.x) segments any non-ASCII text into graphemes and
 * builds a large emoji expression on first use: ~15 ms for the RGI_Emoji set alone. The wizard's
 * frames are box-drawing, arrows and Latin letters, which are one cell or East Asian wide each and
 * never combine; source/ui/simple-width.js measures exactly those and hands anything else to the
 * library (test/ui/simple-width.test.ts holds the two equal, code point by code point).
 */
const stringWidthFastPath = patchSource(
  'string-width-fast-path',
  /[\\/]string-width[\\/]index\.js$/,
  [
    ['export default function stringWidth(', 'function upstreamStringWidth('],
    [
      "import stripAnsi from 'strip-ansi';",
      [
        "import stripAnsi from 'strip-ansi';",
        `import { simpleWidth } from ${JSON.stringify(join(root, 'source', 'ui', 'simple-width.ts'))};`,
        'export default function stringWidth(input, options = {}) {',
        "  if (typeof input !== 'string') return upstreamStringWidth(input, options);",
        '  const text = !options.countAnsiEscapeCodes && (input.includes("\\u001B") || input.includes("\\u009B")) ? stripAnsi(input) : input;',
        '  const width = simpleWidth(text, eastAsianWidth, options.ambiguousIsNarrow === false);',
        '  return width >= 0 ? width : upstreamStringWidth(input, options);',
        '}',
      ].join('\n'),
    ],
  ],
);

/**
 * Node's built-in modules, taken with require() and loaded on first use. An `import` of a built-in
 * builds an ES module facade that reads every export, and so runs the module's lazy getters: on
 * Node 24, `node:util` pulls in worker_threads and assert's diff (3 MiB), `node:crypto` its
 * WebCrypto; esbuild's CommonJS interop, which reads every property's descriptor, does the same
 * to util, fs and buffer. So a built-in whose exports are a plain object becomes an object of
 * getters (and setters) over one require() made when a chunk first uses one of them: `check`
 * without TLS never loads node:tls or node:crypto, `--version` not even node:net. The names come
 * from the Node that builds (engines >= 20, so every name the code may use is there); a module
 * that is a function or has a prototype (node:events, node:stream, node:process) is required as
 * it is when its chunk loads.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_]+(\/[a-z_]+)?$/ }, (args) =>
      // The stand-in's own require() is left to Node.
      args.namespace === 'builtin'
        ? { path: args.path, external: true }
        : isBuiltin(args.path)
          ? { path: args.path.replace(/^node:/, ''), namespace: 'builtin' }
          : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, ({ path }) => {
      const spec = JSON.stringify(`node:${path}`);
      const real = requireHere(`node:${path}`);
      if (Object.getPrototypeOf(real) !== Object.prototype)
        return { contents: `module.exports = require(${spec});` };
      return {
        contents: [
          'let m;',
          `const load = () => (m ??= require(${spec}));`,
          `for (const k of ${JSON.stringify(Object.getOwnPropertyNames(real))})`,
          '  Object.defineProperty(exports, k, {',
          '    enumerable: true,',
          '    get: () => load()[k],',
          '    set: (v) => {',
          '      load()[k] = v;',
          '    },',
          '  });',
        ].join('\n'),
      };
    });
  },
};

/**
 * esbuild escapes non-ASCII text in strings but leaves it in regular expression literals (a few
 * vendor patterns hold é and –). One such character makes Node decode the whole chunk on its slow
 * UTF-8 path and V8 keep its source as two bytes a character. \\uXXXX means the same code unit in
 * a string, a template and a regular expression (with or without the u flag, where a surrogate
 * pair of escapes is one code point), so every code unit outside printable ASCII is escaped.
 */
const asciiOnly = async (dir) => {
  for (const name of await readdir(dir)) {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8');
    const escaped = text.replace(
      /[^\t\n\r\x20-\x7e]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    if (escaped !== text) await writeFile(file, escaped);
  }
};

export const DEFAULTS = {
  split: true,
  minify: true,
  compileCache: true,
  patches: true,
  builtinsByRequire: true,
  asciiOnly: true,
};

/** Builds into `outdir` (dist/ by default); returns the path of the launcher. */
export const buildBundle = async (options = {}) => {
  const o = { ...DEFAULTS, outdir: join(root, 'dist'), ...options };
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  await rm(join(o.outdir, 'lib'), { recursive: true, force: true });
  await mkdir(o.outdir, { recursive: true });
  const result = await build({
    // bench/ builds its floor programs with the same options (`entry`).
    entryPoints: { cli: o.entry ?? join(root, 'source', 'cli.tsx') },
    metafile: Boolean(o.metafile),
    outdir: join(o.outdir, 'lib'),
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: o.split,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    minifySyntax: true,
    minifyWhitespace: o.minify,
    minifyIdentifiers: o.minify,
    // Names stay readable in the stack trace of an internal error (exit 3).
    keepNames: o.minify,
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies (dns2) call require() for node built-ins; give the ESM chunks one.
    banner: {
      js: "import { createRequire as __mmCreateRequire } from 'node:module'; const require = __mmCreateRequire(import.meta.url);",
    },
    define: {
      'process.env.NODE_ENV': '"production"',
      __MAILMEDIC_VERSION__: JSON.stringify(pkg.version),
    },
    plugins: [
      noDevtools,
      ...(o.patches ? [yogaWithoutFetch, stringWidthFastPath] : []),
      ...(o.builtinsByRequire ? [builtinsByRequire] : []),
    ],
  });
  // Which modules each chunk holds and how many bytes each adds (--metafile FILE).
  if (o.metafile) await writeFile(o.metafile, JSON.stringify(result.metafile));
  if (o.asciiOnly) await asciiOnly(join(o.outdir, 'lib'));
  const launcherPath = join(o.outdir, 'mailmedic.js');
  await writeFile(launcherPath, launcher(o.compileCache));
  await chmod(launcherPath, 0o755);
  return launcherPath;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      outdir: { type: 'string' },
      metafile: { type: 'string' },
      'no-split': { type: 'boolean' },
      'no-minify': { type: 'boolean' },
      'no-compile-cache': { type: 'boolean' },
      'no-patches': { type: 'boolean' },
      'no-builtins-by-require': { type: 'boolean' },
      'no-ascii-only': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(
      'node scripts/build.mjs [--outdir DIR] [--metafile FILE] [--no-split] [--no-minify] [--no-compile-cache] [--no-patches] [--no-builtins-by-require] [--no-ascii-only]',
    );
  } else {
    await buildBundle({
      ...(values.outdir ? { outdir: values.outdir } : {}),
      ...(values.metafile ? { metafile: values.metafile } : {}),
      split: !values['no-split'],
      minify: !values['no-minify'],
      compileCache: !values['no-compile-cache'],
      patches: !values['no-patches'],
      builtinsByRequire: !values['no-builtins-by-require'],
      asciiOnly: !values['no-ascii-only'],
    });
  }
}
