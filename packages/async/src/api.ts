/**
 * The public surface shared by the Node entry (`index.ts`) and the browser entry
 * (`browser.ts`); each adds `AsyncClient` with its platform's config resolver.
 */

export type { ClientConfig, ResolvedConfig } from '@s2gos/config';
export { ConfigError } from '@s2gos/config';
export type {
  AdditionalParameter,
  AdditionalParameters,
  ApiError,
  Bbox,
  Capabilities,
  ConformanceDeclaration,
  CRS,
  DescriptionType,
  Format,
  InlineOrRefValue,
  InlineValue,
  InputDescription,
  JobControlOptions,
  JobInfo,
  JobList,
  JobResults,
  JobStatus,
  JobType,
  Link,
  MaxOccurs,
  Metadata,
  Output,
  OutputDescription,
  ProcessDescription,
  ProcessList,
  ProcessRequest,
  ProcessSummary,
  QualifiedValue,
  ResponseType,
  Schema,
  Subscriber,
  TransmissionMode,
} from '@s2gos/models';
/**
 * The few model schemas and parsers that dependants of this package use directly (the CLI takes
 * the job statuses and the request check from here), so that they need no direct dependency on `@s2gos/models`.
 */
export {
  JobStatusSchema,
  type ModelIssue,
  ModelValidationError,
  ProcessRequestSchema,
  parseModel,
  type SafeParseModelResult,
  safeParseModel,
} from '@s2gos/models';
export type { AsyncClientOptions, ConfigResolver, Platform } from './client.js';
export { AsyncClientBase } from './client.js';
export {
  ClientError,
  type ClientErrorData,
  type ClientErrorDetails,
  ClientException,
  clientErrorFromJSON,
  closedError,
  ErrorType,
  invalidArgument,
  TransportError,
} from './errors.js';
export {
  createJobWait,
  createJobWaitPolicy,
  DEFAULT_JOB_WAIT,
  type JobOutcome,
  type JobPoll,
  type JobWait,
  type JobWaitOptions,
  type JobWaitPolicy,
  type JobWaitPolicyOptions,
  type JobWaitStep,
} from './job-policy.js';
export type { ExecuteAndWaitOptions, JobCalls, JobRun, WaitForJobOptions } from './jobs.js';
export {
  type CallOptions,
  type JobListQuery,
  type OperationArgs,
  type OperationName,
  type OperationResult,
  type OperationSignatures,
  type OperationSpec,
  operationNames,
  operations,
} from './operations.js';
export { DEFAULT_RETRY, type NormalisedRetry, type RetryOptions } from './retry.js';
export { DEFAULT_TIMEOUT, type FetchFunction, type HeadersOption } from './transport.js';
export type { SearchParams } from './url.js';
