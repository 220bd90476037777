import { join } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * An esbuild plugin for tsup builds that resolves a relative import of `<name>.js` to
 * `<name>.cjs.ts` in the CommonJS build and to `<name>.ts` otherwise. Packages use it for the
 * few lines that must locate their own files or load modules lazily: CommonJS has `__dirname`
 * and `require`, ESM has `import.meta.url`, and tsup's `import.meta` shim mis-encodes install
 * paths holding `#`, `%` or `?`. Neither variant may test for the other's globals: `node -e`
 * defines a global `__filename` that an ESM build would take for its own.
 */
export function perFormatModule(name: string): Plugin {
  // Any relative import of the module (`./name.js`, `../name.js`, …).
  const filter = new RegExp(
    `^\\.\\.?/(?:.*/)?${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\.js$`,
  );
  return {
    name: `per-format-module:${name}`,
    setup(build) {
      const suffix = build.initialOptions.format === 'cjs' ? '.cjs.ts' : '.ts';
      build.onResolve({ filter }, (args) => ({
        path: join(args.resolveDir, args.path.replace(/\.js$/, suffix)),
      }));
    },
  };
}
