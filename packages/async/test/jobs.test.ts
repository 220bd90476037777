/** waitForJob and executeAndWait against the real server and against purpose-built ones. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsyncClient, ClientError, ErrorType, type JobInfo, TransportError } from '../src/index.js';
import { createJobWait, createJobWaitPolicy } from '../src/internal.js';
import { startServer } from './helpers/demo-server.js';
import { jobInfo, sendJson, startTestServer } from './helpers/http-server.js';

let server: Awaited<ReturnType<typeof startServer>>;
let client: AsyncClient;

beforeAll(async () => {
  server = await startServer({ port: 0, debug: true });
  client = new AsyncClient({ config: { serverUrl: server.url } });
});
afterAll(() => server.close());

const fast = { pollInterval: 10, maxPollInterval: 50 };

describe('waitForJob', () => {
  it('resolves with the final JobInfo and reports progress on the way', async () => {
    const created = await client.executeProcess('sleep_a_while', { inputs: { duration: 0.3 } });
    const seen: JobInfo[] = [];
    const job = await client.waitForJob(created.jobID, {
      ...fast,
      onProgress: (j) => seen.push(j),
    });
    expect(job.status).toBe('successful');
    expect(seen.at(-1)).toEqual(job);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.some((j) => j.status === 'running')).toBe(true);
  });

  it('rejects with the job message and traceback when the job fails', async () => {
    const created = await client.executeProcess('sleep_a_while', {
      inputs: { duration: 0.1, fail: true },
    });
    const error = await client.waitForJob(created.jobID, fast).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    const { apiError, job, message } = error as ClientError;
    expect(apiError.type).toBe(ErrorType.jobFailed);
    expect(apiError.detail).toContain('Woke up too early');
    expect(apiError.traceback?.join('\n')).toContain('Woke up too early');
    expect(job?.status).toBe('failed');
    expect(message).toContain(created.jobID);
  });

  it('rejects when the job is dismissed while waiting', async () => {
    const created = await client.executeProcess('sleep_a_while', { inputs: { duration: 5 } });
    const waiting = client.waitForJob(created.jobID, fast).catch((e: unknown) => e);
    await client.dismissJob(created.jobID);
    const error = await waiting;
    expect(error).toBeInstanceOf(ClientError);
    // The server either reports the job as dismissed or has already forgotten it (404).
    const clientError = error as ClientError;
    expect(clientError.apiError.type === ErrorType.jobDismissed || clientError.status === 404).toBe(
      true,
    );
  });

  it('gives up after its timeout with the last status', async () => {
    const created = await client.executeProcess('sleep_a_while', { inputs: { duration: 5 } });
    const error = await client
      .waitForJob(created.jobID, { ...fast, timeout: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).apiError.type).toBe(ErrorType.jobTimeout);
    expect((error as ClientError).job?.jobID).toBe(created.jobID);
    await client.dismissJob(created.jobID);
  });

  it('aborting leaves the job running unless dismissOnAbort', async () => {
    const created = await client.executeProcess('sleep_a_while', { inputs: { duration: 5 } });
    const controller = new AbortController();
    const waiting = client
      .waitForJob(created.jobID, { ...fast, signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort();
    const error = await waiting;
    expect(error).toBeInstanceOf(TransportError);
    expect((error as ClientError).apiError.type).toBe(ErrorType.aborted);
    expect((await client.getJob(created.jobID)).status).toMatch(/accepted|running/);
    await client.dismissJob(created.jobID);
  });

  it('aborting with dismissOnAbort dismisses the job on the server', async () => {
    const controller = new AbortController();
    const running = client
      .executeAndWait(
        'sleep_a_while',
        { inputs: { duration: 5 } },
        {
          ...fast,
          signal: controller.signal,
          dismissOnAbort: true,
          onProgress: (job) => {
            if (job.status === 'running') controller.abort();
          },
        },
      )
      .catch((e: unknown) => e);
    const error = (await running) as ClientError;
    expect(error).toBeInstanceOf(TransportError);
    const jobId = error.job?.jobID ?? '';
    expect(jobId).not.toBe('');
    const after = await client.getJob(jobId).catch((e: unknown) => e);
    expect(after instanceof ClientError ? after.status : (after as JobInfo).status).toSatisfy(
      (value: unknown) => value === 404 || value === 'dismissed',
    );
  });

  it('tolerates 404s on the first polls of a job the server registers late', async () => {
    const late = await startTestServer((_request, response) => {
      if (late.requests.length <= 2)
        sendJson(response, 404, { type: 'not-found', title: 'Not Found' });
      else sendJson(response, 200, jobInfo('j1', 'successful'));
    });
    try {
      const c = new AsyncClient({ config: { serverUrl: late.url } });
      await expect(c.waitForJob('j1', fast)).resolves.toMatchObject({ status: 'successful' });
      expect(late.requests).toHaveLength(3);
    } finally {
      await late.close();
    }
  });

  it('does not tolerate more 404s than the policy allows, nor a 404 after the job was seen', async () => {
    const gone = await startTestServer((_, response) => {
      if (gone.requests.length === 1) sendJson(response, 200, jobInfo('j1', 'running'));
      else sendJson(response, 404, { type: 'not-found', title: 'Not Found' });
    });
    const never = await startTestServer((_, response) =>
      sendJson(response, 404, { type: 'not-found', title: 'Not Found' }),
    );
    try {
      const first = new AsyncClient({ config: { serverUrl: gone.url } });
      await expect(first.waitForJob('j1', fast)).rejects.toMatchObject({ status: 404 });
      expect(gone.requests).toHaveLength(2);
      const second = new AsyncClient({ config: { serverUrl: never.url } });
      await expect(second.waitForJob('j1', { ...fast, notFoundPolls: 2 })).rejects.toMatchObject({
        status: 404,
      });
      expect(never.requests).toHaveLength(3);
    } finally {
      await Promise.all([gone.close(), never.close()]);
    }
  });
});

describe('executeAndWait', () => {
  it('resolves to the final job and its results', async () => {
    const { job, results } = await client.executeAndWait(
      'primes_between',
      { inputs: { min_val: 1, max_val: 20 } },
      fast,
    );
    expect(job.status).toBe('successful');
    expect(results).toEqual({ primes: [2, 3, 5, 7, 11, 13, 17, 19] });
  });

  it('rejects with the failure of the job', async () => {
    await expect(
      client.executeAndWait('sleep_a_while', { inputs: { duration: 0, fail: true } }, fast),
    ).rejects.toMatchObject({ apiError: { type: ErrorType.jobFailed } });
  });
});

describe('the job wait policy (shared with @s2gos/sync)', () => {
  it('backs off from pollInterval up to maxPollInterval', () => {
    const policy = createJobWaitPolicy({
      pollInterval: 100,
      maxPollInterval: 300,
      backoffFactor: 2,
    });
    expect([0, 1, 2, 3].map((attempt) => policy.nextDelay(attempt))).toEqual([100, 200, 300, 300]);
  });

  it('has sensible defaults', () => {
    const policy = createJobWaitPolicy();
    expect(policy.timeout).toBe(3_600_000);
    expect(policy.nextDelay(0)).toBe(250);
    expect(policy.nextDelay(100)).toBe(5_000);
    expect([0, 1, 2, 3].map(policy.tolerateNotFound)).toEqual([true, true, true, false]);
  });

  it('classifies a JobInfo', () => {
    const policy = createJobWaitPolicy();
    const job = (status: JobInfo['status']) => jobInfo('j1', status, { message: 'm' }) as JobInfo;
    expect(policy.outcome(job('accepted')).state).toBe('pending');
    expect(policy.outcome(job('running')).state).toBe('pending');
    expect(policy.outcome(job('successful')).state).toBe('success');
    expect(policy.isTerminal(job('running'))).toBe(false);
    expect(policy.isTerminal(job('dismissed'))).toBe(true);
    const failed = policy.outcome(job('failed'));
    expect(failed.state === 'failure' && failed.error.apiError.type).toBe(ErrorType.jobFailed);
    expect(policy.failureFor(job('dismissed'))?.apiError.type).toBe(ErrorType.jobDismissed);
    expect(policy.failureFor(job('successful'))).toBeUndefined();
    expect(policy.timeoutError('j1', job('running')).message).toContain('last status: running');
  });

  it('rejects nonsense settings', () => {
    expect(() => createJobWaitPolicy({ pollInterval: -1 })).toThrow(/pollInterval/);
    expect(() => createJobWaitPolicy({ timeout: Number.NaN })).toThrow(/timeout/);
  });
});

describe('the job wait state machine (driven by both clients)', () => {
  const job = (status: JobInfo['status']) => jobInfo('j1', status) as JobInfo;
  const notFound = new ClientError('gone', { type: 'about:blank', status: 404 }, { status: 404 });

  it('tolerates 404s only before the job was seen and within notFoundPolls', () => {
    const early = createJobWait('j1', { notFoundPolls: 2, pollInterval: 10, backoffFactor: 2 });
    expect(early.next({ error: notFound })).toEqual({ done: false, delay: 10 });
    expect(early.next({ error: notFound })).toEqual({ done: false, delay: 20 });
    expect(() => early.next({ error: notFound })).toThrow(notFound);

    const seen = createJobWait('j1');
    seen.next({ job: job('running') });
    expect(() => seen.next({ error: notFound })).toThrow(notFound);
    const other = new Error('network down');
    expect(() => createJobWait('j1').next({ error: other })).toThrow(other);
  });

  it('reports every status, ends on success and throws the failure of the job', () => {
    const seen: string[] = [];
    const wait = createJobWait('j1', { onProgress: (j) => seen.push(j.status) });
    expect(wait.next({ job: job('accepted') }).done).toBe(false);
    expect(wait.next({ job: job('successful') })).toEqual({ done: true, job: job('successful') });
    expect(seen).toEqual(['accepted', 'successful']);
    expect(wait.lastJob?.status).toBe('successful');
    expect(() => createJobWait('j1').next({ job: job('dismissed') })).toThrow(
      expect.objectContaining({
        apiError: expect.objectContaining({ type: ErrorType.jobDismissed }),
      }),
    );
  });

  it('never sleeps past the deadline and then throws the timeout', async () => {
    const wait = createJobWait('j1', { timeout: 30, pollInterval: 1_000 });
    const step = wait.next({ job: job('running') });
    expect(step.done === false && step.delay).toBeLessThanOrEqual(30);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(() => wait.next({ job: job('running') })).toThrow(
      expect.objectContaining({
        apiError: expect.objectContaining({ type: ErrorType.jobTimeout }),
      }),
    );
  });
});
