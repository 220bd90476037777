import { defineConfig } from 'tsup';

// ESM keeps one file per module so that bundlers drop the schemas an application does not import
// (`sideEffects: false` works per module); CJS stays a single file. Types come from one bundled
// declaration file per format.
export default defineConfig([
  {
    entry: ['src/**/*.ts'],
    format: ['esm'],
    bundle: false,
    dts: { entry: 'src/index.ts' },
    clean: true,
    sourcemap: true,
    target: 'node20',
  },
  {
    entry: ['src/index.ts'],
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
  },
]);
