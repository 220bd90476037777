import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the worker module beside this build (ESM variant; the CommonJS build swaps in
 * `worker-location.cjs.ts`, see `tsup.config.ts`).
 *
 * `fileURLToPath` decodes the URL properly, so install paths holding spaces, `#`, `%` or `?` work;
 * tsup's CJS shim for `import.meta.url` does not, which is why the location is computed here.
 */
export const workerLocation = (): string => fileURLToPath(new URL('./worker.cjs', import.meta.url));
