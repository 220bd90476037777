/**
 * Documents as other OGC API - Processes servers send them (pygeoapi, ZOO-Project, 52°North
 * javaPS, CRIM Weaver, GeoServer), recorded under `fixtures/servers/`: `valid/<document>/` must
 * parse, `invalid/<document>/` must be rejected. The folder name picks the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ApiErrorSchema,
  CapabilitiesSchema,
  ConformanceDeclarationSchema,
  JobInfoSchema,
  JobListSchema,
  JobResultsSchema,
  type ModelSchema,
  ModelValidationError,
  ProcessDescriptionSchema,
  ProcessListSchema,
  ProcessRequestSchema,
  parseModel,
  safeParseModel,
} from '../src/index.js';

const schemas: Record<string, ModelSchema> = {
  'api-error': ApiErrorSchema,
  capabilities: CapabilitiesSchema,
  'conformance-declaration': ConformanceDeclarationSchema,
  'job-info': JobInfoSchema,
  'job-list': JobListSchema,
  'job-results': JobResultsSchema,
  'process-description': ProcessDescriptionSchema,
  'process-list': ProcessListSchema,
  'process-request': ProcessRequestSchema,
};

const root = join(import.meta.dirname, 'fixtures', 'servers');

function fixtures(kind: 'valid' | 'invalid'): [string, ModelSchema, unknown][] {
  return readdirSync(join(root, kind)).flatMap((document) => {
    const schema = schemas[document];
    if (!schema) throw new Error(`no schema for fixture folder ${kind}/${document}`);
    return readdirSync(join(root, kind, document)).map((file): [string, ModelSchema, unknown] => [
      `${document}/${file}`,
      schema,
      JSON.parse(readFileSync(join(root, kind, document, file), 'utf8')),
    ]);
  });
}

const valid = fixtures('valid');
const invalid = fixtures('invalid');

describe('documents recorded from other servers', () => {
  it('has fixtures of both kinds for every document folder', () => {
    expect(valid.length).toBeGreaterThanOrEqual(15);
    expect(invalid.length).toBeGreaterThanOrEqual(10);
  });

  it.each(valid)('parses valid/%s', (_name, schema, document) => {
    const result = safeParseModel(schema, document);
    expect(result.success ? [] : result.issues).toEqual([]);
  });

  it.each(invalid)('rejects invalid/%s', (_name, schema, document) => {
    expect(() => parseModel(schema, document)).toThrow(ModelValidationError);
  });
});

describe('what the recorded documents turn into', () => {
  const load = (name: string) =>
    valid.find(([fixture]) => fixture === name)?.[2] ?? expect.unreachable(name);

  it('keeps Weaver status extras (percentCompleted, subscribers, x-…) as sent', () => {
    const job = parseModel(JobInfoSchema, load('job-info/weaver-status.json'));
    expect(job).toMatchObject({
      status: 'successful',
      percentCompleted: 100,
      subscribers: { successUri: 'https://client.example.org/callbacks/done' },
      'x-weaver-tag': ['demo'],
    });
    // Extra members keep their null; only the spec's optional members read null as absent.
    expect(job.providerID).toBeNull();
  });

  it('normalises the ZOO-Project x-traceback string into a one-line traceback', () => {
    const job = parseModel(JobInfoSchema, load('job-info/zoo-project-failed.json'));
    expect(job.traceback).toHaveLength(1);
    expect(job.traceback?.[0]).toContain('KeyError');
    expect(job.progress).toBe(37.5);
  });

  it("gives pygeoapi's {code, description} error the type about:blank", () => {
    const error = parseModel(ApiErrorSchema, load('api-error/pygeoapi.json'));
    expect(error).toEqual({
      type: 'about:blank',
      code: 'NoSuchProcess',
      description: 'identifier not found',
    });
  });

  it('names the failing path of each rejected document', () => {
    const messages = Object.fromEntries(
      invalid.map(([name, schema, document]) => {
        const result = safeParseModel(schema, document);
        return [name, result.success ? '' : result.error.message];
      }),
    );
    expect(messages).toMatchObject({
      'job-list/weaver-ids-only.json': expect.stringContaining('jobs[0]: expected Object, got "'),
      'job-info/status-succeeded.json': expect.stringContaining('status: expected "accepted"'),
      'job-info/no-job-id.json': 'jobID: expected string, got undefined',
      'process-description/inputs-as-list.json':
        'inputs: expected Object, got Array\noutputs: expected Object, got Array',
      'process-description/input-without-schema.json': expect.stringContaining('inputs.a.schema'),
      'process-list/processes-as-map.json': 'processes: expected Array, got Object',
      'process-request/bad-transmission-mode.json': expect.stringContaining(
        'outputs.out.transmissionMode: expected "value" | "reference"',
      ),
      'api-error/list-instead-of-object.json': 'expected Object, got Array',
    });
  });
});
