/** Working with jobs beyond the seed: wait for a job, execute and wait. */
import type { JobInfo, JobResults, ProcessRequest } from '@s2gos/models';
import { ErrorType, TransportError } from './errors.js';
import { createJobWait, type JobWaitOptions } from './job-policy.js';
import type { CallOptions } from './operations.js';
import { sleep } from './sleep.js';

/** Options of `waitForJob`. */
export interface WaitForJobOptions extends JobWaitOptions {
  /** Stops waiting; the promise rejects with a `TransportError` (type `…:aborted`). */
  signal?: AbortSignal | undefined;
  /** Dismiss the job on the server when `signal` aborts the wait (default `false`). */
  dismissOnAbort?: boolean | undefined;
}

/** Options of `executeAndWait`: the wait options plus per-request options for each call. */
export interface ExecuteAndWaitOptions extends WaitForJobOptions, Pick<CallOptions, 'headers'> {
  /** Timeout in ms of each request (not of the wait: that is `timeout`). */
  requestTimeout?: number | undefined;
}

/** The final status of a successful job and its results. */
export interface JobRun {
  job: JobInfo;
  results: JobResults;
}

/** The calls the job helpers make; `AsyncClient` provides them. */
export interface JobCalls {
  /** The status of a job. */
  getJob(jobId: string, options?: CallOptions): Promise<JobInfo>;
  /** Cancels a job, or removes a finished one. */
  dismissJob(jobId: string, options?: CallOptions): Promise<JobInfo>;
  /** Creates a job. */
  executeProcess(
    processId: string,
    request: ProcessRequest,
    options?: CallOptions,
  ): Promise<JobInfo>;
  /** The results of a finished job. */
  getJobResults(jobId: string, options?: CallOptions): Promise<JobResults>;
}

/**
 * Polls `getJob` with backoff until the job ends. Resolves with the final JobInfo when it is
 * `successful`; rejects with a `ClientError` carrying the job's message and traceback when it is
 * `failed` or `dismissed`, after `timeout`, or when `signal` aborts.
 */
export async function waitForJob(
  client: JobCalls,
  jobId: string,
  options: WaitForJobOptions & {
    requestTimeout?: number | undefined;
    headers?: CallOptions['headers'];
  } = {},
): Promise<JobInfo> {
  const wait = createJobWait(jobId, options);
  const { signal } = options;
  const call: CallOptions = { signal, timeout: options.requestTimeout, headers: options.headers };
  try {
    for (;;) {
      throwIfAborted(signal, jobId);
      const step = wait.next(
        await client.getJob(jobId, call).then(
          (job) => ({ job }),
          (error: unknown) => ({ error }),
        ),
      );
      if (step.done) return step.job;
      // Rejects with the signal's reason, which the catch below turns into the abort error.
      await sleep(step.delay, signal);
    }
  } catch (error) {
    if (signal?.aborted && options.dismissOnAbort) {
      // Best effort: the abort is what the caller asked for and what they get back.
      await client.dismissJob(jobId).catch(() => undefined);
    }
    throw signal?.aborted ? abortedError(jobId, signal.reason, wait.lastJob) : error;
  }
}

/** Executes a process, waits for the job and reads its results. */
export async function executeAndWait(
  client: JobCalls,
  processId: string,
  request: ProcessRequest,
  options: ExecuteAndWaitOptions = {},
): Promise<JobRun> {
  const call: CallOptions = {
    signal: options.signal,
    timeout: options.requestTimeout,
    headers: options.headers,
  };
  const created = await client.executeProcess(processId, request, call);
  const job = await waitForJob(client, created.jobID, options);
  const results = await client.getJobResults(created.jobID, call);
  return { job, results };
}

function throwIfAborted(signal: AbortSignal | undefined, jobId: string): void {
  if (signal?.aborted) throw abortedError(jobId, signal.reason);
}

function abortedError(jobId: string, reason: unknown, job?: JobInfo): TransportError {
  return new TransportError(
    `waitForJob: waiting for job ${jobId} was aborted`,
    { type: ErrorType.aborted, title: 'Wait aborted' },
    { operation: 'waitForJob', job, cause: reason },
  );
}
