/**
 * `@s2gos/sync`: the blocking client of the ESA DTE-S2GOS processing service. `Client` runs the
 * `AsyncClient` of `@s2gos/async` in a worker thread (through synckit) and blocks the calling
 * thread until each answer is there.
 *
 * @packageDocumentation
 */

export type {
  ApiError,
  Capabilities,
  ClientConfig,
  ConformanceDeclaration,
  JobInfo,
  JobList,
  JobResults,
  JobRun,
  JobStatus,
  ProcessDescription,
  ProcessList,
  ProcessRequest,
  ProcessRequestInput,
  ProcessSummary,
  ResolvedConfig,
} from '@s2gos/async';
// The error family and the documents, so that a script needs this package only.
export {
  ClientError,
  type ClientErrorData,
  ClientException,
  ConfigError,
  DEFAULT_MAX_RESPONSE_SIZE,
  ErrorType,
  isClientError,
  isTransportError,
  TransportError,
} from '@s2gos/async/internal/no-http';
export { Client, type SyncOperations } from './client.js';
export type { SyncExecuteAndWaitOptions, SyncWaitForJobOptions } from './jobs.js';
export { CALL_MARGIN, MAX_TIMEOUT, WORKER_FAILURE } from './limits.js';
export type { ClientOptions, SyncCallOptions, SyncRetryOptions } from './options.js';
