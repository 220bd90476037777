/**
 * `@s2gos/config`: the S2GOS client configuration, resolved from plain values.
 *
 * Browser-safe: no Node built-ins and no file access here. Reading and writing the config file
 * shared with the Python client (`~/.s2gos/config`) and the token cache live in `@s2gos/config/node`.
 *
 * @packageDocumentation
 */
export {
  AUTH_TYPES,
  type AuthType,
  type ClientConfig,
  type ConfigKey,
  DEFAULT_API_KEY_HEADER,
  DEFAULT_SERVER_URL,
  DEFAULT_TOKEN_HEADER,
  ENV_VAR_ALIASES,
  ENV_VARS,
  FILE_KEY_ALIASES,
  FILE_KEYS,
  type ResolvedConfig,
  SECRET_KEYS,
} from './config.js';
export { ConfigError, type ConfigErrorDetails } from './errors.js';
export { redactConfig, redactToken, toFileKeys } from './redact.js';
export { checkAuthConfig, origin, type ResolveConfigOptions, resolveConfig } from './resolve.js';
export type { ConfigWarning, ConfigWarningHandler } from './warnings.js';
