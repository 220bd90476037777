import { randomUUID } from 'node:crypto';
import type { JobStatus } from '@s2gos/models';
import { formatIssues, messageOf, serviceUnavailable, tooManyJobs, tracebackOf } from './errors.js';
import type { ProcessPool } from './process-pool.js';
import type { RegisteredProcess } from './processes/registry.js';
import type { TaskOutcome } from './worker-protocol.js';

/** A file a process saved with `context.saveFile`. */
export interface StoredFile {
  readonly mediaType: string;
  readonly data: Uint8Array<ArrayBuffer>;
}

/** A job as the store knows it; read-only outside the store. */
export interface Job {
  readonly id: string;
  readonly processId: string;
  readonly status: JobStatus;
  /** Percent done, an integer from 0 to 100. */
  readonly progress: number;
  readonly message?: string;
  readonly created: Date;
  readonly started?: Date;
  readonly finished?: Date;
  readonly updated: Date;
  /**
   * The results document of a successful job as JSON text, limited to the outputs the request
   * asked for: serialised once, when the job finished.
   */
  readonly resultsJson?: string;
  /** The files the process saved, by name. */
  readonly files: ReadonlyMap<string, StoredFile>;
  /** Why a failed job failed; `traceback` is sent only in debug mode. */
  readonly error?: { readonly message: string; readonly traceback: readonly string[] };
}

/** Which jobs `list` returns; an absent member does not filter. */
export interface JobFilter {
  readonly statuses?: ReadonlySet<string>;
  readonly processIds?: ReadonlySet<string>;
}

/** The bounds of a job store. */
export interface JobStoreOptions {
  /** Processes running at once (the pool's threads); more jobs wait as `accepted`. */
  readonly workers: number;
  /** Most jobs waiting to run; past it new jobs get 503. */
  readonly maxQueued: number;
  /** Most jobs kept in any state. */
  readonly maxJobs: number;
  /** Most bytes kept for inputs of unfinished jobs, results and files, all jobs together. */
  readonly maxStoredBytes: number;
  /** How long a finished job is kept (ms), unless its results were read and room is needed. */
  readonly retention: number;
  /** Most unfinished jobs per client address; `undefined` for no limit. */
  readonly maxJobsPerClient: number | undefined;
}

/** Where a new job comes from and where its files will be served. */
export interface JobOrigin {
  /** The client's address, for the per-client limit. */
  readonly client: string;
  /** The absolute URL its saved files are served under, ending in `/`. */
  readonly filesUrl: (jobId: string) => string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface JobRecord extends Mutable<Omit<Job, 'files'>> {
  readonly files: Map<string, StoredFile>;
  readonly process: RegisteredProcess;
  readonly outputIds: readonly string[] | undefined;
  readonly client: string;
  readonly filesUrl: string;
  readonly controller: AbortController;
  /** Resolves once the job is successful, failed or dismissed. */
  readonly done: Promise<void>;
  readonly markDone: () => void;
  /** The validated inputs as JSON text, until the process has them. */
  inputsJson: string | undefined;
  /** Bytes this job counts towards `maxStoredBytes`. */
  bytes: number;
  /** Whether its results (or its failure) were answered to a results request. */
  resultsRead: boolean;
  expiresAt: number;
  /** Why the job must fail when its process ends (e.g. a saved file did not fit). */
  pendingFailure: string | undefined;
}

const ACTIVE: ReadonlySet<JobStatus> = new Set(['accepted', 'running']);
/** How many IDs of expired jobs are remembered, so that they answer "expired" and not "no such job". */
const REMEMBERED_EXPIRED = 50_000;
/** How much of an error message is kept when the whole does not fit in `maxStoredBytes`. */
const CUT_MESSAGE_LENGTH = 1000;
/** The assumed run time of a process while none has finished yet, for `Retry-After`. */
const UNKNOWN_RUN_MS = 60_000;

/** Whether a job may still change: `accepted` or `running`. */
export function isActive(job: Job): boolean {
  return ACTIVE.has(job.status);
}

/**
 * The jobs of one app and their lifecycle: admission, a bounded queue, runs in the process
 * pool, retention and bounds.
 *
 * - Jobs beyond the pool's `workers` wait as `accepted` in a FIFO queue of at most `maxQueued`;
 *   a full queue answers 503 with a `Retry-After` estimated from recent run times.
 * - Inputs are kept as JSON text until the process has them, results as the JSON text of the
 *   results document: memory follows the bytes stored, which `maxStoredBytes` bounds together
 *   with the count bound `maxJobs`.
 * - A finished job is kept for `retention`. Only a job whose results were read may be removed
 *   earlier, to make room; a job that expired answers "expired", not "no such job".
 * - Dismissing a job removes it at once and aborts its run (see {@link ProcessPool}).
 */
export class JobStore {
  readonly #jobs = new Map<string, JobRecord>();
  /** Accepted jobs not yet handed to the pool, oldest first. */
  readonly #queue = new Set<JobRecord>();
  /** Finished jobs in the order they finished, which is the order they expire in. */
  readonly #finished = new Set<JobRecord>();
  readonly #expired = new Map<string, string>();
  readonly #activePerClient = new Map<string, number>();
  readonly #runs = new Set<Promise<void>>();
  readonly #options: JobStoreOptions;
  readonly #pool: ProcessPool;
  readonly #sweeper: NodeJS.Timeout;
  #running = 0;
  #bytes = 0;
  #meanRunMs: number | undefined;
  #closed = false;

  constructor(options: JobStoreOptions, pool: ProcessPool) {
    this.#options = options;
    this.#pool = pool;
    this.#sweeper = setInterval(() => this.#sweep(), Math.min(options.retention, 60_000));
    this.#sweeper.unref();
  }

  /**
   * Admits a job: it is `accepted`, and runs as soon as a worker is free.
   *
   * @param inputsJson - the validated inputs as JSON text
   * @param outputIds - the outputs to keep in the results; all when absent
   * @throws HttpProblem 503 when the queue or the store is full or the server is closing, 429
   *   when the client already has `maxJobsPerClient` unfinished jobs
   */
  start(
    process: RegisteredProcess,
    inputsJson: string,
    outputIds: readonly string[] | undefined,
    origin: JobOrigin,
  ): Job {
    if (this.#closed) throw serviceUnavailable('The server is shutting down.', 1);
    this.#sweep();
    const { maxJobsPerClient, maxQueued, workers } = this.#options;
    const clientJobs = this.#activePerClient.get(origin.client) ?? 0;
    if (maxJobsPerClient !== undefined && clientJobs >= maxJobsPerClient) {
      throw tooManyJobs(
        `You already have ${clientJobs} unfinished jobs, the most this server runs or queues for one client (maxJobsPerClient); wait for one to finish or dismiss one.`,
        this.#secondsUntilSlot(),
      );
    }
    if (this.#running >= workers && this.#queue.size >= maxQueued) {
      throw serviceUnavailable(
        `All ${workers} workers are busy and ${this.#queue.size} jobs are queued, the most this server queues (maxQueued); try again later.`,
        this.#secondsUntilSlot(),
      );
    }
    const bytes = Buffer.byteLength(inputsJson);
    this.#makeRoom(1, bytes);

    const now = new Date();
    let markDone!: () => void;
    const done = new Promise<void>((resolve) => {
      markDone = resolve;
    });
    const id = randomUUID();
    const record: JobRecord = {
      id,
      processId: process.id,
      status: 'accepted',
      progress: 0,
      created: now,
      updated: now,
      files: new Map(),
      process,
      outputIds,
      client: origin.client,
      filesUrl: origin.filesUrl(id),
      controller: new AbortController(),
      done,
      markDone,
      inputsJson,
      bytes,
      resultsRead: false,
      expiresAt: Number.POSITIVE_INFINITY,
      pendingFailure: undefined,
    };
    this.#jobs.set(id, record);
    this.#bytes += bytes;
    this.#activePerClient.set(origin.client, clientJobs + 1);
    this.#queue.add(record);
    this.#pump();
    return record;
  }

  /** The job with this ID, if the store holds it and it has not expired. */
  get(id: string): Job | undefined {
    const record = this.#jobs.get(id);
    if (record !== undefined && record.expiresAt <= Date.now()) {
      this.#sweep();
      return undefined;
    }
    return record;
  }

  /** Why a job the store no longer holds is gone, if it expired; `undefined` if unknown. */
  expiredReason(id: string): string | undefined {
    return this.#expired.get(id);
  }

  /** Marks the results of a finished job as read: from now on it may be removed to make room. */
  markResultsRead(job: Job): void {
    (job as JobRecord).resultsRead = true;
  }

  /** The jobs matching the filter, newest first. */
  list(filter: JobFilter = {}): Job[] {
    this.#sweep();
    const { statuses, processIds } = filter;
    return [...this.#jobs.values()]
      .filter(
        (job) =>
          (statuses === undefined || statuses.has(job.status)) &&
          (processIds === undefined || processIds.has(job.processId)),
      )
      .reverse();
  }

  /** Resolves with the job once it is successful, failed or dismissed. */
  async whenDone(job: Job): Promise<Job> {
    await (job as JobRecord).done;
    return job;
  }

  /** How many bytes the store holds for inputs, results and files. */
  get storedBytes(): number {
    return this.#bytes;
  }

  /**
   * Dismisses a job: aborts its process if it is still active, marks it `dismissed` and removes
   * it from the store.
   *
   * @returns the dismissed job, or `undefined` when the store does not hold the ID
   */
  dismiss(id: string, reason = 'Dismissed by request.'): Job | undefined {
    const record = this.#jobs.get(id);
    if (record === undefined) return undefined;
    this.#remove(record);
    if (isActive(record)) {
      this.#leaveActive(record);
      record.controller.abort(new DOMException(reason, 'AbortError'));
    }
    record.status = 'dismissed';
    record.message = reason;
    record.updated = new Date();
    record.markDone();
    return record;
  }

  /**
   * Refuses new jobs, dismisses every job, waits until the processes have returned or their
   * workers were terminated (at most `timeoutMs`), then stops the pool.
   */
  async close(timeoutMs: number): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweeper);
    for (const id of [...this.#jobs.keys()]) this.dismiss(id, 'The server is shutting down.');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.#runs]), timeout]);
    clearTimeout(timer);
    await this.#pool.destroy();
  }

  #pump(): void {
    for (const record of this.#queue) {
      if (this.#running >= this.#options.workers) return;
      this.#queue.delete(record);
      this.#launch(record);
    }
  }

  #launch(record: JobRecord): void {
    this.#running++;
    const { signal } = record.controller;
    const startedAt = performance.now();
    const request = {
      module: record.process.definition.module,
      processId: record.processId,
      jobId: record.id,
      inputsJson: record.inputsJson ?? '{}',
      filesUrl: record.filesUrl,
    };
    const run = this.#pool
      .run(
        request,
        {
          onStarted: () => {
            if (signal.aborted) return;
            const started = new Date();
            Object.assign(record, { status: 'running', started, updated: started });
          },
          onProgress: (progress, message) => {
            if (record.status !== 'running') return;
            if (progress !== undefined) record.progress = Math.round(progress);
            if (message !== undefined) record.message = message;
            record.updated = new Date();
          },
          onFile: (name, mediaType, data) => this.#keepFile(record, name, mediaType, data),
        },
        signal,
      )
      .then((outcome) => {
        if (signal.aborted) return;
        this.#recordRunTime(performance.now() - startedAt);
        this.#finishRun(record, outcome);
      })
      .finally(() => {
        this.#runs.delete(run);
        this.#running--;
        this.#pump();
      });
    this.#runs.add(run);
  }

  #keepFile(
    record: JobRecord,
    name: string,
    mediaType: string,
    data: Uint8Array<ArrayBuffer>,
  ): void {
    if (record.status !== 'running' || record.pendingFailure !== undefined) return;
    if (!this.#makeRoomFor(data.byteLength)) {
      record.pendingFailure = this.#tooBig(`The file '${name}'`, data.byteLength);
      return;
    }
    record.files.set(name, { mediaType, data });
    this.#count(record, data.byteLength);
  }

  #finishRun(record: JobRecord, outcome: TaskOutcome): void {
    this.#count(record, -Buffer.byteLength(record.inputsJson ?? ''));
    record.inputsJson = undefined;
    this.#finish(record, this.#resultsOf(record, outcome));
  }

  /** The results document as JSON text, or why the job failed. */
  #resultsOf(
    record: JobRecord,
    outcome: TaskOutcome,
  ): { resultsJson: string } | { message: string; traceback: readonly string[] } {
    if (!outcome.ok) return outcome;
    if (record.pendingFailure !== undefined)
      return { message: record.pendingFailure, traceback: [] };
    let resultsJson: string;
    try {
      const outputs: unknown = JSON.parse(outcome.outputsJson);
      const issues = record.process.validateOutputs(outputs);
      if (issues.length > 0) {
        const message = `Process '${record.processId}' returned invalid outputs: ${formatIssues(issues)}`;
        return { message, traceback: [] };
      }
      resultsJson =
        record.outputIds === undefined
          ? outcome.outputsJson
          : JSON.stringify(pick(outputs as Record<string, unknown>, record.outputIds));
    } catch (error) {
      // This runs on the thread that answers every request, whose stack is smaller than a
      // worker's: outputs nested deeply enough that their worker could still serialise them can
      // exhaust it here (re-serialising the selected outputs, or a recursive output schema).
      // Thrown from here, the error would be an unhandled rejection that ends the server.
      const message = `Process '${record.processId}' returned outputs the server cannot handle: ${messageOf(error)}`;
      return { message, traceback: tracebackOf(error) };
    }
    const bytes = Buffer.byteLength(resultsJson);
    if (!this.#makeRoomFor(bytes)) {
      return { message: this.#tooBig('The results', bytes), traceback: [] };
    }
    this.#count(record, bytes);
    return { resultsJson };
  }

  #finish(
    record: JobRecord,
    outcome: { resultsJson: string } | { message: string; traceback: readonly string[] },
  ): void {
    const now = new Date();
    record.finished = now;
    record.updated = now;
    record.expiresAt = now.getTime() + this.#options.retention;
    if ('resultsJson' in outcome) {
      record.status = 'successful';
      record.progress = 100;
      record.message = 'Done.';
      record.resultsJson = outcome.resultsJson;
    } else {
      // A failed job keeps no files.
      this.#count(record, -sumBytes(record.files));
      record.files.clear();
      const error = this.#keepError(record, outcome);
      record.status = 'failed';
      record.message = error.message;
      record.error = error;
    }
    this.#leaveActive(record);
    this.#finished.add(record);
    record.markDone();
  }

  /**
   * The error a failed job keeps, counted towards `maxStoredBytes` like results: a process may
   * fail with a message of any size (quoting a large input, say), and failed jobs that nobody
   * reads are kept for `retention`, so uncounted they could hold memory far beyond the bound.
   * An error that does not fit is cut short.
   */
  #keepError(
    record: JobRecord,
    error: { readonly message: string; readonly traceback: readonly string[] },
  ): { readonly message: string; readonly traceback: readonly string[] } {
    const bytes = errorBytes(error);
    if (this.#makeRoomFor(bytes)) {
      this.#count(record, bytes);
      return error;
    }
    const kept = {
      message: `${error.message.slice(0, CUT_MESSAGE_LENGTH)}… (cut: ${this.#tooBig('the error', bytes)})`,
      traceback: [],
    };
    // Small: counted even if it passes the bound, as the failure must be kept.
    this.#count(record, errorBytes(kept));
    return kept;
  }

  #tooBig(what: string, bytes: number): string {
    return `${what} of this job (${bytes} bytes) do not fit in the server's storage for inputs, results and files (maxStoredBytes ${this.#options.maxStoredBytes} bytes, ${this.#bytes} in use by unread or unexpired jobs).`;
  }

  #count(record: JobRecord, bytes: number): void {
    record.bytes += bytes;
    this.#bytes += bytes;
  }

  #leaveActive(record: JobRecord): void {
    const left = (this.#activePerClient.get(record.client) ?? 1) - 1;
    if (left > 0) this.#activePerClient.set(record.client, left);
    else this.#activePerClient.delete(record.client);
  }

  #remove(record: JobRecord): void {
    this.#jobs.delete(record.id);
    this.#queue.delete(record);
    this.#finished.delete(record);
    this.#bytes -= record.bytes;
    record.bytes = 0;
  }

  #forget(record: JobRecord, reason: string): void {
    this.#remove(record);
    this.#expired.set(record.id, reason);
    if (this.#expired.size > REMEMBERED_EXPIRED) {
      const oldest = this.#expired.keys().next();
      if (!oldest.done) this.#expired.delete(oldest.value);
    }
  }

  /** Removes the jobs whose retention has passed (they finished first, so they come first). */
  #sweep(): void {
    const now = Date.now();
    for (const record of this.#finished) {
      if (record.expiresAt > now) return;
      this.#forget(
        record,
        `it finished at ${record.finished?.toISOString()} and is kept ${this.#options.retention / 1000} s (retention)`,
      );
    }
  }

  /** Whether `bytes` more fit, after removing finished jobs whose results were read if needed. */
  #makeRoomFor(bytes: number, jobs = 0): boolean {
    const { maxJobs, maxStoredBytes } = this.#options;
    const fits = () => this.#jobs.size + jobs <= maxJobs && this.#bytes + bytes <= maxStoredBytes;
    if (fits()) return true;
    for (const record of this.#finished) {
      if (!record.resultsRead) continue;
      this.#forget(record, 'its results were read and the server needed room for new jobs');
      if (fits()) return true;
    }
    return fits();
  }

  /** @throws HttpProblem 503 when a new job with these input bytes does not fit */
  #makeRoom(jobs: number, bytes: number): void {
    if (this.#makeRoomFor(bytes, jobs)) return;
    const first = this.#finished.values().next();
    const retryAfter = first.done
      ? this.#secondsUntilSlot()
      : Math.ceil((first.value.expiresAt - Date.now()) / 1000);
    throw serviceUnavailable(
      `The server holds ${this.#jobs.size} jobs and ${this.#bytes} bytes of inputs and results, and may not drop results nobody has read yet (maxJobs ${this.#options.maxJobs}, maxStoredBytes ${this.#options.maxStoredBytes}); read or dismiss finished jobs, or try again later.`,
      retryAfter,
    );
  }

  #recordRunTime(ms: number): void {
    this.#meanRunMs = this.#meanRunMs === undefined ? ms : 0.8 * this.#meanRunMs + 0.2 * ms;
  }

  /** Seconds until a worker is likely to be free: the least expected remaining run time. */
  #secondsUntilSlot(): number {
    const mean = this.#meanRunMs ?? UNKNOWN_RUN_MS;
    const now = Date.now();
    let soonest = mean;
    for (const record of this.#jobs.values()) {
      if (record.status !== 'running' || record.started === undefined) continue;
      soonest = Math.min(soonest, Math.max(0, mean - (now - record.started.getTime())));
    }
    return Math.min(3600, Math.max(1, Math.ceil(soonest / 1000)));
  }
}

function pick(outputs: Record<string, unknown>, ids: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).filter(([id]) => ids.includes(id)));
}

function errorBytes(error: { readonly message: string; readonly traceback: readonly string[] }) {
  let total = Buffer.byteLength(error.message);
  for (const line of error.traceback) total += Buffer.byteLength(line);
  return total;
}

function sumBytes(files: ReadonlyMap<string, StoredFile>): number {
  let total = 0;
  for (const file of files.values()) total += file.data.byteLength;
  return total;
}
