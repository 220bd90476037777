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
} as const;

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
 * Construct it from plain data — `new ClientError(message, apiError, details?)` — which is how
 * `@s2gos/sync` rebuilds errors that crossed a thread boundary (see {@link clientErrorFromJSON}).
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
  }

  /**
   * Plain data for logs, JSON and `postMessage`; rebuild with {@link clientErrorFromJSON}.
   *
   * @throws nothing
   */
  toJSON(): ClientErrorData {
    const cause = this.cause;
    return {
      name: this.name,
      message: this.message,
      apiError: this.apiError,
      operation: this.operation,
      method: this.method,
      url: this.url,
      status: this.status,
      job: this.job,
      cause:
        cause === undefined
          ? undefined
          : cause instanceof Error
            ? { name: cause.name, message: cause.message }
            : { name: typeof cause, message: String(cause) },
    };
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

/**
 * The seed's name for {@link ClientError}: the same class, so `instanceof` works with either.
 */
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

/**
 * Rebuilds a {@link ClientError} or {@link TransportError} from its `toJSON()` data. The cause
 * comes back as an `Error` with the original name and message.
 */
export function clientErrorFromJSON(data: ClientErrorData): ClientError {
  const { name, message, apiError, cause, ...details } = data;
  const rebuiltCause =
    cause === undefined ? undefined : Object.assign(new Error(cause.message), { name: cause.name });
  const ErrorClass = name === 'TransportError' ? TransportError : ClientError;
  return new ErrorClass(message, apiError, { ...details, cause: rebuiltCause });
}

/**
 * The error for an argument rejected before any request was sent (`apiError.type`
 * {@link ErrorType.invalidArgument}); `operation` names the call, if any.
 */
export function invalidArgument(operation: string | undefined, detail: string): ClientError {
  return new ClientError(
    operation ? `${operation}: ${detail}` : detail,
    { type: ErrorType.invalidArgument, title: 'Invalid argument', detail },
    { operation },
  );
}

/**
 * The error of any call made after `close()` (`apiError.type` {@link ErrorType.closed}).
 *
 * @param operation - the call that was refused, e.g. `getJob`
 * @param clientName - the class to name in the advice, e.g. `Client` for the sync client
 */
export function closedError(operation: string, clientName = 'AsyncClient'): ClientError {
  return new ClientError(
    `${operation}: the client is closed; create a new ${clientName}`,
    { type: ErrorType.closed, title: 'Client closed' },
    { operation },
  );
}
