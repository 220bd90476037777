import { createRequire } from 'node:module';

/**
 * `require` for this module, to load a dependency synchronously on first use (ESM variant; the
 * CommonJS build swaps in `node-require.cjs.ts`, see `tsup.config.ts`).
 */
export const nodeRequire: NodeJS.Require = createRequire(import.meta.url);
