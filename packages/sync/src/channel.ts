/**
 * The calling side of the thread boundary: one synckit function per thread, started lazily and
 * shared by every `Client` of the thread.
 */
import { ErrorType } from '@s2gos/async';
import { createSyncFn } from 'synckit';
import { DEADLOCK_HINT, WORKER_BACKSTOP, workerFailed } from './limits.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';
import { rebuildError, type SerializedError } from './serialize.js';
import { workerLocation } from './worker-location.js';

let send: ((request: WorkerRequest) => WorkerReply) | undefined;

/**
 * Sends `request` to the worker and blocks until it answers; returns the value or throws the
 * rebuilt error. `operation` names the call in errors about the worker itself.
 */
export function callWorker(request: WorkerRequest, operation: string): unknown {
  let reply: WorkerReply;
  try {
    send ??= createSyncFn<(request: WorkerRequest) => Promise<WorkerReply>>(workerLocation(), {
      timeout: WORKER_BACKSTOP,
    });
    reply = send(request);
  } catch (error) {
    throw workerFailed(operation, error);
  }
  if (reply.ok) return reply.value;
  throw rebuildError(withDeadlockHint(reply.error));
}

/**
 * A timed-out call from the thread that hosts the server deadlocks; that is the likely cause to
 * name, since the async client's own message cannot know it.
 */
function withDeadlockHint(error: SerializedError): SerializedError {
  if (error.kind !== 'client' || error.data.apiError.type !== ErrorType.timeout) return error;
  return { ...error, data: { ...error.data, message: `${error.data.message} ${DEADLOCK_HINT}` } };
}
