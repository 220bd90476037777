import type { ResolvedConfig } from '@s2gos/config';
import type {
  Capabilities,
  ConformanceDeclaration,
  JobInfo,
  JobList,
  JobResults,
  JobStatus,
  ProcessDescription,
  ProcessList,
  ProcessRequestInput,
  ProcessSummary,
} from '@s2gos/models';
import type { KyInstance, Options } from 'ky';
import { normaliseMaxResponseSize } from './body-limit.js';
import { type ClientAuth, createClientAuth } from './credentials.js';
import type { LogWriter } from './debug-log.js';
import type { DownloadedFile, DownloadFunction, DownloadOptions } from './download.js';
import {
  createHttp,
  type FetchFunction,
  headerRecord,
  kyTimeout,
  type NormalisedRetry,
  normaliseRetry,
  readText,
  retryPolicy,
  withDeadline,
} from './http.js';
import {
  type ExecuteAndWaitOptions,
  executeAndWait,
  type JobRun,
  type WaitForJobOptions,
  waitForJob,
} from './jobs.js';
import {
  type OperationArgs,
  type OperationName,
  type OperationResult,
  type OperationSpec,
  operations,
  pathParams,
} from './operations.js';
import {
  type AsyncClientOptions,
  type CallOptions,
  type ConfigResolver,
  closedError,
  invalidArgument,
  normaliseClientOptions,
  normaliseTimeout,
  redactedConfig,
} from './options.js';
import { iteratePages } from './paging.js';
import { followableLocation, serialiseBody } from './request-guards.js';
import {
  type ExchangeContext,
  errorFromThrown,
  isBlank,
  readJson,
  unexpectedStatus,
  validateDocument,
} from './responses.js';
import { buildPath } from './url.js';

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

/** What differs between the Node and the browser build. */
export interface Platform {
  resolveConfig: ConfigResolver;
  /**
   * Wraps the fetch ky calls: Node follows redirects in the client (`followRedirects`) and sends
   * through the environment's proxy; browsers leave redirects to fetch (manual redirects are
   * opaque there, and the Fetch standard drops `Authorization` across origins).
   */
  wrapFetch?: ((fetch: FetchFunction, origin: string) => FetchFunction) | undefined;
  /** The HTTP log's writer when logging is on (Node: `S2GOS_DEBUG`), else `undefined`. */
  debugLog?: (() => LogWriter | undefined) | undefined;
  /** Writes results to files (Node only). */
  download?: DownloadFunction | undefined;
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * The client of the S2GOS service, asynchronous. Entry points construct it as `AsyncClient` with
 * the config resolver of their platform; all behaviour lives here.
 */
export class AsyncClientBase {
  readonly #config: Readonly<ResolvedConfig>;
  readonly #http: KyInstance;
  readonly #baseUrl: URL;
  readonly #timeout: number;
  readonly #maxResponseSize: number;
  /** The client's retry policy, normalised once (calls add their deadline). */
  readonly #retry: NormalisedRetry;
  readonly #validate: boolean;
  readonly #redact: (text: string) => string;
  readonly #auth: ClientAuth;
  readonly #closer = new AbortController();
  readonly #download: DownloadFunction | undefined;

  /**
   * @param options - client options
   * @param platform - the platform's config resolver and redirect handling
   * @throws `ConfigError` for a broken configuration file, `ClientError` for invalid options
   */
  constructor(options: AsyncClientOptions, platform: Platform) {
    const { config, baseUrl, timeout, maxResponseSize, redact } = normaliseClientOptions(
      options,
      platform.resolveConfig,
    );
    this.#config = config;
    this.#baseUrl = baseUrl;
    this.#timeout = timeout;
    this.#maxResponseSize = maxResponseSize;
    this.#retry = normaliseRetry(options.retry);
    this.#validate = options.validate ?? true;
    this.#download = platform.download;
    const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#auth = createClientAuth(config, {
      origin: baseUrl.origin,
      redact,
      timeout: Number.isFinite(timeout) ? timeout : undefined,
      fetch,
      tokens: options.tokens,
      onTokens: options.onTokens,
      onDevicePrompt: options.onDevicePrompt,
      signal: this.#closer.signal,
    });
    this.#redact = this.#auth.redact;
    const wrapped = platform.wrapFetch?.(fetch, baseUrl.origin);
    this.#http = createHttp({
      baseUrl,
      credentials: this.#auth.hooks,
      timeout,
      retry: options.retry,
      headers: options.headers,
      fetch: wrapped ?? fetch,
      signal: this.#closer.signal,
      log: logOption(platform.debugLog?.(), this.#redact),
    });
  }

  /** The resolved configuration (server URL, user name, access token). */
  get config(): ResolvedConfig {
    return { ...this.#config };
  }

  /** Whether {@link close} was called. */
  get closed(): boolean {
    return this.#closer.signal.aborted;
  }

  /**
   * Performs any operation of the table by name: `perform('getJob', [jobId], options)`. The
   * typed methods below are shortcuts; the sync client dispatches through this.
   *
   * @param operation - name of the operation, e.g. `getJob`
   * @param args - its path parameters and body, in order
   * @param options - per-call options: `timeout`, `signal`, `retry`, `headers`
   * @returns the operation's document
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   * @throws {@link ClientError} with type `ErrorType.invalidArgument` for an unknown operation or
   *   bad arguments, before any request is sent
   *
   * @example
   * ```ts
   * const job = await client.perform('getJob', ['job-1']);
   * ```
   */
  async perform<N extends OperationName>(
    operation: N,
    args: OperationArgs<N>,
    options: CallOptions = {},
  ): Promise<OperationResult<N>> {
    if (this.closed) throw closedError(operation);
    const spec: OperationSpec = operations[operation];
    const method = spec.method ?? 'GET';
    let path: string;
    let timeout: number;
    let maxResponseSize: number;
    let body: string | undefined;
    try {
      const names = pathParams(spec.path);
      const params = Object.fromEntries(names.map((name, i) => [name, args[i]]));
      path = buildPath(spec.path, params, options.searchParams);
      timeout = normaliseTimeout(options.timeout, this.#timeout);
      maxResponseSize = normaliseMaxResponseSize(options.maxResponseSize, this.#maxResponseSize);
      if (spec.body) body = serialiseBody(spec, args[names.length]);
    } catch (error) {
      throw invalidArgument(operation, (error as Error).message);
    }
    const deadline = timeout === Number.POSITIVE_INFINITY ? undefined : Date.now() + timeout;
    const url = this.#baseUrl.href + path;
    const context: ExchangeContext = {
      operation,
      method,
      url,
      redact: this.#redact,
      timeout,
      maxResponseSize,
    };
    const kyOptions: Options = { method };
    if (body !== undefined) kyOptions.body = body;
    if (spec.headers || options.headers || body !== undefined) {
      kyOptions.headers = {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...spec.headers,
        ...headerRecord(options.headers),
      };
    }
    if (timeout !== this.#timeout) kyOptions.timeout = kyTimeout(timeout);
    if (options.signal) kyOptions.signal = options.signal;
    // A retried POST could start a second job: non-idempotent operations retry only when the call
    // asks, and then for their method. Every policy carries the call's deadline.
    if (spec.retryable ?? method === 'GET') {
      kyOptions.retry =
        options.retry === undefined
          ? withDeadline(this.#retry, deadline)
          : retryPolicy(options.retry, deadline);
    } else if (options.retry !== undefined) {
      const retry = retryPolicy(options.retry, deadline) as { methods?: string[] };
      kyOptions.retry = { ...retry, methods: [...(retry.methods ?? []), method.toLowerCase()] };
    } else {
      kyOptions.retry = 0;
    }
    let { response, text } = await this.#exchange(path, kyOptions, context, options.signal);
    if (!(spec.successStatuses ?? [200]).includes(response.status)) {
      throw unexpectedStatus(response, context);
    }
    const location = spec.followLocation && isBlank(text) && response.headers.get('location');
    if (location) {
      // 201/202 without a body: the document is at Location, on the server's origin only.
      const locationUrl = followableLocation(location, response.url || url, this.#baseUrl, context);
      const { body: _body, retry: _retry, ...rest } = kyOptions;
      const get: Options = { ...rest, method: 'GET', prefixUrl: '', retry: 0 };
      context.method = 'GET';
      context.url = locationUrl;
      ({ response, text } = await this.#exchange(locationUrl, get, context, options.signal));
    }
    const json = readJson(response, text, context);
    if (!this.#validate) return json as OperationResult<N>;
    const status = response.status;
    return validateDocument(
      spec.schema,
      json,
      spec.document,
      status,
      context,
    ) as OperationResult<N>;
  }

  /** One request through ky (`input` relative to the server URL), and its body read within the timeout. */
  async #exchange(
    input: string,
    options: Options,
    context: ExchangeContext,
    signal: AbortSignal | undefined,
  ): Promise<{ response: Response; text: string }> {
    try {
      const response = await this.#auth.send(() => this.#http(input, options));
      const text = await readText(response, context.timeout, context.maxResponseSize);
      return { response, text };
    } catch (error) {
      throw await errorFromThrown(error, { ...context, signal, closed: this.closed });
    }
  }

  /**
   * The landing page: links to the API definition, conformance, processes and jobs.
   *
   * @param options - per-call options: `timeout`, `signal`, `retry`, `headers`
   * @returns the landing page document
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   *
   * @example
   * ```ts
   * const { title, links } = await client.getCapabilities();
   * ```
   */
  getCapabilities(options?: CallOptions): Promise<Capabilities> {
    return this.perform('getCapabilities', [], options);
  }

  /**
   * The conformance classes the server implements.
   *
   * @param options - per-call options: `timeout`, `signal`, `retry`, `headers`
   * @returns the conformance declaration
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   *
   * @example
   * ```ts
   * const { conformsTo } = await client.getConformance();
   * ```
   */
  getConformance(options?: CallOptions): Promise<ConformanceDeclaration> {
    return this.perform('getConformance', [], options);
  }

  /**
   * Summaries of the available processes.
   *
   * @param options - per-call options: `timeout`, `signal`, `retry`, `headers`
   * @returns the process list
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   *
   * @example
   * ```ts
   * const { processes } = await client.getProcesses();
   * console.log(processes.map((process) => process.id));
   * ```
   */
  getProcesses(options?: CallOptions): Promise<ProcessList> {
    return this.perform('getProcesses', [], options);
  }

  /**
   * The description of one process: its inputs and outputs.
   *
   * @param processId - the process identifier
   * @param options - per-call options: `timeout`, `signal`, `retry`, `headers`
   * @returns the process description; a 404 `ClientError` for an unknown process
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   *
   * @example
   * ```ts
   * const { inputs, outputs } = await client.getProcess('primes_between');
   * ```
   */
  getProcess(processId: string, options?: CallOptions): Promise<ProcessDescription> {
    return this.perform('getProcess', [processId], options);
  }

  /**
   * Creates a job (asynchronous execution, `Prefer: respond-async`); never retried unless asked.
   *
   * @param processId - the process identifier
   * @param request - the execution request: `inputs`, `outputs`, `response`, `subscriber`
   * @param options - per-call options: `timeout`, `signal`, `retry`, `headers`
   * @returns the status of the created job (usually `accepted`)
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   * @throws {@link ClientError} when the server rejects the request (400 with every problem
   *   listed, 404 for an unknown process)
   *
   * @example
   * ```ts
   * const job = await client.executeProcess('primes_between', {
   *   inputs: { min_val: 1, max_val: 100 },
   * });
   * console.log(job.jobID, job.status);
   * ```
   */
  executeProcess(
    processId: string,
    request: ProcessRequestInput,
    options?: CallOptions,
  ): Promise<JobInfo> {
    return this.perform('executeProcess', [processId, request], options);
  }

  /**
   * The list of jobs; filter with `searchParams: { limit, status, processID }`.
   *
   * @param options - per-call options, with the query in `searchParams`: `limit`, `status`,
   *   `processID`
   * @returns the job list
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   *
   * @example
   * ```ts
   * const { jobs } = await client.getJobs({ searchParams: { status: 'running' } });
   * ```
   */
  getJobs(options?: CallOptions<JobListQuery>): Promise<JobList> {
    return this.perform('getJobs', [], options);
  }

  /**
   * The status of a job.
   *
   * @param jobId - the job identifier
   * @param options - per-call options: `timeout`, `signal`, `retry`, `headers`
   * @returns the job's status; a 404 `ClientError` for an unknown job
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   *
   * @example
   * ```ts
   * const { status, progress } = await client.getJob(job.jobID);
   * ```
   */
  getJob(jobId: string, options?: CallOptions): Promise<JobInfo> {
    return this.perform('getJob', [jobId], options);
  }

  /**
   * Cancels a job, or removes a finished one.
   *
   * @param jobId - the job identifier
   * @param options - per-call options: `timeout`, `signal`, `retry`, `headers`
   * @returns the job's status after dismissal (`dismissed`)
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   *
   * @example
   * ```ts
   * await client.dismissJob(job.jobID);
   * ```
   */
  dismissJob(jobId: string, options?: CallOptions): Promise<JobInfo> {
    return this.perform('dismissJob', [jobId], options);
  }

  /**
   * The results of a finished job.
   *
   * @param jobId - the job identifier
   * @param options - per-call options: `timeout`, `signal`, `retry`, `headers`
   * @returns the job's results by output name
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   * @throws {@link ClientError} when the job has not finished successfully (the server's 404)
   *
   * @example
   * ```ts
   * const results = await client.getJobResults(job.jobID);
   * ```
   */
  getJobResults(jobId: string, options?: CallOptions): Promise<JobResults> {
    return this.perform('getJobResults', [jobId], options);
  }

  /**
   * Every process of the server, page by page: follows the `rel="next"` link of each page
   * (only within the server's origin) with `getProcesses`. A page is read when the loop needs it.
   *
   * @param options - per-call options of each page; `searchParams.limit` is the page size asked for
   * @returns an async iterator of the process summaries
   * @throws {@link ClientError} as for {@link AsyncClientBase.getProcesses | getProcesses}, and of
   *   type `ErrorType.invalidResponse` for a next link to another origin or back to a page read
   *
   * @example
   * ```ts
   * for await (const process of client.iterateProcesses()) console.log(process.id);
   * ```
   */
  iterateProcesses(options: CallOptions = {}): AsyncGenerator<ProcessSummary, void, undefined> {
    return iteratePages(
      this.#listUrl('processes'),
      options.searchParams ?? {},
      async (searchParams) => {
        const { processes, links } = await this.getProcesses({ ...options, searchParams });
        return { items: processes, links };
      },
    );
  }

  /**
   * Every job matching `query`, page by page: follows the `rel="next"` link of each page (only
   * within the server's origin) with `getJobs`, in the server's order.
   *
   * @param query - `limit` (the page size asked for), `status`, `processID`
   * @param options - per-call options of each page: `timeout`, `signal`, `retry`, `headers`
   * @returns an async iterator of the jobs
   * @throws {@link ClientError} as for {@link AsyncClientBase.getJobs | getJobs}, and of type
   *   `ErrorType.invalidResponse` for a next link to another origin or back to a page read
   *
   * @example
   * ```ts
   * for await (const job of client.iterateJobs({ status: 'running' })) console.log(job.jobID);
   * ```
   */
  iterateJobs(
    query: JobListQuery = {},
    options: Omit<CallOptions, 'searchParams'> = {},
  ): AsyncGenerator<JobInfo, void, undefined> {
    return iteratePages(this.#listUrl('jobs'), query, async (searchParams) => {
      const { jobs, links } = await this.getJobs({
        ...options,
        searchParams: searchParams as JobListQuery,
      });
      return { items: jobs, links };
    });
  }

  #listUrl(path: string): URL {
    return new URL(path, this.#baseUrl);
  }

  /**
   * Polls the job with backoff until it ends. Resolves with the final JobInfo when successful;
   * rejects with a `ClientError` carrying the job's message and traceback when it failed or was
   * dismissed, after `timeout`, or when `signal` aborts (dismissing the job if `dismissOnAbort`).
   *
   * @param jobId - the job identifier
   * @param options - `timeout`, `signal`, `dismissOnAbort`, `onProgress` and the polling backoff
   * @returns the final status of the successful job
   * @throws {@link ClientError} with type `ErrorType.jobFailed`, `ErrorType.jobDismissed` or
   *   `ErrorType.jobTimeout` (the job's last status in `job`), or as for {@link AsyncClientBase.getJob | getJob}
   * @throws {@link TransportError} when the server cannot be reached or `signal` aborts the wait
   *
   * @example
   * ```ts
   * const done = await client.waitForJob(job.jobID, {
   *   onProgress: (status) => console.log(status.status, status.progress),
   * });
   * ```
   */
  waitForJob(jobId: string, options?: WaitForJobOptions): Promise<JobInfo> {
    return waitForJob(this, jobId, options);
  }

  /**
   * Executes a process, waits for its job and reads the results.
   *
   * @param processId - the process identifier
   * @param request - the execution request
   * @param options - as for {@link AsyncClientBase.waitForJob | waitForJob}
   * @returns `{ job, results }`: the final status and the results
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached, the call times out or
   *   `options.signal` aborts it
   * @throws {@link ClientError} as for {@link AsyncClientBase.executeProcess | executeProcess}, {@link AsyncClientBase.waitForJob | waitForJob} and
   *   {@link AsyncClientBase.getJobResults | getJobResults}
   *
   * @example
   * ```ts
   * const { job, results } = await client.executeAndWait('primes_between', {
   *   inputs: { min_val: 1, max_val: 50 },
   * });
   * ```
   */
  executeAndWait(
    processId: string,
    request: ProcessRequestInput,
    options?: ExecuteAndWaitOptions,
  ): Promise<JobRun> {
    return executeAndWait(this, processId, request, options);
  }

  /**
   * Writes the results of a finished job into `options.dir` (Node only): each output that is a
   * link (`{ href, type }`) is streamed to a file named after the output id with an extension
   * from its media type (written as `<name>.part` and renamed when complete; a partial file is
   * resumed with `Range` when the server supports it and names the file's version, an ETag or
   * Last-Modified, sent back as `If-Range`), every other output as `<output>.json`.
   * The access token goes with a link only when it is on the server's origin. A file that
   * already exists under one of those names is replaced only with `overwrite: true`.
   *
   * @param jobId - the job identifier
   * @param options - `dir`, and optionally `outputs`, `onProgress`, `signal`, `overwrite`
   * @returns the files written, in output order
   * @throws {@link ClientError} as for {@link AsyncClientBase.getJobResults | getJobResults}, for an
   *   output the job does not have, for files already in the way (unless `overwrite`; nothing is
   *   written then), or when a download fails (the partial file stays to resume)
   *
   * @example
   * ```ts
   * const files = await client.downloadResults(job.jobID, { dir: 'results' });
   * ```
   */
  async downloadResults(jobId: string, options: DownloadOptions): Promise<DownloadedFile[]> {
    if (!this.#download) {
      throw invalidArgument(
        'downloadResults',
        'writing files needs Node; read links with getJobResults',
      );
    }
    if (typeof options?.dir !== 'string' || options.dir === '') {
      throw invalidArgument('downloadResults', 'options.dir must name a directory');
    }
    const results = await this.getJobResults(jobId, { signal: options.signal });
    const request = (
      url: string,
      headers: Record<string, string | undefined>,
      signal?: AbortSignal,
    ) => this.#stream(url, headers, signal);
    return this.#download({ jobId, results, request, baseUrl: this.#baseUrl }, options);
  }

  /** A GET of an absolute URL whose body the caller streams (no body deadline: files are large). */
  async #stream(
    url: string,
    headers: Record<string, string | undefined>,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const context: ExchangeContext = {
      operation: 'downloadResults',
      method: 'GET',
      url,
      redact: this.#redact,
      timeout: this.#timeout,
      // Files stream to disk, so their size is not held in memory; error bodies keep the cap.
      maxResponseSize: this.#maxResponseSize,
    };
    try {
      return await this.#http(url, { prefixUrl: '', headers, ...(signal ? { signal } : {}) });
    } catch (error) {
      throw await errorFromThrown(error, { ...context, signal, closed: this.closed });
    }
  }

  /**
   * Closes the client: calls in flight are aborted, later calls fail with a `ClientError`.
   * Closing twice is harmless.
   *
   * @throws nothing: the returned promise always resolves
   *
   * @example
   * ```ts
   * await client.close();
   * ```
   */
  async close(): Promise<void> {
    this.#closer.abort(new DOMException('the client was closed', 'AbortError'));
  }

  /**
   * A redacted view for logs and JSON: the access token is masked.
   *
   * @throws nothing
   */
  toJSON(): { serverUrl: string; userName?: string; accessToken?: string; closed: boolean } {
    return { ...redactedConfig(this.#config), closed: this.closed };
  }

  /**
   * `AsyncClient(<server URL>)`.
   *
   * @throws nothing
   */
  toString(): string {
    return `AsyncClient(${this.#config.serverUrl})`;
  }

  /** Node's `util.inspect`: the redacted view. */
  [inspectSymbol](): string {
    return `AsyncClient ${JSON.stringify(this.toJSON())}`;
  }
}

function logOption(write: LogWriter | undefined, redact: (text: string) => string) {
  return write ? { write, redact } : undefined;
}
