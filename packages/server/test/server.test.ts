import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { defineProcess, startServer } from '../src/index.js';

describe('startServer', () => {
  it('listens on a free port with port 0 and gives its URL without a trailing slash', async () => {
    const server = await startServer({ port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${server.url}/`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('rejects with the reason when the port is taken', async () => {
    const first = await startServer({ port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startServer({ port })).rejects.toThrow(
        `Cannot listen on 127.0.0.1:${port}: EADDRINUSE`,
      );
    } finally {
      await first.close();
    }
  });

  it('formats IPv6 hosts in brackets', async () => {
    const server = await startServer({ host: '::1', port: 0 }).catch(() => undefined);
    // Hosts without IPv6 loopback cannot run this check.
    if (server === undefined) return;
    try {
      expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect((await fetch(`${server.url}/conformance`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('close()', () => {
  it('aborts running jobs, waits for them, closes keep-alive connections and refuses new ones', async () => {
    let stopped = false;
    const waiter = defineProcess({
      description: { id: 'waiter', version: '1', outputs: {} },
      async run(_inputs, { signal }) {
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        await sleep(20);
        stopped = true;
        return {};
      },
    });
    const server = await startServer({ port: 0, processes: [waiter] });
    // A keep-alive connection that stays open after its request.
    const agentRes = await fetch(`${server.url}/processes/waiter/execution`, {
      method: 'POST',
      body: '{}',
      headers: { Connection: 'keep-alive' },
    });
    expect(agentRes.status).toBe(201);
    await agentRes.text();
    await sleep(10);

    const closing = server.close();
    expect(server.close()).toBe(closing);
    await closing;
    expect(stopped).toBe(true);
    await expect(fetch(`${server.url}/`)).rejects.toThrow();
  });

  it('ends a pending synchronous execution with 410 when the server closes', async () => {
    const slowSync = slowSyncProcess();
    const server = await startServer({ port: 0, processes: [slowSync] });
    const status = new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/processes/slow_sync/execution`,
        { method: 'POST' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    await sleep(50);
    await server.close();
    expect(await status).toBe(410);
  });

  it('dismisses a synchronous job whose client went away', async () => {
    let aborted = false;
    const slowSync = slowSyncProcess(() => {
      aborted = true;
    });
    const server = await startServer({ port: 0, processes: [slowSync] });
    try {
      const controller = new AbortController();
      const pending = fetch(`${server.url}/processes/slow_sync/execution`, {
        method: 'POST',
        body: '{}',
        signal: controller.signal,
      }).catch(() => undefined);
      await sleep(50);
      controller.abort();
      await pending;
      for (let i = 0; i < 100 && !aborted; i++) await sleep(10);
      expect(aborted).toBe(true);
      const jobs = (await (await fetch(`${server.url}/jobs`)).json()) as { jobs: unknown[] };
      expect(jobs.jobs).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

/** A sync-execute process that runs until its job is aborted, then calls `onAbort`. */
function slowSyncProcess(onAbort: () => void = () => {}) {
  return defineProcess({
    description: {
      id: 'slow_sync',
      version: '1',
      jobControlOptions: ['sync-execute'],
      outputs: {},
    },
    run: (_inputs, { signal }) =>
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => {
          onAbort();
          reject(signal.reason);
        }),
      ),
  });
}
