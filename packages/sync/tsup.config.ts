import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * Each build finds the worker from its own module location: `import.meta.url` in ESM,
 * `__dirname` in CommonJS. The CJS build gets `worker-location.cjs.ts` instead of the ESM file, so
 * no `import.meta` shim (which mis-encodes paths holding `#`, `%` or `?`) is ever involved.
 */
const workerLocation: Plugin = {
  name: 'worker-location',
  setup(build) {
    const file =
      build.initialOptions.format === 'cjs' ? 'worker-location.cjs.ts' : 'worker-location.ts';
    build.onResolve({ filter: /^\.\/worker-location\.js$/ }, (args) => ({
      path: join(args.resolveDir, file),
    }));
  },
};

const WORKER_FILES = ['worker.cjs', 'worker.cjs.map'];

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    // the worker build below writes beside this one, at the same time
    clean: WORKER_FILES.map((file) => `!${file}`),
    sourcemap: true,
    target: 'node20',
    esbuildPlugins: [workerLocation],
  },
  {
    // One worker for both builds, CommonJS: synckit starts it by path in a worker thread, and the
    // CJS build of @s2gos/async (one bundled file) loads there faster than its ESM module graph.
    entry: ['src/worker.ts'],
    format: ['cjs'],
    sourcemap: true,
    target: 'node20',
  },
]);
