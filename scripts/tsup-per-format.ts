import { join } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * An esbuild plugin for tsup builds that resolves `./<name>.js` to `<name>.cjs.ts` in the CommonJS
 * build and to `<name>.ts` otherwise. Packages use it for the few lines that must locate their own
 * files or load modules lazily: CommonJS has `__dirname` and `require`, ESM has `import.meta.url`,
 * and tsup's `import.meta` shim mis-encodes install paths holding `#`, `%` or `?`.
 */
export function perFormatModule(name: string): Plugin {
  const filter = new RegExp(`^\\./${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\.js$`);
  return {
    name: `per-format-module:${name}`,
    setup(build) {
      const file = build.initialOptions.format === 'cjs' ? `${name}.cjs.ts` : `${name}.ts`;
      build.onResolve({ filter }, (args) => ({ path: join(args.resolveDir, file) }));
    },
  };
}
