import type {
  AsyncClient,
  DownloadedFile,
  JobInfo,
  JobListQuery,
  JobRun,
  OperationArgs,
  OperationName,
  OperationResult,
  ProcessRequest,
  ProcessSummary,
  ResolvedConfig,
} from '@s2gos/async';
import {
  arity,
  closedError,
  createPager,
  invalidArgument,
  normaliseClientOptions,
  omitUndefined,
  operationNames,
  redactedConfig,
} from '@s2gos/async/internal';
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
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

// The operation methods are installed on the prototype from the operation table (below); this
// declaration gives them their types.
export interface Client extends SyncOperations {}

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
    const { retry, headers, validate } = checked;
    const worker = omitUndefined({ timeout, retry, headers, validate, config });
    callWorker({ type: 'create', clientId: this.#id, options: worker }, 'new Client');
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
   */
  perform<N extends OperationName>(
    operation: N,
    args: OperationArgs<N>,
    options?: SyncCallOptions<AsyncCallOptionsOf<N>>,
  ): OperationResult<N> {
    if (this.#closed) throw closedError(operation, 'Client');
    const call = normaliseCallOptions(operation, options);
    checkArguments(operation, args);
    const bound = (call.timeout ?? this.#timeout) + CALL_MARGIN;
    return callWorker(
      { type: 'call', clientId: this.#id, operation, args, options: call, bound },
      operation,
    ) as OperationResult<N>;
  }

  /**
   * Every process of the server, page by page (blocking): each page is read through the worker
   * when the loop needs it, following `rel="next"` links within the server's origin.
   *
   * @param options - per-call options of each page; `searchParams.limit` is the page size asked for
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
   */
  waitForJob(jobId: string, options?: SyncWaitForJobOptions): JobInfo {
    return waitForJob(this, jobId, options);
  }

  /** Executes a process, waits for its job and reads the results. */
  executeAndWait(
    processId: string,
    request: ProcessRequest,
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
   * @example
   * ```ts
   * const files = client.downloadResults(jobId, { dir: 'results' });
   * ```
   */
  downloadResults(
    jobId: string,
    options: { dir: string; outputs?: readonly string[] | undefined; timeout?: number | undefined },
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
    const bound = Math.min(options.timeout ?? MAX_TIMEOUT, MAX_TIMEOUT);
    const { dir, outputs } = options;
    return callWorker(
      { type: 'download', clientId: this.#id, jobId, dir, outputs, bound },
      'downloadResults',
    ) as DownloadedFile[];
  }

  /** Releases this client's state in the worker; later calls throw a `ClientError`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    callWorker({ type: 'close', clientId: this.#id }, 'close');
  }

  /** A redacted view for logs and JSON: the access token is masked. */
  toJSON(): ReturnType<AsyncClient['toJSON']> {
    return { ...redactedConfig(this.#config), closed: this.#closed };
  }

  /** `Client(<server URL>)`. */
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
