// `pnpm bench`: throughput and p99 latency of GET /jobs/{id} with 50 connections (autocannon),
// with no process running and while two CPU-bound processes run; the heap per stored job; and
// the most jobs the default bounds let wait in the queue.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

async function startChild(args, execArgv = []) {
  const child = spawn(process.execPath, [...execArgv, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(child.stdout, 'data');
  return { child, line: line.toString().trim() };
}

async function post(url, processId, inputs) {
  const res = await fetch(`${url}/processes/${processId}/execution`, {
    method: 'POST',
    body: JSON.stringify({ inputs }),
  });
  return (await res.json()).jobID;
}

async function load(url) {
  const result = await autocannon({ url, connections: 50, duration: DURATION });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const { child: server, line: url } = await startChild([here('./serve.mjs')]);
try {
  const jobId = await post(url, 'echo', { value: 'benchmark' });
  const target = `${url}/jobs/${jobId}`;
  await load(target); // warm-up
  const idle = await load(target);

  const spinning = [await post(url, 'spin', {}), await post(url, 'spin', {})];
  for (let i = 0; i < 500; i++) {
    const statuses = await Promise.all(
      spinning.map(async (id) => (await (await fetch(`${url}/jobs/${id}`)).json()).status),
    );
    if (statuses.every((status) => status === 'running')) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const busy = await load(target);
  for (const id of spinning) await fetch(`${url}/jobs/${id}`, { method: 'DELETE' });

  // The queue: with both workers taken, how many jobs are admitted before the first 503.
  const blockers = [await post(url, 'spin', {}), await post(url, 'spin', {})];
  let queued = 0;
  for (;;) {
    const res = await fetch(`${url}/processes/echo/execution`, {
      method: 'POST',
      body: '{"inputs":{"value":1}}',
    });
    await res.text();
    if (res.status !== 201) break;
    queued++;
  }
  for (const id of blockers) await fetch(`${url}/jobs/${id}`, { method: 'DELETE' });

  const { line: memory } = await startChild([here('./memory.mjs'), '2000'], ['--expose-gc']);
  const { bytesPerJob } = JSON.parse(memory);

  console.log(`GET /jobs/{id}, 50 connections, ${DURATION} s each (autocannon)`);
  console.table({ 'no process running': idle, 'two CPU-bound processes': busy });
  console.log(
    `p99 with two CPU-bound processes / p99 idle: ${(busy.p99Ms / idle.p99Ms).toFixed(2)}`,
  );
  console.log(`heap per stored job (small echo jobs, results kept): ${bytesPerJob} bytes`);
  console.log(`jobs queued before the first 503 with the defaults (both workers busy): ${queued}`);
} finally {
  server.kill('SIGTERM');
  await once(server, 'exit');
}
