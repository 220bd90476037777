import { join } from 'node:path';

/** The directory of the built web app (CommonJS variant of `app-directory.ts`). */
export const appDirectory: string = join(__dirname, 'www');
