/**
 * The sync client against misbehaving servers and hostile requests (issue 11, "Clients"): it
 * throws nothing but `ClientError`s that name the true cause, and the call's deadline bounds a
 * server's `Retry-After`.
 */
import { Client, ClientError, ErrorType } from '@s2gos/sync';
import { describe, expect, inject, test } from 'vitest';
import { thrown } from './helpers.js';

const badServerUrl = inject('badServerUrl');
const serverUrl = inject('serverUrl');

describe('the deadline bounds a Retry-After', () => {
  test('a 429 asking for 999999 s ends the call at once with the 429, not a timeout', () => {
    const client = new Client({ serverUrl: `${badServerUrl}/rate-limited`, timeout: 2_000 });
    const error = thrown(() => client.getJobs()) as ClientError;
    expect(error).toBeInstanceOf(ClientError);
    expect(error.status).toBe(429);
    expect(error.apiError.type).toBe(ErrorType.http);
    expect(error.retryAfter).toBe(999_999_000);
    expect(error.message).toContain('429 Too Many Requests');
    expect(error.message).not.toContain('deadlock');
    client.close();
  });
});

describe('nothing but ClientError', () => {
  test('a response nested deeper than the stack', () => {
    const client = new Client({ serverUrl: `${badServerUrl}/deep`, retry: 0 });
    const error = thrown(() => client.getJobResults('j1'));
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).apiError.type).toBe(ErrorType.invalidResponse);
    client.close();
  });

  test.each([
    ['nested deeper than the stack', deep(200_000)],
    ['a BigInt', 1n],
    [
      'a cycle',
      (() => {
        const cycle: Record<string, unknown> = {};
        cycle.self = cycle;
        return cycle;
      })(),
    ],
  ])('a request %s is an invalid argument', (_, value) => {
    const client = new Client({ serverUrl });
    const error = thrown(() => client.executeProcess('echo', { inputs: { value } } as never));
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).apiError.type).toBe(ErrorType.invalidArgument);
    client.close();
  });

  test('an unknown request member is refused by the worker before anything is sent', () => {
    const client = new Client({ serverUrl });
    const before = client.getJobs().jobs.length;
    const error = thrown(() => client.executeProcess('echo', { input: { value: 1 } } as never));
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).apiError.type).toBe(ErrorType.invalidArgument);
    expect(error.message).toContain('unknown member `input`; did you mean `inputs`?');
    const forgotten = thrown(() =>
      client.executeAndWait('primes_between', { min_val: 90, max_val: 100 } as never),
    );
    expect(forgotten.message).toContain('unknown member `min_val`');
    expect(client.getJobs().jobs.length).toBe(before);
    client.close();
  });

  test('a body above maxResponseSize', () => {
    const client = new Client({ serverUrl, maxResponseSize: 10 });
    const error = thrown(() => client.getProcesses());
    expect((error as ClientError).apiError.type).toBe(ErrorType.responseTooLarge);
    expect((error as ClientError).apiError.limit).toBe(10);
    // and per call
    expect(client.getProcesses({ maxResponseSize: 1024 * 1024 }).processes.length).toBeGreaterThan(
      0,
    );
    client.close();
  });
});

function deep(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}
