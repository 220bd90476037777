/**
 * Node loads the package as one module (the `node` export condition); bundlers get one module per
 * schema so that they can drop the schemas an application does not import.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const specifiers = (file: string) => [
  ...new Set(
    [...readFileSync(file, 'utf8').matchAll(/\bfrom "([^"]+)";/g)].map(([, s]) => s ?? ''),
  ),
];

describe('the ESM builds', () => {
  it('in Node: one file, importing valibot only', () => {
    // Resolved by Node itself (the package refers to itself by name), as a program would.
    const script = "console.log(import.meta.resolve('@s2gos/models'))";
    const url = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
      encoding: 'utf8',
    }).trim();
    expect(url).toMatch(/\/dist\/node\.js$/);
    expect(specifiers(fileURLToPath(url))).toEqual(['valibot']);
  });

  it('for bundlers: one module per schema', () => {
    const modules = specifiers(`${packageDir}/dist/index.js`);
    expect(modules.filter((from) => from.startsWith('./schemas/')).length).toBeGreaterThan(25);
  });
});
