/**
 * @packageDocumentation
 * Valibot schemas and inferred types of every OGC API - Processes 1.0 document the S2GOS service
 * exchanges, with the parse helpers that turn a mismatch into a path-precise error.
 */

// Sorted by module name (the README's API section groups them by document).
export { type ModelIssue, ModelValidationError } from './errors.js';
export {
  type InputsJsonSchemaOptions,
  inputsJsonSchema,
  type JsonSchema,
  type JsonSchemaTypeName,
  type JsonValue,
  outputsJsonSchema,
  type ToJsonSchemaOptions,
  toJsonSchema,
} from './json-schema.js';
export {
  type ModelSchema,
  parseModel,
  type SafeParseModelResult,
  safeParseModel,
} from './parse.js';
export {
  assertProcessRequestInput,
  checkProcessRequestInput,
  PROCESS_REQUEST_MEMBERS,
  type ProcessRequestInput,
} from './process-request-input.js';
export {
  type AdditionalParameter,
  AdditionalParameterSchema,
} from './schemas/additional-parameter.js';
export {
  type AdditionalParameters,
  AdditionalParametersSchema,
} from './schemas/additional-parameters.js';
export { type ApiError, ApiErrorSchema } from './schemas/api-error.js';
export { type Bbox, BboxSchema } from './schemas/bbox.js';
export { type Capabilities, CapabilitiesSchema } from './schemas/capabilities.js';
export {
  type ConformanceDeclaration,
  ConformanceDeclarationSchema,
} from './schemas/conformance-declaration.js';
export { type CRS, CRSSchema } from './schemas/crs.js';
export { type DataType, DataTypeSchema } from './schemas/data-type.js';
export { type DescriptionType, DescriptionTypeSchema } from './schemas/description-type.js';
export { type Format, FormatSchema } from './schemas/format.js';
export { type InlineOrRefValue, InlineOrRefValueSchema } from './schemas/inline-or-ref-value.js';
export { type InlineValue, InlineValueSchema } from './schemas/inline-value.js';
export { type InputDescription, InputDescriptionSchema } from './schemas/input-description.js';
export { type JobControlOptions, JobControlOptionsSchema } from './schemas/job-control-options.js';
export { type JobInfo, JobInfoSchema } from './schemas/job-info.js';
export { type JobList, JobListSchema } from './schemas/job-list.js';
export { type JobResults, JobResultsSchema } from './schemas/job-results.js';
export { type JobStatus, JobStatusSchema } from './schemas/job-status.js';
export { type JobType, JobTypeSchema } from './schemas/job-type.js';
export { type Link, LinkSchema } from './schemas/link.js';
export { type MaxOccurs, MaxOccursSchema } from './schemas/max-occurs.js';
export { type Metadata, MetadataSchema } from './schemas/metadata.js';
export { type Output, OutputSchema } from './schemas/output.js';
export { type OutputDescription, OutputDescriptionSchema } from './schemas/output-description.js';
export {
  type ProcessDescription,
  ProcessDescriptionSchema,
} from './schemas/process-description.js';
export { type ProcessList, ProcessListSchema } from './schemas/process-list.js';
export { type ProcessRequest, ProcessRequestSchema } from './schemas/process-request.js';
export { type ProcessSummary, ProcessSummarySchema } from './schemas/process-summary.js';
export { type QualifiedValue, QualifiedValueSchema } from './schemas/qualified-value.js';
export { type ResponseType, ResponseTypeSchema } from './schemas/response-type.js';
export { type Schema, SchemaSchema } from './schemas/schema.js';
export { type Subscriber, SubscriberSchema } from './schemas/subscriber.js';
export { type TransmissionMode, TransmissionModeSchema } from './schemas/transmission-mode.js';
