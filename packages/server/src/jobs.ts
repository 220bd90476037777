import { randomUUID } from 'node:crypto';
import type { JobStatus } from '@s2gos/models';
import { formatIssues, serviceUnavailable, tracebackOf } from './errors.js';
import type { ProcessContext, ProcessInputs, ProcessOutputs } from './process.js';
import type { RegisteredProcess } from './processes/registry.js';

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
  /** The outputs of a successful job, limited to the outputs the request asked for. */
  readonly results?: ProcessOutputs;
  /** Why a failed job failed; `traceback` is sent only in debug mode. */
  readonly error?: { readonly message: string; readonly traceback: readonly string[] };
}

/** Which jobs `list` returns; an absent member does not filter. */
export interface JobFilter {
  readonly statuses?: ReadonlySet<string>;
  readonly processIds?: ReadonlySet<string>;
}

/** Options of a job store. */
export interface JobStoreOptions {
  /** Most jobs kept; past it the oldest finished jobs are evicted. */
  readonly maxJobs: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface JobRecord extends Mutable<Job> {
  readonly controller: AbortController;
  /** Resolves once the job is successful, failed or dismissed. */
  readonly done: Promise<void>;
  readonly markDone: () => void;
}

const ACTIVE: ReadonlySet<JobStatus> = new Set(['accepted', 'running']);

/** Whether a job may still change: `accepted` or `running`. */
export function isActive(job: Job): boolean {
  return ACTIVE.has(job.status);
}

/**
 * The in-memory jobs of one app and their lifecycle.
 *
 * Jobs run as promises on the event loop, so they run concurrently with request handling.
 * Each job has an `AbortController`: dismissing a job aborts the signal its process got and
 * removes the job at once, so the `DELETE` response is the last place it is seen. The store is
 * bounded: when it holds `maxJobs` jobs, a new job evicts the oldest finished one; when all are
 * still running, new jobs are refused with 503.
 */
export class JobStore {
  readonly #jobs = new Map<string, JobRecord>();
  /** Process runs not yet returned, dismissed ones included, so `close` can wait for them. */
  readonly #runs = new Set<Promise<void>>();
  readonly #maxJobs: number;
  #closed = false;

  constructor(options: JobStoreOptions) {
    this.#maxJobs = options.maxJobs;
  }

  /**
   * Creates a job in state `accepted` and starts the process on the next turn of the event loop.
   *
   * @param outputIds - the outputs to keep in the results; all when absent
   * @throws HttpProblem 503 when the store is full of active jobs or closed
   */
  start(process: RegisteredProcess, inputs: ProcessInputs, outputIds?: readonly string[]): Job {
    if (this.#closed) throw serviceUnavailable('The server is shutting down.');
    this.#makeRoom();
    const now = new Date();
    let markDone!: () => void;
    const done = new Promise<void>((resolve) => {
      markDone = resolve;
    });
    const record: JobRecord = {
      id: randomUUID(),
      processId: process.id,
      status: 'accepted',
      progress: 0,
      created: now,
      updated: now,
      controller: new AbortController(),
      done,
      markDone,
    };
    this.#jobs.set(record.id, record);
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#run(record, process, inputs, outputIds))
      .finally(() => this.#runs.delete(run));
    this.#runs.add(run);
    return record;
  }

  /** The job with this ID, if the store still holds it. */
  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** The jobs matching the filter, oldest first. */
  list(filter: JobFilter = {}): Job[] {
    const { statuses, processIds } = filter;
    return [...this.#jobs.values()].filter(
      (job) =>
        (statuses === undefined || statuses.has(job.status)) &&
        (processIds === undefined || processIds.has(job.processId)),
    );
  }

  /** Resolves with the job once it is successful, failed or dismissed. */
  async whenDone(job: Job): Promise<Job> {
    await (job as JobRecord).done;
    return job;
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
    this.#jobs.delete(id);
    if (isActive(record)) record.controller.abort(new DOMException(reason, 'AbortError'));
    record.status = 'dismissed';
    record.message = reason;
    record.updated = new Date();
    record.markDone();
    return record;
  }

  /**
   * Refuses new jobs, dismisses every job and waits until the processes have returned, or
   * `timeoutMs` passed for processes that ignore their abort signal.
   */
  async close(timeoutMs: number): Promise<void> {
    this.#closed = true;
    for (const id of [...this.#jobs.keys()]) this.dismiss(id, 'The server is shutting down.');
    if (this.#runs.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.#runs]), timeout]);
    clearTimeout(timer);
  }

  #makeRoom(): void {
    if (this.#jobs.size < this.#maxJobs) return;
    for (const [id, job] of this.#jobs) {
      if (!isActive(job)) {
        this.#jobs.delete(id);
        if (this.#jobs.size < this.#maxJobs) return;
      }
    }
    throw serviceUnavailable(
      `The server already runs its maximum of ${this.#maxJobs} jobs; try again later.`,
    );
  }

  async #run(
    record: JobRecord,
    process: RegisteredProcess,
    inputs: ProcessInputs,
    outputIds: readonly string[] | undefined,
  ): Promise<void> {
    const { signal } = record.controller;
    if (signal.aborted) return;
    const started = new Date();
    Object.assign(record, { status: 'running', started, updated: started });
    const context: ProcessContext = {
      jobId: record.id,
      signal,
      reportProgress: (progress, message) => reportProgress(record, progress, message),
    };
    let outputs: unknown;
    try {
      outputs = await process.definition.run(inputs, context);
    } catch (error) {
      if (!signal.aborted) finish(record, { error });
      return;
    }
    if (signal.aborted) return;
    const issues = process.validateOutputs(outputs);
    if (issues.length > 0) {
      const error = new Error(
        `Process '${process.id}' returned invalid outputs: ${formatIssues(issues)}`,
      );
      finish(record, { error });
      return;
    }
    finish(record, { results: pick(outputs as ProcessOutputs, outputIds) });
  }
}

function reportProgress(record: JobRecord, progress: number | undefined, message?: string): void {
  if (
    progress !== undefined &&
    !(typeof progress === 'number' && progress >= 0 && progress <= 100)
  ) {
    throw new RangeError(`Progress must be a number from 0 to 100, got ${String(progress)}.`);
  }
  // Late reports of a finished or dismissed job change nothing.
  if (record.status !== 'running') return;
  if (progress !== undefined) record.progress = Math.round(progress);
  if (message !== undefined) record.message = message;
  record.updated = new Date();
}

function finish(
  record: JobRecord,
  outcome: { results: ProcessOutputs } | { error: unknown },
): void {
  const now = new Date();
  record.finished = now;
  record.updated = now;
  if ('results' in outcome) {
    record.status = 'successful';
    record.progress = 100;
    record.message = 'Done.';
    record.results = outcome.results;
  } else {
    const { error } = outcome;
    record.status = 'failed';
    record.message = error instanceof Error ? error.message : String(error);
    record.error = {
      message: record.message,
      traceback: tracebackOf(error),
    };
  }
  record.markDone();
}

function pick(outputs: ProcessOutputs, ids: readonly string[] | undefined): ProcessOutputs {
  if (ids === undefined) return outputs;
  return Object.fromEntries(Object.entries(outputs).filter(([id]) => ids.includes(id)));
}
