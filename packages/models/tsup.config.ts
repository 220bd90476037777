import { defineBuilds } from '../../scripts/tsup-base';

// Two ESM builds of the same source, chosen by the `node` export condition. Bundlers get one file
// per module, so that they drop the schemas an application does not import (`sideEffects: false`
// works per module, while a schema whose definition calls valibot is kept statement by statement).
// Node gets one file (`dist/node.js`): loading one module instead of one per schema takes a fraction
// of the time, on every start of the CLI and the clients. A Node program always resolves the
// `node` condition, so it never loads both. CJS is one file; types come from one bundled
// declaration file per format.
export default defineBuilds(
  { entry: ['src/**/*.ts'], format: ['esm'], bundle: false, dts: { entry: 'src/index.ts' } },
  { entry: { node: 'src/index.ts' }, format: ['esm'], dts: false },
  { entry: ['src/index.ts'], format: ['cjs'] },
);
