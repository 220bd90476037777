/**
 * The calling side of the thread boundary: one synckit function per thread, started lazily and
 * shared by every `Client` of the thread.
 */
import type { TokenSet } from '@s2gos/async';
import { ErrorType, rebuildError, type SerializedError } from '@s2gos/async/internal/no-http';
import { createSyncFn } from 'synckit';
import { DEADLOCK_HINT, mayDeadlock, WORKER_BACKSTOP, workerFailed } from './limits.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';
import { workerLocation } from './worker-location.js';

type Send = (request: WorkerRequest) => WorkerReply;
let send: Send | undefined;

/**
 * Starts this thread's worker unless it runs already, and returns at once: the thread boots
 * (tens of milliseconds) while the caller goes on, e.g. resolving its configuration.
 * `operation` names the call in errors about the worker itself.
 */
export function startWorker(operation: string): void {
  channel(operation);
}

/**
 * Sends `request` to the worker (started if need be) and blocks until it answers; returns the
 * value or throws the rebuilt error, after handing tokens the call obtained to `onTokens`.
 * `operation` names the call in errors about the worker itself.
 */
export function callWorker(
  request: WorkerRequest,
  operation: string,
  onTokens?: (tokens: TokenSet | undefined) => void,
): unknown {
  const sendToWorker = channel(operation);
  let reply: WorkerReply;
  try {
    reply = sendToWorker(request);
  } catch (error) {
    throw workerFailed(operation, error);
  }
  if (reply.tokens !== undefined) onTokens?.(reply.tokens ?? undefined);
  if (reply.ok) return reply.value;
  throw rebuildError(withDeadlockHint(reply.error));
}

function channel(operation: string): Send {
  try {
    send ??= createSyncFn<(request: WorkerRequest) => Promise<WorkerReply>>(workerLocation(), {
      timeout: WORKER_BACKSTOP,
    });
  } catch (error) {
    throw workerFailed(operation, error);
  }
  return send;
}

/**
 * A timed-out call from the thread that hosts the server deadlocks; that is the likely cause to
 * name for a server on this machine, since the async client's own message cannot know it.
 */
function withDeadlockHint(error: SerializedError): SerializedError {
  if (error.kind !== 'client' || error.data.apiError.type !== ErrorType.timeout) return error;
  if (!mayDeadlock(error.data.url)) return error;
  return { ...error, data: { ...error.data, message: `${error.data.message} ${DEADLOCK_HINT}` } };
}
