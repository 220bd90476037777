import { defineConfig } from 'tsup';

// Two builds: the library (ESM + CJS with types) and the `s2gos` binary (ESM only, with a shebang).
// `clean` is off because both write to dist at the same time; the build script empties dist first.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    sourcemap: true,
    target: 'node20',
  },
  {
    entry: ['src/bin.ts'],
    format: ['esm'],
    banner: { js: '#!/usr/bin/env node' },
    clean: false,
    sourcemap: true,
    target: 'node20',
  },
]);
