import { describe, expectTypeOf, it } from 'vitest';
import type { AsyncClient as BrowserAsyncClient } from '../src/browser.js';
import {
  type ApiError,
  type AsyncClient,
  type AsyncClientOptions,
  type Capabilities,
  ClientError,
  ClientException,
  type ConformanceDeclaration,
  type JobInfo,
  type JobList,
  type JobResults,
  type JobRun,
  type OperationArgs,
  type OperationName,
  type OperationResult,
  type ProcessDescription,
  type ProcessList,
  type ProcessRequestInput,
  type ResolvedConfig,
  type TransportError,
} from '../src/index.js';

declare const client: AsyncClient;

describe('AsyncClient method types', () => {
  it('resolves each call to its model document', () => {
    expectTypeOf(client.getCapabilities()).toEqualTypeOf<Promise<Capabilities>>();
    expectTypeOf(client.getConformance()).toEqualTypeOf<Promise<ConformanceDeclaration>>();
    expectTypeOf(client.getProcesses()).toEqualTypeOf<Promise<ProcessList>>();
    expectTypeOf(client.getProcess('p')).toEqualTypeOf<Promise<ProcessDescription>>();
    expectTypeOf(client.executeProcess('p', { inputs: {} })).toEqualTypeOf<Promise<JobInfo>>();
    expectTypeOf(client.getJobs()).toEqualTypeOf<Promise<JobList>>();
    expectTypeOf(client.getJob('j')).toEqualTypeOf<Promise<JobInfo>>();
    expectTypeOf(client.dismissJob('j')).toEqualTypeOf<Promise<JobInfo>>();
    expectTypeOf(client.getJobResults('j')).toEqualTypeOf<Promise<JobResults>>();
    expectTypeOf(client.waitForJob('j')).toEqualTypeOf<Promise<JobInfo>>();
    expectTypeOf(client.executeAndWait('p', {})).toEqualTypeOf<Promise<JobRun>>();
    expectTypeOf(client.close()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(client.config).toEqualTypeOf<ResolvedConfig>();
  });

  it('checks arguments and options', () => {
    // @ts-expect-error a job id is a string
    client.getJob(42);
    // @ts-expect-error the execute request is required
    client.executeProcess('p');
    client.getJobs({
      searchParams: { limit: 10, status: ['running', 'failed'], processID: 'echo' },
    });
    // @ts-expect-error not a job status
    client.getJobs({ searchParams: { status: 'finished' } });
    client.getJob('j', {
      signal: AbortSignal.timeout(1),
      timeout: 5,
      retry: 1,
      headers: { a: 'b' },
    });
  });

  it('types perform by operation name', () => {
    expectTypeOf(client.perform('getJob', ['j'])).toEqualTypeOf<Promise<JobInfo>>();
    expectTypeOf<OperationArgs<'getJob'>>().toEqualTypeOf<[jobId: string]>();
    expectTypeOf<OperationArgs<'executeProcess'>>().toEqualTypeOf<
      [processId: string, request: ProcessRequestInput]
    >();
    // @ts-expect-error getJob takes one argument
    client.perform('getJob', []);
  });

  it('has the same shape in the browser build', () => {
    expectTypeOf<BrowserAsyncClient['getJob']>().toEqualTypeOf<AsyncClient['getJob']>();
    expectTypeOf<BrowserAsyncClient['executeAndWait']>().toEqualTypeOf<
      AsyncClient['executeAndWait']
    >();
  });
});

describe('the types derived from the operation table', () => {
  it('for every operation', () => {
    expectTypeOf<{ [N in OperationName]: OperationResult<N> }>().toEqualTypeOf<{
      getCapabilities: Capabilities;
      getConformance: ConformanceDeclaration;
      getProcesses: ProcessList;
      getProcess: ProcessDescription;
      executeProcess: JobInfo;
      getJobs: JobList;
      getJob: JobInfo;
      dismissJob: JobInfo;
      getJobResults: JobResults;
    }>();
    expectTypeOf<{ [N in OperationName]: OperationArgs<N> }>().toEqualTypeOf<{
      getCapabilities: [];
      getConformance: [];
      getProcesses: [];
      getProcess: [string];
      executeProcess: [string, ProcessRequestInput];
      getJobs: [];
      getJob: [string];
      dismissJob: [string];
      getJobResults: [string];
    }>();
  });
});

describe('errors', () => {
  it('ClientException is ClientError; TransportError extends it', () => {
    expectTypeOf<ClientException>().toEqualTypeOf<ClientError>();
    expectTypeOf(ClientException).toEqualTypeOf(ClientError);
    expectTypeOf<TransportError>().toMatchTypeOf<ClientError>();
    expectTypeOf<ClientError['apiError']>().toEqualTypeOf<ApiError>();
  });
});

describe('requests as sent (ProcessRequestInput)', () => {
  it('rejects an unknown top-level member at compile time', () => {
    void client.executeProcess('echo', { inputs: { a: 1 } });
    // @ts-expect-error `input` is not a member of a request
    void client.executeProcess('echo', { input: { a: 1 } });
    // @ts-expect-error the inputs without their `inputs` wrapper
    void client.executeAndWait('primes_between', { min_val: 90, max_val: 100 });
  });

  it('accepts maxResponseSize per client and per call', () => {
    expectTypeOf<AsyncClientOptions['maxResponseSize']>().toEqualTypeOf<number | undefined>();
    void client.getJobs({ maxResponseSize: 10 * 1024 * 1024 });
  });
});
