import { defineConfig } from 'tsup';

// Three builds: the library (ESM + CJS with types); the `s2gos-server` binary (ESM, with a
// shebang); and the modules worker threads import by URL — the process worker and one module
// per demo process — as ESM files of their own beside the library, where `distFileUrl` finds
// them. The library build cleans dist/ but keeps the files the other builds write.
const workerModules = {
  'process-worker': 'src/worker.ts',
  'demo-echo': 'src/processes/echo.ts',
  'demo-map-image': 'src/processes/map-image.ts',
  'demo-primes-between': 'src/processes/primes-between.ts',
  'demo-scene-link': 'src/processes/scene-link.ts',
  'demo-sleep-a-while': 'src/processes/sleep-a-while.ts',
};

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: ['!bin.js', '!bin.js.map', ...Object.keys(workerModules).map((name) => `!${name}.js*`)],
    sourcemap: true,
    target: 'node20',
    // The CommonJS build finds its files through `__filename` (see `distFileUrl`).
    esbuildOptions(options) {
      options.logOverride = { 'empty-import-meta': 'silent' };
    },
  },
  {
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    entry: workerModules,
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
  },
]);
