import { defineBuilds } from '../../scripts/tsup-base';

// ESM keeps one file per module so that bundlers drop the schemas an application does not import
// (`sideEffects: false` works per module); CJS stays a single file. Types come from one bundled
// declaration file per format.
export default defineBuilds(
  { entry: ['src/**/*.ts'], format: ['esm'], bundle: false, dts: { entry: 'src/index.ts' } },
  { entry: ['src/index.ts'], format: ['cjs'] },
);
