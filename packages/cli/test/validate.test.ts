import type { ProcessDescription, ProcessRequest } from '@s2gos/async';
import { describe, expect, it } from 'vitest';
import { findRequestProblems } from '../src/validate.js';

const process: ProcessDescription = {
  id: 'p',
  version: '1',
  inputs: {
    count: { schema: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 10 } },
    ratio: { schema: { type: 'number', nullable: true }, minOccurs: 0 },
    tags: { schema: { type: 'string', enum: ['a', 'b'] }, minOccurs: 0, maxOccurs: 3 },
    when: { schema: { type: 'string', format: 'date-time' }, minOccurs: 0 },
    many: { schema: { type: 'integer' }, minOccurs: 2, maxOccurs: 'unbounded' },
    data: { schema: { type: 'array', items: { type: 'number' } }, minOccurs: 0 },
    file: { schema: { type: 'string', contentMediaType: 'text/csv' }, minOccurs: 0 },
  },
};

function problems(inputs: Record<string, unknown>) {
  return findRequestProblems(process, { inputs } as ProcessRequest);
}

describe('findRequestProblems', () => {
  it('accepts a valid request', () => {
    expect(
      problems({
        count: 10,
        ratio: null,
        tags: ['a', 'b'],
        when: '2025-06-01T12:00:00Z',
        many: [1, 2, 3],
        data: [1.5],
      }),
    ).toEqual([]);
  });

  it('reports required inputs, unknown inputs, types and bounds with their paths', () => {
    expect(problems({ count: 0, extra: 1, ratio: 'x' })).toEqual(
      expect.arrayContaining([
        { path: 'inputs.many', message: 'is required' },
        { path: 'inputs.extra', message: "is not an input of process 'p'" },
        { path: 'inputs.count', message: 'must be > 0, got 0' },
        { path: 'inputs.ratio', message: 'must be number,null, got "x"' },
      ]),
    );
  });

  it('checks every value of an input given several times, and maxOccurs', () => {
    expect(problems({ count: 1, many: [1, 'two'], tags: ['a', 'c', 'b', 'a'] })).toEqual(
      expect.arrayContaining([
        { path: 'inputs.many[1]', message: 'must be integer, got "two"' },
        { path: 'inputs.tags[1]', message: 'must be one of "a", "b", got "c"' },
        { path: 'inputs.tags', message: 'must NOT have more than 3 items, got ["a","c","b","a"]' },
      ]),
    );
    expect(problems({ count: 1, many: 5 })).toEqual([
      { path: 'inputs.many', message: 'must be array, got 5' },
    ]);
  });

  it('checks formats', () => {
    expect(problems({ count: 1, many: [1, 2], when: '2025-13-01' })).toEqual([
      { path: 'inputs.when', message: 'must match format "date-time", got "2025-13-01"' },
    ]);
  });

  it('checks qualified values by their value and leaves links to the server', () => {
    expect(
      problems({
        count: { value: 3, mediaType: 'application/json' },
        many: [{ value: 1 }, 2],
        file: { href: 'https://example.org/data.csv', type: 'text/csv' },
      }),
    ).toEqual([]);
    expect(problems({ count: { value: 11 }, many: [1, 2] })).toEqual([
      { path: 'inputs.count', message: 'must be <= 10, got 11' },
    ]);
  });

  it('takes an input whose schema is a list as one value', () => {
    expect(problems({ count: 1, many: [1, 2], data: [1, 'x'] })).toEqual([
      { path: 'inputs.data[1]', message: 'must be number, got "x"' },
    ]);
  });

  it('reports a value given alone, where a list may be, at the input path', () => {
    expect(problems({ count: 1, many: [1, 2], tags: 'c' })).toEqual([
      { path: 'inputs.tags', message: 'must be one of "a", "b", got "c"' },
    ]);
  });

  it('validates against schemas a real server sends: examples: null, $refs, x- keywords', () => {
    const described: ProcessDescription = {
      id: 'q',
      version: '1',
      inputs: {
        min_val: { schema: { type: 'integer', examples: null, 'x-unit': 'none' } },
        max_val: { schema: { $ref: '#/inputs/min_val/schema' } },
      },
    };
    expect(findRequestProblems(described, { inputs: { min_val: 1, max_val: 2 } })).toEqual([]);
    expect(findRequestProblems(described, { inputs: { min_val: 1, max_val: 'x' } })).toEqual([
      { path: 'inputs.max_val', message: 'must be integer, got "x"' },
    ]);
  });
});
