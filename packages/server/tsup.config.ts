import { defineBuilds } from '../../scripts/tsup-base';
import { perFormatModule } from '../../scripts/tsup-per-format';

// Three builds: the library (ESM + CJS with types); the `s2gos-server` binary (ESM, with a
// shebang); and the modules worker threads import by URL — the process worker and one module
// per demo process — as ESM files of their own beside the library, where `distFileUrl` finds them.
const workerModules = {
  'process-worker': 'src/worker.ts',
  'demo-echo': 'src/processes/echo.ts',
  'demo-map-image': 'src/processes/map-image.ts',
  'demo-primes-between': 'src/processes/primes-between.ts',
  'demo-scene-link': 'src/processes/scene-link.ts',
  'demo-sleep-a-while': 'src/processes/sleep-a-while.ts',
};

export default defineBuilds(
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // Each build finds its files from its own location (`import.meta.url` or `__filename`).
    esbuildPlugins: [perFormatModule('module-url')],
  },
  {
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    banner: { js: '#!/usr/bin/env node' },
    // Loaded only for --app, from wherever it is installed: not a dependency of the server (see
    // the README), so tsup would otherwise bundle it.
    external: ['@s2gos/app'],
  },
  { entry: workerModules, format: ['esm'], dts: false },
);
