/**
 * The built Node entry loads the YAML parser only when a config file is read or written, so a
 * process without a config file (or one that passes `config`) never pays for it. Runs each build
 * in a fresh Node process.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { useTempDirs } from './temp-dirs.js';

const script = fileURLToPath(new URL('./fixtures/lazy-yaml.mjs', import.meta.url));
const tempDir = useTempDirs();

it.each(['esm', 'cjs'])('%s build: yaml is loaded on the first file access', async (format) => {
  const home = tempDir();
  const { stdout } = await promisify(execFile)(process.execPath, [script, format, home], {
    timeout: 20_000,
  });
  expect(JSON.parse(stdout)).toEqual({
    afterImport: false,
    afterResolveWithoutFile: false,
    afterWrite: true,
    readBack: { userName: 'bibo' },
  });
});
