/**
 * The nine operations of the service, described once as data, and the one function that
 * performs any of them. Public methods of `AsyncClient` (and of the sync client built on it) are
 * one line each on top of {@link perform}.
 */
import {
  type Capabilities,
  CapabilitiesSchema,
  type ConformanceDeclaration,
  ConformanceDeclarationSchema,
  type JobInfo,
  JobInfoSchema,
  type JobList,
  JobListSchema,
  type JobResults,
  JobResultsSchema,
  type JobStatus,
  type ModelSchema,
  type ProcessDescription,
  ProcessDescriptionSchema,
  type ProcessList,
  ProcessListSchema,
  type ProcessRequest,
} from '@s2gos/models';
import type { Calls } from './call.js';
import { closedError, invalidArgument } from './errors.js';
import { exchange } from './exchange.js';
import {
  type ExchangeContext,
  isBlank,
  readJson,
  unexpectedStatus,
  validateDocument,
} from './responses.js';
import type { RetryOptions } from './retry.js';
import {
  type HeadersOption,
  headerRecord,
  normaliseTimeout,
  type Transport,
  type TransportRequest,
} from './transport.js';
import { buildUrl, type SearchParams } from './url.js';

/** How one operation is performed. */
export interface OperationSpec {
  /** HTTP method. */
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path template relative to the server URL's base path; `{name}` marks a path parameter. */
  readonly path: string;
  /** Names of the path parameters, in argument order. */
  readonly pathParams: readonly string[];
  /** Whether a JSON body follows the path parameters in the arguments. */
  readonly body: boolean;
  /** Schema of the 2xx document. */
  readonly schema: ModelSchema;
  /** Name of the document for messages. */
  readonly document: string;
  /** 2xx statuses that carry the document; any other 2xx is an invalid response. */
  readonly successStatuses: readonly number[];
  /** Whether the client's retry policy applies (idempotent requests only). */
  readonly retryable: boolean;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Whether an empty 2xx body with a `Location` header is followed with a GET. */
  readonly followLocation?: boolean;
}

/**
 * The signature of each operation: positional arguments (path parameters, then the body) and
 * the document it resolves to. A type test proves that the operation table (`operations`) agrees with it.
 */
export interface OperationSignatures {
  getCapabilities: { args: []; result: Capabilities };
  getConformance: { args: []; result: ConformanceDeclaration };
  getProcesses: { args: []; result: ProcessList };
  getProcess: { args: [processId: string]; result: ProcessDescription };
  executeProcess: { args: [processId: string, request: ProcessRequest]; result: JobInfo };
  getJobs: { args: []; result: JobList };
  getJob: { args: [jobId: string]; result: JobInfo };
  dismissJob: { args: [jobId: string]; result: JobInfo };
  getJobResults: { args: [jobId: string]; result: JobResults };
}

/** Name of an operation: `'getCapabilities' | ... | 'getJobResults'`. */
export type OperationName = keyof OperationSignatures;

/** Positional arguments of an operation: its path parameters, then the request body if any. */
export type OperationArgs<N extends OperationName> = OperationSignatures[N]['args'];

/** The validated document an operation resolves to. */
export type OperationResult<N extends OperationName> = OperationSignatures[N]['result'];

/** `jobs/{jobId}`, which answers a JobInfo to GET (status) and DELETE (dismiss). */
const jobResource = {
  path: 'jobs/{jobId}',
  pathParams: ['jobId'],
  body: false,
  schema: JobInfoSchema,
  document: 'JobInfo',
  successStatuses: [200],
} as const;

/** The operation table with its literal types (internal; the type test checks it). */
export const operationTable = {
  getCapabilities: {
    method: 'GET',
    path: '',
    pathParams: [],
    body: false,
    schema: CapabilitiesSchema,
    document: 'Capabilities',
    successStatuses: [200],
    retryable: true,
  },
  getConformance: {
    method: 'GET',
    path: 'conformance',
    pathParams: [],
    body: false,
    schema: ConformanceDeclarationSchema,
    document: 'ConformanceDeclaration',
    successStatuses: [200],
    retryable: true,
  },
  getProcesses: {
    method: 'GET',
    path: 'processes',
    pathParams: [],
    body: false,
    schema: ProcessListSchema,
    document: 'ProcessList',
    successStatuses: [200],
    retryable: true,
  },
  getProcess: {
    method: 'GET',
    path: 'processes/{processID}',
    pathParams: ['processID'],
    body: false,
    schema: ProcessDescriptionSchema,
    document: 'ProcessDescription',
    successStatuses: [200],
    retryable: true,
  },
  executeProcess: {
    method: 'POST',
    path: 'processes/{processID}/execution',
    pathParams: ['processID'],
    body: true,
    schema: JobInfoSchema,
    document: 'JobInfo',
    successStatuses: [200, 201, 202],
    retryable: false,
    headers: { prefer: 'respond-async' },
    followLocation: true,
  },
  getJobs: {
    method: 'GET',
    path: 'jobs',
    pathParams: [],
    body: false,
    schema: JobListSchema,
    document: 'JobList',
    successStatuses: [200],
    retryable: true,
  },
  getJob: { ...jobResource, method: 'GET', retryable: true },
  dismissJob: { ...jobResource, method: 'DELETE', retryable: false },
  getJobResults: {
    method: 'GET',
    path: 'jobs/{jobId}/results',
    pathParams: ['jobId'],
    body: false,
    schema: JobResultsSchema,
    document: 'JobResults',
    successStatuses: [200],
    retryable: true,
  },
} as const satisfies Record<OperationName, OperationSpec>;

/** The operation table. Add an operation here (and its signature) and both clients gain it. */
export const operations: Readonly<Record<OperationName, OperationSpec>> = operationTable;

/** The operation names, in table order. */
export const operationNames = Object.keys(operationTable) as OperationName[];

/** Query parameters of `getJobs` (OGC API - Processes job list). */
export interface JobListQuery {
  /** At most this many jobs. */
  limit?: number | undefined;
  /** Only jobs with this status (or any of these). */
  status?: JobStatus | readonly JobStatus[] | undefined;
  /** Only jobs of this process (or any of these). */
  processID?: string | readonly string[] | undefined;
  /** Any other query parameter the server understands. */
  [name: string]: string | number | boolean | readonly (string | number | boolean)[] | undefined;
}

/** Transport options every call accepts as its last argument. */
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
}

/** What {@link perform} needs from a client. */
export interface OperationContext {
  /** The client's calls in flight. */
  readonly calls: Calls;
  readonly baseUrl: URL;
  readonly transport: Transport;
  readonly timeout: number;
  readonly validate: boolean;
  readonly redact: (text: string) => string;
}

/**
 * Performs operation `name`: builds the URL, sends the request with the per-call options, and
 * maps the response to the validated document or a `ClientError`.
 */
export async function perform<N extends OperationName>(
  client: OperationContext,
  name: N,
  args: OperationArgs<N>,
  options: CallOptions = {},
): Promise<OperationResult<N>> {
  const spec: OperationSpec = operations[name];
  if (client.calls.closed) throw closedError(name);
  let url: string;
  let timeout: number;
  try {
    const params = Object.fromEntries(spec.pathParams.map((param, i) => [param, args[i]]));
    url = buildUrl(client.baseUrl, spec.path, params, options.searchParams);
    timeout = normaliseTimeout(options.timeout, client.timeout);
  } catch (error) {
    throw invalidArgument(name, error instanceof Error ? error.message : String(error));
  }
  let context: ExchangeContext = {
    operation: name,
    method: spec.method,
    url,
    redact: client.redact,
  };
  const request: TransportRequest = {
    method: spec.method,
    url,
    json: spec.body ? args[spec.pathParams.length] : undefined,
    // Left out when there are none: the transport then sends its defaults without merging.
    headers:
      spec.headers || options.headers
        ? { ...spec.headers, ...headerRecord(options.headers) }
        : undefined,
    retry: options.retry,
    idempotent: spec.retryable,
  };
  let { response, text } = await exchange(
    client.transport,
    request,
    timeout,
    context,
    client.calls,
    options.signal,
  );
  if (!spec.successStatuses.includes(response.status)) throw unexpectedStatus(response, context);
  const location = spec.followLocation && isBlank(text) && response.headers.get('location');
  if (location) {
    // 201/202 without a body: the document is at Location.
    const locationUrl = new URL(location, response.url || url).href;
    context = { ...context, method: 'GET', url: locationUrl };
    const get = { method: 'GET', url: locationUrl, headers: request.headers, idempotent: true };
    ({ response, text } = await exchange(
      client.transport,
      get,
      timeout,
      context,
      client.calls,
      options.signal,
    ));
  }
  const json = readJson(response, text, context);
  if (!client.validate) return json as OperationResult<N>;
  return validateDocument(
    spec.schema,
    json,
    spec.document,
    response.status,
    context,
  ) as OperationResult<N>;
}
