// The layer rules of ARCHITECTURE.md, enforced. Each layer lists what it must not reach;
// the messages say why, so a failing lint explains the architecture instead of just refusing.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const sockets = ['net', 'tls', 'dgram', 'http', 'https', 'http2'].flatMap((m) => [m, `node:${m}`]);
const processControl = ['child_process', 'node:child_process', 'cluster', 'node:cluster'];
const timers = ['timers', 'node:timers', 'timers/promises', 'node:timers/promises'];
const ui = ['ink', 'react', 'ink-select-input', 'react/jsx-runtime'];

const paths = (names, message) => names.map((name) => ({ name, message }));
const layer = (dir) => ({
  // ui/screens/lab/ is the wizard's lab screen, not the lab layer.
  group: [`**/${dir}/**`, `${dir}/**`, ...(dir === 'lab' ? ['!**/screens/lab/**'] : [])],
  message: `must not import ${dir}/ (see ARCHITECTURE.md)`,
  allowTypeImports: dir === 'protocols',
});
const restrict = (files, { names = [], layers = [], extraPatterns = [] }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { paths: names, patterns: [...layers.map(layer), ...extraPatterns] },
    ],
  },
});

const noSockets = paths(sockets, 'only source/net/ opens sockets');
const noUi = paths(ui, 'only source/ui/ renders');
const noTimers = paths(timers, 'sans-IO code gets time from its caller');
const noProc = paths(processControl, 'no process control here');
const noFs = paths(
  ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'],
  'reads a session, writes nothing',
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // protocols/: bytes in, events out. No I/O, no clocks, no UI, no other layer but knowledge data.
  restrict(['source/protocols/**'], {
    names: [...noSockets, ...noUi, ...noTimers, ...noProc, ...noFs],
    layers: ['net', 'dns', 'session', 'record', 'diagnosis', 'report', 'lab', 'ui'],
  }),
  {
    files: ['source/protocols/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'process',
          'performance',
        ].map((name) => ({
          name,
          message: 'sans-IO: time and process state come from the caller',
        })),
      ],
    },
  },
  // net/: sockets and deadlines, nothing above it.
  restrict(['source/net/**'], {
    names: [...noUi, ...noProc],
    layers: ['dns', 'session', 'record', 'diagnosis', 'report', 'lab', 'ui', 'knowledge'],
  }),
  // dns/: dns2 builds and decodes packets; our own UDP/TCP clients bound them in time and size.
  restrict(['source/dns/**'], {
    names: [
      ...paths(
        ['tls', 'node:tls', 'http', 'node:http', 'https', 'node:https'],
        'DNS speaks plain DNS over UDP and TCP',
      ),
      ...noUi,
      ...noProc,
    ],
    layers: ['net', 'session', 'record', 'diagnosis', 'report', 'lab', 'ui'],
    extraPatterns: [
      {
        group: ['**/protocols/smtp/**', '**/protocols/pop3/**', '**/protocols/imap/**'],
        message: 'dns/ may use protocols/common only',
      },
    ],
  }),
  // knowledge/: data people read and extend.
  restrict(['source/knowledge/**'], {
    names: [...noSockets, ...noUi, ...noTimers, ...noProc, ...noFs],
    layers: ['net', 'dns', 'session', 'record', 'diagnosis', 'report', 'lab', 'ui', 'protocols'],
  }),
  // record/: the session record (types, facts, recorder, secrets, redaction). Everything reads it;
  // it reads nothing but the protocols' shared helpers (printable, SASL masks).
  restrict(['source/record/**'], {
    names: [...noSockets, ...noUi, ...noTimers, ...noProc, ...noFs],
    layers: ['net', 'dns', 'session', 'diagnosis', 'report', 'lab', 'ui', 'knowledge'],
    extraPatterns: [
      {
        group: ['**/protocols/smtp/**', '**/protocols/pop3/**', '**/protocols/imap/**'],
        message: 'record/ may use protocols/common only',
      },
    ],
  }),
  // diagnosis/: pure rules over a session record; the drivers in session/ call it, not the reverse.
  restrict(['source/diagnosis/**'], {
    names: [...noSockets, ...noUi, ...noTimers, ...noProc, ...noFs],
    layers: ['net', 'dns', 'session', 'report', 'lab', 'ui'],
  }),
  // session/: the drivers (runner, steps, gate, console); they drive net/ and dns/ but never draw.
  restrict(['source/session/**'], {
    names: [...noSockets, ...noUi, ...noProc],
    layers: ['report', 'lab', 'ui'],
  }),
  // report/: renders a session to text; no I/O at all.
  restrict(['source/report/**'], {
    names: [...noSockets, ...noUi, ...noTimers, ...noProc, ...noFs],
    layers: ['net', 'dns', 'session', 'lab', 'ui'],
  }),
  // lab/: practice servers; listening sockets come from net/.
  restrict(['source/lab/**'], {
    names: [
      ...paths(['net', 'node:net', 'tls', 'node:tls'], 'lab servers listen through source/net/'),
      ...noUi,
      ...noProc,
    ],
    layers: ['ui', 'report', 'diagnosis'],
  }),
  // ui/: Ink only; the runner does the I/O, the CLI owns the process.
  restrict(['source/ui/**'], {
    names: [
      ...noSockets,
      ...noProc,
      ...noFs,
      ...paths(
        ['ink-text-input'],
        'use components/text-field.tsx: ink-text-input loses keys typed between renders',
      ),
    ],
    layers: ['net', 'dns', 'lab', 'protocols', 'session'],
  }),
  {
    files: ['source/ui/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'exit',
          message: 'components never end the process; the CLI does',
        },
        { object: 'process', property: 'kill', message: 'no process control in UI' },
      ],
    },
  },
);
