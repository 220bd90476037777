import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, ClientError, ErrorType, MAX_TIMEOUT } from '@s2gos/sync';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { thrown } from './helpers.js';

const serverUrl = inject('serverUrl');
const client = new Client({ serverUrl });
afterAll(() => client.close());

/** Asserts an invalid-argument ClientError whose message contains `text`. */
function expectInvalid(error: Error, text: string) {
  expect(error).toBeInstanceOf(ClientError);
  expect((error as ClientError).apiError.type).toBe(ErrorType.invalidArgument);
  expect(error.message).toContain(text);
}

describe('options that cannot cross to the worker thread are rejected, naming them', () => {
  test.each([
    ['a custom fetch', { fetch: globalThis.fetch }, 'Client option fetch is a function'],
    [
      'hooks',
      { hooks: { beforeRequest: [() => undefined] } },
      'Client option hooks.beforeRequest[0] is a function',
    ],
    [
      'a retry delay function',
      { retry: { limit: 1, delay: () => 10 } },
      'Client option retry.delay is a function',
    ],
    [
      'a class instance',
      { headers: { 'x-a': new URL('http://x') } },
      'Client option headers["x-a"] is a URL instance',
    ],
  ])('%s', (_, options, message) => {
    const error = thrown(() => new Client({ serverUrl, ...(options as object) }));
    expectInvalid(error, message);
    expect(error.message).toContain('cannot be sent to the worker thread');
  });

  test('a per-call signal', () => {
    const error = thrown(() =>
      client.getJobs({ signal: new AbortController().signal } as Parameters<Client['getJobs']>[0]),
    );
    expectInvalid(error, 'getJobs: option signal is a AbortSignal instance');
  });

  test('a function in a request body', () => {
    const error = thrown(() =>
      client.executeProcess('echo', { inputs: { value: (() => 1) as never } }),
    );
    expectInvalid(error, 'executeProcess: arguments[1].inputs.value is a function');
  });

  test.each(['signal', 'dismissOnAbort'])('waitForJob with %s', (name) => {
    const value = name === 'signal' ? new AbortController().signal : true;
    const error = thrown(() => client.waitForJob('x', { [name]: value }));
    expectInvalid(error, `waitForJob: ${name} is not supported by the sync Client`);
  });

  test('options that are not an object', () => {
    expectInvalid(
      thrown(() => new Client('http://x' as never)),
      'Client options must be an object',
    );
    expectInvalid(
      thrown(() => client.getJobs(42 as never)),
      'getJobs: options must be an object',
    );
  });
});

describe('timeouts must be finite: a blocking call needs a bound', () => {
  test.each([Number.POSITIVE_INFINITY, 0, -5, MAX_TIMEOUT + 1, Number.NaN, '100'])(
    '%s',
    (timeout) => {
      expectInvalid(
        thrown(() => new Client({ serverUrl, timeout: timeout as number })),
        'timeout must be',
      );
      expectInvalid(
        thrown(() => client.getJobs({ timeout: timeout as number })),
        'getJobs: timeout must be',
      );
    },
  );

  // Milliseconds computed from seconds are often not whole (0.7 * 3 * 1000 is 2099.99…): the
  // worker's abort timer takes only integers, so such a timeout once failed every call.
  test('a timeout that is not a whole number of milliseconds', () => {
    const fractional = new Client({ serverUrl, timeout: 2500.5 });
    expect(fractional.getProcess('echo').id).toBe('echo');
    expect(client.getProcess('echo', { timeout: 0.7 * 3 * 1000 }).id).toBe('echo');
    const run = fractional.executeAndWait(
      'echo',
      { inputs: { value: 1 } },
      { requestTimeout: 1000.25 },
    );
    const { jobID } = run.job;
    expect(run.job.status).toBe('successful');
    const dir = mkdtempSync(join(tmpdir(), 's2gos-sync-timeout-'));
    try {
      expect(fractional.downloadResults(jobID, { dir, timeout: 10_000.5 })).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    fractional.close();
  });

  test.each([0, -5, Number.NaN, '100'])('downloadResults with timeout %s', (timeout) => {
    expectInvalid(
      thrown(() => client.downloadResults('x', { dir: tmpdir(), timeout: timeout as number })),
      'downloadResults: timeout must be',
    );
  });

  test('the largest accepted timeout', () => {
    const slowest = new Client({ serverUrl, timeout: MAX_TIMEOUT });
    expect(slowest.getJobs({ timeout: MAX_TIMEOUT }).jobs).toBeInstanceOf(Array);
    slowest.close();
  });
});

describe('plain data in a non-clonable wrapper is unwrapped', () => {
  test('Headers', () => {
    const authServerUrl = inject('authServerUrl');
    const authorization = `Bearer ${inject('authToken')}`;
    const withHeaders = new Client({
      serverUrl: authServerUrl,
      headers: new Headers({ authorization }),
    });
    expect(withHeaders.getJobs().jobs).toBeInstanceOf(Array);
    withHeaders.close();
    const perCall = new Client({ serverUrl: authServerUrl });
    expect(perCall.getJobs({ headers: new Headers({ authorization }) }).jobs).toBeInstanceOf(Array);
    perCall.close();
  });
});
