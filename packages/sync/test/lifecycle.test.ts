import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AsyncClient } from '@s2gos/async';
import { Client, ClientError, ErrorType } from '@s2gos/sync';
import { describe, expect, inject, test } from 'vitest';
import { describeError, rejected, thrown } from './helpers.js';

const serverUrl = inject('serverUrl');
const authServerUrl = inject('authServerUrl');
const authToken = inject('authToken');

describe('close', () => {
  test('later calls throw a ClientError; closing twice is fine', () => {
    const client = new Client({ serverUrl });
    client.getJobs();
    expect(client.closed).toBe(false);
    client.close();
    client.close();
    expect(client.closed).toBe(true);
    for (const call of [
      () => client.getJobs(),
      () => client.getJob('x'),
      () => client.waitForJob('x'),
    ]) {
      const error = thrown(call);
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).apiError.type).toBe(ErrorType.closed);
    }
    expect(thrown(() => client.getJob('x')).message).toBe(
      'getJob: the client is closed; create a new Client',
    );
    expect(client.toJSON().closed).toBe(true);
  });

  test('closing one client leaves the others working', () => {
    const first = new Client({ serverUrl });
    const second = new Client({ serverUrl });
    first.close();
    expect(second.getProcess('echo').id).toBe('echo');
    second.close();
  });
});

describe('each client has its own state in the shared worker', () => {
  test('configuration and token', () => {
    const authorised = new Client({ serverUrl: authServerUrl, accessToken: authToken });
    const anonymous = new Client({ serverUrl: authServerUrl });
    const elsewhere = new Client({ serverUrl });
    expect(authorised.getJobs().jobs).toBeInstanceOf(Array);
    expect((thrown(() => anonymous.getJobs()) as ClientError).status).toBe(401);
    expect(elsewhere.getCapabilities().links.length).toBeGreaterThan(0);
    authorised.close();
    // the closed client's token is gone; the others are unaffected
    expect((thrown(() => anonymous.getJobs()) as ClientError).status).toBe(401);
    expect(elsewhere.getJobs().jobs).toBeInstanceOf(Array);
    anonymous.close();
    elsewhere.close();
  });
});

describe('authentication', () => {
  test('a missing token: the same 401 ClientError as the async client', async () => {
    const sync = new Client({ serverUrl: authServerUrl });
    const async = new AsyncClient({ serverUrl: authServerUrl });
    const syncError = thrown(() => sync.getJobs());
    expect(describeError(syncError)).toEqual(describeError(await rejected(async.getJobs())));
    expect((syncError as ClientError).status).toBe(401);
    sync.close();
  });

  test('a wrong token: the error never shows it', async () => {
    const accessToken = 'wrong-token-that-must-not-leak';
    const sync = new Client({ serverUrl: authServerUrl, accessToken });
    const async = new AsyncClient({ serverUrl: authServerUrl, accessToken });
    const syncError = thrown(() => sync.getJobs());
    expect(describeError(syncError)).toEqual(describeError(await rejected(async.getJobs())));
    expect(JSON.stringify(describeError(syncError))).not.toContain(accessToken);
    expect(String(syncError.stack)).not.toContain(accessToken);
    sync.close();
  });
});

describe('an unclosed Client', () => {
  test('is released in the worker when garbage-collected', async () => {
    // In a child process (with a garbage collector to call), whose worker's heap is read
    // through the inspector. A worker that kept dropped clients would grow by kilobytes each.
    const count = 3000;
    const script = fileURLToPath(new URL('./fixtures/unclosed-clients.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=128', script, String(count), 'drop'],
      { timeout: 60_000 },
    );
    const { before, after } = JSON.parse(stdout) as { before: number; after: number };
    expect((after - before) / count).toBeLessThan(1024);
  }, 90_000);
});
