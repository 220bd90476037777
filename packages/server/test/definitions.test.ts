import { inputsJsonSchema } from '@s2gos/models';
import { describe, expect, it } from 'vitest';
import { createApp, defineProcess, demoProcesses, sleepAWhile, startServer } from '../src/index.js';
import { compileValidator, createAjv } from '../src/validation.js';

describe('defineProcess', () => {
  it('rejects an invalid description, naming the process', () => {
    expect(() =>
      defineProcess({
        module: import.meta.url,
        // @ts-expect-error version is required
        description: { id: 'bad', inputs: { x: { title: 'no schema' } } },
        run: () => ({}),
      }),
    ).toThrow(/Invalid description of process 'bad'/);
  });

  it('rejects a definition without run', () => {
    expect(() =>
      // @ts-expect-error run is required
      defineProcess({ module: import.meta.url, description: { id: 'norun', version: '1' } }),
    ).toThrow("Process 'norun' has no run function.");
  });

  it('rejects a definition without a module URL, saying what to add', () => {
    expect(() =>
      // @ts-expect-error module is required
      defineProcess({ description: { id: 'nomodule', version: '1' }, run: () => ({}) }),
    ).toThrow("Process 'nomodule' has no module URL: add 'module: import.meta.url'");
  });
});

describe('createApp', () => {
  it('rejects duplicate process IDs', () => {
    expect(() => createApp({ processes: [...demoProcesses, sleepAWhile] })).toThrow(
      "Duplicate process ID 'sleep_a_while'",
    );
  });

  it('rejects a schema that cannot be compiled, naming the process', () => {
    const broken = defineProcess({
      module: import.meta.url,
      description: {
        id: 'broken',
        version: '1',
        inputs: { x: { schema: { type: 'string', pattern: '(' } } },
      },
      run: () => ({}),
    });
    expect(() => createApp({ processes: [broken] })).toThrow(/Process 'broken' has a schema/);
  });

  it.each([
    [{ maxJobs: 0 }, /maxJobs/],
    [{ workers: 0 }, /workers/],
    [{ maxQueued: -1 }, /maxQueued/],
    [{ maxStoredBytes: 0 }, /maxStoredBytes/],
    [{ retention: 0 }, /retention/],
    [{ maxJobsPerClient: 0 }, /maxJobsPerClient/],
    [{ abortGrace: 1.5 }, /abortGrace/],
    [{ workerMemoryMb: 1 }, /workerMemoryMb/],
    [{ debug: 'yes' }, /debug/],
    [{ log: 'stderr' }, /log/],
  ])('rejects bad options %j', (options, message) => {
    expect(() => createApp(options as never)).toThrow(message);
  });

  it('answers in-process through app.request', async () => {
    const res = await createApp().request('/processes/echo');
    expect(res.status).toBe(200);
  });

  it('dismisses its jobs when its signal aborts', async () => {
    const controller = new AbortController();
    const app = createApp({ signal: controller.signal });
    const res = await app.request('/processes/sleep_a_while/execution', {
      method: 'POST',
      body: JSON.stringify({ inputs: { duration: 60 } }),
    });
    const { jobID } = (await res.json()) as { jobID: string };
    controller.abort();
    expect((await app.request(`/jobs/${jobID}`)).status).toBe(404);
    expect(
      (
        await app.request('/processes/echo/execution', {
          method: 'POST',
          body: '{"inputs":{"value":1}}',
        })
      ).status,
    ).toBe(503);
  });
});

describe('startServer options', () => {
  it.each([{ port: 70000 }, { port: 1.5 }, { host: '' }, { closeTimeout: -1 }])(
    'rejects %j',
    async (options) => {
      await expect(startServer(options)).rejects.toThrow(/Option/);
    },
  );
});

describe('input validation (schemas converted by @s2gos/models)', () => {
  it('accepts one value or an array for inputs that may occur several times', () => {
    const validate = compileValidator(
      createAjv(),
      inputsJsonSchema(
        {
          id: 'p',
          version: '1',
          inputs: {
            tags: { schema: { type: 'string' }, minOccurs: 0, maxOccurs: 3 },
            ids: { schema: { type: 'integer' }, minOccurs: 2, maxOccurs: 'unbounded' },
          },
        },
        { singleValue: true },
      ),
      'inputs',
    );
    expect(validate({ tags: 'a', ids: [1, 2] })).toEqual([]);
    expect(validate({ tags: ['a', 'b'], ids: [1, 2, 3, 4] })).toEqual([]);
    expect(validate({ tags: ['a', 'b', 'c', 'd'], ids: [1] }).map((i) => i.path)).toEqual(
      expect.arrayContaining(['inputs.tags', 'inputs.ids']),
    );
  });
});
