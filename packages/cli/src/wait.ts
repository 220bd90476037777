/**
 * Following a job to its end: the one implementation behind `wait`, `execute-process --wait`,
 * `get-job --wait` and `get-job-results --wait`. The polling is the client's `waitForJob`;
 * this adds the progress view, Ctrl-C and what to say when following stops before the job ends.
 */
import {
  type AsyncClient,
  ClientError,
  ErrorType,
  type JobInfo,
  TransportError,
} from '@s2gos/async';
import { InterruptedError, StoppedFollowingError } from './errors.js';
import { createJobProgressView } from './progress.js';
import { askYesNo } from './prompts.js';
import type { Runtime } from './runtime.js';

/** How to follow a job. */
export interface FollowOptions {
  /** Give up after this many ms (`--timeout`); no limit when left out. */
  timeout?: number | undefined;
  /** How long polls may fail transiently before following stops (`--outage-budget`). */
  outageBudget?: number | undefined;
  /** The job as already known (from `execute-process`), shown before the first poll. */
  job?: JobInfo | undefined;
}

/**
 * Follows job `jobId` until it succeeds and returns its final status. A failed or dismissed job
 * rejects with the client's `ClientError`; a wait that stops while the job may still run (timeout,
 * the server unreachable or failing) rejects with a {@link StoppedFollowingError} that says how
 * to pick it up again; Ctrl-C asks (or decides) what becomes of the job, then rejects with an
 * `InterruptedError`.
 */
export async function followJob(
  rt: Runtime,
  client: AsyncClient,
  jobId: string,
  options: FollowOptions = {},
): Promise<JobInfo> {
  const { stdin, stderr } = rt.io;
  const view = await createJobProgressView(stderr, stderr.isTTY === true);
  // The job's message is the server's free text: it goes through the same redaction as the rest.
  const show = (info: JobInfo) =>
    view.update(info.message ? { ...info, message: rt.redact(info.message) } : info);
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  if (options.job) show(options.job);
  try {
    return await client.waitForJob(jobId, {
      signal: interrupt.signal,
      onProgress: show,
      timeout: options.timeout ?? Number.POSITIVE_INFINITY,
      outageBudget: options.outageBudget,
    });
  } catch (error) {
    view.stop();
    if (interrupt.signal.aborted) {
      await handleInterrupt(rt, client, jobId, stdin.isTTY === true && stderr.isTTY === true);
      throw new InterruptedError('interrupted');
    }
    // After an outage, the last failure is what to report (and what sets the exit code).
    if (error instanceof ClientError && error.apiError.type === ErrorType.jobUnreachable) {
      throw new StoppedFollowingError(jobId, error.cause ?? error);
    }
    throw mayStillRun(error) ? new StoppedFollowingError(jobId, error) : error;
  } finally {
    process.off('SIGINT', onSigint);
    view.stop();
  }
}

/** Whether the wait ended for a reason that says nothing about the job's end. */
function mayStillRun(error: unknown): boolean {
  if (!(error instanceof ClientError)) return false;
  const { type } = error.apiError;
  if (error instanceof TransportError)
    return type === ErrorType.network || type === ErrorType.timeout;
  if (type === ErrorType.jobTimeout) return true;
  const status = error.status ?? 0;
  return status >= 500 || status === 429 || status === 408;
}

async function handleInterrupt(
  rt: Runtime,
  client: AsyncClient,
  jobId: string,
  interactive: boolean,
): Promise<void> {
  // Without a terminal nobody can be asked, and dismissing server-side work is not undoable:
  // leave the job running and say how to find it again.
  const dismiss = interactive && (await askToDismiss(rt, jobId));
  if (dismiss) {
    await client.dismissJob(jobId);
    rt.note(`Job ${jobId} dismissed.`);
  } else {
    rt.note(
      `Stopped following job ${jobId}; it keeps running. Check it with 's2gos get-job ${jobId}', ` +
        `follow it again with 's2gos wait ${jobId}', dismiss it with 's2gos dismiss-job ${jobId}'.`,
    );
  }
}

async function askToDismiss(rt: Runtime, jobId: string): Promise<boolean> {
  try {
    return await askYesNo(
      { input: rt.io.stdin, output: rt.io.stderr },
      `Dismiss job ${jobId} on the server?`,
    );
  } catch {
    // A second Ctrl-C at the question: keep the job.
    return false;
  }
}
