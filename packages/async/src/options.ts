/**
 * The one option normaliser, shared by both clients: configuration resolved by the platform's
 * resolver, server URL and timeout checked, every failure a `ClientError` of kind
 * `invalidArgument` (or the resolver's `ConfigError`).
 */
import type { ClientConfig, ResolveConfigOptions, ResolvedConfig } from '@s2gos/config';
import { redactToken } from '@s2gos/config';
import { DEFAULT_MAX_RESPONSE_SIZE, normaliseMaxResponseSize } from './body-limit.js';
import { clientError } from './errors.js';
import type { FetchFunction, HeadersOption, RetryOptions } from './http.js';
import { parseServerUrl, type SearchParams } from './url.js';

/** Options of `new AsyncClient(options)`. */
export interface AsyncClientOptions {
  /** A complete configuration; when given, the other configuration options are ignored. */
  config?: ClientConfig | undefined;
  /** Path of the configuration file (Node only; default `~/.s2gos/config`). */
  configPath?: string | undefined;
  /** Server URL, may carry a base path (`https://host/api/v1/`). */
  serverUrl?: string | undefined;
  /** Name of the registered S2GOS user. */
  userName?: string | undefined;
  /** Access token, sent as `Authorization: Bearer …` to the server's origin only. */
  accessToken?: string | undefined;
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
  /** Removes the access token from text that came from elsewhere. */
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
  const { config, configPath, serverUrl, userName, accessToken } = options;
  const resolved = Object.freeze({
    ...resolveConfig(omitUndefined({ config, configPath, serverUrl, userName, accessToken })),
  });
  const token = resolved.accessToken || undefined;
  try {
    return {
      config: resolved,
      baseUrl: parseServerUrl(resolved.serverUrl),
      timeout: normaliseTimeout(options.timeout, DEFAULT_TIMEOUT),
      maxResponseSize: normaliseMaxResponseSize(options.maxResponseSize, DEFAULT_MAX_RESPONSE_SIZE),
      redact: (text) => (token ? text.split(token).join(redactToken(token)) : text),
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
