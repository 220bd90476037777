import type { ProcessDescription } from '@s2gos/async';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import {
  createRequestTemplate,
  nestDotPaths,
  parseInputAssignment,
  parseSubscriber,
  placeholderFor,
} from '../src/request.js';

describe('parseInputAssignment', () => {
  it.each([
    ['n=42', 42],
    ['n=-1.5e2', -150],
    ['n=true', true],
    ['n=null', null],
    ['n=[1,2]', [1, 2]],
    ['n={"a":{"b":1}}', { a: { b: 1 } }],
    ['n="quoted"', 'quoted'],
    ['n=plain text', 'plain text'],
    ['n=1.5.2', '1.5.2'],
    ['n=x=y', 'x=y'],
    ['n', true],
    [' n =1', 1],
  ])('%s', (text, value) => {
    expect(parseInputAssignment(text)).toEqual(['n', value]);
  });

  it.each(['=1', '', 'n=', 'n=  ', 'n={not json', 'n=[1,', 'n="open', 'n= [1'])(
    'rejects %j',
    (text) => {
      expect(() => parseInputAssignment(text)).toThrow(UsageError);
    },
  );
});

describe('parseSubscriber', () => {
  it('maps the events to the subscriber members', () => {
    expect(parseSubscriber('success=http://h/s')).toEqual(['successUri', 'http://h/s']);
    expect(parseSubscriber('failed=https://h/f')).toEqual(['failedUri', 'https://h/f']);
    expect(parseSubscriber('progress=http://h/p?a=b')).toEqual(['inProgressUri', 'http://h/p?a=b']);
  });

  it.each(['success', 'done=http://h', 'success=h/x', 'success=mailto:a@b'])(
    'rejects %j',
    (text) => {
      expect(() => parseSubscriber(text)).toThrow(UsageError);
    },
  );
});

describe('nestDotPaths', () => {
  it('builds nested objects and merges into objects already there', () => {
    expect(
      nestDotPaths({
        scene: { size: 3 },
        'scene.colors.bg': 'red',
        'scene.colors.fg': 'blue',
        x: 1,
      }),
    ).toEqual({ scene: { size: 3, colors: { bg: 'red', fg: 'blue' } }, x: 1 });
  });

  it('does not change the objects it was given', () => {
    const scene = { size: 3 };
    nestDotPaths({ scene, 'scene.extra': true });
    expect(scene).toEqual({ size: 3 });
  });

  it.each([[{ a: 1, 'a.b': 2 }], [{ 'a..b': 1 }], [{ '.a': 1 }]])('rejects %j', (inputs) => {
    expect(() => nestDotPaths(inputs)).toThrow(UsageError);
  });
});

describe('placeholderFor', () => {
  it.each([
    [{ type: 'integer', default: 7 }, 7],
    [{ type: 'string', enum: ['b', 'a'] }, 'b'],
    [{ const: 'c' }, 'c'],
    [{ type: 'string', example: 'e' }, 'e'],
    [{ type: 'boolean' }, false],
    [{ type: 'integer' }, 0],
    [{ type: 'integer', minimum: 3 }, 3],
    [{ type: 'integer', minimum: 3, exclusiveMinimum: true }, 4],
    [{ type: 'integer', exclusiveMinimum: 3 }, 4],
    [{ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1 }, 0.5],
    [{ type: 'number', maximum: -2 }, -2],
    [{ type: 'integer', maximum: 10, exclusiveMaximum: true }, 9],
    [{ type: 'string' }, ''],
    [{ type: 'array', items: { type: 'integer' } }, []],
    [{ type: 'array', minItems: 2, items: { type: 'integer', minimum: 1 } }, [1, 1]],
    [{ type: 'array', items: [{ type: 'string' }, { type: 'number' }] }, ['', 0]],
    [{ type: 'object' }, {}],
    [{ properties: { a: { type: 'integer' } } }, { a: 0 }],
    [{ oneOf: [{ type: 'boolean' }, { type: 'string' }] }, false],
    [{ type: ['null', 'integer'] }, 0],
    [{ nullable: true }, null],
    [{}, null],
  ])('%j → %j', (schema, value) => {
    expect(placeholderFor(schema)).toEqual(value);
  });

  it('writes dates in ISO format', () => {
    expect(placeholderFor({ type: 'string', format: 'date' })).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(placeholderFor({ type: 'string', format: 'date-time' })).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
    );
  });
});

describe('createRequestTemplate', () => {
  const description: ProcessDescription = {
    id: 'p',
    version: '1',
    inputs: {
      scene: {
        schema: {
          type: 'object',
          properties: {
            colors: { type: 'object', properties: { bg: { type: 'string', default: 'red' } } },
          },
        },
      },
      pair: { schema: { type: 'integer' }, minOccurs: 2, maxOccurs: 2 },
    },
  };

  it('has one entry per input, lists for minOccurs > 1', () => {
    expect(createRequestTemplate(description)).toEqual({
      process_id: 'p',
      inputs: { scene: { colors: { bg: 'red' } }, pair: [0, 0] },
    });
  });

  it('flattens nested values with dotpath', () => {
    expect(createRequestTemplate(description, { dotpath: true })).toEqual({
      process_id: 'p',
      dotpath: true,
      inputs: { 'scene.colors.bg': 'red', pair: [0, 0] },
    });
  });
});
