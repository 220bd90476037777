/**
 * The error family: {@link ClientError} and {@link TransportError}, the `type` URIs and titles of
 * the errors the client builds itself (one table), the one factory that builds them, and the
 * serialiser/rebuilder pair that carries them across a thread boundary as plain data.
 */
import type { ApiError, JobInfo } from '@s2gos/models';

/**
 * The `type` URIs the client puts into {@link ClientError.apiError} when the error did not come
 * from a problem-details body of the server. Switch on these instead of parsing messages.
 */
export const ErrorType = {
  /** A non-2xx answer whose body was not problem details (RFC 7807: no semantics beyond the status). */
  http: 'about:blank',
  /** A 2xx answer that was not JSON or not the expected document. */
  invalidResponse: 'urn:s2gos:client:invalid-response',
  /** The request never got an answer: connection refused or reset, DNS, too many redirects. */
  network: 'urn:s2gos:client:network-error',
  /** The request took longer than its `timeout`. */
  timeout: 'urn:s2gos:client:timeout',
  /** The caller aborted the request through its `signal`. */
  aborted: 'urn:s2gos:client:aborted',
  /** The client was closed. */
  closed: 'urn:s2gos:client:closed',
  /** An argument was rejected before any request was sent. */
  invalidArgument: 'urn:s2gos:client:invalid-argument',
  /** A job ended with status `failed`. */
  jobFailed: 'urn:s2gos:client:job-failed',
  /** A job ended with status `dismissed`. */
  jobDismissed: 'urn:s2gos:client:job-dismissed',
  /** `waitForJob` gave up after its `timeout`. */
  jobTimeout: 'urn:s2gos:client:job-timeout',
  /** `waitForJob` could not reach the job for longer than its outage budget; the job may still run. */
  jobUnreachable: 'urn:s2gos:client:job-unreachable',
  /** The sync client's worker thread failed (not a timeout). */
  workerFailure: 'urn:s2gos:client:worker-failure',
  /** The response body was larger than `maxResponseSize` (the limit is in `apiError.limit`). */
  responseTooLarge: 'urn:s2gos:client:response-too-large',
  /**
   * Signing in or refreshing the access token failed (`login`, `client-credentials`, `device`): the
   * token endpoint's `error` and `error_description` are extra members of `apiError`.
   */
  authFailed: 'urn:s2gos:client:auth-failed',
  /**
   * `downloadResults` could not write a file: `dir` is not a directory, no permission, the disk is
   * full. The file system's message and code are in `message`, its error is the `cause`.
   */
  fileSystem: 'urn:s2gos:client:file-system',
} as const;

/** What went wrong, for the errors the client builds itself. */
export type ErrorKind = keyof typeof ErrorType;

// The one table of titles; kinds that never got an HTTP answer are TransportErrors.
const KINDS: Record<ErrorKind, { title: string; transport?: true }> = {
  http: { title: 'HTTP error' },
  invalidResponse: { title: 'Invalid response' },
  network: { title: 'Network error', transport: true },
  timeout: { title: 'Request timed out', transport: true },
  aborted: { title: 'Request aborted', transport: true },
  closed: { title: 'Client closed' },
  invalidArgument: { title: 'Invalid argument' },
  jobFailed: { title: 'Job failed' },
  jobDismissed: { title: 'Job dismissed' },
  jobTimeout: { title: 'Job wait timed out' },
  jobUnreachable: { title: 'Job unreachable', transport: true },
  workerFailure: { title: 'Worker failure' },
  responseTooLarge: { title: 'Response too large' },
  authFailed: { title: 'Authentication failed' },
  fileSystem: { title: 'File system error' },
};

/** Where an error happened: all plain data, safe to log (URLs carry no credentials). */
export interface ClientErrorDetails {
  /** Name of the operation, e.g. `getJob`. */
  operation?: string | undefined;
  /** HTTP method of the request, upper case. */
  method?: string | undefined;
  /** URL of the request without user info. */
  url?: string | undefined;
  /** HTTP status of the response, when there was one. */
  status?: number | undefined;
  /** The final state of the job, for errors about a job. */
  job?: JobInfo | undefined;
  /** The server's `Retry-After` in ms (429, 503), when it sent one the call could not wait for. */
  retryAfter?: number | undefined;
  /** The underlying error (network failure, timeout, abort reason). */
  cause?: unknown;
}

/** The plain-data form of a {@link ClientError}, as produced by `toJSON()` (structured-clone safe). */
export interface ClientErrorData extends Omit<ClientErrorDetails, 'cause'> {
  name: 'ClientError' | 'TransportError';
  message: string;
  apiError: ApiError;
  /** The cause reduced to its name and message. */
  cause?: { name: string; message: string } | undefined;
}

// Registry-wide brands: the ESM and CommonJS builds (the sync client's worker runs the CommonJS one)
// and duplicate installs each have their own classes; `instanceof` must hold across all of them.
const CLIENT_ERROR = Symbol.for('@s2gos/async.ClientError');
const TRANSPORT_ERROR = Symbol.for('@s2gos/async.TransportError');

/**
 * Raised when a call to the service fails: the server answered with an error status, the answer
 * was not the expected document, an argument was invalid, or the client was closed.
 *
 * Construct it from plain data — `new ClientError(message, apiError, details?)`.
 */
export class ClientError extends Error {
  override name: 'ClientError' | 'TransportError' = 'ClientError';
  /** The error document: from the server's problem details, or normalised by the client. */
  readonly apiError: ApiError;
  /** Name of the operation that failed, e.g. `getJob`. */
  readonly operation: string | undefined;
  /** HTTP method of the failed request. */
  readonly method: string | undefined;
  /** URL of the failed request, without credentials. */
  readonly url: string | undefined;
  /** HTTP status of the response, when the server answered. */
  readonly status: number | undefined;
  /** Final state of the job, for `waitForJob` failures. */
  readonly job: JobInfo | undefined;
  /** The server's `Retry-After` in ms, when it asked for a wait longer than the call had left. */
  readonly retryAfter: number | undefined;

  /**
   * @param message - human-readable summary (never contains the access token)
   * @param apiError - the error document
   * @param details - where the error happened; `cause` becomes the standard `Error.cause`
   */
  constructor(message: string, apiError: ApiError, details: ClientErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.apiError = apiError;
    this.operation = details.operation;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status ?? apiError.status;
    this.job = details.job;
    this.retryAfter = details.retryAfter;
  }

  /**
   * Plain data for logs, JSON and `postMessage`.
   *
   * @throws nothing
   */
  toJSON(): ClientErrorData {
    const { name, message, apiError, operation, method, url, status, job, retryAfter } = this;
    const cause = this.cause === undefined ? undefined : summarise(this.cause);
    return { name, message, apiError, operation, method, url, status, job, retryAfter, cause };
  }

  /**
   * `instanceof` by brand, so it holds across the package's ESM and CommonJS builds and duplicate
   * installs: an error thrown by one copy is an instance of the other copy's class.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: which class is asked is the point here
    return isBranded(this, value);
  }
}
Object.defineProperty(ClientError.prototype, CLIENT_ERROR, { value: true });

// `asked` is the class on the right of `instanceof`; subclasses other than ours keep the ordinary
// prototype check.
function isBranded(asked: unknown, value: unknown): boolean {
  const brand =
    asked === ClientError ? CLIENT_ERROR : asked === TransportError ? TRANSPORT_ERROR : undefined;
  if (brand === undefined) return Function.prototype[Symbol.hasInstance].call(asked, value);
  return typeof value === 'object' && value !== null && brand in value;
}

/** The seed's name for {@link ClientError}: the same class, so `instanceof` works with either. */
export const ClientException = ClientError;
/** The seed's name for {@link ClientError}. */
export type ClientException = ClientError;

/**
 * Raised when no HTTP answer arrived: network failure, timeout or abort. The original error is
 * in `cause`.
 */
export class TransportError extends ClientError {
  override name = 'TransportError' as const;
}
Object.defineProperty(TransportError.prototype, TRANSPORT_ERROR, { value: true });

/** Whether `value` is a {@link ClientError} (of any copy of this package), `TransportError`s included. */
export function isClientError(value: unknown): value is ClientError {
  return value instanceof ClientError;
}

/** Whether `value` is a {@link TransportError} (of any copy of this package). */
export function isTransportError(value: unknown): value is TransportError {
  return value instanceof TransportError;
}

/**
 * The one factory of the errors the client builds itself: the title and class come from the kind.
 *
 * @param kind - what went wrong
 * @param message - the summary (already redacted)
 * @param details - where, plus the problem `detail` and extra `apiError` members
 */
export function clientError(
  kind: ErrorKind,
  message: string,
  details: ClientErrorDetails & { detail?: string | undefined; apiError?: Partial<ApiError> } = {},
): ClientError {
  const { detail, apiError: extra, ...where } = details;
  const { title, transport } = KINDS[kind];
  const apiError: ApiError = {
    type: ErrorType[kind],
    title,
    ...(where.status === undefined ? {} : { status: where.status }),
    ...(detail ? { detail } : {}),
    ...extra,
  };
  return new (transport ? TransportError : ClientError)(message, apiError, where);
}

/**
 * An error as plain, structured-clone-safe data: what the sync client's worker sends instead of
 * throwing. Errors never cross a thread boundary as objects: one whose properties can't be cloned
 * (ky's `HTTPError` holds a `Response`) poisons synckit's function for the rest of the process.
 */
export type SerializedError =
  | { kind: 'client'; data: ClientErrorData }
  | {
      /** Anything else (a `TypeError` for a bad argument, a `ConfigError`): name and message. */
      kind: 'error';
      name: string;
      message: string;
      /** Node's error code (`ERR_…`, `ECONNRESET`), when the error had one. */
      code?: string | undefined;
      cause?: { name: string; message: string } | undefined;
    };

/** Turns any thrown value into {@link SerializedError}. Never throws. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof ClientError) return { kind: 'client', data: error.toJSON() };
  if (!(error instanceof Error)) {
    return { kind: 'error', name: 'Error', message: `non-error thrown: ${describe(error)}` };
  }
  const code = (error as { code?: unknown }).code;
  return {
    kind: 'error',
    name: error.name,
    message: error.message,
    code: typeof code === 'string' ? code : undefined,
    cause: error.cause === undefined ? undefined : summarise(error.cause),
  };
}

/**
 * Rebuilds what {@link serializeError} (or `ClientError.toJSON()`) took apart: a real
 * `ClientError` / `TransportError`, or an error of the original built-in class carrying the
 * original name, message and code. The cause comes back as an `Error` with its name and message.
 */
export function rebuildError(serialized: Extract<SerializedError, { kind: 'client' }>): ClientError;
export function rebuildError(serialized: SerializedError): Error;
export function rebuildError(serialized: SerializedError): Error {
  const cause = serialized.kind === 'client' ? serialized.data.cause : serialized.cause;
  const rebuiltCause =
    cause === undefined ? undefined : Object.assign(new Error(cause.message), { name: cause.name });
  if (serialized.kind === 'client') {
    const { name, message, apiError, cause: _cause, ...details } = serialized.data;
    const ErrorClass = name === 'TransportError' ? TransportError : ClientError;
    return new ErrorClass(message, apiError, { ...details, cause: rebuiltCause });
  }
  const { name, message, code } = serialized;
  const ErrorClass = BUILT_IN_ERRORS[name] ?? Error;
  const error = new ErrorClass(message, rebuiltCause && { cause: rebuiltCause });
  if (error.name !== name) error.name = name;
  if (code !== undefined) Object.assign(error, { code });
  return error;
}

const BUILT_IN_ERRORS: Readonly<Record<string, ErrorConstructor>> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

function summarise(cause: unknown): { name: string; message: string } {
  return cause instanceof Error
    ? { name: cause.name, message: cause.message }
    : { name: typeof cause, message: describe(cause) };
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
