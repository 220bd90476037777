import { defineConfig, type Options } from 'tsup';

const common: Options = {
  entry: ['src/index.ts', 'src/browser.ts', 'src/internal.ts'],
  dts: true,
  sourcemap: true,
  target: 'node20',
};

// ky is ESM-only: the CJS build bundles it (left external, `require('ky')` yields a namespace
// without callable default and calls fail with "ky.get is not a function"). ESM keeps it external.
export default defineConfig([
  { ...common, format: ['esm'], clean: true },
  { ...common, format: ['cjs'], noExternal: ['ky'] },
]);
