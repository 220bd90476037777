import { fileURLToPath } from 'node:url';

/**
 * The directory of the built web app, beside this module in `dist` (ESM variant; the CommonJS
 * build swaps in `app-directory.cjs.ts`, see `tsup.config.ts`).
 */
export const appDirectory: string = fileURLToPath(new URL('./www/', import.meta.url));
