// Installable like any CLI: `npm pack`, then `npm install -g` of that tarball into an empty prefix
// gives a working `mailmedic` (version, explain, check against the real stack, the wizard, the man
// page), and `npx mailmedic` works in a project that installed the tarball. Runs on the Node that
// runs the tests (CI: 20 and 24); npm comes from PATH.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { ROOT, ensureBundle } from '../helpers/cli.js';
import { getMailStack } from '../helpers/mail-stack.js';
import { spawnPty, terminalEnv } from '../helpers/pty.js';
import { VERSION } from '../../source/version.js';

const run = promisify(execFile);
const SLOW = { timeout: 180_000 };
const scratch = mkdtempSync(join(tmpdir(), 'mailmedic-install-'));
const prefix = join(scratch, 'prefix');
let tarball = '';

const npm = (args: string[], cwd = ROOT) =>
  run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    env: { ...process.env, npm_config_update_notifier: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });

before(async () => {
  ensureBundle();
  const { stdout } = await npm(['pack', '--json', '--pack-destination', scratch]);
  const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(scratch, info!.filename);
  const files = info!.files.map((f) => f.path);
  assert.ok(files.includes('dist/mailmedic.js'), files.join(' '));
  assert.ok(files.includes('docs/mailmedic.1'), files.join(' '));
  assert.ok(!files.some((f) => f.startsWith('source/') || f.startsWith('test/')), files.join(' '));
  mkdirSync(prefix);
  await npm(['install', '-g', '--prefix', prefix, tarball]);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

const bin = () => join(prefix, 'bin', 'mailmedic');
/** The installed command, on the Node that runs this test. */
const mailmedic = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, [bin(), ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });

test('the global install has an executable mailmedic and its man page', SLOW, async () => {
  // Through its shebang, as a user's shell would run it.
  const direct = await run(bin(), ['--version']);
  assert.equal(direct.stdout, `mailmedic ${VERSION}\n`);
  const onThisNode = await mailmedic(['--version']);
  assert.equal(onThisNode.stdout, `mailmedic ${VERSION}\n`);
  assert.ok(existsSync(join(prefix, 'share', 'man', 'man1', 'mailmedic.1')), 'man page installed');
  // No runtime dependencies: the bundle is the package.
  const installed = JSON.parse(
    readFileSync(join(prefix, 'lib', 'node_modules', 'mailmedic', 'package.json'), 'utf8'),
  ) as { dependencies?: object };
  assert.equal(installed.dependencies, undefined);
});

test('the installed mailmedic explains a code', SLOW, async () => {
  const { stdout } = await mailmedic(['explain', '550']);
  assert.match(stdout, /550/);
});

test('the installed mailmedic checks the real stack', SLOW, async () => {
  const stack = await getMailStack();
  const { stdout } = await mailmedic([
    'check',
    '--json',
    '--server',
    `${stack.host}:${stack.smtp}`,
    '--steps',
    'connect,banner,ehlo',
    '--ehlo',
    'install.example.test',
  ]);
  const session = JSON.parse(stdout) as { steps: Array<{ id: string; status: string }> };
  assert.deepEqual(
    session.steps.map((s) => `${s.id}:${s.status}`),
    ['connect:ok', 'banner:ok', 'ehlo:ok'],
  );
});

test('the installed wizard opens and quits', SLOW, async () => {
  const child = spawnPty(process.execPath, [bin()], {
    env: terminalEnv({ NO_COLOR: '1' }),
    cwd: scratch,
  });
  try {
    await child.waitFor(/q quit/, { timeoutMs: 60_000 });
    child.write('q');
    assert.equal((await child.exit(30_000)).code, 0);
  } finally {
    child.kill();
  }
});

test('npx mailmedic runs it in a project that installed the tarball', SLOW, async () => {
  const project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "uses-mailmedic", "private": true }\n');
  await npm(['install', tarball], project);
  const { stdout } = await run('npx', ['--no-install', 'mailmedic', '--version'], {
    cwd: project,
  });
  assert.equal(stdout, `mailmedic ${VERSION}\n`);
});
