import { pathToFileURL } from 'node:url';

/**
 * The URL of a file beside the running bundle (`dist/`): the process worker and the demo
 * process modules are built as files of their own there, which worker threads import by URL.
 */
export function distFileUrl(file: string): string {
  // The CommonJS build has `__filename` and an empty `import.meta`; the ESM build the reverse.
  const here = typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
  return new URL(file, here).href;
}
