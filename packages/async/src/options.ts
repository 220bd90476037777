/**
 * The one option normaliser, shared by both clients: configuration resolved by the platform's
 * resolver, server URL and timeout checked, every failure a `ClientError` of kind
 * `invalidArgument` (or the resolver's `ConfigError`).
 */
import type { ClientConfig, ConfigKey, ResolveConfigOptions, ResolvedConfig } from '@s2gos/config';
import { FILE_KEYS, redactToken, SECRET_KEYS } from '@s2gos/config';
import type { DevicePrompt } from './auth/device.js';
import type { TokenSet } from './auth/token-endpoint.js';
import { DEFAULT_MAX_RESPONSE_SIZE, normaliseMaxResponseSize } from './body-limit.js';
import { clientError } from './errors.js';
import type { FetchFunction, HeadersOption, RetryOptions } from './http.js';
import { parseServerUrl, type SearchParams } from './url.js';

/**
 * Options of `new AsyncClient(options)`: the configuration fields of `ClientConfig` (`serverUrl`,
 * `authType`, `authUrl`, `userName`, `password`, `clientId`, `clientSecret`, `accessToken`,
 * `useBearer`, `tokenHeader`, `apiKey`, `apiKeyHeader`; over the environment and the config file),
 * and the client's own. Credentials go to the server's origin only.
 */
export interface AsyncClientOptions extends ConfigOptions {
  /** A complete configuration; when given, the other configuration options are ignored. */
  config?: ClientConfig | undefined;
  /** Path of the configuration file (Node only; default `~/.s2gos/config`). */
  configPath?: string | undefined;
  /**
   * `login`, `client-credentials`, `device`: tokens to start from (e.g. a cache kept through
   * `onTokens`), so no sign-in is needed while they last. Secrets.
   */
  tokens?: TokenSet | undefined;
  /**
   * Hears every token set the client obtains (sign-in, refresh), and `undefined` when the held
   * tokens became useless: keep a cache with it. Not in the sync client.
   */
  onTokens?: ((tokens: TokenSet | undefined) => void) | undefined;
  /**
   * `device`: shows the user where to approve the sign-in (RFC 8628). Without it the client can
   * only refresh given `tokens`, and fails with an `auth-failed` error once it cannot. Not in the
   * sync client.
   */
  onDevicePrompt?: ((prompt: DevicePrompt) => void) | undefined;
  /** Per-request timeout in ms (default 30 000); `Infinity` for none. */
  timeout?: number | undefined;
  /** Retry policy of idempotent requests; a number sets the limit (default `DEFAULT_RETRY`). */
  retry?: number | RetryOptions | undefined;
  /** Headers sent with every request. */
  headers?: HeadersOption | undefined;
  /** The `fetch` to use (default: the global one). */
  fetch?: FetchFunction | undefined;
  /**
   * The largest response body read, in bytes after decompression (default
   * `DEFAULT_MAX_RESPONSE_SIZE`, 256 MiB); `Infinity` for none. A larger body ends the call with a
   * `ClientError` of type `ErrorType.responseTooLarge`.
   */
  maxResponseSize?: number | undefined;
  /** Validate responses with `@s2gos/models` (default `true`). */
  validate?: boolean | undefined;
}

/** The configuration fields, each optional as an option. */
export type ConfigOptions = { [K in keyof ClientConfig]?: ClientConfig[K] | undefined };

/** Options every call accepts as its last argument. */
export interface CallOptions<Query extends SearchParams = SearchParams> {
  /** Aborts the call; the promise rejects with a `TransportError`. */
  signal?: AbortSignal | undefined;
  /** Timeout in ms for the headers and again for the body (default: the client's, 30 s). */
  timeout?: number | undefined;
  /** Extra request headers. */
  headers?: HeadersOption | undefined;
  /** Query parameters. */
  searchParams?: Query | undefined;
  /** Retry policy of this call; on `executeProcess`/`dismissJob` it opts into retries. */
  retry?: number | RetryOptions | undefined;
  /** The largest response body of this call in bytes (default: the client's). */
  maxResponseSize?: number | undefined;
}

/** Resolves the configuration from the constructor options (injected per platform). */
export type ConfigResolver = (
  options: ResolveConfigOptions & { configPath?: string | undefined },
) => ResolvedConfig;

/** What both clients need from the constructor options, checked. */
export interface NormalisedClientOptions {
  config: Readonly<ResolvedConfig>;
  baseUrl: URL;
  timeout: number;
  /** The largest response body in bytes. */
  maxResponseSize: number;
  /** Removes the configuration's secrets (password, client secret, tokens, API key) from text. */
  redact: (text: string) => string;
}

/**
 * Resolves and checks the constructor options.
 *
 * @throws `ConfigError` from the resolver, `ClientError` (`invalidArgument`) for invalid options
 */
export function normaliseClientOptions(
  options: AsyncClientOptions,
  resolveConfig: ConfigResolver,
): NormalisedClientOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument(undefined, `Client options must be an object, got ${typeof options}`);
  }
  const keys = Object.keys(FILE_KEYS) as ConfigKey[];
  const fields = Object.fromEntries(keys.map((key) => [key, options[key]]));
  const { config, configPath } = options;
  const resolved = Object.freeze({
    ...resolveConfig(omitUndefined({ ...fields, config, configPath })),
  });
  const secrets = SECRET_KEYS.map((key) => resolved[key]).filter((secret) => !!secret) as string[];
  try {
    return {
      config: resolved,
      baseUrl: parseServerUrl(resolved.serverUrl),
      timeout: normaliseTimeout(options.timeout, DEFAULT_TIMEOUT),
      maxResponseSize: normaliseMaxResponseSize(options.maxResponseSize, DEFAULT_MAX_RESPONSE_SIZE),
      redact: (text) =>
        secrets.reduce((safe, secret) => safe.split(secret).join(redactToken(secret)), text),
    };
  } catch (error) {
    throw invalidArgument(undefined, (error as Error).message);
  }
}

/** Default per-request timeout in ms. */
export const DEFAULT_TIMEOUT = 30_000;

/** Checks a timeout option; `Infinity` means no timeout. */
export function normaliseTimeout(timeout: number | undefined, fallback: number): number {
  if (timeout === undefined) return fallback;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout <= 0) {
    throw new TypeError(`timeout must be a positive number of milliseconds, got ${timeout}`);
  }
  return timeout;
}

/** The error for an argument rejected before any request was sent; `operation` names the call. */
export function invalidArgument(operation: string | undefined, detail: string) {
  return clientError('invalidArgument', operation ? `${operation}: ${detail}` : detail, {
    operation,
    detail,
  });
}

/** The error of any call made after `close()`; `clientName` is the class to name in the advice. */
export function closedError(operation: string, clientName = 'AsyncClient') {
  return clientError('closed', `${operation}: the client is closed; create a new ${clientName}`, {
    operation,
  });
}

/** A copy without the members set to `undefined`. */
export function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The configuration as it may be shown: the access token masked, empty members left out. */
export function redactedConfig({ serverUrl, userName, accessToken }: ResolvedConfig): {
  serverUrl: string;
  userName?: string;
  accessToken?: string;
} {
  return {
    serverUrl,
    ...(userName ? { userName } : {}),
    ...(accessToken ? { accessToken: redactToken(accessToken) } : {}),
  };
}
