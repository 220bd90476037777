/**
 * `@s2gos/config/node`: everything `@s2gos/config` offers, plus the config file shared with the
 * Python client (`~/.s2gos/config`). Node only.
 *
 * @packageDocumentation
 */
import type { ResolvedConfig } from './config.js';
import { readConfigFile } from './config-file.js';
import { type ResolveConfigOptions, resolveConfig as resolveFromValues } from './resolve.js';

export { type ClientConfig, DEFAULT_SERVER_URL, type ResolvedConfig } from './config.js';
export {
  type ConfigFileOptions,
  defaultConfigPath,
  readConfigFile,
  writeConfigFile,
} from './config-file.js';
export { ConfigError, type ConfigErrorDetails } from './errors.js';
export { redactConfig, redactToken } from './redact.js';
export type { ResolveConfigOptions } from './resolve.js';

/**
 * Resolves the configuration like `resolveConfig` of `@s2gos/config`, reading the config file
 * (synchronously) for the file step.
 *
 * Precedence, per key: `config` alone when given (the file is then not read); otherwise explicit
 * options, then environment variables, then the config file, then the default server URL. Empty
 * strings count as absent at every level.
 *
 * The file is read whenever `config` is not given, so a broken file is reported even when arguments
 * and environment supply every value: better to hear about it now than when they stop doing so.
 *
 * @throws {@link ConfigError} for an invalid winning value or a broken or unreadable config file.
 */
export function resolveConfig(
  options: ResolveConfigOptions & {
    /** Path of the config file; `undefined` or `''` means `defaultConfigPath(homeDir)`. */
    configPath?: string;
    /** Home directory for the default config path; defaults to `os.homedir()`. */
    homeDir?: string;
  } = {},
): ResolvedConfig {
  if (options.config !== undefined) return resolveFromValues({ config: options.config });
  const fileConfig = readConfigFile(options.configPath, { homeDir: options.homeDir });
  return resolveFromValues({ ...options, fileConfig });
}
