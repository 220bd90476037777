import type { JobResults, ProcessDescription } from '@s2gos/models';
import type { Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createApp,
  defineProcess,
  demoProcesses,
  type ProcessContext,
  type ProcessDefinition,
  type RunningServer,
  sleepAWhile,
  startServer,
} from '../src/index.js';

describe('public types', () => {
  it('types run with the declared inputs and outputs', () => {
    const greet = defineProcess<{ name: string }, { greeting: string }>({
      module: import.meta.url,
      description: { id: 'greet', version: '1.0.0' },
      run(inputs, context) {
        expectTypeOf(inputs.name).toEqualTypeOf<string>();
        expectTypeOf(context).toEqualTypeOf<ProcessContext>();
        return { greeting: `Hello ${inputs.name}` };
      },
    });
    expectTypeOf(greet).toEqualTypeOf<ProcessDefinition<{ name: string }, { greeting: string }>>();
    // A typed definition goes in the list of processes of an app.
    createApp({ processes: [...demoProcesses, greet, sleepAWhile] });
  });

  it('requires the module URL', () => {
    // @ts-expect-error module is required: workers import the process from it
    defineProcess({ description: { id: 'x', version: '1' }, run: () => ({}) });
  });

  it('checks the outputs run returns', () => {
    defineProcess<{ n: number }, { doubled: number }>({
      module: import.meta.url,
      description: { id: 'double', version: '1' },
      // @ts-expect-error a string is not a number
      run: ({ n }) => ({ doubled: String(n * 2) }),
    });
  });

  it('takes the description as the models type', () => {
    expectTypeOf<ProcessDefinition['description']>().toEqualTypeOf<ProcessDescription>();
    defineProcess({
      module: import.meta.url,
      // @ts-expect-error jobControlOptions holds known values only
      description: { id: 'x', version: '1', jobControlOptions: ['sometimes'] },
      run: () => ({}),
    });
  });

  it('types the context', () => {
    expectTypeOf<ProcessContext['signal']>().toEqualTypeOf<AbortSignal>();
    expectTypeOf<ProcessContext['saveFile']>().returns.toEqualTypeOf<string>();
    expectTypeOf<ProcessContext['reportProgress']>().parameters.toEqualTypeOf<
      [progress: number | undefined, message?: string]
    >();
  });

  it('returns a Hono app and a running server', () => {
    expectTypeOf(createApp()).toEqualTypeOf<Hono>();
    expectTypeOf(startServer).returns.resolves.toEqualTypeOf<RunningServer>();
    expectTypeOf<RunningServer['url']>().toEqualTypeOf<string>();
    // @ts-expect-error log is a function or false
    createApp({ log: true });
  });

  it('lets outputs be JobResults values', () => {
    expectTypeOf<{ value: unknown }>().toExtend<JobResults | Record<string, unknown>>();
  });
});
