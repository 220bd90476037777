import { Client } from '@s2gos/sync';
import { afterAll, expect, inject, test } from 'vitest';

const serverUrl = inject('serverUrl');
// answers correctly after 150 ms: long enough for any queued callback to have fired
const slowClient = new Client({ serverUrl: `${inject('badServerUrl')}/slow-ok` });
const client = new Client({ serverUrl });
afterAll(() => {
  slowClient.close();
  client.close();
});

/** Lets every callback queued so far run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

test('the calling thread’s event loop does not turn while a call runs', async () => {
  const events: string[] = [];
  setTimeout(() => events.push('timeout'), 0);
  setImmediate(() => events.push('immediate'));
  queueMicrotask(() => events.push('microtask'));
  const capabilities = slowClient.getCapabilities();
  events.push('returned');
  expect(capabilities.title).toBe('slow');
  await settle();
  expect(events[0]).toBe('returned');
  expect(events.slice(1).sort()).toEqual(['immediate', 'microtask', 'timeout']);
});

test('waitForJob sleeps between polls by blocking, too', async () => {
  const events: string[] = [];
  setTimeout(() => events.push('timeout'), 0);
  const created = client.executeProcess('sleep_a_while', { inputs: { duration: 0.3 } });
  const polls: string[] = [];
  client.waitForJob(created.jobID, {
    pollInterval: 50,
    onProgress: (job) => polls.push(`${job.status}, timers fired: ${events.length}`),
  });
  events.push('returned');
  await settle();
  expect(polls.length).toBeGreaterThanOrEqual(2);
  expect(polls.every((poll) => poll.endsWith('timers fired: 0'))).toBe(true);
  expect(events).toEqual(['returned', 'timeout']);
});
