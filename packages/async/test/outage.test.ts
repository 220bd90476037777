/** waitForJob rides out an outage between client and server within its outage budget. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsyncClient, ClientError, ErrorType } from '../src/index.js';
import { startServer } from './helpers/demo-server.js';
import { type Forwarder, startForwarder } from './helpers/forwarder.js';

let server: Awaited<ReturnType<typeof startServer>>;
const forwarders: Forwarder[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  for (const forwarder of forwarders) forwarder.close();
  await server.close();
});

async function throughForwarder(stopAfter: number, outage: number) {
  const forwarder = await startForwarder(server.url, stopAfter, outage);
  forwarders.push(forwarder);
  return { forwarder, client: new AsyncClient({ serverUrl: forwarder.url, retry: 0 }) };
}

describe('waitForJob through an outage', () => {
  it('survives a 5 s outage of the proxy between client and server', async () => {
    const { forwarder, client } = await throughForwarder(1000, 5000);
    const created = await client.executeProcess('sleep_a_while', { inputs: { duration: 8 } });
    const seen: number[] = [];
    const job = await client.waitForJob(created.jobID, {
      pollInterval: 200,
      maxPollInterval: 500,
      onProgress: () => seen.push(Date.now()),
    });
    expect(job.status).toBe('successful');
    const { stopped, restarted } = forwarder.outage();
    expect(restarted - stopped).toBeGreaterThanOrEqual(5000);
    // Polls answered before the outage and after it: the wait went on through it.
    expect(seen.some((time) => time < stopped)).toBe(true);
    expect(seen.some((time) => time > restarted)).toBe(true);
  }, 30_000);

  it('gives up after the outage budget, saying the job may still run and how to resume', async () => {
    const { client } = await throughForwarder(500, 60_000);
    const created = await client.executeProcess('sleep_a_while', { inputs: { duration: 5 } });
    const error = await client
      .waitForJob(created.jobID, { pollInterval: 100, maxPollInterval: 200, outageBudget: 1500 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).apiError.type).toBe(ErrorType.jobUnreachable);
    expect((error as ClientError).message).toContain('may still be running');
    expect((error as ClientError).message).toContain(`s2gos wait ${created.jobID}`);
  }, 30_000);
});
