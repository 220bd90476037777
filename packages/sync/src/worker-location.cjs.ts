import { join } from 'node:path';

/** Absolute path of the worker module beside this build (CommonJS variant of `worker-location.ts`). */
export const workerLocation = (): string => join(__dirname, 'worker.cjs');
