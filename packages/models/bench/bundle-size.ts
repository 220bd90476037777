/**
 * Bundle size: bundles (esbuild, minified) an entry that imports only `JobInfoSchema` and one that
 * imports every schema from the built package (`dist/`, run `pnpm build` first) and prints the
 * gzipped sizes. Targets: ≤ 3 kB and ≤ 10 kB.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distEntry = resolve(packageDir, 'dist/index.js');
if (!existsSync(distEntry)) {
  console.error(`${distEntry} is missing: run \`pnpm --filter @s2gos/models build\` first.`);
  process.exit(1);
}

async function gzippedSize(contents: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const models = await import(distEntry);
const schemaNames = Object.keys(models).filter((name) => name.endsWith('Schema'));

const cases = [
  {
    name: 'JobInfoSchema only',
    target: 3000,
    contents: `export { JobInfoSchema } from './dist/index.js';`,
  },
  {
    name: `all ${schemaNames.length} schemas`,
    target: 10000,
    contents: `export { ${schemaNames.join(', ')} } from './dist/index.js';`,
  },
  {
    name: 'everything (schemas + parseModel)',
    target: 10000,
    contents: `export * from './dist/index.js';`,
  },
];

for (const { name, target, contents } of cases) {
  const { minified, gzipped } = await gzippedSize(contents);
  const verdict = gzipped <= target ? 'OK' : 'MISSED';
  console.log(
    `${name.padEnd(36)} ${String(minified).padStart(6)} B minified, ${String(gzipped).padStart(5)} B gzipped (target ≤ ${target / 1000} kB) ${verdict}`,
  );
}
