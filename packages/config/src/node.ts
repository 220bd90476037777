/**
 * `@s2gos/config/node`: everything `@s2gos/config` offers, plus the config files (`~/.s2gos/config`,
 * else the Python client's `~/.s2gos-client`) and the token cache (`~/.s2gos/tokens`). Node only.
 *
 * @packageDocumentation
 */
import { FILE_KEYS, type ResolvedConfig } from './config.js';
import { loadConfigFile } from './config-file.js';
import { type ResolveConfigOptions, resolveConfig as resolveFromValues } from './resolve.js';

export {
  type ConfigFileOptions,
  defaultConfigPath,
  type LoadedConfigFile,
  loadConfigFile,
  pythonConfigPath,
  readConfigFile,
  writeConfigFile,
} from './config-file.js';
export * from './index.js';
export {
  type CachedTokens,
  defaultTokenCachePath,
  readCachedTokens,
  removeCachedTokens,
  type TokenCacheKey,
  type TokenCacheOptions,
  writeCachedTokens,
} from './token-cache.js';

/**
 * Resolves the configuration like `resolveConfig` of `@s2gos/config`, reading the config file
 * (synchronously) for the file step: `configPath`, else `~/.s2gos/config`, else the Python client's
 * `~/.s2gos-client`.
 *
 * Precedence, per key: `config` alone when given (the file is then not read); otherwise explicit
 * options, then environment variables, then the config file, then the defaults. Empty strings count
 * as absent at every level. The file's credentials are left out when the server URL comes from
 * elsewhere with another origin; that, and unknown keys in the file, go to `onWarning`.
 *
 * The file is read whenever `config` is not given, so a broken file is reported even when arguments
 * and environment supply every value: better to hear about it now than when they stop doing so.
 *
 * @throws {@link ConfigError} for an invalid winning value, a missing field the auth type needs, or a
 *   broken or unreadable config file.
 */
export function resolveConfig(
  options: ResolveConfigOptions & {
    /** Path of the config file; `undefined` or `''` means the default files as above. */
    configPath?: string;
    /** Home directory for the default config paths; defaults to `os.homedir()`. */
    homeDir?: string;
  } = {},
): ResolvedConfig {
  if (options.config !== undefined) return resolveFromValues({ config: options.config });
  const { configPath, homeDir, ...rest } = options;
  const { file, config, unknownKeys } = loadConfigFile(configPath, { homeDir });
  if (file !== undefined && unknownKeys.length > 0) {
    options.onWarning?.({
      kind: 'unknown-keys',
      message: `Config file ${file} has keys that mean nothing here (a typo?): ${unknownKeys.join(', ')}.`,
      file,
      keys: unknownKeys,
    });
  }
  return resolveFromValues({
    ...rest,
    fileConfig: config,
    fileOrigin: (key) => `config file ${file}: ${FILE_KEYS[key]}`,
  });
}
