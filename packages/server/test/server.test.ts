import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../dist/index.js';
import { eventually, testProcesses } from './helpers.js';

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

  it('closes when its signal is aborted, as with close()', async () => {
    const controller = new AbortController();
    const server = await startServer({ port: 0, signal: controller.signal });
    try {
      expect((await fetch(`${server.url}/`)).status).toBe(200);
      controller.abort();
      const refused = await eventually(async () =>
        fetch(`${server.url}/`, { headers: { connection: 'close' } }).then(
          () => undefined,
          (error: Error) => error,
        ),
      );
      expect(String((refused.cause as Error | undefined)?.message)).toMatch(/ECONNREFUSED/);
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
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 's2gos-close-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('aborts running jobs, waits for them, closes keep-alive connections and refuses new ones', async () => {
    const file = join(dir, 'closed');
    const server = await startServer({ port: 0, processes: testProcesses });
    // A keep-alive connection that stays open after its request.
    const agentRes = await fetch(`${server.url}/processes/waiter/execution`, {
      method: 'POST',
      body: JSON.stringify({ inputs: { file } }),
      headers: { Connection: 'keep-alive', Prefer: 'respond-async' },
    });
    expect(agentRes.status).toBe(201);
    const { jobID } = (await agentRes.json()) as { jobID: string };
    await eventuallyRunning(server.url, jobID);

    const closing = server.close();
    expect(server.close()).toBe(closing);
    await closing;
    expect(readFileSync(file, 'utf8')).toBe('aborted');
    await expect(fetch(`${server.url}/`)).rejects.toThrow();
  });

  it('ends a pending synchronous execution with 410 when the server closes', async () => {
    const server = await startServer({ port: 0, processes: testProcesses });
    const status = new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/processes/waiter/execution`,
        { method: 'POST', headers: { Prefer: 'respond-sync' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ inputs: { file: join(dir, 'sync-closed') } }));
    });
    await sleep(50);
    await server.close();
    expect(await status).toBe(410);
  });

  it('dismisses a synchronous job whose client went away', async () => {
    const file = join(dir, 'went-away');
    const server = await startServer({ port: 0, processes: testProcesses });
    try {
      const controller = new AbortController();
      const pending = fetch(`${server.url}/processes/waiter/execution`, {
        method: 'POST',
        body: JSON.stringify({ inputs: { file } }),
        headers: { Prefer: 'respond-sync' },
        signal: controller.signal,
      }).catch(() => undefined);
      const jobs = async () =>
        ((await (await fetch(`${server.url}/jobs`)).json()) as { jobs: { jobID: string }[] }).jobs;
      const [job] = await eventually(async () => ((await jobs()).length > 0 ? jobs() : undefined));
      await eventuallyRunning(server.url, job?.jobID ?? '');
      controller.abort();
      await pending;
      await eventually(async () => (existsSync(file) ? true : undefined));
      expect(await jobs()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

async function eventuallyRunning(url: string, jobId: string): Promise<void> {
  await eventually(async () => {
    const info = (await (await fetch(`${url}/jobs/${jobId}`)).json()) as { status: string };
    return info.status === 'running' ? true : undefined;
  });
}
