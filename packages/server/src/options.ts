import type { ProcessDefinition } from './process.js';
import { demoProcesses } from './processes/demo.js';

/** Receives one log line (no trailing newline); `false` turns logging off. */
export type LogFunction = (line: string) => void;

/** Options of {@link createApp}. */
export interface AppOptions {
  /**
   * When set, every request must carry `Authorization: Bearer <token>`; others get 401.
   * An empty string means no access control.
   */
  token?: string;
  /**
   * An OpenID Connect issuer URL: bearer JWTs it signed (checked against its JWKS) are accepted,
   * alongside `token` when both are set; expired or wrongly signed ones get 401.
   */
  oidcIssuer?: string;
  /** The audience the issuer's JWTs must carry (`aud`); unchecked when not set. */
  audience?: string;
  /** Adds tracebacks (`traceback: string[]`) to failed jobs and 500 errors. Default `false`. */
  debug?: boolean;
  /** The processes offered. Default: {@link demoProcesses}. */
  processes?: readonly ProcessDefinition[];
  /** Most jobs kept in memory; past it the oldest finished jobs are evicted. Default 1000. */
  maxJobs?: number;
  /** One line per request (method, path, status, milliseconds). Default `false` (quiet). */
  log?: LogFunction | false;
  /** Aborting it dismisses every job and makes the app refuse new ones. */
  signal?: AbortSignal;
}

/** Options of {@link startServer}: the app's options and where to listen. */
export interface ServerOptions extends AppOptions {
  /** Host name or address to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /** Port to listen on; `0` picks a free port. Default `8008`. */
  port?: number;
  /**
   * How long `close()` waits for processes that ignore their abort signal. Default 5000 ms.
   */
  closeTimeout?: number;
}

/** Options after defaults and checks: the rest of the package reads only these. */
export interface ResolvedAppOptions {
  readonly token: string | undefined;
  readonly oidcIssuer: string | undefined;
  readonly audience: string | undefined;
  readonly debug: boolean;
  readonly processes: readonly ProcessDefinition[];
  readonly maxJobs: number;
  readonly log: LogFunction | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Resolved {@link ServerOptions}. */
export interface ResolvedServerOptions extends ResolvedAppOptions {
  readonly host: string;
  readonly port: number;
  readonly closeTimeout: number;
}

/** The default port: the client's default server URL is `http://127.0.0.1:8008`. */
export const DEFAULT_PORT = 8008;
/** The default host: loopback only. */
export const DEFAULT_HOST = '127.0.0.1';

/**
 * Applies defaults and checks option values once, at the edge.
 *
 * @throws TypeError or RangeError naming the bad option
 */
export function resolveAppOptions(options: AppOptions = {}): ResolvedAppOptions {
  const { token, debug = false, processes = demoProcesses, maxJobs = 1000, log = false } = options;
  if (token !== undefined && typeof token !== 'string') {
    throw new TypeError('Option token must be a string.');
  }
  for (const name of ['oidcIssuer', 'audience'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'string') {
      throw new TypeError(`Option ${name} must be a string.`);
    }
  }
  if (options.oidcIssuer && !/^https?:\/\//.test(options.oidcIssuer)) {
    throw new TypeError('Option oidcIssuer must be an http(s) URL.');
  }
  if (typeof debug !== 'boolean') throw new TypeError('Option debug must be a boolean.');
  if (!Array.isArray(processes)) throw new TypeError('Option processes must be an array.');
  checkInteger('maxJobs', maxJobs, 1, Number.MAX_SAFE_INTEGER);
  if (log !== false && typeof log !== 'function') {
    throw new TypeError('Option log must be a function or false.');
  }
  return {
    token: token === '' ? undefined : token,
    oidcIssuer: options.oidcIssuer || undefined,
    audience: options.audience || undefined,
    debug,
    processes,
    maxJobs,
    log: log === false ? undefined : log,
    signal: options.signal,
  };
}

/** {@link resolveAppOptions} plus the listening options. */
export function resolveServerOptions(options: ServerOptions = {}): ResolvedServerOptions {
  const { host = DEFAULT_HOST, port = DEFAULT_PORT, closeTimeout = 5000 } = options;
  if (typeof host !== 'string' || host === '') {
    throw new TypeError('Option host must be a non-empty string.');
  }
  checkInteger('port', port, 0, 65535);
  checkInteger('closeTimeout', closeTimeout, 0, 2 ** 31 - 1);
  return { ...resolveAppOptions(options), host, port, closeTimeout };
}

function checkInteger(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `Option ${name} must be an integer from ${min} to ${max}, got ${String(value)}.`,
    );
  }
}
