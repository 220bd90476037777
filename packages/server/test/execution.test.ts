import { ApiErrorSchema, JobInfoSchema, JobResultsSchema, parseModel } from '@s2gos/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectProblem, ogcException, TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.close());

const invalid = ogcException('invalid-parameter-value');

/** Waits for a job to finish and returns its results answer. */
async function resultsOf(jobId: string) {
  await eventually(async () => {
    const job = parseModel(JobInfoSchema, (await server.fetch(`/jobs/${jobId}`)).body);
    return job.status === 'accepted' || job.status === 'running' ? undefined : job;
  });
  return server.fetch(`/jobs/${jobId}/results`);
}

describe('asynchronous execution', () => {
  it('answers 201 with Location and the accepted JobInfo', async () => {
    const answer = await server.execute('primes_between', { inputs: { min_val: 0, max_val: 30 } });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('Content-Type')).toMatch(/^application\/json/);
    const job = parseModel(JobInfoSchema, answer.body);
    expect(job).toMatchObject({
      type: 'process',
      processID: 'primes_between',
      status: 'accepted',
      progress: 0,
    });
    expect(answer.headers.get('Location')).toBe(`${server.url}/jobs/${job.jobID}`);
    expect(job.links).toContainEqual(
      expect.objectContaining({ rel: 'self', href: `${server.url}/jobs/${job.jobID}` }),
    );
    const results = parseModel(JobResultsSchema, (await resultsOf(job.jobID)).body);
    expect(results).toEqual({ primes: [2, 3, 5, 7, 11, 13, 17, 19, 23, 29] });
  });

  it('applies input defaults', async () => {
    const answer = await server.execute('primes_between', {});
    const results = (await resultsOf(parseModel(JobInfoSchema, answer.body).jobID)).body as {
      primes: number[];
    };
    expect(results.primes.at(-1)).toBe(97);
  });

  it('includes both ends of the primes range', async () => {
    const answer = await server.execute('primes_between', { inputs: { min_val: 7, max_val: 13 } });
    const results = await resultsOf(parseModel(JobInfoSchema, answer.body).jobID);
    expect(results.body).toEqual({ primes: [7, 11, 13] });
  });

  it('returns a link-type output from scene_link', async () => {
    const answer = await server.execute('scene_link', {
      inputs: {
        bbox: { bbox: [10, 45, 11, 46] },
        start_date: '2025-06-01',
        end_date: '2025-06-03',
      },
    });
    const results = parseModel(
      JobResultsSchema,
      (await resultsOf(parseModel(JobInfoSchema, answer.body).jobID)).body,
    );
    const scene = results.scene as { href: string; type: string; title: string };
    expect(new URL(scene.href).hostname).toBe('scenes.example.com');
    expect(scene.href).toContain('datetime=2025-06-01%2F2025-06-03');
    expect(scene.type).toBeTruthy();
    expect(scene.title).toContain('2025-06-01');
  });

  it('keeps only the outputs the request asks for', async () => {
    const answer = await server.execute('echo', { inputs: { value: 1 }, outputs: { value: {} } });
    expect((await resultsOf(parseModel(JobInfoSchema, answer.body).jobID)).body).toEqual({
      value: 1,
    });
  });

  it('notes Preference-Applied for Prefer: respond-async', async () => {
    const answer = await server.execute(
      'echo',
      { inputs: { value: 1 } },
      { Prefer: 'respond-async' },
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.get('Preference-Applied')).toBe('respond-async');
  });

  it('runs asynchronously when respond-sync is asked of a process without sync-execute', async () => {
    const answer = await server.execute('primes_between', {}, { Prefer: 'respond-sync' });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('Preference-Applied')).toBeNull();
  });
});

describe('synchronous execution (Prefer: respond-sync)', () => {
  it.each([
    ['null', null],
    ['a boolean', true],
    ['a number', 4.5],
    ['a string', 'hi'],
    ['an array', [1, 'two', { three: 3 }]],
    ['an object', { nested: { list: [null] } }],
  ])('echoes %s directly with 200', async (_, value) => {
    const answer = await server.execute('echo', { inputs: { value } }, { Prefer: 'respond-sync' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(answer.headers.get('Preference-Applied')).toBe('respond-sync');
    expect(parseModel(JobResultsSchema, answer.body)).toEqual({ value });
  });

  it('reads the preference among others, case-insensitively', async () => {
    const answer = await server.execute(
      'echo',
      { inputs: { value: 1 } },
      { Prefer: 'wait=10, Respond-Sync' },
    );
    expect(answer.status).toBe(200);
  });

  it('points Content-Location at the job results, which stay available', async () => {
    const answer = await server.execute(
      'echo',
      { inputs: { value: 'kept' } },
      { Prefer: 'respond-sync' },
    );
    const location = answer.headers.get('Content-Location') ?? '';
    expect(location).toMatch(new RegExp(`^${server.url}/jobs/[^/]+/results$`));
    expect((await server.fetch(location.slice(server.url.length))).body).toEqual({ value: 'kept' });
  });
});

describe('invalid execute requests', () => {
  async function expectInvalid(processId: string, body: unknown, paths: string[]) {
    const problem = expectProblem(await server.execute(processId, body), 400, invalid);
    parseModel(ApiErrorSchema, problem);
    const issues = problem.issues as { path: string; message: string }[];
    expect(issues.map((issue) => issue.path).sort()).toEqual([...paths].sort());
    for (const issue of issues) {
      expect(problem.detail).toContain(issue.message);
    }
    return issues;
  }

  it('lists every problem with its input path', async () => {
    const issues = await expectInvalid(
      'primes_between',
      { inputs: { min_val: -1, max_val: 'x', extra: true } },
      ['inputs.min_val', 'inputs.max_val', 'inputs.extra'],
    );
    expect(issues).toContainEqual({ path: 'inputs.min_val', message: 'must be >= 0' });
    expect(issues).toContainEqual({ path: 'inputs.max_val', message: 'must be integer' });
    expect(issues).toContainEqual({ path: 'inputs.extra', message: 'is not known' });
  });

  it('names missing required inputs', async () => {
    const issues = await expectInvalid('scene_link', { inputs: { start_date: '2025-01-01' } }, [
      'inputs.bbox',
      'inputs.end_date',
    ]);
    expect(issues[0]?.message).toBe('is required');
  });

  it('checks bounds, formats, nested values and enums', async () => {
    const issues = await expectInvalid(
      'scene_link',
      {
        inputs: {
          bbox: { bbox: [200, 0, 10], crs: 'EPSG:4326' },
          start_date: 'yesterday',
          end_date: '2025-02-30x',
        },
      },
      [
        'inputs.bbox.bbox',
        'inputs.bbox.bbox[0]',
        'inputs.bbox.crs',
        'inputs.start_date',
        'inputs.end_date',
      ],
    );
    expect(issues).toContainEqual({
      path: 'inputs.bbox.crs',
      message: 'must be one of "http://www.opengis.net/def/crs/OGC/1.3/CRS84"',
    });
  });

  it.each([
    ['a number for a boolean', 'sleep_a_while', { inputs: { fail: 1 } }, ['inputs.fail']],
    ['a string for a number', 'sleep_a_while', { inputs: { duration: '1' } }, ['inputs.duration']],
    [
      'a value above the maximum',
      'primes_between',
      { inputs: { max_val: 1_000_001 } },
      ['inputs.max_val'],
    ],
    ['inputs as an array', 'echo', { inputs: [1] }, ['inputs']],
    ['inputs as a string', 'echo', { inputs: 'x' }, ['inputs']],
    ['an unknown response type', 'echo', { inputs: { value: 1 }, response: 'xml' }, ['response']],
    [
      'an unknown output',
      'echo',
      { inputs: { value: 1 }, outputs: { other: {} } },
      ['outputs.other'],
    ],
    [
      'outputs by reference',
      'echo',
      { inputs: { value: 1 }, outputs: { value: { transmissionMode: 'reference' } } },
      ['outputs.value.transmissionMode'],
    ],
  ])('rejects %s', async (_, processId, body, paths) => {
    await expectInvalid(processId, body, paths);
  });

  it('requires echo’s value', async () => {
    await expectInvalid('echo', { inputs: {} }, ['inputs.value']);
  });

  it.each([
    ['an array', '[1, 2]'],
    ['a number', '42'],
    ['null', 'null'],
    ['a string', '"inputs"'],
  ])('rejects %s as the body', async (_, body) => {
    const problem = expectProblem(await server.execute('echo', body), 400, invalid);
    expect(problem.issues).toEqual([
      { path: '', message: expect.stringContaining('must be a JSON object') },
    ]);
  });

  it.each([
    ['not JSON', '{"inputs": '],
    ['HTML', '<html></html>'],
    ['empty', ''],
    ['blank', '  \n'],
  ])('rejects a body that is %s', async (_, body) => {
    const problem = expectProblem(await server.execute('echo', body), 400, invalid);
    expect(problem.detail).toMatch(/body/);
  });

  it('rejects a body larger than 1 MiB with 413', async () => {
    const body = JSON.stringify({ inputs: { value: 'x'.repeat(1024 * 1024) } });
    expectProblem(await server.execute('echo', body), 413, 'about:blank');
  });

  /** Sends `chunks` as a streamed body: chunked transfer encoding, no Content-Length. */
  function executeStreamed(chunks: Uint8Array[], headers: Record<string, string> = {}) {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    return server.fetch('/processes/echo/execution', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);
  }

  it('reads a chunked body without Content-Length', async () => {
    const text = JSON.stringify({ inputs: { value: ['chunked', 1] } });
    const bytes = new TextEncoder().encode(text);
    const answer = await executeStreamed([bytes.subarray(0, 10), bytes.subarray(10)], {
      Prefer: 'respond-sync',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ value: ['chunked', 1] });
  });

  it('rejects a chunked body larger than 1 MiB with 413', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(256 * 1024));
    const answer = await executeStreamed([chunk, chunk, chunk, chunk, chunk]);
    expect(expectProblem(answer, 413, 'about:blank').detail).toMatch(/larger than 1048576/);
  });

  it('rejects a body that is not valid UTF-8 instead of mangling it', async () => {
    const before = new TextEncoder().encode('{"inputs": {"value": "');
    const after = new TextEncoder().encode('"}}');
    const answer = await executeStreamed([before, new Uint8Array([0xff, 0xfe]), after]);
    expect(expectProblem(answer, 400, invalid).detail).toMatch(/not valid UTF-8/);
  });

  it('rejects values nested deeper than the results could be written back', async () => {
    const value = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const answer = await server.execute('echo', `{"inputs": {"value": ${value}}}`, {
      Prefer: 'respond-sync',
    });
    expect(expectProblem(answer, 400, invalid).detail).toMatch(/more than 128 levels deep/);
  });

  it('lists the first 100 of many problems, and how many more there are', async () => {
    // 200,000 of them fit in 1 MiB: once a 500 (too many to spread onto the stack), and
    // megabytes of issues before that.
    const numbers = Array.from({ length: 200_000 }, () => -1);
    const answer = await server.execute('total', { inputs: { numbers } });
    const problem = expectProblem(answer, 400, invalid);
    const issues = problem.issues as { path: string; message: string }[];
    expect(issues).toHaveLength(101);
    expect(issues[0]).toEqual({ path: 'inputs.numbers[0]', message: 'must be >= 0' });
    expect(issues[100]).toEqual({ path: '', message: 'and 199900 more problems' });
    expect(problem.detail).toMatch(/; and 199900 more problems$/);
  });

  it('names each path once in the issues of a malformed request', async () => {
    const problem = expectProblem(await server.execute('echo', { inputs: 'x' }), 400, invalid);
    expect(problem.issues).toEqual([{ path: 'inputs', message: 'expected Object, got "x"' }]);
    expect(problem.detail).toMatch(/: inputs: expected Object, got "x"$/);
  });

  it('answers 404 no-such-process before reading the body', async () => {
    expectProblem(
      await server.execute('nope', 'not even JSON'),
      404,
      ogcException('no-such-process'),
    );
  });

  it('keeps serving after a burst of bad requests', async () => {
    const bodies = ['', '{', '[]', 'null', '{"inputs":[]}', '{"inputs":{"value":1},"response":1}'];
    const answers = await Promise.all(bodies.map((body) => server.execute('echo', body)));
    expect(answers.map((answer) => answer.status)).toEqual(bodies.map(() => 400));
    expect((await server.fetch('/')).status).toBe(200);
  });
});
