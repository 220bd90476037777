import { defineBuilds } from '../../scripts/tsup-base';

// Two builds: the library (ESM + CJS with types) and the `s2gos` binary (ESM only, with a shebang).
export default defineBuilds(
  { entry: ['src/index.ts'], format: ['esm', 'cjs'] },
  { entry: ['src/bin.ts'], format: ['esm'], dts: false, banner: { js: '#!/usr/bin/env node' } },
);
