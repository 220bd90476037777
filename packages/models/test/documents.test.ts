/**
 * Documents as real servers send them parse; the leniency rules of the README hold one by one.
 */
import { describe, expect, it } from 'vitest';
import {
  ApiErrorSchema,
  BboxSchema,
  CapabilitiesSchema,
  InlineOrRefValueSchema,
  JobInfoSchema,
  JobListSchema,
  JobResultsSchema,
  LinkSchema,
  ProcessDescriptionSchema,
  ProcessListSchema,
  ProcessRequestSchema,
  parseModel,
  SchemaSchema,
  SubscriberSchema,
} from '../src/index.js';

// The echo process of the OGC repository's example process description (abridged).
const ogcEchoProcess = {
  id: 'EchoProcess',
  title: 'Echo Process',
  description:
    'This process accepts and number of input and simple echoes each input as an output.',
  version: '1.0.0',
  jobControlOptions: ['async-execute', 'sync-execute'],
  outputTransmission: ['value', 'reference'],
  inputs: {
    stringInput: {
      title: 'String Literal Input Example',
      schema: { type: 'string', enum: ['Value1', 'Value2', 'Value3'] },
    },
    measureInput: {
      schema: {
        type: 'object',
        required: ['measurement', 'uom'],
        properties: {
          measurement: { type: 'number' },
          uom: { type: 'string' },
          reference: { type: 'string', format: 'uri' },
        },
      },
    },
    doubleInput: {
      schema: {
        type: 'number',
        format: 'double',
        minimum: 0,
        maximum: 10,
        default: 5,
        exclusiveMaximum: true,
      },
    },
    arrayInput: {
      schema: { type: 'array', minItems: 2, maxItems: 10, items: { type: 'integer' } },
    },
    geometryInput: {
      minOccurs: 2,
      maxOccurs: 5,
      schema: {
        oneOf: [
          {
            type: 'string',
            contentMediaType: 'application/gml+xml; version=3.2',
            contentSchema: 'http://schemas.opengis.net/gml/3.2.1/geometryBasic2d.xsd',
          },
          {
            allOf: [
              { format: 'geojson-geometry' },
              {
                $ref: 'http://schemas.opengis.net/ogcapi/features/part1/1.0/openapi/schemas/geometryGeoJSON.yaml',
              },
            ],
          },
        ],
      },
    },
    boundingBoxInput: {
      schema: { allOf: [{ format: 'ogc-bbox' }, { $ref: '../../openapi/schemas/bbox.yaml' }] },
    },
    imagesInput: {
      minOccurs: 1,
      maxOccurs: 'unbounded',
      schema: {
        type: 'string',
        contentEncoding: 'binary',
        contentMediaType: 'image/tiff; application=geotiff',
      },
    },
  },
  outputs: {
    stringOutput: { schema: { type: 'string', enum: ['Value1', 'Value2', 'Value3'] } },
    complexObjectOutput: {
      schema: {
        type: 'object',
        properties: { property1: { type: 'string' }, property5: { type: 'boolean' } },
        additionalProperties: false,
      },
    },
  },
  links: [
    {
      href: 'https://processing.example.org/oapi-p/processes/EchoProcess/execution',
      rel: 'http://www.opengis.net/def/rel/ogc/1.0/execute',
      title: 'Execute endpoint',
    },
  ],
};

// pygeoapi's hello-world process: `metadata: null`, extra `example` member.
const pygeoapiHelloWorld = {
  version: '0.2.0',
  id: 'hello-world',
  title: 'Hello World',
  description: 'An example process that takes a name as input, and echoes it back as output.',
  jobControlOptions: ['sync-execute', 'async-execute'],
  keywords: ['hello world', 'example', 'echo'],
  links: [
    {
      type: 'text/html',
      rel: 'about',
      title: 'information',
      href: 'https://example.org/process',
      hreflang: 'en-US',
    },
  ],
  inputs: {
    name: {
      title: 'Name',
      schema: { type: 'string' },
      minOccurs: 1,
      maxOccurs: 1,
      metadata: null,
      keywords: ['full name', 'personal'],
    },
  },
  outputs: {
    echo: {
      title: 'Hello, world',
      schema: { type: 'object', contentMediaType: 'application/json' },
    },
  },
  example: { inputs: { name: 'World' } },
  outputTransmission: ['value'],
};

describe('documents from real servers', () => {
  it('parses the OGC example process description unchanged', () => {
    expect(parseModel(ProcessDescriptionSchema, ogcEchoProcess)).toEqual(ogcEchoProcess);
  });

  it('parses a pygeoapi process description', () => {
    const description = parseModel(ProcessDescriptionSchema, pygeoapiHelloWorld);
    expect(description.inputs?.name?.metadata).toBeUndefined();
    expect(description.example).toEqual({ inputs: { name: 'World' } });
  });

  it('parses a process list with ZOO-Project style extras', () => {
    const list = {
      processes: [{ id: 'echo', version: '2.0.0', title: 'Echo' }],
      links: [],
      numberTotal: 1,
    };
    expect(parseModel(ProcessListSchema, list)).toEqual(list);
  });

  it('parses a pygeoapi job with extra and null members', () => {
    const job = {
      type: 'process',
      processID: 'hello-world',
      jobID: '5b4c6c9e-1b5a-11ee-b1b5-0242ac120002',
      status: 'successful',
      message: 'Job complete',
      progress: 100,
      parameters: null,
      job_start_datetime: '2023-07-05T09:00:00.000000Z',
      created: null,
      links: [
        {
          href: 'https://example.org/jobs/5b4c/results?f=json',
          rel: 'http://www.opengis.net/def/rel/ogc/1.0/results',
          type: 'application/json',
          title: null,
        },
      ],
    };
    const parsed = parseModel(JobInfoSchema, job);
    expect(parsed.parameters).toBeNull();
    expect(parsed.job_start_datetime).toBe('2023-07-05T09:00:00.000000Z');
    expect('created' in parsed).toBe(false);
    expect(parsed.links?.[0]).toEqual({
      href: 'https://example.org/jobs/5b4c/results?f=json',
      rel: 'http://www.opengis.net/def/rel/ogc/1.0/results',
      type: 'application/json',
    });
  });

  it('parses a Weaver job list with paging members', () => {
    const list = {
      jobs: [
        {
          jobID: 'a',
          processID: 'echo',
          providerID: null,
          status: 'running',
          progress: 42.5,
          duration: '00:00:10',
          percentCompleted: 42,
        },
      ],
      count: 1,
      page: 0,
      total: 1,
      links: [{ href: 'https://weaver.example.org/jobs', rel: 'self' }],
    };
    const parsed = parseModel(JobListSchema, list);
    expect(parsed.jobs[0]).toEqual({ ...list.jobs[0], type: 'process' });
    expect(parsed.total).toBe(1);
  });

  it('parses a landing page with extra link members', () => {
    const page = {
      title: 'S2GOS',
      links: [
        { href: 'http://127.0.0.1:8008/', rel: 'self', 'x-options': { method: 'GET' }, length: 10 },
      ],
    };
    expect(parseModel(CapabilitiesSchema, page)).toEqual(page);
  });

  it('parses results holding links, qualified values, lists and bounding boxes', () => {
    const results = {
      link: { href: 'http://127.0.0.1:8008/jobs/1/results/link', type: 'image/tiff' },
      qualified: { value: { a: 1 }, mediaType: 'application/json' },
      number: 42,
      list: [1, 2, 3],
      nothing: null,
      bbox: { bbox: [5, 50, 6, 51], crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' },
    };
    expect(parseModel(JobResultsSchema, results)).toEqual(results);
  });

  it('parses an execute request with list inputs, a subscriber and outputs', () => {
    const request = {
      inputs: {
        duration: 2,
        images: [{ href: 'http://127.0.0.1/a.tif' }, { value: 'abc', mediaType: 'text/plain' }],
        area: { bbox: [5, 50, 6, 51] },
      },
      outputs: { result: { transmissionMode: 'reference', format: { mediaType: 'image/tiff' } } },
      response: 'document',
      subscriber: {
        successUri: 'http://127.0.0.1:9000/done',
        failedUri: 'http://127.0.0.1:9000/failed',
      },
    };
    expect(parseModel(ProcessRequestSchema, request)).toEqual(request);
  });
});

describe('leniency rules', () => {
  it('preserves extra members at every level', () => {
    const description = { ...pygeoapiHelloWorld, 'x-custom': { deep: [1] } };
    const parsed = parseModel(ProcessDescriptionSchema, description);
    expect(parsed['x-custom']).toEqual({ deep: [1] });
    expect(parsed.inputs?.name?.schema).toEqual({ type: 'string' });
    const schema = parseModel(SchemaSchema, { type: 'string', 'x-ui': 'slider', $comment: 'kept' });
    expect(schema).toEqual({ type: 'string', 'x-ui': 'slider', $comment: 'kept' });
  });

  it('reads null for an optional member as absent and leaves it out', () => {
    const job = parseModel(JobInfoSchema, {
      jobID: 'a',
      status: 'accepted',
      message: null,
      links: null,
    });
    expect(job).toEqual({ jobID: 'a', status: 'accepted', type: 'process' });
    expect(Object.keys(job)).not.toContain('message');
    const link = parseModel(LinkSchema, { href: 'x', rel: null, hreflang: null });
    expect(link).toEqual({ href: 'x' });
  });

  it('does not accept null for a required member', () => {
    expect(() => parseModel(JobInfoSchema, { jobID: null, status: 'running' })).toThrow(
      'jobID: expected string, got null',
    );
  });

  it('makes a job without type (or with type null) a process job', () => {
    expect(parseModel(JobInfoSchema, { jobID: 'a', status: 'running' }).type).toBe('process');
    expect(parseModel(JobInfoSchema, { jobID: 'a', status: 'running', type: null }).type).toBe(
      'process',
    );
  });

  it.each([
    ['traceback as a list', { traceback: ['line 1\n', 'line 2\n'] }, ['line 1\n', 'line 2\n']],
    ['traceback as a string', { traceback: 'line 1\nline 2\n' }, ['line 1\nline 2\n']],
    ['x-traceback as a list', { 'x-traceback': ['a', 'b'] }, ['a', 'b']],
    ['x-traceback as a string', { 'x-traceback': 'a\nb' }, ['a\nb']],
    ['both (traceback wins)', { traceback: ['mine'], 'x-traceback': 'other' }, ['mine']],
    ['traceback null', { traceback: null }, undefined],
  ])('normalises the traceback of a job and an error: %s', (_, members, expected) => {
    const job = parseModel(JobInfoSchema, { jobID: 'a', status: 'failed', ...members });
    const error = parseModel(ApiErrorSchema, { type: 'about:blank', ...members });
    expect(job.traceback).toEqual(expected);
    expect(error.traceback).toEqual(expected);
    if ('x-traceback' in members) expect(job['x-traceback']).toEqual(members['x-traceback']);
  });

  it("fills a missing ApiError type with 'about:blank' (RFC 9457)", () => {
    expect(parseModel(ApiErrorSchema, { title: 'Not Found', status: 404 })).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
    });
    expect(parseModel(ApiErrorSchema, { type: null }).type).toBe('about:blank');
    // pygeoapi's OGC API - Common exception: only extras.
    const pygeoapi = parseModel(ApiErrorSchema, {
      code: 'NoSuchProcess',
      description: 'identifier not found',
    });
    expect(pygeoapi).toEqual({
      type: 'about:blank',
      code: 'NoSuchProcess',
      description: 'identifier not found',
    });
  });

  it('accepts a fractional progress and timestamps that are not ISO 8601', () => {
    const job = parseModel(JobInfoSchema, {
      jobID: 'a',
      status: 'running',
      progress: 33.3,
      created: 'yesterday',
    });
    expect(job.progress).toBe(33.3);
    expect(job.created).toBe('yesterday');
  });

  it('accepts job and process lists without links', () => {
    expect(parseModel(JobListSchema, { jobs: [] })).toEqual({ jobs: [] });
    expect(parseModel(ProcessListSchema, { processes: [] })).toEqual({ processes: [] });
  });

  it('accepts a subscriber with successUri (the YAML typo successUrl is not required)', () => {
    expect(parseModel(SubscriberSchema, { successUri: 'http://127.0.0.1/ok' })).toEqual({
      successUri: 'http://127.0.0.1/ok',
    });
  });

  it('accepts boolean schemas, JSON Schema 2019 forms and $ref-only schemas', () => {
    const schema = {
      type: ['string', 'null'],
      exclusiveMinimum: 5,
      items: [true, { type: 'integer' }],
      properties: { a: true, b: { $ref: '#/$defs/b' } },
      additionalProperties: false,
      not: { type: 'null' },
      contentSchema: { type: 'object' },
      $defs: { b: { type: 'number' } },
    };
    expect(parseModel(SchemaSchema, schema)).toEqual(schema);
  });

  it('accepts 3D bounding boxes and CRS URIs other than CRS84', () => {
    const bbox = {
      bbox: [5, 50, 0, 6, 51, 100],
      crs: 'http://www.opengis.net/def/crs/EPSG/0/4326',
    };
    expect(parseModel(BboxSchema, bbox)).toEqual(bbox);
  });

  it('tries a value as a link first, then as a qualified value, then as an inline value', () => {
    // Each alternative normalises its own optional members, which shows which one was taken.
    expect(parseModel(InlineOrRefValueSchema, { href: 'x', title: null, value: 1 })).toEqual({
      href: 'x',
      value: 1,
    });
    expect(parseModel(InlineOrRefValueSchema, { value: 1, mediaType: null })).toEqual({ value: 1 });
    expect(parseModel(InlineOrRefValueSchema, { other: null })).toEqual({ other: null });
    expect(parseModel(InlineOrRefValueSchema, 'text')).toBe('text');
  });
});

describe('output and input objects', () => {
  it('never modifies the input document', () => {
    const job = {
      jobID: 'a',
      status: 'failed',
      message: null,
      'x-traceback': 'boom',
      links: [{ href: 'x', title: null }],
    };
    const copy = structuredClone(job);
    parseModel(JobInfoSchema, job);
    expect(job).toEqual(copy);
  });

  it('returns the input objects themselves where nothing needed normalising', () => {
    const list = { jobs: [{ jobID: 'a', status: 'running', type: 'process' }], links: [] };
    const parsed = parseModel(JobListSchema, list);
    expect(parsed).toBe(list);
    expect(parsed.jobs[0]).toBe(list.jobs[0]);
  });
});

it('copies an own __proto__ member as data, without changing the prototype', () => {
  const job = JSON.parse('{"jobID":"a","status":"running","__proto__":{"polluted":true}}');
  const parsed = parseModel(JobInfoSchema, job);
  expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  expect((parsed as Record<string, unknown>).polluted).toBeUndefined();
});
