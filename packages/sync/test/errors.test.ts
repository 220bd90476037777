import { createServer } from 'node:net';
import type { AsyncClientOptions } from '@s2gos/async';
import { ClientError, ErrorType, TransportError } from '@s2gos/sync';
import { describe, expect, inject, test } from 'vitest';
import { describeError, rejected, thrown, twoClients } from './helpers.js';
import type { Behaviour } from './misbehaving-server.js';

const badServerUrl = inject('badServerUrl');
const DEADLOCK_HINT = /a sync call from the thread that hosts the server it calls deadlocks/;

type Call = 'getCapabilities' | 'getJobs' | 'getJob' | 'executeProcess';

/** Runs `call` through both clients against `serverUrl`; returns both errors. */
async function bothErrors(serverUrl: string, call: Call, options: AsyncClientOptions = {}) {
  const { sync, async, close } = twoClients({ serverUrl, retry: 0, ...options });
  try {
    const syncError = thrown(() => perform(sync, call));
    const asyncError = await rejected(perform(async, call) as Promise<unknown>);
    return { syncError, asyncError };
  } finally {
    await close();
  }
}

function perform<
  C extends {
    getCapabilities(): unknown;
    getJobs(): unknown;
    getJob(id: string): unknown;
    executeProcess(id: string, request: object): unknown;
  },
>(client: C, call: Call) {
  switch (call) {
    case 'getCapabilities':
      return client.getCapabilities();
    case 'getJobs':
      return client.getJobs();
    case 'getJob':
      return client.getJob('job-1');
    case 'executeProcess':
      return client.executeProcess('echo', { inputs: { value: 1 } });
  }
}

const shapes: [Behaviour, Call, typeof ClientError, string][] = [
  ['html-502', 'getCapabilities', ClientError, ErrorType.http],
  ['garbage', 'getJobs', ClientError, ErrorType.invalidResponse],
  ['empty', 'getJob', ClientError, ErrorType.invalidResponse],
  ['wrong', 'getJobs', ClientError, ErrorType.invalidResponse],
  ['wrong', 'getJob', ClientError, ErrorType.invalidResponse],
  ['reset', 'getCapabilities', TransportError, ErrorType.network],
  ['post-500', 'executeProcess', ClientError, ErrorType.http],
  ['problem', 'getJob', ClientError, 'urn:test:no-such-thing'],
];

describe('every error shape arrives as the async client gives it', () => {
  test.each(shapes)('%s server, %s', async (behaviour, call, ErrorClass, type) => {
    const { syncError, asyncError } = await bothErrors(`${badServerUrl}/${behaviour}`, call);
    expect(syncError).toBeInstanceOf(ErrorClass);
    expect(syncError instanceof TransportError).toBe(asyncError instanceof TransportError);
    expect((syncError as ClientError).apiError.type).toBe(type);
    expect(describeError(syncError)).toEqual(describeError(asyncError));
  });

  test('the problem details of the server, traceback included', async () => {
    const { syncError } = await bothErrors(`${badServerUrl}/problem`, 'getJob');
    expect((syncError as ClientError).apiError).toMatchObject({
      type: 'urn:test:no-such-thing',
      title: 'Not Found',
      status: 404,
      detail: 'nothing here',
      traceback: ['line 1', 'line 2'],
    });
  });

  test('connection refused', async () => {
    const { syncError, asyncError } = await bothErrors(await closedPortUrl(), 'getCapabilities');
    expect(syncError).toBeInstanceOf(TransportError);
    expect(syncError.message).toMatch(/ECONNREFUSED/);
    expect(describeError(syncError)).toEqual(describeError(asyncError));
  });

  test('an argument the async client refuses', async () => {
    const { sync, async, close } = twoClients({ serverUrl: badServerUrl });
    const syncError = thrown(() => sync.getJob('..'));
    const asyncError = await rejected(async.getJob('..'));
    await close();
    expect((syncError as ClientError).apiError.type).toBe(ErrorType.invalidArgument);
    expect(describeError(syncError)).toEqual(describeError(asyncError));
  });

  test('the stack shows where the caller made the call', () => {
    const { sync } = twoClients({ serverUrl: `${badServerUrl}/problem` });
    const error = thrown(function callSiteMarker() {
      sync.getJob('x');
    });
    expect(error.stack).toMatch(/callSiteMarker/);
    sync.close();
  });
});

describe('timeouts', () => {
  test.each([
    ['slow', 'getCapabilities'],
    ['never', 'getJob'],
    ['stall', 'getCapabilities'],
  ] as const)(
    '%s server: the async client’s timeout error, naming the likely deadlock',
    async (behaviour, call) => {
      const { syncError, asyncError } = await bothErrors(`${badServerUrl}/${behaviour}`, call, {
        timeout: 300,
      });
      expect(syncError).toBeInstanceOf(TransportError);
      expect((syncError as ClientError).apiError.type).toBe(ErrorType.timeout);
      const { message, ...rest } = describeError(syncError);
      const { message: asyncMessage, ...asyncRest } = describeError(asyncError);
      expect(rest).toEqual(asyncRest);
      expect(message.startsWith(`${asyncMessage} (`)).toBe(true);
      expect(message).toMatch(DEADLOCK_HINT);
    },
  );

  test('a per-call timeout overrides the client’s', () => {
    const { sync } = twoClients({ serverUrl: `${badServerUrl}/never`, timeout: 60_000 });
    const error = thrown(() => sync.getJobs({ timeout: 200 }));
    expect((error as ClientError).apiError.type).toBe(ErrorType.timeout);
    sync.close();
  });
});

/** A URL on which nothing listens. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
