import {
  type AuthType,
  type ClientConfig,
  CONFIG_KEYS,
  type ConfigKey,
  CREDENTIAL_KEYS,
  DEFAULT_SERVER_URL,
  ENV_VAR_ALIASES,
  ENV_VARS,
  FILE_KEYS,
  type ResolvedConfig,
} from './config.js';
import { ConfigError } from './errors.js';
import { checkConfigValue } from './validate.js';
import type { ConfigWarningHandler } from './warnings.js';

/** The inputs of `resolveConfig` that need no file access. */
export interface ResolveConfigOptions extends ClientConfig {
  /**
   * A complete configuration. When given it is used as it is and every other option is ignored
   * (as in the Python client); only the server URL and auth type are filled in when missing.
   */
  config?: ClientConfig;
  /**
   * Environment variables to read `S2GOS_<FIELD>` (`S2GOS_SERVER_URL`, `S2GOS_AUTH_TYPE`, …) and the
   * Python client's `S2GOS_API_URL`, `S2GOS_USERNAME`, `S2GOS_TOKEN` from. Defaults to `process.env`
   * where there is a `process` (Node), to none in browsers.
   */
  env?: Record<string, string | undefined>;
  /** Receives warnings (credentials left out, unknown keys in the file). Default: none are reported. */
  onWarning?: ConfigWarningHandler;
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
 * `fileConfig` (values read from a config file by the caller), then the defaults. Empty strings count
 * as absent at every level. Within each level an `accessToken` without `authType` means `token`, an
 * `apiKey` without one means `api-key`; with neither anywhere the auth type is `none`.
 *
 * Credentials belong to the server they were configured for: when the server URL comes from the
 * options or the environment and its origin differs from the file's server URL (or the default when
 * the file names none), the file's credentials are left out and `onWarning` hears about it.
 *
 * @throws {@link ConfigError} when the winning value is invalid (the message names the option or
 *   environment variable it came from), or a field the auth type needs is missing (naming it).
 */
export function resolveConfig(
  options: ResolveConfigOptions & {
    /** Values from a config file, lowest priority before the defaults. */
    fileConfig?: ClientConfig;
    /** How errors name the file's values; default `fileConfig.<key>`. */
    fileOrigin?: (key: ConfigKey) => string;
  } = {},
): ResolvedConfig {
  if (options.config !== undefined) {
    return complete(resolveLayers([{ values: options.config, origin: (key) => `config.${key}` }]));
  }
  const env = options.env ?? processEnv() ?? {};
  const argsLayer: Layer = { values: options, origin: (key) => `${key} argument` };
  const envLayer = environmentLayer(env);
  const fileLayer: Layer = {
    values: options.fileConfig ?? {},
    origin: options.fileOrigin ?? ((key) => `fileConfig.${key}`),
  };
  const outer = resolveLayers([argsLayer, envLayer]);
  const fileValues = resolveLayers([fileLayer]);
  const fileServerUrl = fileValues.serverUrl ?? DEFAULT_SERVER_URL;
  if (outer.serverUrl !== undefined && origin(outer.serverUrl) !== origin(fileServerUrl)) {
    const dropped = CREDENTIAL_KEYS.filter((key) => fileValues[key] !== undefined);
    if (dropped.length > 0) {
      fileLayer.values = { serverUrl: fileValues.serverUrl };
      options.onWarning?.({
        kind: 'credentials-dropped',
        message:
          `The config file's credentials (${dropped.map((key) => FILE_KEYS[key]).join(', ')}) ` +
          `were configured for ${origin(fileServerUrl)}, not for ${origin(outer.serverUrl)}: not using them.`,
        serverUrl: outer.serverUrl,
        fileServerUrl,
        keys: dropped,
      });
    }
  }
  return complete(resolveLayers([argsLayer, envLayer, fileLayer]));
}

/**
 * Checks that the configuration holds every field its auth type needs.
 *
 * @throws {@link ConfigError} naming the first missing field, its file key and environment variable
 */
export function checkAuthConfig(config: ClientConfig & { authType: AuthType }): void {
  const missing = REQUIRED_FIELDS[config.authType].find((key) => config[key] === undefined);
  if (missing === undefined) return;
  throw new ConfigError(
    `Auth type "${config.authType}" needs ${missing}: set ${FILE_KEYS[missing]} in the config file, ` +
      `${ENV_VARS[missing]} in the environment, or pass ${missing}.`,
  );
}

/** What each auth type cannot do without. */
const REQUIRED_FIELDS: Readonly<Record<AuthType, readonly ConfigKey[]>> = {
  none: [],
  token: ['accessToken'],
  basic: ['userName', 'password'],
  'api-key': ['apiKey'],
  login: ['authUrl', 'userName', 'password'],
  'client-credentials': ['authUrl', 'clientId', 'clientSecret'],
  device: ['authUrl', 'clientId'],
};

function environmentLayer(env: Record<string, string | undefined>): Layer {
  const used = {} as Record<ConfigKey, string>;
  const values: Partial<Record<ConfigKey, unknown>> = {};
  for (const key of CONFIG_KEYS) {
    const alias: string | undefined = ENV_VAR_ALIASES[key as keyof typeof ENV_VAR_ALIASES];
    const name = env[ENV_VARS[key]] || alias === undefined || !env[alias] ? ENV_VARS[key] : alias;
    used[key] = name;
    values[key] = env[name];
  }
  return { values, origin: (key) => `environment variable ${used[key]}` };
}

// Each key from the first layer holding a usable value; a layer's token or API key implies its auth type.
function resolveLayers(layers: readonly Layer[]): ClientConfig {
  const resolved: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    for (const layer of layers) {
      const checked = checkConfigValue(key, layer.values[key]);
      if (!checked.ok) throw new ConfigError(`Invalid ${layer.origin(key)}: ${checked.problem}`);
      const value = checked.value ?? (key === 'authType' ? impliedAuthType(layer) : undefined);
      if (value !== undefined) {
        resolved[key] = value;
        break;
      }
    }
  }
  return resolved as ClientConfig;
}

function impliedAuthType({ values }: Layer): AuthType | undefined {
  if (typeof values.accessToken === 'string' && values.accessToken !== '') return 'token';
  if (typeof values.apiKey === 'string' && values.apiKey !== '') return 'api-key';
  return undefined;
}

function complete(config: ClientConfig): ResolvedConfig {
  const { serverUrl = DEFAULT_SERVER_URL, authType = 'none', ...rest } = config;
  const resolved: ResolvedConfig = { serverUrl, authType, ...rest };
  checkAuthConfig(resolved);
  return resolved;
}

/** The origin (`scheme://host:port`) of an http(s) URL; credentials are bound to it. */
export function origin(url: string): string {
  return new URL(url).origin;
}

// Typed locally so the browser entry needs no Node types.
function processEnv(): Record<string, string | undefined> | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
}
