/** Pins the inferred types of the public schemas. */
import type { JSONSchema7 } from 'json-schema';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApiError,
  type Bbox,
  type InlineOrRefValue,
  type InputDescription,
  inputsJsonSchema,
  type JobInfo,
  JobInfoSchema,
  type JobList,
  type JobResults,
  type JobStatus,
  type JsonSchema,
  type Link,
  type ModelIssue,
  type OutputDescription,
  type ProcessDescription,
  type ProcessRequest,
  type ProcessRequestInput,
  type ProcessSummary,
  parseModel,
  type Schema,
  type Subscriber,
  safeParseModel,
  toJsonSchema,
} from '../src/index.js';

describe('inferred document types', () => {
  it('types JobInfo', () => {
    expectTypeOf<JobStatus>().toEqualTypeOf<
      'accepted' | 'running' | 'successful' | 'failed' | 'dismissed'
    >();
    expectTypeOf<JobInfo['status']>().toEqualTypeOf<JobStatus>();
    expectTypeOf<JobInfo['type']>().toEqualTypeOf<'process'>();
    expectTypeOf<JobInfo>().toHaveProperty('type').not.toBeNullable();
    expectTypeOf<JobInfo['jobID']>().toEqualTypeOf<string>();
    expectTypeOf<JobInfo['traceback']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<JobInfo['x-traceback']>().toEqualTypeOf<string | string[] | undefined>();
    // null reads as absent: optional members are never typed as null.
    expectTypeOf<JobInfo['message']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<JobInfo['progress']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<JobInfo['links']>().toEqualTypeOf<Link[] | undefined>();
    // Extra members are preserved and typed as unknown.
    expectTypeOf<JobInfo['anything']>().toEqualTypeOf<unknown>();
  });

  it('types JobList and JobResults', () => {
    expectTypeOf<JobList['jobs']>().toEqualTypeOf<JobInfo[]>();
    expectTypeOf<JobResults>().toEqualTypeOf<Record<string, InlineOrRefValue>>();
  });

  it('types ApiError', () => {
    expectTypeOf<ApiError['type']>().toEqualTypeOf<string>();
    expectTypeOf<ApiError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ApiError['traceback']>().toEqualTypeOf<string[] | undefined>();
  });

  it('types Link', () => {
    expectTypeOf<Link['href']>().toEqualTypeOf<string>();
    expectTypeOf<Link['rel']>().toEqualTypeOf<string | undefined>();
  });

  it('types process summaries and descriptions', () => {
    expectTypeOf<ProcessSummary['id']>().toEqualTypeOf<string>();
    expectTypeOf<ProcessSummary['jobControlOptions']>().toEqualTypeOf<
      ('sync-execute' | 'async-execute' | 'dismiss')[] | undefined
    >();
    expectTypeOf<ProcessSummary['outputTransmission']>().toEqualTypeOf<
      ('value' | 'reference')[] | undefined
    >();
    expectTypeOf<ProcessDescription['inputs']>().toEqualTypeOf<
      Record<string, InputDescription> | undefined
    >();
    expectTypeOf<ProcessDescription['outputs']>().toEqualTypeOf<
      Record<string, OutputDescription> | undefined
    >();
    expectTypeOf<InputDescription['maxOccurs']>().toEqualTypeOf<number | 'unbounded' | undefined>();
    expectTypeOf<InputDescription['schema']>().toEqualTypeOf<Schema>();
  });

  it('types the recursive JSON Schema', () => {
    expectTypeOf<Schema['properties']>().toEqualTypeOf<
      Record<string, Schema | boolean> | undefined
    >();
    expectTypeOf<Schema['items']>().toEqualTypeOf<
      Schema | boolean | (Schema | boolean)[] | undefined
    >();
    expectTypeOf<Schema['required']>().toEqualTypeOf<string[] | undefined>();
  });

  it('types execute requests and bounding boxes', () => {
    expectTypeOf<ProcessRequest['response']>().toEqualTypeOf<'raw' | 'document' | undefined>();
    expectTypeOf<ProcessRequest['subscriber']>().toEqualTypeOf<Subscriber | undefined>();
    expectTypeOf<Subscriber['successUri']>().toEqualTypeOf<string>();
    expectTypeOf<Bbox['bbox']>().toEqualTypeOf<number[]>();
  });
});

describe('parse helpers', () => {
  it('returns the output type of the schema', () => {
    expectTypeOf(parseModel(JobInfoSchema, {})).toEqualTypeOf<JobInfo>();
    const result = safeParseModel(JobInfoSchema, {});
    if (result.success) expectTypeOf(result.output).toEqualTypeOf<JobInfo>();
    else expectTypeOf(result.issues).toEqualTypeOf<ModelIssue[]>();
  });
});

describe('ProcessRequestInput', () => {
  it('makes unknown top-level members of a request to send a type error', () => {
    const send = (_request: ProcessRequestInput) => undefined;
    send({ inputs: { min_val: 1 }, response: 'document' });
    // @ts-expect-error `input` is not a member of a request (did you mean `inputs`?)
    send({ input: { min_val: 1 } });
    // @ts-expect-error the inputs without their `inputs` wrapper
    send({ min_val: 90, max_val: 100 });
    // @ts-expect-error a wrong response type
    send({ response: 'documnet' });
    expectTypeOf<keyof ProcessRequestInput>().toEqualTypeOf<
      'inputs' | 'outputs' | 'response' | 'subscriber'
    >();
    // Documents read stay lenient.
    expectTypeOf<ProcessRequest>().toMatchTypeOf<ProcessRequestInput>();
  });
});

describe('JsonSchema', () => {
  it('is a JSONSchema7, as @rjsf and ajv take schemas', () => {
    expectTypeOf<JsonSchema>().toMatchTypeOf<JSONSchema7>();
    expectTypeOf(inputsJsonSchema).returns.toMatchTypeOf<JSONSchema7>();
    expectTypeOf(toJsonSchema).returns.toMatchTypeOf<JSONSchema7>();
  });
});
