import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKER_FAILURE } from '@s2gos/sync';
import { afterAll, describe, expect, inject, test } from 'vitest';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const serverUrl = inject('serverUrl');
const FAILSAFE = 30_000;

/** Runs a node script to its end (killed after {@link FAILSAFE}); the run's outcome. */
function run(args: string[], cwd = packageDir, env = process.env) {
  const result = spawnSync(process.execPath, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout: FAILSAFE,
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

describe('the examples run end to end, without any await', () => {
  test.each(['basic.cjs', 'basic.mjs'])('examples/%s', (file) => {
    const result = run([join('examples', file), serverUrl]);
    expect(result).toMatchObject({ status: 0, signal: null, stderr: '' });
    expect(result.stdout).toContain(`server: ${serverUrl}`);
    expect(result.stdout).toMatch(/job \S+ successful: \{/);
    expect(result.stdout).toMatch(/expected error: 404 No such (job|process)/);
  });
});

test.each([
  ['CommonJS', [], "const { Client } = require('@s2gos/sync');"],
  ['ESM', ['--input-type=module'], "import { Client } from '@s2gos/sync';"],
])(
  'the worker never keeps the process alive: a %s script without close() exits',
  (_, flags, importLine) => {
    const script = `${importLine}
    const client = new Client({ serverUrl: process.argv[1] });
    console.log(client.getProcesses().processes.length > 0 ? 'called' : 'empty');`;
    const result = run([...flags, '-e', script, serverUrl]);
    expect(result).toMatchObject({ status: 0, signal: null, stdout: 'called\n' });
  },
);

describe('an install path with a space, # and %', () => {
  const root = mkdtempSync(join(tmpdir(), 's2gos sync #1 %41 '));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const installed = join(root, 'node_modules', '@s2gos', 'sync');
  mkdirSync(installed, { recursive: true });
  cpSync(join(packageDir, 'dist'), join(installed, 'dist'), { recursive: true });
  cpSync(join(packageDir, 'package.json'), join(installed, 'package.json'));
  // its dependencies, as an install would link them
  symlinkSync(
    realpathSync(join(packageDir, 'node_modules')),
    join(installed, 'node_modules'),
    'dir',
  );

  test.each([
    ['CommonJS', 'script.cjs', "const { Client } = require('@s2gos/sync');"],
    ['ESM', 'script.mjs', "import { Client } from '@s2gos/sync';"],
  ])('%s', (_, file, importLine) => {
    writeFileSync(
      join(root, file),
      `${importLine}
      const client = new Client({ serverUrl: process.argv[2] });
      console.log(client.getProcess('echo').id);
      client.close();`,
    );
    const result = run([join(root, file), serverUrl], root);
    expect(result).toMatchObject({ status: 0, signal: null, stdout: 'echo\n', stderr: '' });
  });

  test('the copy is what runs', () => {
    const result = run(['-p', "require.resolve('@s2gos/sync')"], root);
    expect(result.stdout.trim()).toBe(join(installed, 'dist', 'index.cjs'));
  });
});

describe('the worker bundle', () => {
  const source = readFileSync(join(packageDir, 'dist', 'worker.cjs'), 'utf8');

  // The worker build bundles @s2gos/async tree-shaken and silences esbuild's warning about the
  // ESM-only `import.meta.url` of @s2gos/config/node's file code, which must therefore never be in
  // it: the worker gets its configuration resolved and loads neither config files nor YAML. The one
  // `import.meta.url` left is synckit's fallback for a missing `__dirname`, never taken in CommonJS.
  test('holds no config-file code', () => {
    expect(source).not.toMatch(/createRequire|readConfigFile/);
    expect(source.match(/\bimport_meta\w*\.url\b/g)).toEqual(['import_meta.url']);
  });

  // synckit's worker side is bundled too, without its calling side's dependencies; only its
  // failure guard (`register.cjs`, with `shared.cjs`) is required at runtime, from the package.
  test('requires no package, and none of synckit’s calling side', () => {
    const required = [...source.matchAll(/require\("([^"]+)"\)/g)].map(([, name]) => name);
    // Node's built-ins only (downloadResults writes files from the worker).
    expect(required.filter((name) => !isBuiltin(name ?? ''))).toEqual([]);
    expect(source).not.toMatch(/import-meta-resolve|@pkgr\/core|node:crypto|node:module/);
  });
});

describe('the calling thread', () => {
  // Every request goes through the worker, so the calling thread has no use for Node's fetch,
  // whose first use (ky's import, the `Headers` global) costs a fresh process tens of ms.
  test('never loads Node’s fetch', () => {
    const script = `
      import { Client } from '@s2gos/sync';
      const client = new Client({ serverUrl: process.argv[1] });
      const { jobID } = client.executeProcess('echo', { inputs: { value: 1 } });
      client.waitForJob(jobID);
      client.getJobResults(jobID);
      client.close();
      console.log(JSON.stringify(process.moduleLoadList.filter((name) => /undici/.test(name))));`;
    const result = run(['--input-type=module', '-e', script, serverUrl]);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});

describe('S2GOS_DEBUG', () => {
  // The requests are sent by the worker thread; its log lines reach the process's stderr.
  test('logs each exchange of the worker to stderr, without the token', () => {
    const script = `
      import { Client } from '@s2gos/sync';
      const client = new Client({ serverUrl: process.argv[1], accessToken: process.argv[2] });
      client.getProcesses();
      try { client.getJob('no-such-job'); } catch {}
      client.close();`;
    const args = [
      '--input-type=module',
      '-e',
      script,
      inject('authServerUrl'),
      inject('authToken'),
    ];
    const result = run(args, packageDir, { ...process.env, S2GOS_DEBUG: '1' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`[s2gos] → GET ${inject('authServerUrl')}/processes`);
    expect(result.stderr).toMatch(/\[s2gos\] ← 200 GET \S+\/processes\S* in \d+ ms/);
    expect(result.stderr).toContain('← 404 GET');
    expect(result.stderr + result.stdout).not.toContain(inject('authToken'));
    const quiet = run(args, packageDir, { ...process.env, S2GOS_DEBUG: '' });
    expect(quiet.stderr).not.toContain('[s2gos]');
  });
});

// synckit preloads a failure guard into its workers: a failure the worker cannot answer for is
// reported to the waiting call instead of leaving it blocked. The scripts below make the worker
// fail through a preload of their own, passed with synckit's `SYNCKIT_EXEC_ARGV`.
describe('failures of the worker thread reach the caller', () => {
  const root = mkdtempSync(join(tmpdir(), 's2gos-sync-guard-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const script = `const { Client } = require('@s2gos/sync');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const client = new Client({ serverUrl: process.argv[1] });
      console.log(client.getProcess('echo').id);
      client.close();
    } catch (error) {
      console.log(\`\${error.apiError.type}: \${error.message}\`);
    }
  }`;
  const failure = (operation: string, message: string) =>
    `${WORKER_FAILURE}: ${operation}: the sync client's worker thread failed: ${message}`;

  /** Runs {@link script} with `preload` (CommonJS, saved as `name`) preloaded into the worker. */
  function runWithPreload(name: string, preload: string, execArgv: string[] = []) {
    const file = join(root, name);
    writeFileSync(file, preload);
    const env = { ...process.env, SYNCKIT_EXEC_ARGV: [...execArgv, '-r', file].join(',') };
    return run(['-e', script, serverUrl], packageDir, env);
  }

  test('a worker that fails to load: every call says why, none waits', () => {
    const result = runWithPreload('fail-to-load.cjs', "throw new Error('no worker today');");
    expect(result).toMatchObject({ status: 0, signal: null });
    expect(result.stdout.trim().split('\n')).toEqual(
      Array(3).fill(failure('new Client', 'no worker today')),
    );
  });

  // The guard tells a failure while serving from one while loading by the mark `runAsWorker`
  // leaves in the guard's module: the bundled `runAsWorker` must reach the very module the
  // preload loaded. A stray rejection (not fatal under `--unhandled-rejections=warn`) then fails
  // only the call it interrupts; had the mark gone to another copy, the guard would stop the worker.
  test('a stray failure while serving fails one call, and the worker serves on', () => {
    const result = runWithPreload(
      'stray-rejection.cjs',
      `require('node:worker_threads').parentPort.once('message', () => {
        Promise.reject(new Error('stray rejection'));
      });`,
      ['--unhandled-rejections=warn'],
    );
    expect(result).toMatchObject({ status: 0, signal: null });
    expect(result.stdout.trim().split('\n')).toEqual([
      failure('getProcess', 'stray rejection'),
      'echo',
      'echo',
    ]);
  });
});
