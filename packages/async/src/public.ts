/**
 * The public surface shared by the Node entry (`index.ts`) and the browser entry (`browser.ts`);
 * each adds `AsyncClient` with its platform's config resolver.
 */

export type { ClientConfig, ResolvedConfig } from '@s2gos/config';
export { ConfigError } from '@s2gos/config';
export type * from '@s2gos/models';
export type { DevicePrompt } from './auth/device.js';
export type { TokenSet } from './auth/token-endpoint.js';
export { DEFAULT_MAX_RESPONSE_SIZE } from './body-limit.js';
export type { JobListQuery } from './client.js';
export type { DownloadedFile, DownloadOptions, DownloadProgress } from './download.js';
export {
  ClientError,
  type ClientErrorData,
  type ClientErrorDetails,
  ClientException,
  ErrorType,
  isClientError,
  isTransportError,
  TransportError,
} from './errors.js';
export {
  DEFAULT_RETRY,
  type FetchFunction,
  type HeadersOption,
  type RetryOptions,
} from './http.js';
export {
  DEFAULT_JOB_WAIT,
  type ExecuteAndWaitOptions,
  type JobRun,
  type JobWaitPolicyOptions,
  type WaitForJobOptions,
} from './jobs.js';
export type { OperationArgs, OperationName, OperationResult } from './operations.js';
export {
  type AsyncClientOptions,
  type CallOptions,
  type ConfigOptions,
  DEFAULT_TIMEOUT,
} from './options.js';
export type { SearchParams } from './url.js';
