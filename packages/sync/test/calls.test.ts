import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { AsyncClient, type JobListQuery } from '@s2gos/async';
import { Client, ClientError, ConfigError, ErrorType } from '@s2gos/sync';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { describeError, rejected, thrown } from './helpers.js';

const serverUrl = inject('serverUrl');
const client = new Client({ serverUrl });
const reference = new AsyncClient({ serverUrl });
afterAll(async () => {
  client.close();
  await reference.close();
});

describe('every operation returns the document itself, as the async client resolves it', () => {
  test('getCapabilities', async () => {
    const capabilities = client.getCapabilities();
    expect(capabilities).not.toBeInstanceOf(Promise);
    expect(capabilities.links.length).toBeGreaterThan(0);
    expect(capabilities).toEqual(await reference.getCapabilities());
  });

  test('getConformance', async () => {
    const conformance = client.getConformance();
    expect(conformance.conformsTo).toContain(
      'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core',
    );
    expect(conformance).toEqual(await reference.getConformance());
  });

  test('getProcesses', async () => {
    const list = client.getProcesses();
    expect(list.processes.map((p) => p.id)).toEqual(
      expect.arrayContaining(['sleep_a_while', 'primes_between', 'echo']),
    );
    expect(list).toEqual(await reference.getProcesses());
  });

  test('getProcess', async () => {
    const description = client.getProcess('primes_between');
    expect(description.id).toBe('primes_between');
    expect(Object.keys(description.inputs ?? {})).toEqual(['min_val', 'max_val']);
    expect(description).toEqual(await reference.getProcess('primes_between'));
  });

  test('executeProcess, getJob, waitForJob, getJobResults, getJobs', () => {
    const created = client.executeProcess('primes_between', {
      inputs: { min_val: 10, max_val: 30 },
    });
    expect(created.jobID).toBeTypeOf('string');
    expect(['accepted', 'running', 'successful']).toContain(created.status);
    expect(client.getJob(created.jobID).jobID).toBe(created.jobID);

    const done = client.waitForJob(created.jobID, { pollInterval: 20 });
    expect(done.status).toBe('successful');
    expect(client.getJobResults(created.jobID)).toEqual({
      primes: [11, 13, 17, 19, 23, 29],
    });
    expect(client.getJobs().jobs.map((job) => job.jobID)).toContain(created.jobID);
  });

  test('getJobs passes query parameters, also as URLSearchParams', () => {
    client.executeAndWait('echo', { inputs: { value: 1 } }, { pollInterval: 20 });
    client.executeAndWait('echo', { inputs: { value: 2 } }, { pollInterval: 20 });
    expect(client.getJobs({ searchParams: { limit: 1 } }).jobs).toHaveLength(1);
    // The typed query of getJobs has no URLSearchParams; the transport accepts them for any call.
    const searchParams = new URLSearchParams({ limit: '1' }) as unknown as JobListQuery;
    expect(client.getJobs({ searchParams }).jobs).toHaveLength(1);
  });

  test('dismissJob', () => {
    const created = client.executeProcess('sleep_a_while', { inputs: { duration: 30 } });
    const dismissed = client.dismissJob(created.jobID);
    expect(dismissed.jobID).toBe(created.jobID);
    expect(dismissed.status).toBe('dismissed');
  });

  test('executeAndWait returns the final status and the results', () => {
    const run = client.executeAndWait(
      'echo',
      { inputs: { value: { a: [1, 'b'] } } },
      {
        pollInterval: 20,
      },
    );
    expect(run.job.status).toBe('successful');
    expect(run.results).toEqual({ value: { a: [1, 'b'] } });
  });

  test('perform dispatches any operation of the table by name', async () => {
    expect(client.perform('getProcess', ['echo'])).toEqual(await reference.getProcess('echo'));
  });
});

describe('waitForJob', () => {
  test('calls onProgress on the calling thread with every status, the final one last', () => {
    const seen: { status: string; thread: number }[] = [];
    const created = client.executeProcess('sleep_a_while', { inputs: { duration: 0.4 } });
    const done = client.waitForJob(created.jobID, {
      pollInterval: 50,
      onProgress: (job) => seen.push({ status: job.status, thread: threadId }),
    });
    expect(done.status).toBe('successful');
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)?.status).toBe('successful');
    expect(new Set(seen.map((s) => s.thread))).toEqual(new Set([threadId]));
  });

  test('a failed job throws the same ClientError as the async client', async () => {
    const request = { inputs: { duration: 0, fail: true } };
    const options = { pollInterval: 20 };
    const syncError = thrown(() => client.executeAndWait('sleep_a_while', request, options));
    const asyncError = await rejected(reference.executeAndWait('sleep_a_while', request, options));
    expect(syncError).toBeInstanceOf(ClientError);
    expect(describeError(syncError)).toEqual({
      ...describeError(asyncError),
      job: expect.objectContaining({ status: 'failed' }),
      message: expect.stringMatching(/^job \S+ failed/),
    });
    const { apiError } = syncError as ClientError;
    expect(apiError.type).toBe(ErrorType.jobFailed);
    expect(apiError.detail).toBe('Woke up too early');
  });

  test('gives up after its timeout with the policy error, naming the last status', () => {
    const created = client.executeProcess('sleep_a_while', { inputs: { duration: 30 } });
    const error = thrown(() =>
      client.waitForJob(created.jobID, { timeout: 150, pollInterval: 20 }),
    );
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).apiError.type).toBe(ErrorType.jobTimeout);
    expect(error.message).toBe(
      `job ${created.jobID} did not finish within 150 ms (last status: ${(error as ClientError).job?.status})`,
    );
    client.dismissJob(created.jobID);
  });

  test('tolerates early 404s as the policy says, then throws the 404 like the async client', async () => {
    const late = new Client({ serverUrl: `${inject('badServerUrl')}/late-job` });
    const lateAsync = new AsyncClient({ serverUrl: `${inject('badServerUrl')}/late-job` });
    const options = { pollInterval: 10 };
    // two 404s, then the job: tolerated with notFoundPolls 2 …
    expect(late.waitForJob('job-a', { ...options, notFoundPolls: 2 }).status).toBe('successful');
    // … but not with notFoundPolls 1, where the second 404 is thrown, as by the async client
    const syncError = thrown(() => late.waitForJob('job-b', { ...options, notFoundPolls: 1 }));
    const asyncError = await rejected(
      lateAsync.waitForJob('job-c', { ...options, notFoundPolls: 1 }),
    );
    expect((syncError as ClientError).status).toBe(404);
    expect(describeError(syncError)).toEqual({
      ...describeError(asyncError),
      message: describeError(asyncError).message.replace('job-c', 'job-b'),
      url: describeError(asyncError).url?.toString().replace('job-c', 'job-b'),
    });
    late.close();
  });

  test('rejects invalid policy settings like the async client', async () => {
    const syncError = thrown(() => client.waitForJob('x', { pollInterval: -1 }));
    const asyncError = await rejected(reference.waitForJob('x', { pollInterval: -1 }));
    expect(syncError).toBeInstanceOf(TypeError);
    expect(syncError.message).toBe(asyncError.message);
  });
});

describe('configuration', () => {
  test('client.config is resolved as the async client resolves it', () => {
    const options = { serverUrl: `${serverUrl}/`, userName: 'ada', accessToken: 'secret-token-1' };
    const sync = new Client(options);
    expect(sync.config).toEqual(new AsyncClient(options).config);
    sync.close();
  });

  test('reads the environment of the calling thread when the client is created', () => {
    const before = process.env.S2GOS_SERVER_URL;
    process.env.S2GOS_SERVER_URL = serverUrl;
    try {
      const sync = new Client({ configPath: '/nonexistent/s2gos-config' });
      expect(sync.config.serverUrl).toBe(serverUrl);
      // The worker uses this configuration, not its own copy of the environment.
      expect(sync.getConformance().conformsTo.length).toBeGreaterThan(0);
      sync.close();
    } finally {
      if (before === undefined) delete process.env.S2GOS_SERVER_URL;
      else process.env.S2GOS_SERVER_URL = before;
    }
  });

  test('a broken config file throws the ConfigError of the async client', () => {
    const dir = mkdtempSync(join(tmpdir(), 's2gos-sync-config-'));
    const configPath = join(dir, 'config');
    writeFileSync(configPath, 'server_url: [unclosed\n');
    try {
      const syncError = thrown(() => new Client({ configPath }));
      expect(syncError).toBeInstanceOf(ConfigError);
      expect(syncError.message).toBe(thrown(() => new AsyncClient({ configPath })).message);
      expect(syncError.message).toContain(configPath);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('string forms redact the access token', () => {
    const sync = new Client({ serverUrl, accessToken: 'secret-token-1234' });
    expect(String(sync)).toBe(`Client(${serverUrl})`);
    expect(JSON.stringify(sync)).not.toContain('secret-token');
    expect(JSON.stringify(sync)).toContain('****1234');
    sync.close();
  });
});
