import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { defineProcess, type ProcessDefinition } from '../src/index.js';
import { JobStore } from '../src/jobs.js';
import { ProcessRegistry } from '../src/processes/registry.js';
import { createAjv } from '../src/validation.js';

function registered(definition: ProcessDefinition) {
  const process = new ProcessRegistry([definition], createAjv()).get(definition.description.id);
  if (process === undefined) throw new Error('not registered');
  return process;
}

function processOf(run: ProcessDefinition['run']) {
  return registered(defineProcess({ description: { id: 'p', version: '1', outputs: {} }, run }));
}

describe('JobStore', () => {
  it('starts jobs as accepted and never runs a job dismissed before it started', async () => {
    let runs = 0;
    const store = new JobStore({ maxJobs: 10 });
    const job = store.start(
      processOf(() => {
        runs++;
        return {};
      }),
      {},
    );
    expect(job.status).toBe('accepted');
    expect(store.dismiss(job.id)?.status).toBe('dismissed');
    await sleep(10);
    expect(runs).toBe(0);
    expect(store.get(job.id)).toBeUndefined();
  });

  it('fails a job that reports progress outside 0..100, and rounds fractions', async () => {
    const store = new JobStore({ maxJobs: 10 });
    const seen: number[] = [];
    const job = store.start(
      processOf((_inputs, { reportProgress }) => {
        reportProgress(12.6);
        seen.push(store.get(job.id)?.progress ?? -1);
        reportProgress(undefined, 'only a message');
        seen.push(store.get(job.id)?.progress ?? -1);
        reportProgress(101);
        return {};
      }),
      {},
    );
    await store.whenDone(job);
    expect(seen).toEqual([13, 13]);
    expect(job.status).toBe('failed');
    expect(job.message).toBe('Progress must be a number from 0 to 100, got 101.');
  });

  it('fails a job whose process throws something that is not an Error', async () => {
    const store = new JobStore({ maxJobs: 10 });
    const job = store.start(
      processOf(() => {
        throw 'plain string';
      }),
      {},
    );
    await store.whenDone(job);
    expect(job).toMatchObject({ status: 'failed', message: 'plain string' });
  });

  it('ignores progress reported after dismissal', async () => {
    const store = new JobStore({ maxJobs: 10 });
    let report: ((progress: number) => void) | undefined;
    const job = store.start(
      processOf(async (_inputs, { reportProgress, signal }) => {
        report = reportProgress;
        await sleep(1000, undefined, { signal });
        return {};
      }),
      {},
    );
    await sleep(10);
    store.dismiss(job.id);
    report?.(70);
    expect(job).toMatchObject({ status: 'dismissed', progress: 0 });
  });

  it('close() dismisses every job and waits for the processes to return', async () => {
    const store = new JobStore({ maxJobs: 10 });
    let returned = false;
    store.start(
      processOf(async (_inputs, { signal }) => {
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        await sleep(20);
        returned = true;
        return {};
      }),
      {},
    );
    await sleep(10);
    await store.close(5000);
    expect(returned).toBe(true);
    expect(store.list()).toEqual([]);
    expect(() =>
      store.start(
        processOf(() => ({})),
        {},
      ),
    ).toThrow('shutting down');
  });

  it('close() stops waiting for a process that ignores its signal after the timeout', async () => {
    const store = new JobStore({ maxJobs: 10 });
    let release: () => void = () => {};
    store.start(
      processOf(() => new Promise((resolve) => (release = () => resolve({})))),
      {},
    );
    await sleep(10);
    await store.close(20);
    release();
  });
});
