/**
 * `@s2gos/config`: the S2GOS client configuration, resolved from plain values.
 *
 * Browser-safe: no Node built-ins and no file access here. Reading and writing the config file
 * shared with the Python client (`~/.s2gos/config`) lives in `@s2gos/config/node`.
 *
 * @packageDocumentation
 */
export { type ClientConfig, DEFAULT_SERVER_URL, type ResolvedConfig } from './config.js';
export { ConfigError, type ConfigErrorDetails } from './errors.js';
export { redactConfig, redactToken } from './redact.js';
export { type ResolveConfigOptions, resolveConfig } from './resolve.js';
