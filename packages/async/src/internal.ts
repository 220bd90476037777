/**
 * `@s2gos/async/internal`: what the sibling packages (`@s2gos/sync`, `@s2gos/cli`) share with
 * this one. Not covered by semver: it changes with the packages that use it, in any release.
 *
 * @packageDocumentation
 */

export {
  JobStatusSchema,
  ModelValidationError,
  ProcessRequestSchema,
  parseModel,
  safeParseModel,
} from '@s2gos/models';
export {
  AuthError,
  type AuthFailure,
  type Credentials,
  type CredentialsOptions,
  createCredentials,
  describeFailure,
  type TokenSource,
} from './auth/index.js';
export { AsyncClientBase, type Platform, redactedConfig } from './client.js';
export { authFailed } from './credentials.js';
export {
  type ClientErrorData,
  clientError,
  type ErrorKind,
  ErrorType,
  rebuildError,
  type SerializedError,
  serializeError,
} from './errors.js';
export { parseRetryAfter, retryPolicy } from './http.js';
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
export { nodePlatform } from './node-platform.js';
export { arity, type OperationSpec, operationNames, operations } from './operations.js';
export {
  type ConfigResolver,
  closedError,
  invalidArgument,
  type NormalisedClientOptions,
  normaliseClientOptions,
  normaliseTimeout,
  omitUndefined,
} from './options.js';
export { createPager, type Page, type Pager } from './paging.js';
