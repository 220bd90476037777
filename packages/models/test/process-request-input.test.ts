import { describe, expect, it } from 'vitest';
import {
  assertProcessRequestInput,
  checkProcessRequestInput,
  ModelValidationError,
} from '../src/index.js';

describe('checkProcessRequestInput', () => {
  it('accepts the members of a request, and no request', () => {
    expect(
      checkProcessRequestInput({
        inputs: { min_val: 1 },
        outputs: {},
        response: 'document',
        subscriber: { successUri: 'https://example.org' },
      }),
    ).toEqual([]);
    expect(checkProcessRequestInput({})).toEqual([]);
    expect(checkProcessRequestInput(undefined)).toEqual([]);
  });

  it('names an unknown member and the nearest known one', () => {
    expect(checkProcessRequestInput({ input: { min_val: 1 } })).toEqual([
      { path: 'input', message: 'unknown member `input`; did you mean `inputs`?' },
    ]);
    expect(checkProcessRequestInput({ inputs: {}, ouptuts: {}, Response: 'raw' })).toEqual([
      { path: 'ouptuts', message: 'unknown member `ouptuts`; did you mean `outputs`?' },
      { path: 'Response', message: 'unknown member `Response`; did you mean `response`?' },
    ]);
  });

  it('says where inputs written beside `inputs` belong', () => {
    expect(checkProcessRequestInput({ min_val: 90, max_val: 100 })).toEqual([
      {
        path: 'min_val',
        message:
          'unknown member `min_val`; a request has `inputs`, `outputs`, `response`, `subscriber` (inputs go under `inputs`)',
      },
      expect.objectContaining({ path: 'max_val' }),
    ]);
  });

  it('rejects what is not an object', () => {
    for (const [request, received] of [
      [null, 'null'],
      [[], 'Array'],
      ['inputs', 'string'],
    ] as const) {
      expect(checkProcessRequestInput(request)).toEqual([
        expect.objectContaining({ path: '', received }),
      ]);
    }
  });
});

describe('assertProcessRequestInput', () => {
  it('throws a ModelValidationError listing every problem', () => {
    expect(() => assertProcessRequestInput({ input: {}, outputs: {} })).toThrow(
      new ModelValidationError([
        { path: 'input', message: 'unknown member `input`; did you mean `inputs`?' },
      ]),
    );
    const error = thrownBy(() => assertProcessRequestInput({ input: {}, subscribr: {} }));
    expect(error).toBeInstanceOf(ModelValidationError);
    expect((error as ModelValidationError).issues.map((issue) => issue.path)).toEqual([
      'input',
      'subscribr',
    ]);
    expect((error as Error).message).toBe(
      'unknown member `input`; did you mean `inputs`?\nunknown member `subscribr`; did you mean `subscriber`?',
    );
    expect(() => assertProcessRequestInput({ inputs: {} })).not.toThrow();
  });
});

function thrownBy(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
