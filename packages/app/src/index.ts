/**
 * `@s2gos/app`: the web app of the ESA DTE-S2GOS processing service. This Node entry locates the
 * built app and serves its files, for `s2gos app` (`@s2gos/cli`) and `s2gos-server --app`; the app
 * itself (`src/web/`) is built by Vite into `dist/www`.
 *
 * @packageDocumentation
 */

export { APP_CONFIG_PATH, type AppConfig } from './app-config.js';
export { appDirectory } from './app-directory.js';
export {
  type AppFile,
  type AppFiles,
  AppNotBuiltError,
  type LoadAppFilesOptions,
  loadAppFiles,
} from './app-files.js';
