import type {
  AsyncClient,
  DownloadedFile,
  JobInfo,
  JobListQuery,
  JobRun,
  OperationArgs,
  OperationName,
  OperationResult,
  ProcessRequestInput,
  ProcessSummary,
  ResolvedConfig,
} from '@s2gos/async';
import {
  arity,
  ClientError,
  closedError,
  createPager,
  invalidArgument,
  normaliseClientOptions,
  omitUndefined,
  operationNames,
  redactedConfig,
} from '@s2gos/async/internal/no-http';
import { resolveConfig } from '@s2gos/config/node';
import { callWorker, startWorker } from './channel.js';
import {
  executeAndWait,
  type SyncExecuteAndWaitOptions,
  type SyncWaitForJobOptions,
  waitForJob,
} from './jobs.js';
import { CALL_MARGIN, MAX_TIMEOUT } from './limits.js';
import {
  type ClientOptions,
  checkArguments,
  checkClientOptions,
  checkTimeout,
  normaliseCallOptions,
  type SyncCallOptions,
} from './options.js';

/** The per-call options `AsyncClient` takes for operation `N` (`getJobs` has a typed query). */
type AsyncCallOptionsOf<N extends OperationName> =
  Parameters<AsyncClient[N]> extends [...OperationArgs<N>, (infer O)?] ? NonNullable<O> : never;

/**
 * The operations of the async client's operation table, as blocking methods: the same arguments,
 * the document itself as the result. Generated from the table, so a new operation of
 * `@s2gos/async` is a new method here.
 */
export type SyncOperations = {
  [N in keyof Pick<AsyncClient, OperationName>]: (
    ...args: [...OperationArgs<N>, options?: SyncCallOptions<AsyncCallOptionsOf<N>>]
  ) => OperationResult<N>;
};

let nextClientId = 1;

/**
 * Releases the worker's client of a `Client` that was garbage-collected without `close()`. The
 * release is a blocking round trip to the worker, like `close()`; a failure is ignored, since
 * nobody is left to report it to.
 */
const unclosed = new FinalizationRegistry<number>((clientId) => {
  try {
    callWorker({ type: 'close', clientId }, 'close');
  } catch {
    // The worker is gone: so is the client it held.
  }
});
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

// The operation methods are installed on the prototype from the operation table (below); this
// declaration gives them their types (from `SyncOperations`) and their documentation (here).
export interface Client extends SyncOperations {
  /**
   * The landing page: links to the API definition, conformance, processes and jobs.
   *
   * @param options - per-call options: `timeout`, `retry`, `headers`
   * @returns the landing page document
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   *
   * @example
   * ```ts
   * const { title, links } = client.getCapabilities();
   * ```
   */
  getCapabilities(
    options?: SyncCallOptions<AsyncCallOptionsOf<'getCapabilities'>>,
  ): OperationResult<'getCapabilities'>;
  /**
   * The conformance classes the server implements.
   *
   * @param options - per-call options: `timeout`, `retry`, `headers`
   * @returns the conformance declaration
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   *
   * @example
   * ```ts
   * const { conformsTo } = client.getConformance();
   * ```
   */
  getConformance(
    options?: SyncCallOptions<AsyncCallOptionsOf<'getConformance'>>,
  ): OperationResult<'getConformance'>;
  /**
   * Summaries of the available processes.
   *
   * @param options - per-call options: `timeout`, `retry`, `headers`
   * @returns the process list
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   *
   * @example
   * ```ts
   * const { processes } = client.getProcesses();
   * ```
   */
  getProcesses(
    options?: SyncCallOptions<AsyncCallOptionsOf<'getProcesses'>>,
  ): OperationResult<'getProcesses'>;
  /**
   * The description of one process: its inputs and outputs.
   *
   * @param processId - the process identifier
   * @param options - per-call options: `timeout`, `retry`, `headers`
   * @returns the process description; a 404 `ClientError` for an unknown process
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   *
   * @example
   * ```ts
   * const { inputs, outputs } = client.getProcess('primes_between');
   * ```
   */
  getProcess(
    processId: string,
    options?: SyncCallOptions<AsyncCallOptionsOf<'getProcess'>>,
  ): OperationResult<'getProcess'>;
  /**
   * Creates a job (asynchronous execution); never retried unless asked.
   *
   * @param processId - the process identifier
   * @param request - the execution request: `inputs`, `outputs`, `response`, `subscriber`
   * @param options - per-call options: `timeout`, `retry`, `headers`
   * @returns the status of the created job (usually `accepted`)
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   * @throws {@link ClientError} when the server rejects the request (400 with every problem
   *   listed, 404 for an unknown process)
   *
   * @example
   * ```ts
   * const job = client.executeProcess('primes_between', {
   *   inputs: { min_val: 1, max_val: 100 },
   * });
   * ```
   */
  executeProcess(
    processId: string,
    request: ProcessRequestInput,
    options?: SyncCallOptions<AsyncCallOptionsOf<'executeProcess'>>,
  ): OperationResult<'executeProcess'>;
  /**
   * The list of jobs; filter with `searchParams: { limit, status, processID }`.
   *
   * @param options - per-call options: `timeout`, `retry`, `headers`, and the query in `searchParams`
   * @returns the job list
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   *
   * @example
   * ```ts
   * const { jobs } = client.getJobs({ searchParams: { status: 'running' } });
   * ```
   */
  getJobs(options?: SyncCallOptions<AsyncCallOptionsOf<'getJobs'>>): OperationResult<'getJobs'>;
  /**
   * The status of a job.
   *
   * @param jobId - the job identifier
   * @param options - per-call options: `timeout`, `retry`, `headers`
   * @returns the job's status; a 404 `ClientError` for an unknown job
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   *
   * @example
   * ```ts
   * const { status, progress } = client.getJob(job.jobID);
   * ```
   */
  getJob(
    jobId: string,
    options?: SyncCallOptions<AsyncCallOptionsOf<'getJob'>>,
  ): OperationResult<'getJob'>;
  /**
   * Cancels a job, or removes a finished one.
   *
   * @param jobId - the job identifier
   * @param options - per-call options: `timeout`, `retry`, `headers`
   * @returns the job's status after dismissal (`dismissed`)
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   *
   * @example
   * ```ts
   * client.dismissJob(job.jobID);
   * ```
   */
  dismissJob(
    jobId: string,
    options?: SyncCallOptions<AsyncCallOptionsOf<'dismissJob'>>,
  ): OperationResult<'dismissJob'>;
  /**
   * The results of a finished job.
   *
   * @param jobId - the job identifier
   * @param options - per-call options: `timeout`, `retry`, `headers`
   * @returns the job's results by output name
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   * @throws {@link ClientError} when the job has not finished successfully (the server's 404)
   *
   * @example
   * ```ts
   * const results = client.getJobResults(job.jobID);
   * ```
   */
  getJobResults(
    jobId: string,
    options?: SyncCallOptions<AsyncCallOptionsOf<'getJobResults'>>,
  ): OperationResult<'getJobResults'>;
}

/**
 * The blocking client of the S2GOS service: the same options and methods as `AsyncClient`, but
 * every method returns its value (or throws) before it returns — no promise, no callback. The
 * requests run in an `AsyncClient` in a worker thread that all `Client`s of the thread share.
 *
 * Never call it from the thread that runs the server it talks to: that thread is blocked during
 * the call and cannot answer, so the call ends with a timeout error naming this cause.
 *
 * @example
 * ```ts
 * const client = new Client({ serverUrl: 'http://127.0.0.1:8008' });
 * const { processes } = client.getProcesses();
 * client.close();
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above types the generated methods
export class Client {
  readonly #id = nextClientId++;
  readonly #config: Readonly<ResolvedConfig>;
  readonly #timeout: number;
  readonly #onTokens: ClientOptions['onTokens'];
  readonly #baseUrl: URL;
  #closed = false;

  /**
   * @param options - as for `AsyncClient`, without `fetch` and functions (rejected with a
   *   `ClientError` naming the option); `timeout` at most 600 000 ms
   * @throws `ConfigError` for a broken configuration file, `ClientError` for invalid options
   */
  constructor(options: ClientOptions = {}) {
    // First, so that the worker boots while this thread checks options and resolves the config.
    startWorker('new Client');
    const checked = checkClientOptions(options);
    // Resolved on this thread, as `AsyncClient` does: this thread's environment, the config file
    // read once; the worker's client gets the result.
    const { config, timeout, baseUrl } = normaliseClientOptions(checked, resolveConfig);
    this.#config = config;
    this.#baseUrl = baseUrl;
    this.#timeout = timeout;
    this.#onTokens = options.onTokens;
    const { retry, headers, validate, maxResponseSize, tokens } = checked;
    const worker = omitUndefined({
      timeout,
      retry,
      headers,
      validate,
      maxResponseSize,
      tokens,
      config,
    });
    callWorker(
      { type: 'create', clientId: this.#id, options: worker },
      'new Client',
      this.#onTokens,
    );
    unclosed.register(this, this.#id, this);
  }

  /** The resolved configuration (server URL, user name, access token). */
  get config(): ResolvedConfig {
    return { ...this.#config };
  }

  /** Whether {@link Client.close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Performs any operation of the table by name and blocks until it is done:
   * `perform('getJob', [jobId], options)`. The operation methods are shortcuts for it. The whole
   * call, retries included, is bounded by its timeout plus `CALL_MARGIN` (1 s).
   *
   * @param operation - name of the operation, e.g. `getJob`
   * @param args - its path parameters and body, in order
   * @param options - per-call options: `timeout`, `retry`, `headers`
   * @returns the operation's document
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   * @throws {@link ClientError} with type `ErrorType.invalidArgument` for an unknown operation,
   *   bad arguments or options that cannot cross to the worker thread, before any request is sent
   *
   * @example
   * ```ts
   * const job = client.perform('getJob', ['job-1']);
   * ```
   */
  perform<N extends OperationName>(
    operation: N,
    args: OperationArgs<N>,
    options?: SyncCallOptions<AsyncCallOptionsOf<N>>,
  ): OperationResult<N> {
    if (this.#closed) throw closedError(operation, 'Client');
    const call = normaliseCallOptions(operation, options);
    let argsJson: string;
    try {
      checkArguments(operation, args);
      // JSON text crosses the boundary: structured clone would fail, or poison the channel, on a
      // value JSON cannot hold or one nested deeper than the stack.
      argsJson = JSON.stringify(args);
    } catch (error) {
      if (error instanceof ClientError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw invalidArgument(operation, `the arguments can't be sent as JSON: ${reason}`);
    }
    // Whole milliseconds: the worker's abort timer refuses fractions (`seconds * 1000` has them).
    const bound = Math.ceil((call.timeout ?? this.#timeout) + CALL_MARGIN);
    const json = callWorker(
      { type: 'call', clientId: this.#id, operation, argsJson, options: call, bound },
      operation,
      this.#onTokens,
    ) as string;
    return JSON.parse(json) as OperationResult<N>;
  }

  /**
   * Every process of the server, page by page (blocking): each page is read through the worker
   * when the loop needs it, following `rel="next"` links within the server's origin.
   *
   * @param options - per-call options of each page; `searchParams.limit` is the page size asked for
   * @throws {@link ClientError} when a page cannot be read, or a `next` link leaves the server's
   *   origin or loops back
   * @example
   * ```ts
   * for (const process of client.iterateProcesses()) console.log(process.id);
   * ```
   */
  *iterateProcesses(options: SyncCallOptions = {}): Generator<ProcessSummary, void, undefined> {
    const pager = createPager(new URL('processes', this.#baseUrl));
    let searchParams: SyncCallOptions['searchParams'] = options.searchParams ?? {};
    while (searchParams) {
      const { processes, links } = this.getProcesses({ ...options, searchParams });
      yield* processes;
      searchParams = pager.next({ items: processes, links });
    }
  }

  /**
   * Every job matching `query`, page by page (blocking), following `rel="next"` links within the
   * server's origin.
   *
   * @param query - `limit` (the page size asked for), `status`, `processID`
   * @param options - per-call options of each page
   * @throws {@link ClientError} when a page cannot be read, or a `next` link leaves the server's
   *   origin or loops back
   * @example
   * ```ts
   * for (const job of client.iterateJobs({ status: 'running' })) console.log(job.jobID);
   * ```
   */
  *iterateJobs(
    query: JobListQuery = {},
    options: Omit<SyncCallOptions, 'searchParams'> = {},
  ): Generator<JobInfo, void, undefined> {
    const pager = createPager(new URL('jobs', this.#baseUrl));
    let searchParams: JobListQuery | undefined = query;
    while (searchParams) {
      const { jobs, links } = this.getJobs({ ...options, searchParams });
      yield* jobs;
      searchParams = pager.next({ items: jobs, links }) as JobListQuery | undefined;
    }
  }

  /**
   * Polls the job with backoff until it ends, blocking meanwhile; `onProgress` is called on this
   * thread with every status polled. Returns the final JobInfo when successful; throws a
   * `ClientError` carrying the job's message and traceback when it failed or was dismissed, or
   * after `timeout`.
   *
   * @param jobId - the job identifier
   * @param options - `timeout`, `onProgress` and the polling backoff
   * @returns the final status of the successful job
   * @throws {@link ClientError} with type `ErrorType.jobFailed`, `ErrorType.jobDismissed` or
   *   `ErrorType.jobTimeout` (the job's last status in `job`), or as for `getJob`
   * @throws {@link TransportError} when the server cannot be reached
   *
   * @example
   * ```ts
   * const done = client.waitForJob(job.jobID, {
   *   onProgress: (status) => console.log(status.status, status.progress),
   * });
   * ```
   */
  waitForJob(jobId: string, options?: SyncWaitForJobOptions): JobInfo {
    return waitForJob(this, jobId, options);
  }

  /**
   * Executes a process, waits for its job and reads the results.
   *
   * @param processId - the process identifier
   * @param request - the execution request
   * @param options - as for {@link Client.waitForJob | waitForJob}
   * @returns `{ job, results }`: the final status and the results
   * @throws {@link ClientError} when the server answers with an error (its problem details in
   *   `apiError`), the answer is not the expected document, or the client is closed
   * @throws {@link TransportError} when the server cannot be reached or the call times out
   * @throws {@link ClientError} as for `executeProcess`, {@link Client.waitForJob | waitForJob}
   *   and `getJobResults`
   *
   * @example
   * ```ts
   * const { job, results } = client.executeAndWait('primes_between', {
   *   inputs: { min_val: 1, max_val: 50 },
   * });
   * ```
   */
  executeAndWait(
    processId: string,
    request: ProcessRequestInput,
    options?: SyncExecuteAndWaitOptions,
  ): JobRun {
    return executeAndWait(this, processId, request, options);
  }

  /**
   * Writes the results of a finished job into `options.dir`, blocking until done; as
   * `AsyncClient.downloadResults` (links streamed to files, inline values as JSON, resumed with
   * `Range`), without `onProgress` and `signal` (this thread is blocked meanwhile). The whole
   * download is bounded by `timeout` (default and at most 600 000 ms); a download cut off there
   * resumes on the next call.
   *
   * @param jobId - the job whose results to write
   * @param options - `dir` (created when missing), `outputs` (default: all), `overwrite` (replace
   *   files already there; default `false`), `timeout` in ms
   * @returns what was written, one entry per output
   * @throws {@link ClientError} when the job has no results, files are in the way (unless
   *   `overwrite`; nothing is written then), a download fails or times out, or the client is
   *   closed
   *
   * @example
   * ```ts
   * const files = client.downloadResults(jobId, { dir: 'results' });
   * ```
   */
  downloadResults(
    jobId: string,
    options: {
      dir: string;
      outputs?: readonly string[] | undefined;
      overwrite?: boolean | undefined;
      timeout?: number | undefined;
    },
  ): DownloadedFile[] {
    if (this.#closed) throw closedError('downloadResults', 'Client');
    for (const name of ['onProgress', 'signal'] as const) {
      if ((options as Record<string, unknown>)[name] !== undefined) {
        throw invalidArgument(
          'downloadResults',
          `${name} is not supported by the sync Client: the calling thread is blocked while it downloads`,
        );
      }
    }
    // Longer timeouts are cut to the maximum, as documented; whole milliseconds as in `perform`.
    const timeout = checkTimeout('downloadResults', options.timeout, Number.POSITIVE_INFINITY);
    const bound = Math.ceil(Math.min(timeout ?? MAX_TIMEOUT, MAX_TIMEOUT));
    const { dir, outputs, overwrite } = options;
    // The download signs in or refreshes like any call: its tokens go to `onTokens` as well.
    return callWorker(
      { type: 'download', clientId: this.#id, jobId, dir, outputs, overwrite, bound },
      'downloadResults',
      this.#onTokens,
    ) as DownloadedFile[];
  }

  /**
   * Releases this client's state in the worker; later calls throw a `ClientError`. Closing twice
   * is harmless.
   *
   * @throws {@link ClientError} only when the worker thread itself has failed
   *
   * @example
   * ```ts
   * client.close();
   * ```
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    unclosed.unregister(this);
    callWorker({ type: 'close', clientId: this.#id }, 'close');
  }

  /**
   * A redacted view for logs and JSON: the access token is masked.
   *
   * @throws nothing
   */
  toJSON(): ReturnType<AsyncClient['toJSON']> {
    return { ...redactedConfig(this.#config), closed: this.#closed };
  }

  /**
   * `Client(<server URL>)`.
   *
   * @throws nothing
   */
  toString(): string {
    return `Client(${this.#config.serverUrl})`;
  }

  /** Node's `util.inspect`: the redacted view. */
  [inspectSymbol](): string {
    return `Client ${JSON.stringify(this.toJSON())}`;
  }
}

for (const operation of operationNames) {
  const count = arity(operation);
  // A named function, for stack traces.
  const method = {
    [operation](this: Client, ...args: unknown[]) {
      return this.perform(operation, args.slice(0, count) as never, args[count] as never);
    },
  }[operation];
  Object.defineProperty(Client.prototype, operation, {
    value: method,
    writable: true,
    configurable: true,
  });
}
