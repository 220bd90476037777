import {
  AsyncClient,
  closedError,
  type JobInfo,
  type JobRun,
  type OperationArgs,
  type OperationName,
  type OperationResult,
  operationNames,
  operations,
  type ProcessRequest,
  type ResolvedConfig,
} from '@s2gos/async';
import { callWorker, startWorker } from './channel.js';
import {
  executeAndWait,
  type SyncExecuteAndWaitOptions,
  type SyncWaitForJobOptions,
  waitForJob,
} from './jobs.js';
import { callBound } from './limits.js';
import {
  type ClientOptions,
  checkArguments,
  normaliseCallOptions,
  normaliseClientOptions,
  type SyncCallOptions,
} from './options.js';

/** The per-call options `AsyncClient` takes for operation `N` (`getJobs` has a typed query). */
type AsyncCallOptionsOf<N extends OperationName> = NonNullable<
  Parameters<AsyncClient[N]>[OperationArgs<N>['length']]
>;

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
  /**
   * Resolves the configuration and checks the options exactly as `AsyncClient` does — on this
   * thread, so it reads this thread's current environment and the config file once. It never
   * sends a request; the worker's client gets the resolved configuration.
   */
  readonly #twin: AsyncClient;
  readonly #timeout: number;
  #closed = false;

  /**
   * @param options - as for `AsyncClient`, without `fetch` and functions (rejected with a
   *   `ClientError` naming the option); `timeout` at most 600 000 ms
   * @throws `ConfigError` for a broken configuration file, `ClientError` for invalid options
   */
  constructor(options: ClientOptions = {}) {
    // First, so that the worker boots while this thread checks options and resolves the config.
    startWorker('new Client');
    const { twin, worker, timeout } = normaliseClientOptions(options);
    this.#twin = new AsyncClient(twin);
    this.#timeout = timeout;
    callWorker(
      { type: 'create', clientId: this.#id, options: { ...worker, config: this.#twin.config } },
      'new Client',
    );
  }

  /** The resolved configuration (server URL, user name, access token). */
  get config(): ResolvedConfig {
    return this.#twin.config;
  }

  /** Whether {@link Client.close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Performs any operation of the table by name and blocks until it is done:
   * `perform('getJob', [jobId], options)`. The operation methods are shortcuts for it.
   */
  perform<N extends OperationName>(
    operation: N,
    args: OperationArgs<N>,
    options?: SyncCallOptions<AsyncCallOptionsOf<N>>,
  ): OperationResult<N> {
    if (this.#closed) throw closedError(operation, 'Client');
    const call = normaliseCallOptions(operation, options);
    checkArguments(operation, args);
    const bound = callBound(call.timeout ?? this.#timeout);
    return callWorker(
      { type: 'call', clientId: this.#id, operation, args, options: call, bound },
      operation,
    ) as OperationResult<N>;
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

  /** Releases this client's state in the worker; later calls throw a `ClientError`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    callWorker({ type: 'close', clientId: this.#id }, 'close');
  }

  /** A redacted view for logs and JSON: the access token is masked. */
  toJSON(): ReturnType<AsyncClient['toJSON']> {
    return { ...this.#twin.toJSON(), closed: this.#closed };
  }

  /** `Client(<server URL>)`. */
  toString(): string {
    return `Client(${this.#twin.config.serverUrl})`;
  }

  /** Node's `util.inspect`: the redacted view. */
  [inspectSymbol](): string {
    return `Client ${JSON.stringify(this.toJSON())}`;
  }
}

for (const operation of operationNames) {
  const { pathParams, body } = operations[operation];
  const arity = pathParams.length + (body ? 1 : 0);
  // A named function, for stack traces.
  const method = {
    [operation](this: Client, ...args: unknown[]) {
      return this.perform(operation, args.slice(0, arity) as never, args[arity] as never);
    },
  }[operation];
  Object.defineProperty(Client.prototype, operation, {
    value: method,
    writable: true,
    configurable: true,
  });
}
