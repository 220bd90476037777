import { defineBuilds } from '../../scripts/tsup-base';

// One file per format: Node loads one module instead of one per schema, which takes a fraction
// of the time, on every start of the CLI and of the clients. The cost is coarser tree-shaking for
// a browser bundle that imports only a few schemas: bundlers drop a schema statement by statement,
// and keep one whose definition calls valibot (its calls are not marked free of side effects).
export default defineBuilds({ entry: ['src/index.ts'], format: ['esm', 'cjs'] });
