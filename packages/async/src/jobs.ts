/**
 * Waiting for jobs: the wait as a state machine without I/O ({@link createJobWait}, driven by the
 * async `waitForJob` below and by the sync client's blocking loop), and `executeAndWait`.
 */

import type { JobInfo, JobResults, ProcessRequestInput } from '@s2gos/models';
import { type ClientError, clientError, ErrorType, isClientError } from './errors.js';
import type { CallOptions } from './options.js';
import { sleep } from './sleep.js';

/** Tuning of the wait. All durations in milliseconds. */
export interface JobWaitPolicyOptions {
  /** Give up after this long (default 1 hour; `Infinity` waits as long as the job runs). */
  timeout?: number | undefined;
  /** Delay before the second poll (default 250); later delays grow by `backoffFactor`. */
  pollInterval?: number | undefined;
  /** Upper bound of the delay between polls (default 5000). */
  maxPollInterval?: number | undefined;
  /** Growth of the delay per poll (default 1.5). */
  backoffFactor?: number | undefined;
  /**
   * How many of the first polls may answer 404 before the job was seen once (default 3): some
   * servers register a job only after answering the execute request.
   */
  notFoundPolls?: number | undefined;
  /**
   * How long polls may keep failing transiently — network errors, timeouts, 5xx, 408, 429, a
   * single 401 that a token refresh may fix — before the wait gives up (default 300 000, five
   * minutes). The job runs on the server meanwhile; only this client's view of it is lost.
   */
  outageBudget?: number | undefined;
}

/** Options of `waitForJob`. */
export interface WaitForJobOptions extends JobWaitPolicyOptions {
  /** Called with every status polled, including the final one. */
  onProgress?: ((job: JobInfo) => void) | undefined;
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

/** Defaults of {@link JobWaitPolicyOptions}. */
export const DEFAULT_JOB_WAIT = {
  timeout: 3_600_000,
  pollInterval: 250,
  maxPollInterval: 5_000,
  backoffFactor: 1.5,
  notFoundPolls: 3,
  outageBudget: 300_000,
} as const;

/** Where a job stands after one poll. */
export type JobOutcome =
  | { state: 'pending'; job: JobInfo }
  | { state: 'success'; job: JobInfo }
  | { state: 'failure'; job: JobInfo; error: ClientError };

/** The wait policy, from {@link createJobWaitPolicy}. */
export interface JobWaitPolicy {
  /** Overall timeout in ms. */
  readonly timeout: number;
  /** How long in ms polls may fail transiently before the wait gives up. */
  readonly outageBudget: number;
  /** Delay in ms after poll number `attempt` (from 0) before the next poll. */
  nextDelay(attempt: number): number;
  /** Whether a 404 on poll `attempt` (from 0) is tolerated; only ask while the job was never seen. */
  tolerateNotFound(attempt: number): boolean;
  /** Whether the job has ended (successful, failed or dismissed). */
  isTerminal(job: JobInfo): boolean;
  /** The error for a failed or dismissed job, `undefined` otherwise. */
  failureFor(job: JobInfo): ClientError | undefined;
  /** Pending, success or failure (with its error). */
  outcome(job: JobInfo): JobOutcome;
  /** The error when `timeout` has passed; `lastJob` is the last status seen. */
  timeoutError(jobId: string, lastJob?: JobInfo): ClientError;
}

/** Creates the wait policy; throws a `TypeError` for a negative or non-numeric setting. */
export function createJobWaitPolicy(options: JobWaitPolicyOptions = {}): JobWaitPolicy {
  const setting = (name: keyof JobWaitPolicyOptions): number => {
    const value = options[name] ?? DEFAULT_JOB_WAIT[name];
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new TypeError(`${name} must be a non-negative number, got ${value}`);
    }
    return value;
  };
  const timeout = setting('timeout');
  const pollInterval = setting('pollInterval');
  const maxPollInterval = Math.max(setting('maxPollInterval'), pollInterval);
  const backoffFactor = Math.max(setting('backoffFactor'), 1);
  const notFoundPolls = setting('notFoundPolls');
  const outageBudget = setting('outageBudget');
  const policy: JobWaitPolicy = {
    timeout,
    outageBudget,
    nextDelay: (attempt) =>
      Math.min(pollInterval * backoffFactor ** Math.max(attempt, 0), maxPollInterval),
    tolerateNotFound: (attempt) => attempt < notFoundPolls,
    isTerminal: (job) => job.status === 'successful' || policy.failureFor(job) !== undefined,
    outcome(job) {
      if (job.status === 'successful') return { state: 'success', job };
      const error = policy.failureFor(job);
      return error ? { state: 'failure', job, error } : { state: 'pending', job };
    },
    failureFor(job) {
      if (job.status !== 'failed' && job.status !== 'dismissed') return undefined;
      const failed = job.status === 'failed';
      const reason = job.message ? `: ${job.message}` : '';
      const message = `job ${job.jobID} ${failed ? 'failed' : 'was dismissed'}${reason}`;
      return clientError(failed ? 'jobFailed' : 'jobDismissed', message, {
        operation: 'waitForJob',
        job,
        detail: job.message,
        apiError: job.traceback ? { traceback: job.traceback } : {},
      });
    },
    timeoutError: (jobId, lastJob) =>
      clientError(
        'jobTimeout',
        `job ${jobId} did not finish within ${timeout} ms${lastJob ? ` (last status: ${lastJob.status})` : ''}`,
        { operation: 'waitForJob', job: lastJob },
      ),
  };
  return policy;
}

/** What one poll of `getJob` gave: the job's status, or the error the call threw. */
export type JobPoll = { job: JobInfo } | { error: unknown };

/** What to do after a poll: return the finished job, or sleep `delay` ms and poll again. */
export type JobWaitStep = { done: true; job: JobInfo } | { done: false; delay: number };

/** One wait for one job, fed with the outcome of each poll; see {@link createJobWait}. */
export interface JobWait {
  /** The last status polled, if any. */
  readonly lastJob: JobInfo | undefined;
  /**
   * Takes the outcome of the next poll (the first poll comes right away) and returns what to do.
   *
   * @throws the `ClientError` of a failed or dismissed job or of the timeout, or the poll's own
   *   error unless it is a 404 tolerated while the job was never seen.
   */
  next(poll: JobPoll): JobWaitStep;
}

/**
 * Starts waiting for job `jobId` (the deadline runs from now). It decides everything — tolerated
 * early 404s, `onProgress`, success, failure, timeout, the next delay — so that its drivers only
 * poll and sleep.
 *
 * @throws `TypeError` for a negative or non-numeric setting (see {@link createJobWaitPolicy})
 */
export function createJobWait(jobId: string, options: WaitForJobOptions = {}): JobWait {
  const policy = createJobWaitPolicy(options);
  const deadline = Date.now() + policy.timeout;
  let attempt = 0;
  let lastJob: JobInfo | undefined;
  // Start of the current run of transient failures, and whether it has seen a 401 already.
  let outageStart: number | undefined;
  let unauthorized = false;
  return {
    get lastJob() {
      return lastJob;
    },
    next(poll) {
      if ('job' in poll) {
        outageStart = undefined;
        unauthorized = false;
        lastJob = poll.job;
        options.onProgress?.(poll.job);
        const outcome = policy.outcome(poll.job);
        if (outcome.state === 'success') return { done: true, job: poll.job };
        if (outcome.state === 'failure') throw outcome.error;
      } else if (isTransient(poll.error, unauthorized)) {
        unauthorized ||= (poll.error as ClientError).status === 401;
        outageStart ??= Date.now();
        const down = Date.now() - outageStart;
        if (down >= policy.outageBudget) throw unreachable(jobId, down, poll.error, lastJob);
      } else if (
        !(lastJob === undefined && isNotFound(poll.error) && policy.tolerateNotFound(attempt))
      ) {
        throw poll.error;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw policy.timeoutError(jobId, lastJob);
      return { done: false, delay: Math.min(policy.nextDelay(attempt++), remaining) };
    },
  };
}

/**
 * Whether a failed poll says nothing about the job: the server was unreachable or overloaded, or
 * (once per outage) refused a token that the next request may send refreshed.
 */
function isTransient(error: unknown, unauthorizedBefore: boolean): boolean {
  if (!isClientError(error)) return false;
  const { type } = error.apiError;
  if (type === ErrorType.network || type === ErrorType.timeout) return true;
  const status = error.status ?? 0;
  if (status === 401) return !unauthorizedBefore;
  return status >= 500 || status === 408 || status === 429;
}

function unreachable(jobId: string, down: number, cause: unknown, job: JobInfo | undefined) {
  const seconds = Math.round(down / 1000);
  const last = cause instanceof Error ? cause.message : String(cause);
  return clientError(
    'jobUnreachable',
    `waitForJob: job ${jobId} may still be running, but its status could not be read for ${seconds} s (last error: ${last}); pick it up again with waitForJob('${jobId}') or 's2gos wait ${jobId}'`,
    { operation: 'waitForJob', job, cause },
  );
}

function isNotFound(error: unknown): boolean {
  return isClientError(error) && error.status === 404;
}

/** The calls the job helpers make; `AsyncClient` provides them. */
interface JobCalls {
  getJob(jobId: string, options?: CallOptions): Promise<JobInfo>;
  dismissJob(jobId: string, options?: CallOptions): Promise<JobInfo>;
  executeProcess(
    processId: string,
    request: ProcessRequestInput,
    options?: CallOptions,
  ): Promise<JobInfo>;
  getJobResults(jobId: string, options?: CallOptions): Promise<JobResults>;
}

/** Polls `getJob` with backoff until the job ends; see `AsyncClient.waitForJob`. */
export async function waitForJob(
  client: JobCalls,
  jobId: string,
  options: ExecuteAndWaitOptions = {},
): Promise<JobInfo> {
  const wait = createJobWait(jobId, options);
  const { signal } = options;
  const call = requestOptions(options);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const poll = await client.getJob(jobId, call).then(
        (job) => ({ job }),
        (error: unknown) => ({ error }),
      );
      const step = wait.next(poll);
      if (step.done) return step.job;
      // Rejects with the signal's reason, which the catch below turns into the abort error.
      await sleep(step.delay, signal);
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
    // Best effort: the abort is what the caller asked for and what they get back.
    if (options.dismissOnAbort) await client.dismissJob(jobId).catch(() => undefined);
    throw clientError('aborted', `waitForJob: waiting for job ${jobId} was aborted`, {
      operation: 'waitForJob',
      job: wait.lastJob,
      cause: signal.reason,
      apiError: { title: 'Wait aborted' },
    });
  }
}

/** Executes a process, waits for the job and reads its results. */
export async function executeAndWait(
  client: JobCalls,
  processId: string,
  request: ProcessRequestInput,
  options: ExecuteAndWaitOptions = {},
): Promise<JobRun> {
  const call = requestOptions(options);
  const created = await client.executeProcess(processId, request, call);
  const job = await waitForJob(client, created.jobID, options);
  const results = await client.getJobResults(created.jobID, call);
  return { job, results };
}

/** The per-request options of the job helpers' calls. */
export function requestOptions(options: ExecuteAndWaitOptions): CallOptions {
  const { signal, requestTimeout: timeout, headers } = options;
  return { signal, timeout, headers };
}
