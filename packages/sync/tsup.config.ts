import type { Plugin } from 'esbuild';
import { defineBuilds } from '../../scripts/tsup-base';
import { perFormatModule } from '../../scripts/tsup-per-format';

/**
 * Bundles synckit's worker side (`runAsWorker`) into the worker, tree-shaken, except for the two
 * CommonJS files at synckit's package root that its `lib` imports as `../register.cjs` and
 * `../shared.cjs`: those stay runtime requires of the installed files. `register.cjs` is the
 * failure guard synckit preloads into every worker (`-r`), and `runAsWorker` marks the worker as
 * registered in that module's state, so both must reach one module instance. The calling side
 * (`createSyncFn`) and the guard come from the installed synckit, the worker side from this
 * build: `package.json` pins synckit to one version so that the two halves always match.
 *
 * The complete `synckit` (what a plain `require('synckit')` loads) also loads its calling side's
 * dependencies (`@dual-bundle/import-meta-resolve`, `@pkgr/core`, `node:crypto`): about 9 ms of
 * a fresh worker's start, on the path of the first call. esbuild drops the unused packages itself;
 * the Node built-ins are external, so their imports would stay unless declared free of side
 * effects, which they are (hence `removeNodeProtocol: false` below: tsup's own plugin for the
 * `node:` prefix would otherwise resolve them first).
 */
function synckitWorkerSide(): Plugin {
  const namespace = 'synckit-package';
  const inSynckit = (importer: string) => /[/\\]synckit[/\\]lib[/\\]/.test(importer);
  // The package directory, taken from the module the preload left in the require cache: that is
  // the very instance to share, however the preload's path was spelled (symlinks kept or not).
  // Resolving `synckit` instead would go through its exports map, which loads Node's ESM resolver
  // into the fresh worker: about 4 ms. Without a preload (the file loaded outside a synckit
  // worker, where `runAsWorker` does nothing) the directory is resolved from synckit's main entry,
  // since the exports map does not expose the root files.
  const directory = `const { dirname, join, sep } = require('node:path');
const preloaded = Object.keys(require.cache).find((file) => file.endsWith(\`\${sep}synckit\${sep}register.cjs\`));
module.exports = preloaded ? dirname(preloaded) : join(dirname(require.resolve('synckit')), '..');`;
  return {
    name: 'synckit-worker-side',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/(register|shared)\.cjs$/ }, ({ path, importer }) =>
        inSynckit(importer) ? { path: path.slice('../'.length), namespace } : undefined,
      );
      build.onResolve({ filter: /^\.\/directory$/, namespace }, () => ({
        path: 'directory',
        namespace,
      }));
      build.onResolve({ filter: /^node:/ }, ({ path, importer }) =>
        inSynckit(importer) ? { path, external: true, sideEffects: false } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace }, ({ path }) => ({
        contents:
          path === 'directory'
            ? directory
            : `module.exports = require(require('node:path').join(require('./directory'), ${JSON.stringify(path)}));`,
        loader: 'js',
      }));
    },
  };
}

export default defineBuilds(
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // Each build finds the worker from its own location (`import.meta.url` or `__dirname`).
    esbuildPlugins: [perFormatModule('worker-location')],
  },
  {
    // One worker for both builds, CommonJS: synckit starts it by path in a worker thread. It bundles
    // @s2gos/async with what it uses (ky, @s2gos/models, valibot) and synckit's worker side,
    // tree-shaken: a fresh thread then loads one file instead of resolving and evaluating a package
    // graph — the bulk of the first call's time. The worker builds on `AsyncClientBase` with a
    // configuration resolved by the caller, so the config-file code of `@s2gos/config/node` is
    // shaken out; esbuild still parses it and would warn about its `import.meta.url` (ESM-only),
    // as about synckit's (a fallback for a missing `__dirname`, never taken in CommonJS), hence the
    // first override. The second is for the `require.resolve('synckit')` of `synckitWorkerSide`,
    // which is meant to run at runtime.
    entry: ['src/worker.ts'],
    format: ['cjs'],
    dts: false,
    noExternal: ['@s2gos/async', '@s2gos/config', 'synckit'],
    removeNodeProtocol: false,
    esbuildPlugins: [synckitWorkerSide()],
    esbuildOptions(options) {
      options.logOverride = {
        ...options.logOverride,
        'empty-import-meta': 'silent',
        'require-resolve-not-external': 'silent',
      };
    },
  },
);
