/**
 * The operations of the service, each described once, as an entry of {@link operations}: the
 * argument and result types of both clients are derived from it. Defaults keep an entry short:
 * `GET`, status 200, retried by the client's policy, path parameters read from the template.
 */
import {
  CapabilitiesSchema,
  ConformanceDeclarationSchema,
  checkProcessRequestInput,
  JobInfoSchema,
  JobListSchema,
  JobResultsSchema,
  type ModelIssue,
  type ModelSchema,
  ProcessDescriptionSchema,
  ProcessListSchema,
  type ProcessRequestInput,
  ProcessRequestSchema,
  type parseModel,
} from '@s2gos/models';

/** How one operation is performed; every member but `path` and `schema` has a default. */
export interface OperationSpec {
  /** Path template relative to the server URL's base path; `{name}` marks a path parameter. */
  readonly path: string;
  /** Schema of the 2xx document (its name, for messages, is the schema's without `Schema`). */
  readonly schema: ModelSchema;
  /** Name of the document in messages. */
  readonly document: string;
  /** HTTP method (default `GET`). */
  readonly method?: 'GET' | 'POST' | 'DELETE';
  /**
   * Schema of the JSON body that follows the path parameters in the arguments: it gives the
   * argument its type (the body is not validated here; the server judges requests).
   */
  readonly body?: ModelSchema;
  /**
   * The problems that keep a body from being sent (unknown members, say); checked before any
   * request, each issue's message quoted in the `invalidArgument` error.
   */
  readonly checkBody?: (body: unknown) => readonly ModelIssue[];
  /** 2xx statuses that carry the document (default `[200]`); any other 2xx is an invalid response. */
  readonly successStatuses?: readonly number[];
  /** Whether the client's retry policy applies (default: for `GET`); otherwise only when a call asks. */
  readonly retryable?: boolean;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Whether an empty 2xx body with a `Location` header is followed with a GET. */
  readonly followLocation?: boolean;
}

const op = <const S extends OperationSpec>(spec: S) => spec;
const job = { path: 'jobs/{jobId}', schema: JobInfoSchema, document: 'JobInfo' } as const;

/** The operation table. An entry here, and a typed method on `AsyncClient`, make an operation. */
export const operations = {
  getCapabilities: op({ path: '', schema: CapabilitiesSchema, document: 'Capabilities' }),
  getConformance: op({
    path: 'conformance',
    schema: ConformanceDeclarationSchema,
    document: 'ConformanceDeclaration',
  }),
  getProcesses: op({ path: 'processes', schema: ProcessListSchema, document: 'ProcessList' }),
  getProcess: op({
    path: 'processes/{processID}',
    schema: ProcessDescriptionSchema,
    document: 'ProcessDescription',
  }),
  executeProcess: op({
    method: 'POST',
    path: 'processes/{processID}/execution',
    body: ProcessRequestSchema,
    checkBody: checkProcessRequestInput,
    schema: JobInfoSchema,
    document: 'JobInfo',
    successStatuses: [200, 201, 202],
    headers: { prefer: 'respond-async' },
    followLocation: true,
  }),
  getJobs: op({ path: 'jobs', schema: JobListSchema, document: 'JobList' }),
  getJob: op(job),
  dismissJob: op({ ...job, method: 'DELETE' }),
  getJobResults: op({
    path: 'jobs/{jobId}/results',
    schema: JobResultsSchema,
    document: 'JobResults',
  }),
} as const;

/** Name of an operation: `'getCapabilities' | ... | 'getJobResults'`. */
export type OperationName = keyof typeof operations;

type PathParams<P extends string> = P extends `${string}{${string}}${infer Rest}`
  ? [string, ...PathParams<Rest>]
  : [];

type Document<S extends ModelSchema> = ReturnType<typeof parseModel<S>>;

// Requests are sent as `ProcessRequestInput`: only the members a request has.
type BodyOf<S> = S extends { body: typeof ProcessRequestSchema }
  ? [request: ProcessRequestInput]
  : S extends { body: infer B extends ModelSchema }
    ? [request: Document<B>]
    : [];

/** Positional arguments of an operation: its path parameters, then the request body if any. */
export type OperationArgs<N extends OperationName> = [
  ...PathParams<(typeof operations)[N]['path']>,
  ...BodyOf<(typeof operations)[N]>,
];

/** The validated document an operation resolves to. */
export type OperationResult<N extends OperationName> = Document<(typeof operations)[N]['schema']>;

/** The operation names, in table order. */
export const operationNames = Object.keys(operations) as OperationName[];

/** Names of the path parameters of a template, in order: `jobs/{jobId}` → `['jobId']`. */
export function pathParams(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
}

/** The number of positional arguments of an operation. */
export function arity(name: OperationName): number {
  const spec: OperationSpec = operations[name];
  return pathParams(spec.path).length + (spec.body ? 1 : 0);
}
