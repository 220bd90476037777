import { defineBuilds } from '../../scripts/tsup-base';

const entry = ['src/index.ts', 'src/browser.ts', 'src/internal.ts', 'src/internal-no-http.ts'];

// ky is ESM-only: the CJS build bundles it (left external, `require('ky')` yields a namespace
// without callable default and calls fail with "ky.get is not a function"). ESM keeps it external.
export default defineBuilds(
  { entry, format: ['esm'] },
  { entry, format: ['cjs'], noExternal: ['ky'] },
);
