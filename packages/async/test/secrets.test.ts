/** The access token never shows: not in messages, JSON, util.inspect or toString. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AsyncClient, ClientError, ErrorType, TransportError } from '../src/index.js';
import { rebuildError } from '../src/internal.js';
import { TOKEN } from './helpers/demo-server.js';
import { startTestServer } from './helpers/http-server.js';

describe('the access token', () => {
  const client = new AsyncClient({
    config: { serverUrl: 'http://127.0.0.1:9/api', userName: 'ann', accessToken: TOKEN },
  });

  it('is masked in JSON, toString and util.inspect of the client', () => {
    for (const text of [JSON.stringify(client), String(client), inspect(client, { depth: 10 })]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(JSON.parse(JSON.stringify(client))).toEqual({
      serverUrl: 'http://127.0.0.1:9/api',
      userName: 'ann',
      accessToken: `****${TOKEN.slice(-4)}`,
      closed: false,
    });
    expect(inspect(client)).toContain('http://127.0.0.1:9/api');
  });

  it('is absent from transport errors, their causes and their inspection', async () => {
    const error = await client.getJobs({ retry: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    for (const text of [
      (error as Error).message,
      JSON.stringify(error),
      String(error),
      inspect(error, { depth: 10, showHidden: true }),
    ]) {
      expect(text).not.toContain(TOKEN);
    }
  });

  it('is absent from timeout errors and their causes', async () => {
    const server = await startTestServer(() => {
      /* never answers */
    });
    try {
      const c = new AsyncClient({
        config: { serverUrl: server.url, accessToken: TOKEN },
        // Long enough for the request to reach the server even from a cold start: a process's
        // first fetch loads undici, which takes longer than 100 ms on Node 24.
        timeout: 1000,
      });
      const error = await c.getJob('j').catch((e: unknown) => e);
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect((error as ClientError).apiError.type).toBe(ErrorType.timeout);
      expect((error as Error).cause).toBeDefined();
      expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(TOKEN);
    } finally {
      await server.close();
    }
  });

  it('is absent from HTTP errors and their inspection', async () => {
    const server = await startTestServer((request, response) => {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end(`rejected ${request.headers.authorization}`);
    });
    try {
      const c = new AsyncClient({ config: { serverUrl: server.url, accessToken: TOKEN } });
      const error = await c.getJob('j').catch((e: unknown) => e);
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(error).toBeInstanceOf(ClientError);
      for (const text of [JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
        expect(text).not.toContain(TOKEN);
      }
      expect((error as ClientError).apiError.detail).toBe('rejected Bearer ****cdef');
    } finally {
      await server.close();
    }
  });
});

describe('errors as plain data (for @s2gos/sync)', () => {
  it('round-trip through toJSON, structuredClone and rebuildError', () => {
    const original = new TransportError(
      'getJob: GET http://127.0.0.1/jobs/j timed out',
      { type: ErrorType.timeout, title: 'Request timed out' },
      {
        operation: 'getJob',
        method: 'GET',
        url: 'http://127.0.0.1/jobs/j',
        cause: new RangeError('slow'),
      },
    );
    const rebuilt = rebuildError({ kind: 'client', data: structuredClone(original.toJSON()) });
    expect(rebuilt).toBeInstanceOf(TransportError);
    expect(rebuilt).toBeInstanceOf(ClientError);
    expect(rebuilt.toJSON()).toEqual(original.toJSON());
    expect(rebuilt.cause).toMatchObject({ name: 'RangeError', message: 'slow' });
  });

  it('keeps the job and status of a ClientError', () => {
    const job = { type: 'process', jobID: 'j', status: 'failed', message: 'no' } as const;
    const original = new ClientError(
      'job j failed: no',
      { type: ErrorType.jobFailed, status: 500 },
      { job },
    );
    const rebuilt = rebuildError({ kind: 'client', data: structuredClone(original.toJSON()) });
    expect(rebuilt).not.toBeInstanceOf(TransportError);
    expect(rebuilt.name).toBe('ClientError');
    expect(rebuilt.job).toEqual(job);
    expect(rebuilt.status).toBe(500);
    expect(rebuilt.message).toBe('job j failed: no');
  });
});
