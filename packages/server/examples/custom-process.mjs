// Registers a custom process beside the demo processes, runs it synchronously and asynchronously
// over HTTP, and stops the server. Run: node examples/custom-process.mjs
import { setTimeout as sleep } from 'node:timers/promises';
import { demoProcesses, startServer } from '@s2gos/server';
import { greet } from './greet-process.mjs';

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
  for (let i = 0; i < 500; i++) {
    const info = await (await fetch(job)).json();
    if (info.status !== 'accepted' && info.status !== 'running') break;
    await sleep(20);
  }
  console.log('async', await (await fetch(`${job}/results`)).json());

  const invalid = await fetch(execution, { method: 'POST', body: '{"inputs":{"times":0}}' });
  console.log('invalid', invalid.status, (await invalid.json()).detail);
} finally {
  await server.close();
}
