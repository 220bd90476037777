import { defineConfig } from 'tsup';

// Two builds: the library (ESM + CJS with types) and the `s2gos-server` binary (ESM only, with a
// shebang). The library build cleans dist/ but keeps the binary, which the second build writes.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: ['!bin.js', '!bin.js.map'],
    sourcemap: true,
    target: 'node20',
  },
  {
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    // Loaded only for --app, from wherever it is installed: not a dependency of the server (see
    // the README), so tsup would otherwise bundle it.
    external: ['@s2gos/app'],
  },
]);
