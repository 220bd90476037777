import {
  type ClientConfig,
  CONFIG_KEYS,
  type ConfigKey,
  DEFAULT_SERVER_URL,
  ENV_VARS,
  type ResolvedConfig,
} from './config.js';
import { ConfigError } from './errors.js';
import { checkConfigValue } from './validate.js';

/** The inputs of `resolveConfig` that need no file access. */
export interface ResolveConfigOptions {
  /**
   * A complete configuration. When given it is used as it is and every other option is ignored
   * (as in the Python client); only a missing server URL is filled in with {@link DEFAULT_SERVER_URL}.
   */
  config?: ClientConfig;
  /** Server URL; wins over the environment and the config file. */
  serverUrl?: string;
  /** User name; wins over the environment and the config file. */
  userName?: string;
  /** Access token; wins over the environment and the config file. */
  accessToken?: string;
  /**
   * Environment variables to read `S2GOS_SERVER_URL`, `S2GOS_USER_NAME` and `S2GOS_ACCESS_TOKEN`
   * from. Defaults to `process.env` where there is a `process` (Node), to none in browsers.
   */
  env?: Record<string, string | undefined>;
}

/** A source of values, lowest priority last, and how to name it in an error. */
interface Layer {
  values: Partial<Record<ConfigKey, unknown>>;
  origin: (key: ConfigKey) => string;
}

/**
 * Resolves the configuration from plain values, without any I/O (browser-safe).
 *
 * Precedence, per key: `config` alone when given; otherwise explicit options, then `env`, then
 * `fileConfig` (values read from a config file by the caller), then {@link DEFAULT_SERVER_URL} for the
 * server URL. Empty strings count as absent at every level. Only the winning value of each key is
 * checked; absent keys are left out of the result.
 *
 * @throws {@link ConfigError} when the winning value is not a string or the server URL is not an
 *   http(s) URL; the message names the option or environment variable it came from.
 */
export function resolveConfig(
  options: ResolveConfigOptions & {
    /** Values from a config file, lowest priority before the default. */
    fileConfig?: ClientConfig;
  } = {},
): ResolvedConfig {
  if (options.config !== undefined) {
    return resolveLayers([{ values: options.config, origin: (key) => `config.${key}` }]);
  }
  const env = options.env ?? processEnv() ?? {};
  return resolveLayers([
    { values: options, origin: (key) => `${key} argument` },
    {
      values: {
        serverUrl: env[ENV_VARS.serverUrl],
        userName: env[ENV_VARS.userName],
        accessToken: env[ENV_VARS.accessToken],
      },
      origin: (key) => `environment variable ${ENV_VARS[key]}`,
    },
    { values: options.fileConfig ?? {}, origin: (key) => `fileConfig.${key}` },
  ]);
}

function resolveLayers(layers: readonly Layer[]): ResolvedConfig {
  const resolved: ClientConfig = {};
  for (const key of CONFIG_KEYS) {
    for (const layer of layers) {
      const checked = checkConfigValue(key, layer.values[key]);
      if (!checked.ok) throw new ConfigError(`Invalid ${layer.origin(key)}: ${checked.problem}`);
      if (checked.value !== undefined) {
        resolved[key] = checked.value;
        break;
      }
    }
  }
  const { serverUrl = DEFAULT_SERVER_URL, ...rest } = resolved;
  return { serverUrl, ...rest };
}

// Typed locally so the browser entry needs no Node types.
function processEnv(): Record<string, string | undefined> | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
}
