/**
 * How long a blocking call may take. The calling thread is blocked while a call runs, so the
 * bound is enforced by the worker: each call, retries and reading included, ends at its request
 * timeout plus {@link CALL_MARGIN}. synckit's own timeout only catches a worker that stopped
 * answering altogether.
 */
import { hostname, networkInterfaces } from 'node:os';
import type { TransportError } from '@s2gos/async';
import { clientError, ErrorType } from '@s2gos/async/internal/no-http';

/** Added to the request timeout to get the bound of one whole call (retries and reading included). */
export const CALL_MARGIN = 1_000;

/** The largest request timeout the sync client accepts, in ms (10 minutes). */
export const MAX_TIMEOUT = 600_000;

/** synckit's timeout: reached only when the worker itself stopped answering. */
export const WORKER_BACKSTOP = MAX_TIMEOUT + CALL_MARGIN + 5_000;

/** `apiError.type` of the errors of a failed worker thread. */
export const WORKER_FAILURE = ErrorType.workerFailure;

/** Appended to the timeout messages of calls to this machine (see {@link mayDeadlock}). */
export const DEADLOCK_HINT =
  '(if the server runs in the thread that made this call, it cannot answer: a sync call from the thread that hosts the server it calls deadlocks; run the server in another thread or process)';

/**
 * Whether a call to `url` that timed out may have deadlocked: only a server on this machine can
 * run in the calling thread, so the host is a loopback name or address, this machine's name or
 * one of its interface addresses. A host name that resolves to this machine by other means is
 * missed (resolving it would block the thread again); a timeout without a URL keeps the hint.
 */
export function mayDeadlock(url: string | undefined): boolean {
  if (url === undefined) return true;
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  } catch {
    return true;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === hostname().toLowerCase()) {
    return true;
  }
  if (/^127\./.test(host) || host === '::1' || host === '0.0.0.0' || host === '::') return true;
  return Object.values(networkInterfaces()).some((addresses) =>
    addresses?.some(({ address }) => address.toLowerCase() === host),
  );
}

/**
 * The error of a call the worker ended at its bound; `why` says where the bound came from (by
 * default: the request timeout plus {@link CALL_MARGIN}).
 */
export function callTimedOut(
  operation: string,
  bound: number,
  why = `request timeout plus ${CALL_MARGIN} ms`,
): TransportError {
  const message = `${operation}: the call did not complete within ${bound} ms (${why})`;
  return clientError('timeout', message, { operation }) as TransportError;
}

/** The error when the worker did not answer within {@link WORKER_BACKSTOP}, or failed. */
export function workerFailed(operation: string, cause: unknown) {
  const message = cause instanceof Error ? cause.message : String(cause);
  if (/timed-out|timed out/.test(message)) {
    const text = `${operation}: the sync client's worker thread did not answer within ${WORKER_BACKSTOP} ms ${DEADLOCK_HINT}`;
    return clientError('timeout', text, { operation, cause });
  }
  return clientError(
    'workerFailure',
    `${operation}: the sync client's worker thread failed: ${message}`,
    {
      operation,
      cause,
      detail: message,
    },
  );
}

/** The error for a document the worker cannot hand back (nested deeper than the stack allows). */
export function tooDeep(operation: string, cause: unknown) {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const detail = `the response document can't be passed to the calling thread: ${reason}`;
  return clientError('invalidResponse', `${operation}: ${detail}`, { operation, detail, cause });
}
