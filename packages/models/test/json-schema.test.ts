import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  inputsJsonSchema,
  type JsonSchema,
  outputsJsonSchema,
  type ProcessDescription,
  toJsonSchema,
} from '../src/index.js';

// The validator the converted schemas are made for, with its draft-07 meta-schema check on.
const ajv = new Ajv({ allErrors: true, strict: false, logger: false });

function accepts(schema: JsonSchema, value: unknown): boolean {
  return ajv.validate(schema, value) as boolean;
}

describe('toJsonSchema', () => {
  it('drops null-valued keywords, so the result is a valid draft-07 schema', () => {
    const schema = toJsonSchema({
      type: 'integer',
      title: null,
      examples: null,
      example: 3,
      format: null,
      default: null,
    });
    expect(schema).toEqual({ type: 'integer', default: null });
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('drops list keywords that are not lists', () => {
    expect(toJsonSchema({ type: 'string', examples: 'a', enum: 'a', required: 'x' })).toEqual({
      type: 'string',
    });
  });

  it('adds null to type and enum for nullable', () => {
    expect(toJsonSchema({ type: 'string', enum: ['a'], nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(toJsonSchema({ type: ['string', 'number'], nullable: true })).toEqual({
      type: ['string', 'number', 'null'],
    });
    const combined = toJsonSchema({
      title: 'T',
      oneOf: [{ type: 'string' }, { type: 'number' }],
      nullable: true,
    });
    expect(combined).toEqual({
      title: 'T',
      anyOf: [{ oneOf: [{ type: 'string' }, { type: 'number' }] }, { type: 'null' }],
    });
    expect(accepts(combined, null)).toBe(true);
    expect(accepts(combined, true)).toBe(false);
    expect(toJsonSchema({ type: 'string', nullable: false })).toEqual({ type: 'string' });
  });

  it('turns boolean exclusive bounds into numeric ones', () => {
    expect(
      toJsonSchema({
        type: 'number',
        minimum: 0,
        exclusiveMinimum: true,
        maximum: 1,
        exclusiveMaximum: false,
      }),
    ).toEqual({ type: 'number', exclusiveMinimum: 0, maximum: 1 });
    expect(toJsonSchema({ type: 'number', exclusiveMaximum: 5 })).toEqual({
      type: 'number',
      exclusiveMaximum: 5,
    });
    expect(toJsonSchema({ type: 'number', exclusiveMaximum: true })).toEqual({ type: 'number' });
  });

  it('converts nested schemas: properties, items, combinators, additionalProperties', () => {
    const schema = toJsonSchema({
      type: 'object',
      properties: { n: { type: 'integer', nullable: true, examples: null } },
      additionalProperties: { type: 'integer', nullable: true },
      oneOf: [{ required: ['n'] }, { type: 'object', 'x-hint': 1 }],
      anyOf: [true, { items: [{ type: 'number', exclusiveMaximum: true, maximum: 5 }] }],
      allOf: [{ not: { type: 'string', nullable: true } }],
    });
    expect(schema).toEqual({
      type: 'object',
      properties: { n: { type: ['integer', 'null'] } },
      additionalProperties: { type: ['integer', 'null'] },
      oneOf: [{ required: ['n'] }, { type: 'object' }],
      anyOf: [true, { items: [{ type: 'number', exclusiveMaximum: 5 }] }],
      allOf: [{ not: { type: ['string', 'null'] } }],
    });
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('drops x- extensions and OpenAPI-only annotations, keeps unknown formats and keywords', () => {
    expect(
      toJsonSchema({
        type: 'object',
        format: 'ogc-bbox',
        'x-ogc-role': 'bbox',
        discriminator: { propertyName: 'kind' },
        xml: { name: 'b' },
        externalDocs: { url: 'https://example.org' },
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        contentMediaType: 'application/json',
        readOnly: true,
      }),
    ).toEqual({
      type: 'object',
      format: 'ogc-bbox',
      contentMediaType: 'application/json',
      readOnly: true,
    });
  });

  it('inlines local $refs, keeps the keywords beside them and stops at cycles', () => {
    const schema = toJsonSchema({
      definitions: {
        point: { type: 'array', items: { type: 'number' }, minItems: 2, nullable: true },
        tree: { type: 'object', properties: { child: { $ref: '#/definitions/tree' } } },
      },
      type: 'object',
      properties: {
        at: { $ref: '#/definitions/point' },
        described: { $ref: '#/definitions/point', description: 'Where.' },
        tree: { $ref: '#/definitions/tree' },
        remote: { $ref: 'https://schemas.opengis.net/ogcapi/bbox.yaml' },
        missing: { $ref: '#/definitions/none' },
      },
    });
    const point = { type: ['array', 'null'], items: { type: 'number' }, minItems: 2 };
    expect(schema).toEqual({
      type: 'object',
      properties: {
        at: point,
        described: { description: 'Where.', allOf: [point] },
        tree: { type: 'object', properties: { child: true } },
        remote: true,
        missing: true,
      },
    });
    expect(accepts(schema, { at: [1] })).toBe(false);
    expect(accepts(schema, { at: null, described: [1, 2] })).toBe(true);
  });

  it('resolves $refs against the given root first', () => {
    const root = { components: { size: { type: 'integer', minimum: 1 } } };
    expect(toJsonSchema({ $ref: '#/components/size' }, { root })).toEqual({
      type: 'integer',
      minimum: 1,
    });
  });

  it('turns boolean and non-schema values into object schemas', () => {
    expect(toJsonSchema(true)).toEqual({});
    expect(toJsonSchema(false)).toEqual({ not: {} });
    expect(toJsonSchema(null)).toEqual({});
    expect(toJsonSchema('string')).toEqual({});
  });

  it('does not change its input', () => {
    const source = { type: 'string', enum: ['a'], nullable: true };
    toJsonSchema(source);
    expect(source).toEqual({ type: 'string', enum: ['a'], nullable: true });
  });
});

const process: ProcessDescription = {
  id: 'p',
  version: '1',
  inputs: {
    count: {
      title: 'Count',
      description: 'How many.',
      schema: { type: 'integer', title: 'ignored', examples: null },
    },
    ratio: { schema: { type: 'number', default: 0.5 } },
    tags: { schema: { type: 'string' }, minOccurs: 0, maxOccurs: 3 },
    ids: { schema: { type: 'integer' }, minOccurs: 2, maxOccurs: 'unbounded' },
    data: { schema: { type: 'array', items: { type: 'number' } }, maxOccurs: 4 },
  },
  outputs: { primes: { title: 'Primes', schema: { type: 'array', items: { type: 'integer' } } } },
};

describe('inputsJsonSchema', () => {
  it('describes the inputs object: titles, defaults, required and occurrences', () => {
    expect(inputsJsonSchema(process)).toEqual({
      type: 'object',
      properties: {
        count: { title: 'Count', description: 'How many.', type: 'integer' },
        ratio: { type: 'number', default: 0.5 },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
        ids: { type: 'array', items: { type: 'integer' }, minItems: 2 },
        data: { type: 'array', items: { type: 'number' } },
      },
      required: ['count', 'ids', 'data'],
      additionalProperties: false,
    });
  });

  it('accepts one value for an input that may occur several times when asked to', () => {
    const schema = inputsJsonSchema(process, { singleValue: true });
    const base = { count: 1, ids: [1, 2], data: [1] };
    expect(accepts(schema, { ...base, tags: 'a' })).toBe(true);
    expect(accepts(schema, { ...base, tags: ['a', 'b'] })).toBe(true);
    expect(accepts(schema, { ...base, tags: ['a', 'b', 'c', 'd'] })).toBe(false);
    expect(accepts(schema, { ...base, ids: 1 })).toBe(false);
    expect(accepts(inputsJsonSchema(process), { ...base, tags: 'a' })).toBe(false);
  });

  it('rejects unknown inputs and missing required ones', () => {
    const schema = inputsJsonSchema(process);
    expect(accepts(schema, { count: 1, ids: [1, 2], data: [], extra: 1 })).toBe(false);
    expect(accepts(schema, { ids: [1, 2], data: [] })).toBe(false);
  });

  it('resolves $refs against the process description', () => {
    const described = {
      id: 'r',
      version: '1',
      inputs: {
        a: { schema: { type: 'string', enum: ['x', 'y'] } },
        b: { schema: { $ref: '#/inputs/a/schema' } },
      },
    } as ProcessDescription;
    expect(inputsJsonSchema(described).properties?.b).toEqual({ type: 'string', enum: ['x', 'y'] });
  });

  it('gives an empty object schema for a process without inputs', () => {
    expect(inputsJsonSchema({ id: 'e', version: '1' })).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: false,
    });
  });
});

describe('outputsJsonSchema', () => {
  it('describes the outputs by value', () => {
    expect(outputsJsonSchema(process)).toEqual({
      type: 'object',
      properties: { primes: { title: 'Primes', type: 'array', items: { type: 'integer' } } },
      additionalProperties: false,
    });
  });
});
