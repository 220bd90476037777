/** Working with jobs beyond the seed: wait for a job, execute and wait. */
import type { JobInfo, JobResults, ProcessRequest } from '@s2gos/models';
import { ClientError, ErrorType, TransportError } from './errors.js';
import { createJobWaitPolicy, type JobWaitPolicyOptions } from './job-policy.js';
import type { CallOptions } from './operations.js';

/** Options of `waitForJob`. */
export interface WaitForJobOptions extends JobWaitPolicyOptions {
  /** Stops waiting; the promise rejects with a `TransportError` (type `…:aborted`). */
  signal?: AbortSignal | undefined;
  /** Called with every status polled, including the final one. */
  onProgress?: ((job: JobInfo) => void) | undefined;
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
  getJob(jobId: string, options?: CallOptions): Promise<JobInfo>;
  dismissJob(jobId: string, options?: CallOptions): Promise<JobInfo>;
  executeProcess(
    processId: string,
    request: ProcessRequest,
    options?: CallOptions,
  ): Promise<JobInfo>;
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
  const policy = createJobWaitPolicy(options);
  const { signal, onProgress } = options;
  const call: CallOptions = { signal, timeout: options.requestTimeout, headers: options.headers };
  const deadline = Date.now() + policy.timeout;
  let lastJob: JobInfo | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(signal, jobId);
      const job = await client.getJob(jobId, call).catch((error: unknown) => {
        if (lastJob === undefined && isNotFound(error) && policy.tolerateNotFound(attempt)) {
          return undefined;
        }
        throw error;
      });
      if (job !== undefined) {
        lastJob = job;
        onProgress?.(job);
        const outcome = policy.outcome(job);
        if (outcome.state === 'success') return job;
        if (outcome.state === 'failure') throw outcome.error;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw policy.timeoutError(jobId, lastJob);
      await sleep(Math.min(policy.nextDelay(attempt), remaining), signal, jobId);
    }
  } catch (error) {
    if (signal?.aborted && options.dismissOnAbort) {
      // Best effort: the abort is what the caller asked for and what they get back.
      await client.dismissJob(jobId).catch(() => undefined);
    }
    throw signal?.aborted ? abortedError(jobId, signal.reason, lastJob) : error;
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

function isNotFound(error: unknown): boolean {
  return error instanceof ClientError && error.status === 404;
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

function sleep(ms: number, signal: AbortSignal | undefined, jobId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(jobId, signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
