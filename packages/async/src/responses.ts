/**
 * The one place that turns what came back — a response, or an error thrown by ky or fetch —
 * into a typed document or a member of the {@link ClientError} family.
 */
import {
  type ApiError,
  ApiErrorSchema,
  type ModelIssue,
  type ModelSchema,
  safeParseModel,
} from '@s2gos/models';
import { isHTTPError, isTimeoutError } from 'ky';
import { AuthError } from './auth/errors.js';
import { BodyLimitExceeded, responseTooLarge } from './body-limit.js';
import { authFailed } from './credentials.js';
import { ClientError, clientError, ErrorType } from './errors.js';
import { parseRetryAfter, readText } from './http.js';
import { displayUrl } from './url.js';

/** What the mapping needs to know about the exchange, for messages and redaction. */
export interface ExchangeContext {
  /** Operation name, e.g. `getJob`. */
  operation: string;
  method: string;
  /** The request URL; shown through `displayUrl`, computed only when an error is built. */
  url: string;
  /** Removes secrets (the access token) from text that came from elsewhere. */
  redact: (text: string) => string;
  /** The call's timeout in ms (for messages, and for reading an error body). */
  timeout: number;
  /** The largest body read, in bytes (`maxResponseSize`). */
  maxResponseSize: number;
}

/** Longest URL quoted in a message; the `url` member of the error keeps it whole. */
export const URL_EXCERPT_LENGTH = 160;
// Error bodies are only quoted in excerpts: reading more than this is pointless.
const MAX_ERROR_BODY = 64 * 1024;

/** Longest excerpt of a foreign body quoted in an error. */
export const EXCERPT_LENGTH = 200;
const MAX_LISTED_ISSUES = 3;

/** Whether a body is empty or whitespace only (without copying it, as `trim()` would). */
export function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

/** Parses a 2xx body as JSON; a non-JSON or empty body is a `ClientError`. */
export function readJson(response: Response, text: string, context: ExchangeContext): unknown {
  if (isBlank(text)) {
    throw invalidResponse(response.status, context, 'the body is empty');
  }
  try {
    return JSON.parse(text);
  } catch {
    const excerpt = bodyExcerpt(text, response.headers.get('content-type'), context);
    throw invalidResponse(response.status, context, `the body is not JSON: ${excerpt}`);
  }
}

/**
 * Validates `json` as the operation's document with `@s2gos/models` (its leniency rules apply);
 * a mismatch is a `ClientError` listing the first problems.
 */
export function validateDocument(
  schema: ModelSchema,
  json: unknown,
  documentName: string,
  status: number,
  context: ExchangeContext,
): unknown {
  let result: ReturnType<typeof safeParseModel>;
  try {
    result = safeParseModel(schema, json);
  } catch (error) {
    // A document nested deeper than the validator's stack allows (RangeError).
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidResponse(
      status,
      context,
      `the ${documentName} document can't be validated: ${reason}`,
    );
  }
  if (result.success) return result.output;
  const listed = result.issues.slice(0, MAX_LISTED_ISSUES).map(formatIssue);
  const more = result.issues.length - listed.length;
  const problems = listed.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
  throw invalidResponse(status, context, `not a valid ${documentName} document: ${problems}`);
}

/** A 2xx status the operation does not expect. */
export function unexpectedStatus(response: Response, context: ExchangeContext): ClientError {
  return invalidResponse(response.status, context, `unexpected status ${response.status}`);
}

/**
 * Maps anything thrown while sending or reading into the error family. `closed` and `signal` (the
 * caller's) tell the client's own aborts apart from the caller's; ky's errors (which hold the
 * request, credentials included) never become a cause.
 */
export async function errorFromThrown(
  error: unknown,
  context: ExchangeContext & { signal?: AbortSignal | undefined; closed: boolean },
): Promise<ClientError> {
  if (error instanceof ClientError) return error;
  const where = location(context);
  if (context.closed) {
    return clientError('closed', `${context.operation}: the client was closed`, {
      ...where,
      cause: new DOMException('the client was closed', 'AbortError'),
    });
  }
  if (isHTTPError(error)) return errorFromResponse(error.response, context);
  if (error instanceof BodyLimitExceeded) {
    const url = urlExcerpt(context.url);
    return responseTooLarge(error.limit, { ...context, url }, error.announced);
  }
  if (error instanceof AuthError) {
    return authFailed(error.failure, `${context.operation}: ${error.message}`, where);
  }
  if (context.signal?.aborted) {
    return clientError('aborted', `${prefix(context)} was aborted`, {
      ...where,
      cause: context.signal.reason,
    });
  }
  if (isTimeoutError(error) || (error instanceof DOMException && error.name === 'TimeoutError')) {
    const cause = new DOMException(`no answer within ${context.timeout} ms`, 'TimeoutError');
    return clientError('timeout', `${prefix(context)} timed out`, { ...where, cause });
  }
  const reason = context.redact(networkReason(error));
  return clientError('network', `${prefix(context)} failed: ${reason}`, {
    ...where,
    detail: reason,
    cause: error,
  });
}

/** Maps a non-2xx response into a `ClientError` with an `apiError` built from its body. */
export async function errorFromResponse(
  response: Response,
  context: ExchangeContext,
): Promise<ClientError> {
  const limit = Math.min(context.maxResponseSize, MAX_ERROR_BODY);
  const text = await readText(response, context.timeout, limit).catch(() => '');
  const apiError = redactApiError(apiErrorFromBody(response, text, context), context.redact);
  const statusText = `${response.status}${apiError.title ? ` ${apiError.title}` : ''}`;
  const detail = apiError.detail ? `: ${excerpt(apiError.detail)}` : '';
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const wait = retryAfter === undefined ? '' : ` (Retry-After: ${Math.ceil(retryAfter / 1000)} s)`;
  return clientError('http', `${prefix(context)} answered ${statusText}${detail}${wait}`, {
    ...location(context),
    status: response.status,
    retryAfter,
    apiError,
  });
}

function apiErrorFromBody(response: Response, text: string, context: ExchangeContext): ApiError {
  const { status } = response;
  const title = response.statusText || STATUS_TITLES[status] || `HTTP ${status}`;
  const normalised = (detail: string | undefined, extra: object = {}): ApiError => ({
    type: ErrorType.http,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  });
  if (text.trim() === '') return normalised(undefined);
  const json = parseJsonOrUndefined(text);
  if (isRecord(json)) {
    if (typeof json.type === 'string' || typeof json.title === 'string') {
      const parsed = safeParseModel(ApiErrorSchema, { type: ErrorType.http, ...json });
      if (parsed.success)
        return { title, ...parsed.output, status: parsed.output.status ?? status };
    }
    // {code, description} (OGC examples and many gateways)
    if (typeof json.description === 'string') {
      return normalised(excerpt(json.description), { code: json.code });
    }
    // {detail: [{loc, msg}]} (FastAPI validation errors) or {detail: "..."}
    if (Array.isArray(json.detail)) return normalised(excerpt(fastApiDetail(json.detail)));
    if (typeof json.detail === 'string') return normalised(excerpt(json.detail));
    for (const key of ['message', 'error'] as const) {
      if (typeof json[key] === 'string') return normalised(excerpt(json[key]));
    }
  }
  return normalised(bodyExcerpt(text, response.headers.get('content-type'), context));
}

function fastApiDetail(items: unknown[]): string {
  return items
    .map((item) => {
      if (!isRecord(item)) return JSON.stringify(item);
      const location = Array.isArray(item.loc) ? item.loc.join('.') : undefined;
      const message = typeof item.msg === 'string' ? item.msg : JSON.stringify(item);
      return location ? `${location}: ${message}` : message;
    })
    .join('; ');
}

/** A bounded, single-line excerpt of a body; HTML is reduced to its text. */
function bodyExcerpt(text: string, contentType: string | null, context: ExchangeContext): string {
  const html = contentType?.includes('html') || /^\s*<(!doctype|html|head|body)/i.test(text);
  const plain = html
    ? text
        .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
    : text;
  return excerpt(context.redact(plain));
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= EXCERPT_LENGTH ? line : `${line.slice(0, EXCERPT_LENGTH - 1)}…`;
}

function redactApiError(apiError: ApiError, redact: (text: string) => string): ApiError {
  const copy: Record<string, unknown> = { ...apiError };
  for (const key of ['type', 'title', 'detail', 'instance'] as const) {
    const value = copy[key];
    if (typeof value === 'string') copy[key] = redact(value);
  }
  if (Array.isArray(apiError.traceback)) copy.traceback = apiError.traceback.map(redact);
  return copy as ApiError;
}

function invalidResponse(status: number, context: ExchangeContext, problem: string): ClientError {
  const detail = context.redact(problem);
  const where = `${context.method} ${urlExcerpt(context.url)} (${status})`;
  return clientError(
    'invalidResponse',
    `${context.operation}: invalid response from ${where}: ${detail}`,
    {
      ...location(context),
      status,
      detail,
    },
  );
}

function formatIssue(issue: ModelIssue): string {
  return issue.message;
}

// OpenSSL's certificate verification codes, as Node reports them.
const TLS_CERT_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;
const TLS_HINT =
  ": the server's TLS certificate is not trusted; if a private CA signed it, set NODE_EXTRA_CA_CERTS to the path of that CA's certificate (PEM) and try again";

function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici: TypeError('fetch failed') with the system error (ECONNRESET, ...) as cause
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const named = typeof code === 'string' ? NETWORK_CAUSES[code] : undefined;
    if (named) return `${named} (${code})`;
    const reason = `${error.message} (${typeof code === 'string' ? code : cause.message})`;
    return typeof code === 'string' && TLS_CERT_CODE.test(code) ? `${reason}${TLS_HINT}` : reason;
  }
  return error.message;
}

// What the common codes mean, in the words a user searches for.
const NETWORK_CAUSES: Record<string, string> = {
  ECONNRESET: 'the connection was reset by the server',
  UND_ERR_SOCKET: 'the connection was reset by the server',
  ECONNREFUSED: 'the connection was refused (is the server running?)',
  ENOTFOUND: 'the host name could not be resolved',
};

function prefix(context: ExchangeContext): string {
  return `${context.operation}: ${context.method} ${urlExcerpt(context.url)}`;
}

/**
 * The URL as messages quote it: without credentials, and at most {@link URL_EXCERPT_LENGTH}
 * characters (its start and end), so a huge id cannot flood a message or a log.
 */
export function urlExcerpt(url: string): string {
  const shown = displayUrl(url);
  if (shown.length <= URL_EXCERPT_LENGTH) return shown;
  const half = Math.floor((URL_EXCERPT_LENGTH - 1) / 2);
  return `${shown.slice(0, half)}…${shown.slice(-half)} (${shown.length} characters)`;
}

function location(context: ExchangeContext) {
  return { operation: context.operation, method: context.method, url: displayUrl(context.url) };
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// HTTP/2 and some proxies send no reason phrase.
const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
