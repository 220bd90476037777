/**
 * How long a blocking call may take, and the errors for calls that took too long. The calling
 * thread is blocked while a call runs, so every bound is enforced from elsewhere: by the worker
 * (per call) and by synckit (a backstop for a worker that stopped answering).
 */
import { ClientError, ErrorType, TransportError } from '@s2gos/async';

/** Added to the request timeout to get the hard upper bound of one call (retries and reading included). */
export const CALL_MARGIN = 1_000;

/** The largest request timeout the sync client accepts, in ms (10 minutes). */
export const MAX_TIMEOUT = 600_000;

/**
 * synckit's timeout for every call: only reached when the worker itself stopped answering, since
 * the worker ends each call at its own bound, which is at most `MAX_TIMEOUT + CALL_MARGIN`.
 */
export const WORKER_BACKSTOP = MAX_TIMEOUT + CALL_MARGIN + 5_000;

/** Appended to every timeout message of the sync client. */
export const DEADLOCK_HINT =
  '(if the server runs in the thread that made this call, it cannot answer: a sync call from the thread that hosts the server it calls deadlocks; run the server in another thread or process)';

/** The hard upper bound of a call whose request timeout is `timeout`. */
export function callBound(timeout: number): number {
  return timeout + CALL_MARGIN;
}

/** The error of a call the worker ended at its {@link callBound}. */
export function callTimedOut(operation: string, bound: number): TransportError {
  return new TransportError(
    `${operation}: the call did not complete within ${bound} ms (request timeout plus ${CALL_MARGIN} ms)`,
    { type: ErrorType.timeout, title: 'Request timed out' },
    { operation },
  );
}

/** The error when the worker did not answer within {@link WORKER_BACKSTOP}, or failed. */
export function workerFailed(operation: string, cause: unknown): ClientError {
  const message = cause instanceof Error ? cause.message : String(cause);
  if (/timed-out|timed out/.test(message)) {
    return new TransportError(
      `${operation}: the sync client's worker thread did not answer within ${WORKER_BACKSTOP} ms ${DEADLOCK_HINT}`,
      { type: ErrorType.timeout, title: 'Request timed out' },
      { operation, cause },
    );
  }
  return new ClientError(
    `${operation}: the sync client's worker thread failed: ${message}`,
    { type: WORKER_FAILURE, title: 'Worker failure', detail: message },
    { operation, cause },
  );
}

/** `apiError.type` of the errors of a failed worker thread, other than timeouts. */
export const WORKER_FAILURE = 'urn:s2gos:client:worker-failure';
