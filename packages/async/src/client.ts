import type { ClientConfig, ResolveConfigOptions, ResolvedConfig } from '@s2gos/config';
import { redactToken } from '@s2gos/config';
import type {
  Capabilities,
  ConformanceDeclaration,
  JobInfo,
  JobList,
  JobResults,
  ProcessDescription,
  ProcessList,
  ProcessRequest,
} from '@s2gos/models';
import { Calls } from './call.js';
import { invalidArgument } from './errors.js';
import {
  type ExecuteAndWaitOptions,
  executeAndWait,
  type JobRun,
  type WaitForJobOptions,
  waitForJob,
} from './jobs.js';
import {
  type CallOptions,
  type JobListQuery,
  type OperationArgs,
  type OperationContext,
  type OperationName,
  type OperationResult,
  perform,
} from './operations.js';
import { DEFAULT_RETRY, mergeRetry, type RetryOptions } from './retry.js';
import {
  createTransport,
  DEFAULT_TIMEOUT,
  type FetchFunction,
  type HeadersOption,
  normaliseTimeout,
} from './transport.js';
import { parseServerUrl } from './url.js';

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
  /** Retry policy of idempotent requests; a number sets the limit (default {@link DEFAULT_RETRY}). */
  retry?: number | RetryOptions | undefined;
  /** Headers sent with every request. */
  headers?: HeadersOption | undefined;
  /** The `fetch` to use (default: the global one). */
  fetch?: FetchFunction | undefined;
  /** Validate responses with `@s2gos/models` (default `true`). */
  validate?: boolean | undefined;
}

/** Resolves the configuration from the constructor options (injected per platform). */
export type ConfigResolver = (
  options: ResolveConfigOptions & { configPath?: string | undefined },
) => ResolvedConfig;

/** What differs between the Node and the browser build. */
export interface Platform {
  resolveConfig: ConfigResolver;
  /** See `TransportOptions.redirects`. */
  redirects: 'manual' | 'native';
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * The client of the S2GOS service, asynchronous. Entry points construct it as `AsyncClient` with
 * the config resolver of their platform; all behaviour lives here.
 */
export class AsyncClientBase {
  readonly #config: Readonly<ResolvedConfig>;
  readonly #context: OperationContext;

  /**
   * @param options - client options
   * @param platform - the platform's config resolver and redirect handling
   * @throws `ConfigError` for a broken configuration file, `ClientError` for invalid options
   */
  constructor(options: AsyncClientOptions, platform: Platform) {
    const { config, configPath, serverUrl, userName, accessToken } = options;
    this.#config = Object.freeze({
      ...platform.resolveConfig(
        omitUndefined({ config, configPath, serverUrl, userName, accessToken }),
      ),
    });
    const token = this.#config.accessToken || undefined;
    let baseUrl: URL;
    let timeout: number;
    try {
      baseUrl = parseServerUrl(this.#config.serverUrl);
      timeout = normaliseTimeout(options.timeout, DEFAULT_TIMEOUT);
    } catch (error) {
      throw invalidArgument(undefined, (error as Error).message);
    }
    const redact = (text: string) => (token ? text.split(token).join(redactToken(token)) : text);
    this.#context = {
      baseUrl,
      timeout,
      validate: options.validate ?? true,
      redact,
      calls: new Calls(),
      transport: createTransport({
        origin: baseUrl.origin,
        accessToken: token,
        retry: mergeRetry(DEFAULT_RETRY, options.retry),
        headers: options.headers,
        fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
        redirects: platform.redirects,
      }),
    };
  }

  /** The resolved configuration (server URL, user name, access token). */
  get config(): ResolvedConfig {
    return { ...this.#config };
  }

  /** Whether {@link close} was called. */
  get closed(): boolean {
    return this.#context.calls.closed;
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
  perform<N extends OperationName>(
    operation: N,
    args: OperationArgs<N>,
    options?: CallOptions,
  ): Promise<OperationResult<N>> {
    return perform(this.#context, operation, args, options);
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
    request: ProcessRequest,
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
    request: ProcessRequest,
    options?: ExecuteAndWaitOptions,
  ): Promise<JobRun> {
    return executeAndWait(this, processId, request, options);
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
    this.#context.calls.close();
  }

  /**
   * A redacted view for logs and JSON: the access token is masked.
   *
   * @throws nothing
   */
  toJSON(): { serverUrl: string; userName?: string; accessToken?: string; closed: boolean } {
    const { serverUrl, userName, accessToken } = this.#config;
    return {
      serverUrl,
      ...(userName ? { userName } : {}),
      ...(accessToken ? { accessToken: redactToken(accessToken) } : {}),
      closed: this.#context.calls.closed,
    };
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

function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
