/**
 * Structurally wrong documents are rejected, and the error names each failing path, what was
 * expected there and what was received.
 */
import { describe, expect, it } from 'vitest';
import {
  ApiErrorSchema,
  BboxSchema,
  CapabilitiesSchema,
  ConformanceDeclarationSchema,
  InputDescriptionSchema,
  JobInfoSchema,
  JobListSchema,
  JobResultsSchema,
  type ModelSchema,
  ModelValidationError,
  ProcessDescriptionSchema,
  ProcessRequestSchema,
  parseModel,
  SubscriberSchema,
  safeParseModel,
} from '../src/index.js';

const STATUSES = '"accepted" | "running" | "successful" | "failed" | "dismissed"';

function messageOf(schema: ModelSchema, input: unknown): string {
  try {
    parseModel(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelValidationError);
    return (error as ModelValidationError).message;
  }
  throw new Error('the document was accepted');
}

const job = (status: string) => ({ jobID: `job-${status}`, status });

describe('rejected documents', () => {
  it.each([
    [
      'a job status that is not one of the five',
      JobListSchema,
      { jobs: [job('running'), job('accepted'), job('failed'), job('succeeded')], links: [] },
      `jobs[3].status: expected ${STATUSES}, got "succeeded"`,
    ],
    [
      'a job list of bare job IDs',
      JobListSchema,
      { jobs: ['job-1'], links: [] },
      'jobs[0]: expected Object, got "job-1"',
    ],
    ['a bare list of jobs', JobListSchema, [job('running')], 'expected Object, got Array'],
    [
      'a job without jobID',
      JobInfoSchema,
      { status: 'running' },
      'jobID: expected string, got undefined',
    ],
    [
      'a job without status',
      JobInfoSchema,
      { jobID: 'a' },
      `status: expected ${STATUSES}, got undefined`,
    ],
    [
      'an unknown job type',
      JobInfoSchema,
      { ...job('running'), type: 'wps' },
      'type: expected "process", got "wps"',
    ],
    [
      'a textual progress',
      JobInfoSchema,
      { ...job('running'), progress: '50%' },
      'progress: expected number, got "50%"',
    ],
    [
      'a traceback of numbers',
      JobInfoSchema,
      { ...job('failed'), 'x-traceback': [1] },
      '["x-traceback"][0]: expected string, got 1',
    ],
    [
      'links as an object',
      JobInfoSchema,
      { ...job('running'), links: { href: 'x' } },
      'links: expected Array, got Object',
    ],
    [
      'pre-1.0 inputs as a list',
      ProcessDescriptionSchema,
      { id: 'echo', version: '1', inputs: [{ id: 'x', schema: {} }] },
      'inputs: expected Object, got Array',
    ],
    [
      'a process without version',
      ProcessDescriptionSchema,
      { id: 'echo' },
      'version: expected string, got undefined',
    ],
    [
      'an unknown job control option',
      ProcessDescriptionSchema,
      { id: 'echo', version: '1', jobControlOptions: ['async'] },
      'jobControlOptions[0]: expected "sync-execute" | "async-execute" | "dismiss", got "async"',
    ],
    [
      'an input without schema',
      ProcessDescriptionSchema,
      { id: 'echo', version: '1', inputs: { 'my input': { title: 'x' } } },
      'inputs["my input"].schema: expected Object, got undefined',
    ],
    [
      'a wrong keyword deep in a schema',
      ProcessDescriptionSchema,
      {
        id: 'echo',
        version: '1',
        outputs: { out: { schema: { properties: { a: { items: [{ minimum: 'zero' }] } } } } },
      },
      'outputs.out.schema.properties.a.items[0].minimum: expected number, got "zero"',
    ],
    [
      'a nested schema that is neither object nor boolean',
      InputDescriptionSchema,
      { schema: { additionalProperties: 'yes' } },
      'schema.additionalProperties: expected Object | boolean, got "yes"',
    ],
    [
      'a fractional maxOccurs',
      InputDescriptionSchema,
      { schema: {}, maxOccurs: 1.5 },
      'maxOccurs: expected integer, got 1.5',
    ],
    [
      'a textual maxOccurs other than unbounded',
      InputDescriptionSchema,
      { schema: {}, maxOccurs: 'many' },
      'maxOccurs: expected number | "unbounded", got "many"',
    ],
    [
      'a bounding box of 5 numbers',
      BboxSchema,
      { bbox: [1, 2, 3, 4, 5] },
      'bbox: expected 4 or 6 numbers, got 5 numbers',
    ],
    [
      'an execute request with inputs as a list',
      ProcessRequestSchema,
      { inputs: [{ id: 'a', value: 1 }] },
      'inputs: expected Object, got Array',
    ],
    [
      'an unknown transmission mode',
      ProcessRequestSchema,
      { outputs: { result: { transmissionMode: 'ref' } } },
      'outputs.result.transmissionMode: expected "value" | "reference", got "ref"',
    ],
    [
      'a subscriber with only the YAML typo successUrl',
      SubscriberSchema,
      { successUrl: 'http://127.0.0.1/ok' },
      'successUri: expected string, got undefined',
    ],
    ['results as a list', JobResultsSchema, [{ value: 1 }], 'expected Object, got Array'],
    [
      'an error with a textual status',
      ApiErrorSchema,
      { status: '404' },
      'status: expected number, got "404"',
    ],
    ['an HTML page', CapabilitiesSchema, '<html></html>', 'expected Object, got "<html></html>"'],
    [
      'a landing page without links',
      CapabilitiesSchema,
      { title: 'x' },
      'links: expected Array, got undefined',
    ],
    [
      'conformance as a list',
      ConformanceDeclarationSchema,
      { conformsTo: 'core' },
      'conformsTo: expected Array, got "core"',
    ],
  ] as const)('rejects %s', (_, schema, input, message) => {
    expect(messageOf(schema, input)).toBe(message);
  });
});

describe('ModelValidationError', () => {
  it('lists every issue, one per line, and exposes them as data', () => {
    const result = safeParseModel(JobInfoSchema, { jobID: 7, status: 'done', progress: null });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues).toEqual([
      {
        path: 'jobID',
        expected: 'string',
        received: '7',
        message: 'jobID: expected string, got 7',
      },
      {
        path: 'status',
        expected: STATUSES,
        received: '"done"',
        message: `status: expected ${STATUSES}, got "done"`,
      },
    ]);
    expect(result.error).toBeInstanceOf(Error);
    expect(result.error.name).toBe('ModelValidationError');
    expect(result.error.issues).toBe(result.issues);
    expect(result.error.message).toBe(
      `jobID: expected string, got 7\nstatus: expected ${STATUSES}, got "done"`,
    );
  });

  it('uses the empty path for the document itself', () => {
    const result = safeParseModel(JobInfoSchema, null);
    expect(result.success ? [] : result.issues).toEqual([
      { path: '', expected: 'Object', received: 'null', message: 'expected Object, got null' },
    ]);
  });

  it('keeps the message short for many issues but keeps all issues', () => {
    const jobs = Array.from({ length: 25 }, (_, index) => ({ jobID: `j${index}`, status: 'done' }));
    const result = safeParseModel(JobListSchema, { jobs });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues).toHaveLength(25);
    const lines = result.error.message.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('... and 5 more issues');
  });

  it('returns the typed output on success', () => {
    const result = safeParseModel(JobInfoSchema, { jobID: 'a', status: 'running' });
    expect(result).toEqual({
      success: true,
      output: { jobID: 'a', status: 'running', type: 'process' },
    });
  });
});
