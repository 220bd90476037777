/**
 * `waitForJob` and `executeAndWait` on the calling thread: the async client's job wait
 * (`createJobWait`: intervals, backoff, tolerated early 404s, timeout, outcome, `onProgress`),
 * driven by a loop that polls `getJob` through the worker and sleeps by blocking, so `onProgress`
 * runs on the caller's thread.
 */
import type {
  ExecuteAndWaitOptions,
  JobInfo,
  JobResults,
  JobRun,
  ProcessRequestInput,
  WaitForJobOptions,
} from '@s2gos/async';
import {
  createJobWait,
  invalidArgument,
  type JobPoll,
  omitUndefined,
  requestOptions,
} from '@s2gos/async/internal/no-http';
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
  executeProcess(
    processId: string,
    request: ProcessRequestInput,
    options?: SyncCallOptions,
  ): JobInfo;
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
  const call = syncRequestOptions(options);
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
  request: ProcessRequestInput,
  options: SyncExecuteAndWaitOptions = {},
): JobRun {
  rejectAbortOptions(options);
  const call = syncRequestOptions(options);
  const created = client.executeProcess(processId, request, call);
  const job = waitForJob(client, created.jobID, options);
  const results = client.getJobResults(created.jobID, call);
  return { job, results };
}

function syncRequestOptions(options: SyncExecuteAndWaitOptions): SyncCallOptions {
  const { signal: _signal, ...call } = omitUndefined(requestOptions(options));
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
