import type { AsyncClient } from '@s2gos/async';
import {
  type Capabilities,
  Client,
  type ConformanceDeclaration,
  type JobInfo,
  type JobList,
  type JobResults,
  type JobRun,
  type ProcessDescription,
  type ProcessList,
  type ResolvedConfig,
} from '@s2gos/sync';
import { describe, expectTypeOf, test } from 'vitest';

declare const client: Client;
const request = { inputs: { value: 1 } };

describe('methods return plain values, not promises', () => {
  test('each operation returns its document', () => {
    expectTypeOf(client.getCapabilities()).toEqualTypeOf<Capabilities>();
    expectTypeOf(client.getConformance()).toEqualTypeOf<ConformanceDeclaration>();
    expectTypeOf(client.getProcesses()).toEqualTypeOf<ProcessList>();
    expectTypeOf(client.getProcess('echo')).toEqualTypeOf<ProcessDescription>();
    expectTypeOf(client.executeProcess('echo', request)).toEqualTypeOf<JobInfo>();
    expectTypeOf(client.getJobs()).toEqualTypeOf<JobList>();
    expectTypeOf(client.getJob('id')).toEqualTypeOf<JobInfo>();
    expectTypeOf(client.dismissJob('id')).toEqualTypeOf<JobInfo>();
    expectTypeOf(client.getJobResults('id')).toEqualTypeOf<JobResults>();
    expectTypeOf(client.waitForJob('id')).toEqualTypeOf<JobInfo>();
    expectTypeOf(client.executeAndWait('echo', request)).toEqualTypeOf<JobRun>();
    expectTypeOf(client.perform('getJob', ['id'])).toEqualTypeOf<JobInfo>();
    expectTypeOf(client.close()).toEqualTypeOf<void>();
    expectTypeOf(client.config).toEqualTypeOf<ResolvedConfig>();
  });

  test('the same results as the async client, unwrapped', () => {
    expectTypeOf(client.getJob('id')).toEqualTypeOf<Awaited<ReturnType<AsyncClient['getJob']>>>();
    expectTypeOf(client.getJobs()).toEqualTypeOf<Awaited<ReturnType<AsyncClient['getJobs']>>>();
    expectTypeOf(client.getJobResults).parameters.toEqualTypeOf<
      [jobId: string, options?: Parameters<Client['getJobResults']>[1]]
    >();
  });
});

describe('arguments are checked as for the async client', () => {
  test('path parameters and bodies', () => {
    // @ts-expect-error: the job id is required
    client.getJob();
    // @ts-expect-error: a job id is a string
    client.getJob(42);
    // @ts-expect-error: executeProcess needs the request
    client.executeProcess('echo');
  });

  test('the getJobs query is typed', () => {
    client.getJobs({ searchParams: { limit: 2, status: ['running', 'accepted'] } });
    // @ts-expect-error: not a job status
    client.getJobs({ searchParams: { status: 'sleeping' } });
  });
});

describe('options that cannot cross a thread are not in the types', () => {
  test('constructor', () => {
    new Client({ serverUrl: 'http://127.0.0.1:8008', timeout: 5_000, retry: { limit: 1 } });
    // @ts-expect-error: no custom fetch
    new Client({ fetch: globalThis.fetch });
    // @ts-expect-error: no retry delay function
    new Client({ retry: { delay: () => 1 } });
  });

  test('per call and waitForJob', () => {
    client.getJob('id', { timeout: 1_000, headers: { 'x-a': 'b' } });
    // @ts-expect-error: no signal
    client.getJob('id', { signal: new AbortController().signal });
    client.waitForJob('id', { timeout: 60_000, onProgress: (job: JobInfo) => job.status });
    // @ts-expect-error: no signal
    client.waitForJob('id', { signal: new AbortController().signal });
    // @ts-expect-error: nothing could abort the wait
    client.waitForJob('id', { dismissOnAbort: true });
  });
});

describe('requests as sent (ProcessRequestInput)', () => {
  test('an unknown top-level member is a type error', () => {
    client.executeProcess('echo', { inputs: { a: 1 } });
    // @ts-expect-error `input` is not a member of a request
    client.executeProcess('echo', { input: { a: 1 } });
    // @ts-expect-error the inputs without their `inputs` wrapper
    client.executeAndWait('primes_between', { min_val: 90, max_val: 100 });
    client.getJobs({ maxResponseSize: 1024 });
  });
});
