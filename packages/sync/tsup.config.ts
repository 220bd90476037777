import { defineConfig } from 'tsup';
import { perFormatModule } from '../../scripts/tsup-per-format';

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
    // Each build finds the worker from its own location (`import.meta.url` or `__dirname`).
    esbuildPlugins: [perFormatModule('worker-location')],
  },
  {
    // One worker for both builds, CommonJS: synckit starts it by path in a worker thread. It bundles
    // @s2gos/async with what it uses (ky, @s2gos/models, valibot), tree-shaken: a fresh thread then
    // loads one file instead of resolving and evaluating a package graph — the bulk of the first
    // call's time. The worker builds on `AsyncClientBase` with a configuration resolved by the
    // caller, so the config-file code of `@s2gos/config/node` is shaken out; esbuild still parses
    // it and would warn about its `import.meta.url` (ESM-only, unused here), hence the override.
    entry: ['src/worker.ts'],
    format: ['cjs'],
    sourcemap: true,
    target: 'node20',
    noExternal: ['@s2gos/async'],
    esbuildOptions(options) {
      options.logOverride = { ...options.logOverride, 'empty-import-meta': 'silent' };
    },
  },
]);
