/** The blocking waitForJob rides out an outage between client and server (same policy as async). */
import { Client } from '@s2gos/sync';
import { afterAll, expect, inject, it } from 'vitest';
import { type Forwarder, startForwarder } from '../../async/test/helpers/forwarder.js';

let forwarder: Forwarder | undefined;
afterAll(() => forwarder?.close());

it('survives a 5 s outage of the proxy between client and server', async () => {
  forwarder = await startForwarder(inject('serverUrl'), 1000, 5000);
  const client = new Client({ serverUrl: forwarder.url, retry: 0 });
  const created = client.executeProcess('sleep_a_while', { inputs: { duration: 8 } });
  const seen: number[] = [];
  const job = client.waitForJob(created.jobID, {
    pollInterval: 200,
    maxPollInterval: 500,
    onProgress: () => seen.push(Date.now()),
  });
  client.close();
  expect(job.status).toBe('successful');
  // The forwarder's lines are read once this thread is free again.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const { stopped, restarted } = forwarder.outage();
  expect(restarted - stopped).toBeGreaterThanOrEqual(5000);
  expect(seen.some((time) => time < stopped)).toBe(true);
  expect(seen.some((time) => time > restarted)).toBe(true);
}, 30_000);
