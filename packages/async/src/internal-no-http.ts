/**
 * `@s2gos/async/internal/no-http`: the part of `@s2gos/async/internal` that loads no HTTP
 * machinery — errors, options, the operation table, job waits, paging. The sync client's calling
 * thread, which sends every request through its worker, imports this: importing ky initialises
 * Node's fetch, a cost that thread would pay for nothing. Not covered by semver.
 *
 * @packageDocumentation
 */

export { ConfigError } from '@s2gos/config';
export {
  JobStatusSchema,
  ModelValidationError,
  ProcessRequestSchema,
  parseModel,
  safeParseModel,
} from '@s2gos/models';
export { DEFAULT_MAX_RESPONSE_SIZE } from './body-limit.js';
export {
  ClientError,
  type ClientErrorData,
  ClientException,
  clientError,
  type ErrorKind,
  ErrorType,
  isClientError,
  isTransportError,
  rebuildError,
  type SerializedError,
  serializeError,
  TransportError,
} from './errors.js';
export {
  createJobWait,
  createJobWaitPolicy,
  type JobOutcome,
  type JobPoll,
  type JobWait,
  type JobWaitPolicy,
  type JobWaitStep,
  requestOptions,
} from './jobs.js';
export { arity, type OperationSpec, operationNames, operations } from './operations.js';
export {
  type ConfigResolver,
  closedError,
  invalidArgument,
  type NormalisedClientOptions,
  normaliseClientOptions,
  normaliseTimeout,
  omitUndefined,
  redactedConfig,
} from './options.js';
export { createPager, type Page, type Pager } from './paging.js';
