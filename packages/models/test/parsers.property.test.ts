/**
 * Property: whatever JSON value reaches a model parser, the parser returns a document or throws a
 * `ModelValidationError` (and `safeParseModel` returns a result) — never another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as models from '../src/index.js';
import {
  type ModelSchema,
  ModelValidationError,
  parseModel,
  safeParseModel,
} from '../src/index.js';

/** Every schema the package exports, by name. */
const schemas: [string, ModelSchema][] = Object.entries(models)
  .filter(([name, value]) => name.endsWith('Schema') && typeof value === 'object' && value !== null)
  .map(([name, value]) => [name, value as ModelSchema]);

/** Arrays or objects nested `depth` levels deep, as `JSON.parse` reads from a hostile server. */
const nested = fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = null;
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { links: value, jobs: value };
  return value;
});

/** JSON values: any shape, documents close to the models' shapes, and deep nesting. */
const jsonValues = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom(
      'id',
      'jobID',
      'status',
      'links',
      'jobs',
      'processes',
      'inputs',
      'outputs',
      'href',
      'rel',
      'type',
      'schema',
      'bbox',
      'value',
      'title',
    ),
    fc.jsonValue({ maxDepth: 3 }),
  ),
  nested,
);

describe('model parsers', () => {
  it('cover every exported schema', () => {
    expect(schemas.length).toBeGreaterThan(20);
  });

  it.each(schemas)('%s yields a document or a ModelValidationError', (_name, schema) => {
    fc.assert(
      fc.property(jsonValues, (value) => {
        try {
          parseModel(schema, value);
        } catch (error) {
          if (!(error instanceof ModelValidationError)) throw error;
        }
        const result = safeParseModel(schema, value);
        expect(typeof result.success).toBe('boolean');
      }),
      { numRuns: 150 },
    );
  });
});
