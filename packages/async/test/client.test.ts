/** Every call against the real @s2gos/server over HTTP, with and without auth, and under a base path. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsyncClient, ClientError, ClientException, ErrorType } from '../src/index.js';
import { startBasePathProxy, startServer, TOKEN } from './helpers/demo-server.js';
import { startTestServer, type TestServer } from './helpers/http-server.js';

type Running = Awaited<ReturnType<typeof startServer>>;

let open: Running;
let secured: Running;
let proxy: TestServer;

beforeAll(async () => {
  [open, secured] = await Promise.all([
    startServer({ port: 0 }),
    startServer({ port: 0, token: TOKEN }),
  ]);
  proxy = await startBasePathProxy(open.url, '/api/v1/');
});

afterAll(async () => {
  await Promise.all([open.close(), secured.close(), proxy.close()]);
});

const client = (serverUrl: string, accessToken?: string) =>
  new AsyncClient({ config: { serverUrl, ...(accessToken ? { accessToken } : {}) } });

describe('every operation against @s2gos/server', () => {
  it('reads the capabilities, conformance and process list', async () => {
    const c = client(open.url);
    const capabilities = await c.getCapabilities();
    expect(capabilities.links.some((link) => link.rel === 'self')).toBe(true);
    const conformance = await c.getConformance();
    expect(conformance.conformsTo).toContain(
      'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core',
    );
    const { processes } = await c.getProcesses();
    expect(processes.map((process) => process.id)).toEqual(
      expect.arrayContaining(['sleep_a_while', 'primes_between', 'echo']),
    );
  });

  it('describes one process', async () => {
    const description = await client(open.url).getProcess('primes_between');
    expect(description.id).toBe('primes_between');
    expect(Object.keys(description.inputs ?? {})).toEqual(['min_val', 'max_val']);
  });

  it('executes a process, follows the job and reads its results', async () => {
    const c = client(open.url);
    const created = await c.executeProcess('primes_between', {
      inputs: { min_val: 10, max_val: 30 },
    });
    expect(created.processID).toBe('primes_between');
    expect(['accepted', 'running', 'successful']).toContain(created.status);
    const done = await c.waitForJob(created.jobID, { pollInterval: 20 });
    expect(done.status).toBe('successful');
    const job = await c.getJob(created.jobID);
    expect(job.jobID).toBe(created.jobID);
    const results = await c.getJobResults(created.jobID);
    expect(results).toEqual({ primes: [11, 13, 17, 19, 23, 29] });
    const { jobs } = await c.getJobs();
    expect(jobs.map((j) => j.jobID)).toContain(created.jobID);
    const dismissed = await c.dismissJob(created.jobID);
    expect(dismissed.jobID).toBe(created.jobID);
    await expect(c.getJob(created.jobID)).rejects.toMatchObject({ status: 404 });
  });

  it('filters the job list with searchParams', async () => {
    const c = client(open.url);
    const echo = await c.executeProcess('echo', { inputs: { value: 1 } });
    await c.executeProcess('sleep_a_while', { inputs: { duration: 0 } });
    const { jobs } = await c.getJobs({ searchParams: { processID: 'echo', limit: 100 } });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((job) => job.processID === 'echo')).toBe(true);
    expect(jobs.map((job) => job.jobID)).toContain(echo.jobID);
    const limited = await c.getJobs({ searchParams: { limit: 1 } });
    expect(limited.jobs).toHaveLength(1);
  });

  it('turns a 404 problem document into a ClientError with its apiError', async () => {
    const error = await client(open.url)
      .getProcess('no_such_process')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toBeInstanceOf(ClientException);
    const { apiError, status, operation, method, url } = error as ClientError;
    expect({ status, operation, method, url }).toEqual({
      status: 404,
      operation: 'getProcess',
      method: 'GET',
      url: `${open.url}/processes/no_such_process`,
    });
    expect(apiError.status).toBe(404);
    expect(apiError.type).not.toBe(ErrorType.http);
    expect(apiError.detail).toContain('no_such_process');
    expect((error as Error).message).toContain('404');
  });

  it('rejects a bad request (400) with the server problem detail', async () => {
    const error = await client(open.url)
      .executeProcess('primes_between', { inputs: { min_val: 'ten' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).status).toBe(400);
    expect((error as ClientError).apiError.detail).toContain('min_val');
  });
});

describe('access token', () => {
  it('is sent as a bearer token to the configured server', async () => {
    const { processes } = await client(secured.url, TOKEN).getProcesses();
    expect(processes.length).toBeGreaterThan(0);
  });

  it('is required by a secured server: 401 without it, and no token in the error', async () => {
    const error = await client(secured.url)
      .getProcesses()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).status).toBe(401);
    const wrong = await client(secured.url, `${TOKEN}-wrong`)
      .getProcesses()
      .catch((e: unknown) => e);
    expect((wrong as ClientError).status).toBe(401);
    expect(JSON.stringify(wrong)).not.toContain(TOKEN);
    expect(String(wrong)).not.toContain(TOKEN);
  });

  it('is not needed by an open server', async () => {
    await expect(client(open.url, TOKEN).getConformance()).resolves.toHaveProperty('conformsTo');
  });
});

describe('base path', () => {
  it.each(['/api/v1/', '/api/v1'])('keeps the base path of %s for every call', async (path) => {
    const c = client(`${proxy.url}${path}`);
    const before = proxy.requests.length;
    await c.getCapabilities();
    await c.getConformance();
    const { processes } = await c.getProcesses();
    expect(processes.length).toBeGreaterThan(0);
    await c.getProcess('echo');
    const created = await c.executeProcess('echo', { inputs: { value: 'hello' } });
    await c.waitForJob(created.jobID, { pollInterval: 10 });
    expect(await c.getJobResults(created.jobID)).toEqual({ value: 'hello' });
    await c.getJobs();
    await c.dismissJob(created.jobID);
    const paths = proxy.requests.slice(before).map((request) => request.url);
    expect(paths.every((p) => p.startsWith('/api/v1/'))).toBe(true);
    expect(paths).toContain('/api/v1/');
    expect(paths).toContain(`/api/v1/jobs/${created.jobID}/results`);
  });
});

describe('weird ids', () => {
  let recorder: TestServer;
  beforeAll(async () => {
    recorder = await startTestServer((_, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ type: 'not-found', title: 'Not Found', status: 404 }));
    });
  });
  afterAll(() => recorder.close());

  it.each([
    ['../jobs', '..%2Fjobs'],
    ['a/b', 'a%2Fb'],
    ['a?b', 'a%3Fb'],
    ['a#b', 'a%23b'],
    ['é', '%C3%A9'],
    ['%2e%2e', '%252e%252e'],
    ['..%2F', '..%252F'],
    [' x ', '%20x%20'],
  ])('sends %j as the single path segment %s', async (id, segment) => {
    const c = client(`${recorder.url}/api/`);
    await expect(c.getJob(id)).rejects.toMatchObject({ status: 404 });
    expect(recorder.requests.at(-1)?.url).toBe(`/api/jobs/${segment}`);
    await expect(c.getJobResults(id)).rejects.toMatchObject({ status: 404 });
    expect(recorder.requests.at(-1)?.url).toBe(`/api/jobs/${segment}/results`);
    await expect(c.getProcess(id)).rejects.toMatchObject({ status: 404 });
    expect(recorder.requests.at(-1)?.url).toBe(`/api/processes/${segment}`);
  });

  it.each(['', '.', '..'])(
    'refuses %j, which cannot be one path segment, before sending',
    async (id) => {
      const before = recorder.requests.length;
      const error = await client(recorder.url)
        .getJob(id)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).apiError.type).toBe(ErrorType.invalidArgument);
      expect(recorder.requests.length).toBe(before);
    },
  );

  it('never reaches another endpoint of the real server', async () => {
    const c = client(open.url);
    for (const id of ['../jobs', '../processes', 'a/b', 'a?b', 'é']) {
      await expect(c.getProcess(id)).rejects.toMatchObject({ status: 404 });
      await expect(c.getJob(id)).rejects.toMatchObject({ status: 404 });
    }
  });
});

describe('configuration', () => {
  it('returns the resolved configuration', () => {
    const c = new AsyncClient({
      config: { serverUrl: 'http://127.0.0.1:1/x', userName: 'ann', accessToken: TOKEN },
    });
    expect(c.config).toEqual({
      serverUrl: 'http://127.0.0.1:1/x',
      authType: 'token',
      userName: 'ann',
      accessToken: TOKEN,
    });
  });

  it('reads the config file given as configPath', async () => {
    const dir = mkdtempSync(join(tmpdir(), 's2gos-async-'));
    const file = join(dir, 'config');
    writeFileSync(file, `server_url: ${secured.url}\nuser_name: bob\naccess_token: ${TOKEN}\n`);
    const c = new AsyncClient({ configPath: file });
    expect(c.config).toMatchObject({ serverUrl: secured.url, userName: 'bob' });
    await expect(c.getProcesses()).resolves.toHaveProperty('processes');
  });

  it('rejects an invalid server URL or timeout with a ClientError', () => {
    expect(
      () => new AsyncClient({ config: { serverUrl: 'http://127.0.0.1:1' }, timeout: -1 }),
    ).toThrow(ClientError);
  });

  it('fails every call after close() with a clear ClientError', async () => {
    const c = client(open.url);
    await c.getConformance();
    await c.close();
    expect(c.closed).toBe(true);
    const error = await c.getConformance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).apiError.type).toBe(ErrorType.closed);
    expect((error as Error).message).toMatch(/closed/);
  });

  it('close() aborts calls in flight', async () => {
    const stalling = await startTestServer(() => {
      /* never answers */
    });
    try {
      const c = client(stalling.url);
      const pending = c.getJob('j1').catch((e: unknown) => e);
      while (stalling.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
      await c.close();
      const error = await pending;
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).apiError.type).toBe(ErrorType.closed);
    } finally {
      await stalling.close();
    }
  });

  it('skips validation with validate: false', async () => {
    const odd = await startTestServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ jobID: 'j1', status: 'finished-ish' }));
    });
    try {
      const lenient = new AsyncClient({ config: { serverUrl: odd.url }, validate: false });
      expect(await lenient.getJob('j1')).toEqual({ jobID: 'j1', status: 'finished-ish' });
      await expect(client(odd.url).getJob('j1')).rejects.toThrow(/status/);
    } finally {
      await odd.close();
    }
  });
});
