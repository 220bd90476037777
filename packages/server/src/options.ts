import { availableParallelism } from 'node:os';
import type { ProcessDefinition } from './process.js';
import { demoProcesses } from './processes/demo.js';

/** Receives one log line (no trailing newline); `false` turns logging off. */
export type LogFunction = (line: string) => void;

/** A file of a web app to serve, as `@s2gos/app`'s `loadAppFiles()` gives them. */
export interface StaticFile {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly cacheControl: string;
}

/** The files of a web app by URL path (`/` is its `index.html`). */
export interface StaticFiles {
  get(path: string): StaticFile | undefined;
}

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
  /**
   * Processes that run at once, each in a worker thread of its own; more jobs wait as
   * `accepted`. Default: the number of CPUs, at least 2.
   */
  workers?: number;
  /** Most jobs waiting for a worker; past it new jobs get 503 with `Retry-After`. Default 5000. */
  maxQueued?: number;
  /**
   * Most jobs kept in any state. Finished jobs whose results were read make room for new ones;
   * unread ones are kept for `retention`, and while they fill the store new jobs get 503.
   * Default 10000.
   */
  maxJobs?: number;
  /**
   * Most bytes kept for the inputs of unfinished jobs and the results and files of finished
   * ones (the error message and traceback of failed ones), all jobs together. A job whose
   * results do not fit fails, saying so; an error that does not fit is cut short. Default 256 MiB.
   */
  maxStoredBytes?: number;
  /** How long a finished job is kept, in milliseconds. Default 3600000 (one hour). */
  retention?: number;
  /**
   * Most unfinished (accepted or running) jobs of one client address; past it new jobs get 429.
   * Default: no limit.
   */
  maxJobsPerClient?: number;
  /**
   * How long a dismissed process may take to stop on its abort signal before its worker thread
   * is terminated, in milliseconds. Default 1000.
   */
  abortGrace?: number;
  /** The heap limit of each worker thread in MiB; a process passing it fails. Default 512. */
  workerMemoryMb?: number;
  /** One line per request (method, path, status, milliseconds). Default `false` (quiet). */
  log?: LogFunction | false;
  /**
   * Aborting it dismisses every job and makes the app refuse new ones; for {@link startServer} it
   * also closes the server, as `close()` does.
   */
  signal?: AbortSignal;
  /**
   * The web app to serve at `/app/` beside the API, without access control (the app asks for
   * the token itself): `await loadAppFiles()` from `@s2gos/app`. Default: none.
   */
  appFiles?: StaticFiles;
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
  readonly workers: number;
  readonly maxQueued: number;
  readonly maxJobs: number;
  readonly maxStoredBytes: number;
  readonly retention: number;
  readonly maxJobsPerClient: number | undefined;
  readonly abortGrace: number;
  readonly workerMemoryMb: number;
  readonly log: LogFunction | undefined;
  readonly signal: AbortSignal | undefined;
  readonly appFiles: StaticFiles | undefined;
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

/** The defaults of the bounds of the job store and the process pool. */
export const DEFAULT_LIMITS = {
  workers: Math.max(2, availableParallelism()),
  maxQueued: 5000,
  maxJobs: 10_000,
  maxStoredBytes: 256 * 1024 * 1024,
  retention: 3_600_000,
  abortGrace: 1000,
  workerMemoryMb: 512,
} as const;

/**
 * Applies defaults and checks option values once, at the edge.
 *
 * @throws TypeError or RangeError naming the bad option
 */
export function resolveAppOptions(options: AppOptions = {}): ResolvedAppOptions {
  const { token, debug = false, processes = demoProcesses, log = false } = options;
  const limits = { ...DEFAULT_LIMITS, ...definedOf(options) };
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
  checkInteger('workers', limits.workers, 1, 1024);
  checkInteger('maxQueued', limits.maxQueued, 0, Number.MAX_SAFE_INTEGER);
  checkInteger('maxJobs', limits.maxJobs, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('maxStoredBytes', limits.maxStoredBytes, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('retention', limits.retention, 1, 2 ** 31 - 1);
  checkInteger('abortGrace', limits.abortGrace, 0, 2 ** 31 - 1);
  checkInteger('workerMemoryMb', limits.workerMemoryMb, 16, 1 << 20);
  const { maxJobsPerClient } = options;
  if (maxJobsPerClient !== undefined) {
    checkInteger('maxJobsPerClient', maxJobsPerClient, 1, Number.MAX_SAFE_INTEGER);
  }
  if (log !== false && typeof log !== 'function') {
    throw new TypeError('Option log must be a function or false.');
  }
  return {
    token: token === '' ? undefined : token,
    oidcIssuer: options.oidcIssuer || undefined,
    audience: options.audience || undefined,
    debug,
    processes,
    workers: limits.workers,
    maxQueued: limits.maxQueued,
    maxJobs: limits.maxJobs,
    maxStoredBytes: limits.maxStoredBytes,
    retention: limits.retention,
    maxJobsPerClient,
    abortGrace: limits.abortGrace,
    workerMemoryMb: limits.workerMemoryMb,
    log: log === false ? undefined : log,
    signal: options.signal,
    appFiles: options.appFiles,
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

/** The limit options the caller set, so that `undefined` members keep the defaults. */
function definedOf(options: AppOptions): Partial<Record<keyof typeof DEFAULT_LIMITS, number>> {
  return Object.fromEntries(
    Object.keys(DEFAULT_LIMITS)
      .map((name) => [name, options[name as keyof typeof DEFAULT_LIMITS]])
      .filter(([, value]) => value !== undefined),
  );
}

function checkInteger(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `Option ${name} must be an integer from ${min} to ${max}, got ${String(value)}.`,
    );
  }
}
