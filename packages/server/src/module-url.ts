/**
 * The URL of a file beside the running bundle (`dist/`): the process worker and the demo
 * process modules are built as files of their own there, which worker threads import by URL.
 * (ESM variant; the CommonJS build swaps in `module-url.cjs.ts`, see `tsup.config.ts`.)
 *
 * Each build uses only its own way to find itself: a test for `__filename` in the ESM build
 * would see the global one that `node -e` and `node -p` define (`[eval]`), and every job of a
 * server started that way would look for the worker in the wrong folder.
 */
export function distFileUrl(file: string): string {
  return new URL(file, import.meta.url).href;
}
