import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiErrorSchema,
  JobInfoSchema,
  type JobList,
  JobListSchema,
  parseModel,
} from '@s2gos/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectProblem, ogcException, TestServer } from './helpers.js';

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await TestServer.start();
  dir = mkdtempSync(join(tmpdir(), 's2gos-jobs-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The lines the ticker process has written to its file so far. */
function ticks(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function start(processId: string, inputs: Record<string, unknown> = {}) {
  const answer = await server.execute(processId, { inputs });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return parseModel(JobInfoSchema, answer.body);
}

async function job(jobId: string) {
  return server.get(`/jobs/${jobId}`, JobInfoSchema);
}

async function finished(jobId: string) {
  return eventually(async () => {
    const info = await job(jobId);
    return info.status === 'accepted' || info.status === 'running' ? undefined : info;
  });
}

describe('GET /jobs/{jobID}', () => {
  it('shows live progress and message, timestamps and a results link once successful', async () => {
    const { jobID } = await start('sleep_a_while', { duration: 0.3 });
    const running = await eventually(async () => {
      const info = await job(jobID);
      return info.status === 'running' && (info.progress ?? 0) > 0 ? info : undefined;
    });
    expect(running.progress).toBeLessThan(100);
    expect(running.message).toMatch(/^Slept \d+%$/);
    expect(running.started).toMatch(ISO);
    expect(running.finished).toBeUndefined();
    expect(running.links?.map((link) => link.rel)).toEqual(['self']);
    const results = await server.fetch(`/jobs/${jobID}/results`);
    expectProblem(results, 404, ogcException('result-not-ready'));

    const done = await finished(jobID);
    expect(done).toMatchObject({ status: 'successful', progress: 100, processID: 'sleep_a_while' });
    for (const stamp of [done.created, done.started, done.finished, done.updated]) {
      expect(stamp).toMatch(ISO);
    }
    expect(Date.parse(done.created ?? '')).toBeLessThanOrEqual(Date.parse(done.started ?? ''));
    expect(Date.parse(done.started ?? '')).toBeLessThanOrEqual(Date.parse(done.finished ?? ''));
    expect(done.links).toContainEqual(
      expect.objectContaining({
        rel: 'http://www.opengis.net/def/rel/ogc/1.0/results',
        href: `${server.url}/jobs/${jobID}/results`,
      }),
    );
    const slept = (await server.fetch(`/jobs/${jobID}/results`)).body as { slept: number };
    expect(slept.slept).toBeGreaterThan(0);
  });

  it('sends progress as an integer from 0 to 100', async () => {
    const { jobID } = await start('ticker', { file: join(dir, 'progress') });
    await eventually(async () => ((await job(jobID)).status === 'running' ? true : undefined));
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const progress = (await server.fetch(`/jobs/${jobID}`)).body as { progress: unknown };
      expect(Number.isInteger(progress.progress)).toBe(true);
      seen.add(progress.progress as number);
      await sleep(5);
    }
    expect(seen.size).toBeGreaterThan(1);
    await server.fetch(`/jobs/${jobID}`, { method: 'DELETE' });
  });

  it('reports progress messages per step of primes_between', async () => {
    const messages = new Set<string>();
    const { jobID } = await start('primes_between', { min_val: 0, max_val: 1_000_000 });
    const done = await eventually(
      async () => {
        const info = await job(jobID);
        if (info.message) messages.add(info.message);
        return info.status === 'successful' ? info : undefined;
      },
      { interval: 2, tries: 10_000 },
    );
    expect(done.message).toBe('Done.');
    expect([...messages].every((m) => /^Step \d of 3: |^Done\.$/.test(m))).toBe(true);
    const results = (await server.fetch(`/jobs/${jobID}/results`)).body as { primes: number[] };
    expect(results.primes).toHaveLength(78_498);
  });

  it('answers 404 no-such-job for an unknown job', async () => {
    for (const path of ['/jobs/nope', '/jobs/nope/results']) {
      const body = expectProblem(await server.fetch(path), 404, ogcException('no-such-job'));
      parseModel(ApiErrorSchema, body);
    }
    expectProblem(
      await server.fetch('/jobs/nope', { method: 'DELETE' }),
      404,
      ogcException('no-such-job'),
    );
  });
});

describe('failed jobs', () => {
  it('fail half way when asked, with the error message, and answer results with 500', async () => {
    const { jobID } = await start('sleep_a_while', { duration: 0.1, fail: true });
    const failed = await finished(jobID);
    expect(failed).toMatchObject({ status: 'failed', progress: 50, message: 'Woke up too early' });
    expect(failed.finished).toMatch(ISO);
    expect(failed.traceback).toBeUndefined();
    expect(failed.links?.map((link) => link.rel)).toEqual(['self']);
    const body = expectProblem(
      await server.fetch(`/jobs/${jobID}/results`),
      500,
      'urn:s2gos:problem:job-failed',
    );
    expect(body.detail).toContain('Woke up too early');
    expect(body).not.toHaveProperty('traceback');
  });

  it('fail on a range primes_between cannot search', async () => {
    const { jobID } = await start('primes_between', { min_val: 50, max_val: 10 });
    expect(await finished(jobID)).toMatchObject({
      status: 'failed',
      message: 'max_val must not be less than min_val',
    });
  });

  it('fail when a process returns outputs that do not match its output schemas', async () => {
    const { jobID } = await start('liar');
    expect((await finished(jobID)).message).toBe(
      "Process 'liar' returned invalid outputs: outputs.n: must be integer",
    );
  });

  it.each([
    ['error-with-object-message', '[object Object]'],
    ['null-prototype-object', '[object Object]'],
    ['error-with-throwing-stack', 'replaced'],
  ])('fail with a string message whatever the process throws (%s)', async (what, message) => {
    const { jobID } = await start('thrower', { what });
    // `finished` parses the JobInfo, whose `message` must be a string.
    expect((await finished(jobID)).message).toBe(message);
    const list = await server.fetch('/jobs?processID=thrower&limit=1000');
    expect(() => parseModel(JobListSchema, list.body)).not.toThrow();
  });

  it('carry tracebacks in debug mode only', async () => {
    const debug = await TestServer.start({ debug: true });
    try {
      const answer = await debug.execute('sleep_a_while', {
        inputs: { duration: 0.05, fail: true },
      });
      const id = parseModel(JobInfoSchema, answer.body).jobID;
      const failed = await eventually(async () => {
        const info = parseModel(JobInfoSchema, (await debug.fetch(`/jobs/${id}`)).body);
        return info.status === 'failed' ? info : undefined;
      });
      expect(failed.traceback?.[0]).toBe('Error: Woke up too early');
      expect(failed.traceback?.some((line) => line.includes('sleep-a-while'))).toBe(true);
      const problem = parseModel(ApiErrorSchema, (await debug.fetch(`/jobs/${id}/results`)).body);
      expect(problem.traceback?.[0]).toBe('Error: Woke up too early');
    } finally {
      await debug.close();
    }
  });
});

describe('DELETE /jobs/{jobID}', () => {
  it('really stops a running job, reports it dismissed, then forgets it', async () => {
    const file = join(dir, 'dismissed');
    const { jobID } = await start('ticker', { file });
    await eventually(async () => (ticks(file).length >= 3 ? true : undefined));

    const answer = await server.fetch(`/jobs/${jobID}`, { method: 'DELETE' });
    expect(answer.status).toBe(200);
    const dismissed = parseModel(JobInfoSchema, answer.body);
    expect(dismissed).toMatchObject({ jobID, status: 'dismissed' });
    // The process saw its signal and stopped ticking.
    await eventually(async () => (ticks(file).at(-1) === 'aborted' ? true : undefined));
    const after = ticks(file).length;
    await sleep(50);
    expect(ticks(file)).toHaveLength(after);

    expectProblem(await server.fetch(`/jobs/${jobID}`), 404, ogcException('no-such-job'));
    expectProblem(await server.fetch(`/jobs/${jobID}/results`), 404, ogcException('no-such-job'));
    const list = await server.get('/jobs?limit=1000', JobListSchema);
    expect(list.jobs.map((j) => j.jobID)).not.toContain(jobID);
    expectProblem(
      await server.fetch(`/jobs/${jobID}`, { method: 'DELETE' }),
      404,
      ogcException('no-such-job'),
    );
  });

  it('stops sleep_a_while through its abort signal', async () => {
    const { jobID } = await start('sleep_a_while', { duration: 60 });
    await eventually(async () => ((await job(jobID)).status === 'running' ? true : undefined));
    const answer = await server.fetch(`/jobs/${jobID}`, { method: 'DELETE' });
    expect(parseModel(JobInfoSchema, answer.body).status).toBe('dismissed');
  });

  it('removes a finished job', async () => {
    const { jobID } = await start('echo', { value: 1 });
    await finished(jobID);
    const answer = await server.fetch(`/jobs/${jobID}`, { method: 'DELETE' });
    expect(parseModel(JobInfoSchema, answer.body).status).toBe('dismissed');
    expect((await server.fetch(`/jobs/${jobID}`)).status).toBe(404);
  });
});

describe('GET /jobs', () => {
  it('filters by processID and status, repeated or comma-separated, and pages with next links', async () => {
    const own = await TestServer.start();
    try {
      const ids: Record<string, string[]> = { echo: [], primes_between: [], sleep_a_while: [] };
      for (let i = 0; i < 5; i++) {
        for (const [processId, inputs] of [
          ['echo', { value: i }],
          ['primes_between', {}],
          ['sleep_a_while', { duration: 0.01, fail: true }],
        ] as const) {
          const answer = await own.execute(processId, { inputs });
          ids[processId]?.push(parseModel(JobInfoSchema, answer.body).jobID);
        }
      }
      await eventually(async () => {
        const list = await own.get('/jobs?status=accepted,running', JobListSchema);
        return list.jobs.length === 0 ? true : undefined;
      });

      const all = await own.get('/jobs?limit=100', JobListSchema);
      expect(all.jobs).toHaveLength(15);

      // Newest first.
      const echoes = await own.get('/jobs?processID=echo&limit=100', JobListSchema);
      expect(echoes.jobs.map((j) => j.jobID)).toEqual([...(ids.echo ?? [])].reverse());

      const two = await own.get('/jobs?processID=echo,primes_between&limit=100', JobListSchema);
      expect(two.jobs).toHaveLength(10);
      const repeated = await own.get(
        '/jobs?processID=echo&processID=primes_between&limit=100',
        JobListSchema,
      );
      expect(repeated.jobs.map((j) => j.jobID)).toEqual(two.jobs.map((j) => j.jobID));

      const failed = await own.get('/jobs?status=failed&limit=100', JobListSchema);
      expect(failed.jobs.map((j) => j.jobID)).toEqual([...(ids.sleep_a_while ?? [])].reverse());
      const both = await own.get(
        '/jobs?status=failed&status=successful&processID=sleep_a_while',
        JobListSchema,
      );
      expect(both.jobs).toHaveLength(5);

      // Follow next links, 4 at a time, keeping the filter.
      const seen: string[] = [];
      let path: string | undefined = '/jobs?limit=4&status=successful';
      for (let page = 0; path !== undefined && page < 10; page++) {
        const list: JobList = await own.get(path, JobListSchema);
        expect(list.jobs.length).toBeLessThanOrEqual(4);
        seen.push(...list.jobs.map((j) => j.jobID));
        const next: string | undefined = (list.links ?? []).find(
          (link) => link.rel === 'next',
        )?.href;
        if (next !== undefined) expect(next).toContain('status=successful');
        path = next?.slice(own.url.length);
      }
      expect(seen).toEqual(
        [...(ids.echo ?? []), ...(ids.primes_between ?? [])].sort(
          (a, b) =>
            all.jobs.findIndex((j) => j.jobID === a) - all.jobs.findIndex((j) => j.jobID === b),
        ),
      );

      const defaultPage = await own.get('/jobs', JobListSchema);
      expect(defaultPage.jobs).toHaveLength(10);
    } finally {
      await own.close();
    }
  });

  it('rejects an unknown status and a bad limit with 400', async () => {
    const body = expectProblem(
      await server.fetch('/jobs?status=done'),
      400,
      ogcException('invalid-parameter-value'),
    );
    expect(body.detail).toContain("'done' is not a job status");
    expectProblem(
      await server.fetch('/jobs?limit=0'),
      400,
      ogcException('invalid-parameter-value'),
    );
  });
});

describe('load and bounds', () => {
  it('runs 100 jobs started at once to the end', async () => {
    const own = await TestServer.start();
    try {
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          own.execute(i % 2 ? 'echo' : 'sleep_a_while', {
            inputs: i % 2 ? { value: i } : { duration: 0.05 },
          }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
      const ids = new Set(answers.map((answer) => parseModel(JobInfoSchema, answer.body).jobID));
      expect(ids.size).toBe(100);
      const list = await eventually(async () => {
        const page = await own.get('/jobs?limit=1000', JobListSchema);
        return page.jobs.every((j) => j.status === 'successful') ? page : undefined;
      });
      expect(list.jobs).toHaveLength(100);
    } finally {
      await own.close();
    }
  });
});
