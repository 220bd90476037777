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
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, test } from 'vitest';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const serverUrl = inject('serverUrl');
const FAILSAFE = 30_000;

/** Runs a node script to its end (killed after {@link FAILSAFE}); the run's outcome. */
function run(args: string[], cwd = packageDir) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: FAILSAFE });
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
  // The worker build bundles @s2gos/async tree-shaken and silences esbuild's warning about the
  // ESM-only `import.meta.url` of @s2gos/config/node's file code, which must therefore never be in
  // it: the worker gets its configuration resolved and loads neither config files nor YAML.
  test('holds no config-file code and needs no package but synckit', () => {
    const source = readFileSync(join(packageDir, 'dist', 'worker.cjs'), 'utf8');
    expect(source).not.toMatch(/import_meta|createRequire|readConfigFile/);
    const required = [...source.matchAll(/require\("([^"]+)"\)/g)].map(([, name]) => name);
    expect(required.filter((name) => !name?.startsWith('node:'))).toEqual(['synckit']);
  });
});
