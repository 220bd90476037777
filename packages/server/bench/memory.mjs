// Heap per stored job: runs `count` small echo jobs to the end in this process (run with
// --expose-gc) and prints the heap growth per job as JSON.
import { startServer } from '@s2gos/server';

const count = Number(process.argv[2] ?? 2000);
const server = await startServer({ port: 0 });
const post = (i) =>
  fetch(`${server.url}/processes/echo/execution`, {
    method: 'POST',
    headers: { Prefer: 'respond-sync' },
    body: JSON.stringify({ inputs: { value: { n: i, name: `job ${i}` } } }),
  }).then((res) => res.text());
// Warm up the pool, ajv and the routes before measuring.
for (let i = 0; i < 50; i++) await post(i);
globalThis.gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < count; i += 50) {
  await Promise.all(Array.from({ length: 50 }, (_, j) => post(i + j)));
}
globalThis.gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(
  `${JSON.stringify({ jobs: count, bytesPerJob: Math.round((after - before) / count) })}\n`,
);
await server.close();
