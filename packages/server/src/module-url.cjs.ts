import { pathToFileURL } from 'node:url';

/** The URL of a file beside the running bundle (CommonJS variant of `module-url.ts`). */
export function distFileUrl(file: string): string {
  return new URL(file, pathToFileURL(__filename)).href;
}
