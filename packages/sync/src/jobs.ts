/**
 * `waitForJob` and `executeAndWait` on the calling thread: the async client's job wait
 * (`createJobWait`: intervals, backoff, tolerated early 404s, timeout, outcome, `onProgress`),
 * driven by a loop that polls `getJob` through the worker and sleeps by blocking, so `onProgress`
 * runs on the caller's thread.
 */
import {
  createJobWait,
  type ExecuteAndWaitOptions,
  invalidArgument,
  type JobInfo,
  type JobPoll,
  type JobResults,
  type JobRun,
  type ProcessRequest,
  type WaitForJobOptions,
} from '@s2gos/async';
import type { SyncCallOptions } from './options.js';
import { sleepSync } from './sleep.js';

/**
 * Options of `waitForJob`: those of the async client without `signal` and `dismissOnAbort` (the
 * calling thread is blocked while waiting, so nothing could abort it; use `timeout`).
 */
export type SyncWaitForJobOptions = Omit<WaitForJobOptions, 'signal' | 'dismissOnAbort'>;

/** Options of `executeAndWait`: the wait options plus `requestTimeout` and `headers` per request. */
export type SyncExecuteAndWaitOptions = Omit<ExecuteAndWaitOptions, 'signal' | 'dismissOnAbort'>;

/** The blocking calls the job helpers make; the sync `Client` provides them. */
export interface SyncJobCalls {
  getJob(jobId: string, options?: SyncCallOptions): JobInfo;
  executeProcess(processId: string, request: ProcessRequest, options?: SyncCallOptions): JobInfo;
  getJobResults(jobId: string, options?: SyncCallOptions): JobResults;
}

/** Polls the job until it ends; see `Client.waitForJob`. */
export function waitForJob(
  client: SyncJobCalls,
  jobId: string,
  options: SyncExecuteAndWaitOptions = {},
): JobInfo {
  rejectAbortOptions(options);
  const wait = createJobWait(jobId, options);
  const call = requestOptions(options);
  for (;;) {
    let poll: JobPoll;
    try {
      poll = { job: client.getJob(jobId, call) };
    } catch (error) {
      poll = { error };
    }
    const step = wait.next(poll);
    if (step.done) return step.job;
    sleepSync(step.delay);
  }
}

/** Executes a process, waits for its job and reads the results; see `Client.executeAndWait`. */
export function executeAndWait(
  client: SyncJobCalls,
  processId: string,
  request: ProcessRequest,
  options: SyncExecuteAndWaitOptions = {},
): JobRun {
  rejectAbortOptions(options);
  const call = requestOptions(options);
  const created = client.executeProcess(processId, request, call);
  const job = waitForJob(client, created.jobID, options);
  const results = client.getJobResults(created.jobID, call);
  return { job, results };
}

function requestOptions(options: SyncExecuteAndWaitOptions): SyncCallOptions {
  const call: SyncCallOptions = {};
  if (options.requestTimeout !== undefined) call.timeout = options.requestTimeout;
  if (options.headers !== undefined) call.headers = options.headers;
  return call;
}

function rejectAbortOptions(options: object): void {
  for (const name of ['signal', 'dismissOnAbort'] as const) {
    if (name in options && (options as Record<string, unknown>)[name] !== undefined) {
      throw invalidArgument(
        'waitForJob',
        `${name} is not supported by the sync Client: the calling thread is blocked while it waits, so nothing could abort the wait; use timeout`,
      );
    }
  }
}
