import { AsyncClient, type AsyncClientOptions } from '@s2gos/async';
import { Client, type ClientOptions } from '@s2gos/sync';
import { expect } from 'vitest';

/** What the tests compare of an error: everything the user can read. */
export function describeError(error: unknown) {
  expect(error).toBeInstanceOf(Error);
  const e = error as Error & Record<string, unknown>;
  return {
    class: e.constructor.name,
    name: e.name,
    message: e.message,
    apiError: e.apiError,
    operation: e.operation,
    method: e.method,
    url: e.url,
    status: e.status,
    job: e.job,
    cause: e.cause instanceof Error ? { name: e.cause.name, message: e.cause.message } : e.cause,
  };
}

/** The error `fn` throws; fails the test when it returns. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a thrown error, but the call returned');
}

/** The error the promise rejects with; fails the test when it resolves. */
export async function rejected(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** A sync and an async client with the same options, closed by the returned function. */
export function twoClients(options: ClientOptions & AsyncClientOptions) {
  const sync = new Client(options);
  const async = new AsyncClient(options);
  return {
    sync,
    async,
    close: async () => {
      sync.close();
      await async.close();
    },
  };
}
