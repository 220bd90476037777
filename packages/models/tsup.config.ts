import { defineBuilds } from '../../scripts/tsup-base';

// One file per format: Node loads one module instead of one per schema, which takes a fraction
// of the time. Bundlers still drop the schemas an application does not use: the schemas are
// calls of valibot's and our combinators, all marked free of side effects (`@__NO_SIDE_EFFECTS__`).
export default defineBuilds({ entry: ['src/index.ts'], format: ['esm', 'cjs'] });
