// The job store's bounds: memory follows the bytes stored, results are kept until read or
// expired, more jobs than workers wait in a bounded queue, and one client can be limited.
import { JobInfoSchema, parseModel } from '@s2gos/models';
import { describe, expect, it } from 'vitest';
import { type Answer, eventually, expectProblem, ogcException, TestServer } from './helpers.js';

const EXPIRED = 'urn:s2gos:problem:job-expired';

async function start(server: TestServer, processId: string, inputs: Record<string, unknown>) {
  const answer = await server.execute(processId, { inputs });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return parseModel(JobInfoSchema, answer.body).jobID;
}

async function until(server: TestServer, jobId: string, status: string) {
  return eventually(async () => {
    const info = parseModel(JobInfoSchema, (await server.fetch(`/jobs/${jobId}`)).body);
    return info.status === status ? info : undefined;
  });
}

describe('memory', () => {
  it('keeps what a request stores, not its parsed form: 50 echoes of 0.9 MB fit a 128 MB heap', async () => {
    // 80,000 small objects: about 0.9 MB of JSON, many times that once parsed. Each result is
    // read, so the store may drop it to make room; a server keeping parsed bodies dies here.
    const value = Array.from({ length: 80_000 }, (_, i) => ({ i }));
    const body = JSON.stringify({ inputs: { value } });
    const server = await TestServer.spawn({ maxStoredBytes: 16 * 1024 * 1024 }, 128);
    try {
      for (let i = 0; i < 50; i++) {
        const answer = await server.execute('echo', body, { Prefer: 'respond-sync' });
        expect(answer.status).toBe(200);
        expect((answer.body as { value: unknown[] }).value).toHaveLength(80_000);
      }
      expect(server.exited()).toBe(false);
    } finally {
      await server.close();
    }
    // Each request takes a while on a loaded machine; the bound only stops a hang.
  }, 180_000);
});

describe('retention', () => {
  it('keeps the results of 1,200 jobs started before any is read (the old store kept 1,000)', async () => {
    const server = await TestServer.start();
    /** Runs `task` for 0..count-1, at most 100 at a time (sockets, not jobs, are limited). */
    const each = async <T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> => {
      const out: T[] = [];
      for (let i = 0; i < count; i += 100) {
        const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) => task(i + j));
        out.push(...(await Promise.all(batch)));
      }
      return out;
    };
    try {
      const ids = await each(1200, (i) => start(server, 'echo', { value: i }));
      const results = await each(1200, async (i) =>
        eventually(async () => {
          const answer = await server.fetch(`/jobs/${ids[i]}/results`);
          return answer.status === 200 ? answer.body : undefined;
        }),
      );
      expect(results).toEqual(results.map((_, i) => ({ value: i })));
    } finally {
      await server.close();
    }
  }, 300_000);

  it('never drops unread results for new jobs: a full store answers 503 until they are read', async () => {
    const server = await TestServer.start({ maxJobs: 20 });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await start(server, 'echo', { value: i }));
      for (const id of ids) await until(server, id, 'successful');
      const refused = await server.execute('echo', { inputs: { value: 'one too many' } });
      const body = expectProblem(refused, 503, 'about:blank');
      expect(body.detail).toContain('maxJobs 20');
      // The first result expires in an hour: that is when room comes, unless results are read.
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(3000);

      for (const [i, id] of ids.entries()) {
        expect((await server.fetch(`/jobs/${id}/results`)).body).toEqual({ value: i });
      }
      // Read results make room, one job for one job; a removed job says so.
      await start(server, 'echo', { value: 'now there is room' });
      const answers = await Promise.all(ids.map((id) => server.fetch(`/jobs/${id}`)));
      const gone = answers.filter((answer) => answer.status === 404);
      expect(gone).toHaveLength(1);
      expect(expectProblem(gone[0] as Answer, 404, EXPIRED).detail).toContain(
        'its results were read',
      );
    } finally {
      await server.close();
    }
  });

  it('does not count a HEAD of the results as reading them', async () => {
    const server = await TestServer.start({ maxJobs: 2 });
    try {
      for (let i = 0; i < 2; i++) {
        const id = await start(server, 'echo', { value: i });
        await until(server, id, 'successful');
        const head = await fetch(`${server.url}/jobs/${id}/results`, { method: 'HEAD' });
        expect(head.status).toBe(200);
      }
      // Nobody has received those results: they must not be dropped for a new job.
      expectProblem(await server.execute('echo', { inputs: { value: 2 } }), 503, 'about:blank');
    } finally {
      await server.close();
    }
  });

  it('counts a failed synchronous execution as read: its jobs make room for new ones', async () => {
    const server = await TestServer.start({ maxJobs: 3 });
    try {
      const fail = { inputs: { size: 1, name: '../not-a-name' } };
      for (let i = 0; i < 3; i++) {
        const failed = await server.execute('file_maker', fail, { Prefer: 'respond-sync' });
        expectProblem(failed, 500, 'urn:s2gos:problem:job-failed');
      }
      // The client has seen each failure; those jobs must not hold the store for an hour.
      const next = await server.execute('echo', { inputs: { value: 1 } });
      expect(next.status, JSON.stringify(next.body)).toBe(201);
    } finally {
      await server.close();
    }
  });

  it('answers job-expired once the retention time has passed, no-such-job for unknown IDs', async () => {
    const server = await TestServer.start({ retention: 300 });
    try {
      const id = await start(server, 'echo', { value: 1 });
      await until(server, id, 'successful');
      const expired = await eventually(async () => {
        const answer = await server.fetch(`/jobs/${id}`);
        return answer.status === 404 ? answer : undefined;
      });
      const body = expectProblem(expired, 404, EXPIRED);
      expect(body.detail).toContain('retention');
      expectProblem(await server.fetch(`/jobs/${id}/results`), 404, EXPIRED);
      expectProblem(await server.fetch('/jobs/never-was'), 404, ogcException('no-such-job'));
    } finally {
      await server.close();
    }
  });
});

describe('admission', () => {
  it('queues jobs beyond the workers as accepted, and answers 503 only when the queue is full', async () => {
    const server = await TestServer.start({ workers: 1, maxQueued: 2, abortGrace: 100 });
    try {
      const busy = await start(server, 'busy', {});
      await until(server, busy, 'running');
      const queued = [
        await start(server, 'echo', { value: 1 }),
        await start(server, 'echo', { value: 2 }),
      ];
      for (const id of queued) {
        expect(parseModel(JobInfoSchema, (await server.fetch(`/jobs/${id}`)).body).status).toBe(
          'accepted',
        );
      }
      const full = await server.execute('echo', { inputs: { value: 3 } });
      const body = expectProblem(full, 503, 'about:blank');
      expect(body.detail).toContain('2 jobs are queued');
      // No run time is known yet, and the running job may take long: not "retry in a second".
      expect(Number(full.headers.get('Retry-After'))).toBeGreaterThan(1);

      await server.fetch(`/jobs/${busy}`, { method: 'DELETE' });
      for (const id of queued) await until(server, id, 'successful');
    } finally {
      await server.close();
    }
  });

  it('limits the unfinished jobs of one client with 429', async () => {
    const server = await TestServer.start({ maxJobsPerClient: 2, abortGrace: 100 });
    try {
      const first = await start(server, 'sleep_a_while', { duration: 60 });
      await start(server, 'sleep_a_while', { duration: 60 });
      const refused = await server.execute('echo', { inputs: { value: 1 } });
      const body = expectProblem(refused, 429, 'about:blank');
      expect(body.detail).toContain('maxJobsPerClient');
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
      await server.fetch(`/jobs/${first}`, { method: 'DELETE' });
      await start(server, 'echo', { value: 1 });
    } finally {
      await server.close();
    }
  });
});

describe('bytes stored', () => {
  it('fails a job whose results do not fit, naming the bound', async () => {
    const server = await TestServer.start({ maxStoredBytes: 100_000 });
    try {
      const id = await start(server, 'blob', { size: 200_000 });
      const failed = await until(server, id, 'failed');
      expect(failed.message).toContain('do not fit');
      expect(failed.message).toContain('maxStoredBytes 100000');
      const small = await start(server, 'blob', { size: 1000 });
      await until(server, small, 'successful');
    } finally {
      await server.close();
    }
  });

  it('counts the errors of failed jobs: unread failures cannot hold memory past the bound', async () => {
    const server = await TestServer.start({ maxStoredBytes: 1_000_000 });
    try {
      // Each message (and the stack that repeats it) is about 0.6 MB: the first fits, the others
      // would hold five times the bound if kept whole.
      const messages: string[] = [];
      for (let i = 0; i < 5; i++) {
        const id = await start(server, 'verbose', { length: 300_000 });
        messages.push((await until(server, id, 'failed')).message ?? '');
      }
      expect(messages[0]).toHaveLength(300_000);
      for (const message of messages.slice(1)) {
        expect(message.length).toBeLessThan(2000);
        expect(message).toContain('maxStoredBytes 1000000');
      }
    } finally {
      await server.close();
    }
  });
});
