import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientError, ErrorType, TransportError } from '@s2gos/sync';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { thrown } from './helpers.js';

const serverUrl = inject('serverUrl');
const badServerUrl = inject('badServerUrl');

describe('every call has a hard upper bound: the request timeout plus a margin', () => {
  test('retries end at the call deadline, and a reset is reported as a reset, not a deadlock', () => {
    // ky would retry the reset connection with growing delays (0.3 s, 0.6 s, 1.2 s, …) 50 times;
    // no retry starts after the call's 200 ms.
    const client = new Client({ serverUrl: `${badServerUrl}/reset`, timeout: 200, retry: 50 });
    const error = thrown(() => client.getCapabilities());
    expect(error).toBeInstanceOf(TransportError);
    expect((error as ClientError).apiError.type).toBe(ErrorType.network);
    expect(error.message).toContain('the connection was reset by the server');
    expect(error.message).not.toContain('deadlock');
    client.close();
  });

  test('a timed-out call does not poison later calls', () => {
    const stuck = new Client({ serverUrl: `${badServerUrl}/never`, timeout: 200 });
    expect(thrown(() => stuck.getJobs())).toBeInstanceOf(TransportError);
    // the same client, and a new one, still work
    expect(thrown(() => stuck.getJobs())).toBeInstanceOf(TransportError);
    stuck.close();
    const healthy = new Client({ serverUrl });
    expect(healthy.getConformance().conformsTo.length).toBeGreaterThan(0);
    healthy.close();
  });
});

describe('downloadResults', () => {
  test('ends at its own timeout, saying so and that the next call resumes', () => {
    const dir = mkdtempSync(join(tmpdir(), 's2gos-sync-stalled-'));
    const client = new Client({ serverUrl: `${badServerUrl}/stalled-file` });
    try {
      const error = thrown(() => client.downloadResults('job-1', { dir, timeout: 300 }));
      expect(error).toBeInstanceOf(TransportError);
      expect((error as ClientError).apiError.type).toBe(ErrorType.timeout);
      expect(error.message).toContain('within 300 ms (its timeout; calling downloadResults again');
      expect(error.message).not.toContain('plus');
      expect(readdirSync(dir)).toContain('data.txt.part');
    } finally {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a sync call to a server in the same thread', () => {
  let server: Server | undefined;
  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });

  test('deadlocks until the timeout, which names this likely cause; later calls work', async () => {
    server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"links": []}');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const client = new Client({ serverUrl: `http://127.0.0.1:${port}`, timeout: 300, retry: 0 });
    const error = thrown(() => client.getCapabilities());
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toMatch(
      /^getCapabilities: GET http:\/\/127\.0\.0\.1:\d+\/ timed out \(if the server runs in the thread that made this call, it cannot answer: a sync call from the thread that hosts the server it calls deadlocks; run the server in another thread or process\)$/,
    );
    client.close();
    const other = new Client({ serverUrl });
    expect(other.getProcess('echo').id).toBe('echo');
    other.close();
  });
});
