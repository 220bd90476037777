// Processes run in worker threads: a process that blocks the CPU, crashes, runs out of memory or
// ignores its abort signal harms only its worker. The server runs in a child process with a
// capped heap, so that a regression fails these tests instead of killing the runner.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobInfoSchema, parseModel } from '@s2gos/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestServer } from './helpers.js';

let server: TestServer & { exited: () => boolean };
let dir: string;
beforeAll(async () => {
  server = await TestServer.spawn({ workers: 2, abortGrace: 200, workerMemoryMb: 64 });
  dir = mkdtempSync(join(tmpdir(), 's2gos-isolation-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(processId: string, inputs: Record<string, unknown>): Promise<string> {
  const answer = await server.execute(processId, { inputs });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return parseModel(JobInfoSchema, answer.body).jobID;
}

async function until(jobId: string, done: (status: string) => boolean) {
  return eventually(async () => {
    const info = parseModel(JobInfoSchema, (await server.fetch(`/jobs/${jobId}`)).body);
    return done(info.status) ? info : undefined;
  });
}

/** The heartbeats the busy process has appended to its file so far. */
function heartbeat(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

describe('a CPU-bound process', () => {
  it('does not stall requests, and dismissing it stops it although it ignores its signal', async () => {
    const file = join(dir, 'busy');
    const jobId = await start('busy', { file });
    await until(jobId, (status) => status === 'running');
    await eventually(async () => (heartbeat(file) > 0 ? true : undefined));

    // The process never yields; on the server's event loop these requests would wait for it.
    for (const path of ['/conformance', `/jobs/${jobId}`, '/jobs']) {
      expect((await server.fetch(path)).status).toBe(200);
    }

    expect((await server.fetch(`/jobs/${jobId}`, { method: 'DELETE' })).status).toBe(200);
    // Terminated after the grace period: its heartbeat stops.
    await eventually(async () => {
      const before = heartbeat(file);
      await sleep(100);
      return heartbeat(file) === before ? true : undefined;
    });
    const stopped = heartbeat(file);
    await sleep(200);
    expect(heartbeat(file)).toBe(stopped);
  });
});

describe('a crashing process', () => {
  it.each([
    ['throw-in-timer', 'thrown from a timer'],
    ['unhandled-rejection', 'nobody handles this'],
    ['exit', 'exited with code: 3'],
    ['out-of-memory', 'memory'],
  ])('fails its job (%s) and leaves the server running', async (how, message) => {
    const jobId = await start('crasher', { how });
    const failed = await until(jobId, (status) => status === 'failed');
    expect(failed.message).toContain('The process crashed');
    expect(failed.message).toContain(message);
    expect(server.exited()).toBe(false);
    const echo = await server.execute(
      'echo',
      { inputs: { value: how } },
      { Prefer: 'respond-sync' },
    );
    expect(echo.body).toEqual({ value: how });
  });
});

describe('a process module the worker cannot import', () => {
  it('fails its job, naming the module and what it must be', async () => {
    const jobId = await start('unloadable', {});
    const failed = await until(jobId, (status) => status === 'failed');
    expect(failed.message).toContain("Cannot import the module of process 'unloadable'");
    expect(failed.message).toContain('missing-process.ts');
  });
});

describe('outputs', () => {
  it.each([
    ['bigint', 'BigInt'],
    ['cycle', 'circular'],
  ])('that JSON cannot hold (%s) fail the job with a clear message', async (kind, detail) => {
    const jobId = await start('unserialisable', { kind });
    const failed = await until(jobId, (status) => status === 'failed');
    expect(failed.message).toMatch(
      /^Process 'unserialisable' returned outputs that cannot be serialised as JSON: /,
    );
    expect(failed.message).toContain(detail);
    const results = await server.fetch(`/jobs/${jobId}/results`);
    expect(results.status).toBe(500);
    expect((results.body as { detail: string }).detail).toContain('cannot be serialised');
  });

  it('nested too deeply for the server thread fail the job, not the server', async () => {
    // The worker could serialise them; the server, re-serialising the output asked for on its
    // smaller stack, could not: that error must not escape as an unhandled rejection.
    const answer = await server.execute('nested', { inputs: {}, outputs: { value: {} } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const { jobID } = parseModel(JobInfoSchema, answer.body);
    const failed = await until(jobID, (status) => status === 'failed');
    expect(failed.message).toMatch(/^Process 'nested' returned outputs the server cannot handle: /);
    expect(server.exited()).toBe(false);
    const results = await server.fetch(`/jobs/${jobID}/results`);
    expect(results.status).toBe(500);
  });
});
