/**
 * `pnpm bench`: the cost of `AsyncClient.getJob` over raw `fetch` + `JSON.parse` on the same URL
 * (target ratio <= 1.25), and 1,000 concurrent `getJob` calls. The server runs in a child process
 * so that it does not share the event loop with the code measured. Prints medians and ratios of
 * one run, with the load of the machine.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import ky from 'ky';
import { AsyncClient } from '../src/index.js';

const ROUNDS = 2_000;
const WARMUP = 300;
const CONCURRENT = 1_000;

async function startServerProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const { startServer } = await import('@s2gos/server'); const s = await startServer({ port: 0 }); console.log(s.url);",
    ],
    { cwd: new URL('..', import.meta.url), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  return { url: line.toString().trim(), child };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function main() {
  const { url, child } = await startServerProcess();
  try {
    const client = new AsyncClient({ config: { serverUrl: url } });
    const unvalidated = new AsyncClient({ config: { serverUrl: url }, validate: false });
    const { job } = await client.executeAndWait('echo', { inputs: { value: 'bench' } });
    const jobUrl = `${url}/jobs/${job.jobID}`;

    const contenders: Record<string, () => Promise<unknown>> = {
      'raw fetch + JSON.parse': async () => {
        const response = await fetch(jobUrl, { headers: { accept: 'application/json' } });
        return JSON.parse(await response.text());
      },
      // The floor of a ky-based client: one ky call as the client makes it (its own timeout and
      // retry off: the client's run on the call's one signal).
      'ky(url, { timeout: false, retry: 0 }) + JSON.parse': async () =>
        JSON.parse(await (await ky(jobUrl, { timeout: false, retry: 0 })).text()),
      'AsyncClient.getJob': () => client.getJob(job.jobID),
      'AsyncClient.getJob (validate: false)': () => unvalidated.getJob(job.jobID),
    };
    const names = Object.keys(contenders);
    const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      // Interleaved, in alternating order, so that drift of the machine and whatever one
      // contender leaves to the next (garbage to collect) hit every contender alike.
      for (const name of round % 2 ? names : [...names].reverse()) {
        const start = performance.now();
        await contenders[name]?.();
        if (round >= WARMUP) times[name]?.push(performance.now() - start);
      }
    }
    const raw = median(times[names[0] ?? ''] ?? []);
    const ratio = median(times['AsyncClient.getJob'] ?? []) / raw;
    console.log(
      `sequential getJob, ${ROUNDS} calls each (median per call; node ${process.version}, load ${loadavg()[0]?.toFixed(1)}):`,
    );
    for (const name of names) {
      const value = median(times[name] ?? []);
      console.log(
        `  ${name.padEnd(50)} ${(value * 1000).toFixed(0).padStart(6)} µs   ratio ${(value / raw).toFixed(2)}`,
      );
    }

    console.log(`AsyncClient.getJob / raw fetch: ${ratio.toFixed(2)} (target <= 1.25)`);

    const start = performance.now();
    const settled = await Promise.allSettled(
      Array.from({ length: CONCURRENT }, () => client.getJob(job.jobID)),
    );
    const total = performance.now() - start;
    const failed = settled.filter((result) => result.status === 'rejected');
    console.log(
      `concurrent: ${CONCURRENT} getJob calls, ${failed.length} errors, ${total.toFixed(0)} ms total`,
    );
    if (failed[0]?.status === 'rejected') console.log(`  first error: ${failed[0].reason}`);
    await client.close();
  } finally {
    child.kill();
  }
}

await main();
