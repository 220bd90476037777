import type { ApiError } from '@s2gos/models';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const OGC_EXCEPTIONS = 'http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0';

/**
 * The problem types this server answers with (RFC 7807 `type` member).
 *
 * The OGC exception URIs are those of OGC API - Processes - Part 1: Core 1.0. Problems that are
 * plain HTTP conditions (401, 404 for an unknown path, 413, 416, 429, 500, 503) use `about:blank`
 * as RFC 7807 recommends. Conditions OGC 1.0 has no URI for (a failed, dismissed or expired job, an
 * unknown file of a job) get URNs of this server.
 */
export const ProblemType = {
  noSuchProcess: `${OGC_EXCEPTIONS}/no-such-process`,
  noSuchJob: `${OGC_EXCEPTIONS}/no-such-job`,
  resultNotReady: `${OGC_EXCEPTIONS}/result-not-ready`,
  invalidParameterValue: `${OGC_EXCEPTIONS}/invalid-parameter-value`,
  jobFailed: 'urn:s2gos:problem:job-failed',
  jobDismissed: 'urn:s2gos:problem:job-dismissed',
  jobExpired: 'urn:s2gos:problem:job-expired',
  noSuchFile: 'urn:s2gos:problem:no-such-file',
  blank: 'about:blank',
} as const;

/** One problem found in a request, e.g. `{ path: 'inputs.min_val', message: 'must be >= 0' }`. */
export interface ProblemIssue {
  /** Where the problem is, in the request: `inputs.bbox.bbox[0]`, `limit`; empty for the root. */
  path: string;
  /** What is wrong. */
  message: string;
}

/** The members of a problem details document this server sends. */
export interface ProblemInit {
  type: string;
  status: number;
  title: string;
  detail?: string;
  /** Extension member listing every problem of an invalid request. */
  issues?: ProblemIssue[];
  /** Extension member of the S2GOS API; only sent in debug mode. */
  traceback?: string[];
}

/**
 * An error that ends a request with an RFC 7807 problem details response.
 *
 * Route handlers throw it; the app's error handler turns it into the response, so there is one
 * place where problems become HTTP.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly problem: ProblemInit;
  readonly headers: Record<string, string>;

  constructor(problem: ProblemInit, headers: Record<string, string> = {}) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
    this.headers = headers;
  }
}

/** The media type of problem details (RFC 7807). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Builds the problem details document, typed as the models' `ApiError`. */
export function problemBody(problem: ProblemInit, instance?: string): ApiError {
  const body: ApiError = {
    type: problem.type,
    title: problem.title,
    status: problem.status,
  };
  if (problem.detail !== undefined) body.detail = problem.detail;
  if (instance !== undefined) body.instance = instance;
  if (problem.issues !== undefined) body.issues = problem.issues;
  if (problem.traceback !== undefined) body.traceback = problem.traceback;
  return body;
}

/**
 * Answers with a problem details document. It goes through the Hono context so that headers
 * set by middleware (CORS) are kept.
 */
export function respondProblem(
  c: Context,
  problem: ProblemInit,
  headers: Record<string, string> = {},
): Response {
  return c.body(
    JSON.stringify(problemBody(problem, c.req.path)),
    problem.status as ContentfulStatusCode,
    { ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE },
  );
}

/** 404 for a process ID the registry does not hold. */
export function noSuchProcess(processId: string): HttpProblem {
  return new HttpProblem({
    type: ProblemType.noSuchProcess,
    status: 404,
    title: 'No such process',
    detail: `Process '${processId}' does not exist.`,
  });
}

/** 404 for a job ID the store does not hold (never existed, or dismissed). */
export function noSuchJob(jobId: string): HttpProblem {
  return new HttpProblem({
    type: ProblemType.noSuchJob,
    status: 404,
    title: 'No such job',
    detail: `Job '${jobId}' does not exist.`,
  });
}

/** 400 listing every problem of a request. */
export function invalidParameterValue(detail: string, issues?: ProblemIssue[]): HttpProblem {
  return new HttpProblem({
    type: ProblemType.invalidParameterValue,
    status: 400,
    title: 'Invalid parameter value',
    detail,
    ...(issues === undefined ? {} : { issues }),
  });
}

/** Formats issues as `path: message; path: message` for a problem's `detail`. */
export function formatIssues(issues: readonly ProblemIssue[]): string {
  return issues
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The message of a thrown value, always as a string and without throwing: a process may throw
 * anything (an error whose `message` is an object, an object `String` cannot convert), and a
 * job's `message` must be a string, or its JobInfo is invalid and typed clients reject every job
 * list that holds it.
 */
export function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    // E.g. `Object.create(null)`, which has no `toString`, or a throwing `message` getter.
    return Object.prototype.toString.call(error);
  }
}

/** The stack of an error as lines, for the `traceback` extension member in debug mode. */
export function tracebackOf(error: unknown): string[] {
  try {
    if (error instanceof Error && typeof error.stack === 'string' && error.stack) {
      return error.stack.split('\n');
    }
    return [String(error)];
  } catch {
    // A throwing `stack` getter or `toString`: the traceback is for debugging, never a new failure.
    return [messageOf(error)];
  }
}

/**
 * 503 when the queue or the job store is full, or the server is closing; `Retry-After` says in
 * how many seconds a new job is likely to be admitted.
 */
export function serviceUnavailable(detail: string, retryAfterSeconds: number): HttpProblem {
  return new HttpProblem(
    { type: ProblemType.blank, status: 503, title: 'Service Unavailable', detail },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/** 429 when one client already has as many unfinished jobs as it may. */
export function tooManyJobs(detail: string, retryAfterSeconds: number): HttpProblem {
  return new HttpProblem(
    { type: ProblemType.blank, status: 429, title: 'Too Many Requests', detail },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/** 404 (job-expired) for a job the store removed after its retention, unlike `no-such-job`. */
export function jobExpired(jobId: string, reason: string): HttpProblem {
  return new HttpProblem({
    type: ProblemType.jobExpired,
    status: 404,
    title: 'Job expired',
    detail: `Job '${jobId}' no longer exists: ${reason}.`,
  });
}

/** 404 (no-such-file) for a file name a job did not save. */
export function noSuchFile(jobId: string, name: string): HttpProblem {
  return new HttpProblem({
    type: ProblemType.noSuchFile,
    status: 404,
    title: 'No such file',
    detail: `Job '${jobId}' has no file '${name.slice(0, 100)}'.`,
  });
}

/** 416 for a `Range` outside the file; `Content-Range` gives its size (RFC 9110). */
export function rangeNotSatisfiable(size: number): HttpProblem {
  return new HttpProblem(
    {
      type: ProblemType.blank,
      status: 416,
      title: 'Range Not Satisfiable',
      detail: `The requested range is not within the file's ${size} bytes.`,
    },
    { 'Content-Range': `bytes */${size}` },
  );
}

/** 413 for a request body past the limit; the connection closes, as the rest is not read. */
export function contentTooLarge(maxBytes: number): HttpProblem {
  return new HttpProblem(
    {
      type: ProblemType.blank,
      status: 413,
      title: 'Content Too Large',
      detail: `The request body is larger than ${maxBytes} bytes.`,
    },
    { Connection: 'close' },
  );
}

/** 404 (result-not-ready) for the results of a job that is accepted or running. */
export function resultNotReady(jobId: string, status: string): HttpProblem {
  return new HttpProblem({
    type: ProblemType.resultNotReady,
    status: 404,
    title: 'Result not ready',
    detail: `Job '${jobId}' is ${status}; its results are not ready yet.`,
  });
}

/**
 * 500 for the results of a failed job: OGC API - Processes 1.0 answers the results request of
 * a failed job with the exception that made it fail.
 */
export function jobFailed(
  jobId: string,
  error: { readonly message: string; readonly traceback: readonly string[] },
  debug: boolean,
): HttpProblem {
  return new HttpProblem({
    type: ProblemType.jobFailed,
    status: 500,
    title: 'Job failed',
    detail: `Job '${jobId}' failed: ${error.message}`,
    ...(debug ? { traceback: [...error.traceback] } : {}),
  });
}

/** 410 for a synchronous execution whose job was dismissed before it finished. */
export function jobDismissed(jobId: string): HttpProblem {
  return new HttpProblem({
    type: ProblemType.jobDismissed,
    status: 410,
    title: 'Job dismissed',
    detail: `Job '${jobId}' was dismissed before it finished.`,
  });
}
