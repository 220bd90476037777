// Registers a custom process beside the demo processes, runs it synchronously and asynchronously
// over HTTP, and stops the server. Run: node --import tsx examples/custom-process.ts
import { setTimeout as sleep } from 'node:timers/promises';
import { defineProcess, demoProcesses, startServer } from '@s2gos/server';

const greet = defineProcess<{ name: string; times: number }, { greeting: string }>({
  description: {
    id: 'greet',
    version: '1.0.0',
    title: 'Greeter',
    jobControlOptions: ['sync-execute', 'async-execute', 'dismiss'],
    inputs: {
      name: { title: 'Name', schema: { type: 'string', minLength: 1 } },
      times: { title: 'Times', minOccurs: 0, schema: { type: 'integer', minimum: 1, default: 1 } },
    },
    outputs: { greeting: { title: 'Greeting', schema: { type: 'string' } } },
  },
  async run({ name, times }, { reportProgress, signal }) {
    for (let i = 0; i < times; i++) {
      await sleep(20, undefined, { signal });
      reportProgress(((i + 1) / times) * 100, `greeting ${i + 1} of ${times}`);
    }
    return { greeting: `Hello ${name}! `.repeat(times).trim() };
  },
});

const server = await startServer({ port: 0, processes: [...demoProcesses, greet] });
try {
  const execution = `${server.url}/processes/greet/execution`;
  const sync = await fetch(execution, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Prefer: 'respond-sync' },
    body: JSON.stringify({ inputs: { name: 'Ada' } }),
  });
  console.log('sync', sync.status, await sync.json());

  const created = await fetch(execution, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ inputs: { name: 'Grace', times: 3 } }),
  });
  const job = created.headers.get('Location') ?? '';
  for (let i = 0; i < 100; i++) {
    const info = (await (await fetch(job)).json()) as { status: string };
    if (info.status !== 'accepted' && info.status !== 'running') break;
    await sleep(20);
  }
  console.log('async', await (await fetch(`${job}/results`)).json());

  const invalid = await fetch(execution, { method: 'POST', body: '{"inputs":{"times":0}}' });
  console.log('invalid', invalid.status, ((await invalid.json()) as { detail: string }).detail);
} finally {
  await server.close();
}
