// pnpm bench: the blocking Client against the AsyncClient, in one run against a local server
// started in a child process (a sync call to a server in its own thread would deadlock). The
// start-up measures come with two floors run beside them (`floor-*.mjs`): the least a synckit
// client, and any worker thread that fetches, can do on this machine.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AsyncClient } from '@s2gos/async';
import { Client } from '@s2gos/sync';

const ROUNDS = 10; // sync and async alternate, so drift of the machine hits both alike
const CALLS_PER_ROUND = 100;
const FRESH_PROCESSES = 15;
const NAIVE_CALLS = 15;

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(3)} ms`;

const server = spawn(process.execPath, [here('./server.mjs')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const [chunk] = await once(server.stdout, 'data');
  const serverUrl = String(chunk).trim();

  const sync = new Client({ serverUrl });
  const async = new AsyncClient({ serverUrl });
  const { jobID } = sync.executeAndWait('echo', { inputs: { value: 'bench' } }).job;

  // warm-up: JIT, connections
  for (let i = 0; i < 50; i++) {
    sync.getJob(jobID);
    await async.getJob(jobID);
  }
  const syncTimes = [];
  const asyncTimes = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < CALLS_PER_ROUND; i++) {
      const started = performance.now();
      sync.getJob(jobID);
      syncTimes.push(performance.now() - started);
    }
    for (let i = 0; i < CALLS_PER_ROUND; i++) {
      const started = performance.now();
      await async.getJob(jobID);
      asyncTimes.push(performance.now() - started);
    }
  }
  sync.close();
  await async.close();

  const firstCalls = [];
  const firstCallsCpu = [];
  const fromStart = [];
  const untilReturn = [];
  const bareNode = [];
  // The same measures for the two floors: what any synckit client, and any worker thread that
  // fetches, cannot go below on this machine.
  const floors = {
    synckit: { untilReturn: [], whole: [] },
    threads: { untilReturn: [], whole: [] },
  };
  const runFloor = (script, floor) => {
    const started = performance.now();
    const output = execFileSync(process.execPath, [here(script), serverUrl, jobID]);
    floor.whole.push(performance.now() - started);
    floor.untilReturn.push(JSON.parse(String(output)).sinceStart);
  };
  for (let i = 0; i < FRESH_PROCESSES; i++) {
    let started = performance.now();
    execFileSync(process.execPath, ['-e', '0']);
    bareNode.push(performance.now() - started);
    started = performance.now();
    const output = execFileSync(process.execPath, [here('./first-call.mjs'), serverUrl, jobID]);
    fromStart.push(performance.now() - started);
    const { wall, cpu, sinceStart } = JSON.parse(String(output));
    untilReturn.push(sinceStart);
    firstCalls.push(wall);
    firstCallsCpu.push(cpu);
    runFloor('./floor-synckit.mjs', floors.synckit);
    runFloor('./floor-threads.mjs', floors.threads);
  }

  const naiveTimes = [];
  for (let i = 0; i < NAIVE_CALLS; i++) {
    const started = performance.now();
    JSON.parse(
      String(execFileSync(process.execPath, [here('./naive-get-job.mjs'), serverUrl, jobID])),
    );
    naiveTimes.push(performance.now() - started);
  }

  const syncMedian = median(syncTimes);
  const asyncMedian = median(asyncTimes);
  const naiveMedian = median(naiveTimes);
  const firstMedian = median(firstCalls);
  const load = loadavg()[0].toFixed(1);
  console.log(
    `@s2gos/sync bench (node ${process.version}, ${cpus().length} CPUs, load ${load}, server ${serverUrl})`,
  );
  console.log(`sequential getJob, median of ${syncTimes.length} calls each:`);
  console.log(`  Client (sync)         ${ms(syncMedian)}`);
  console.log(`  AsyncClient           ${ms(asyncMedian)}`);
  console.log(`  ratio sync / async    ${(syncMedian / asyncMedian).toFixed(2)}   (target <= 1.5)`);
  console.log(`first call in a fresh process (new Client + getJob, worker start included):`);
  console.log(`  median of ${FRESH_PROCESSES}          ${ms(firstMedian)}   (target <= 100 ms)`);
  console.log(
    `  min / max             ${ms(Math.min(...firstCalls))} / ${ms(Math.max(...firstCalls))}`,
  );
  console.log(
    `  CPU time, median      ${ms(median(firstCallsCpu))}   (all threads of the process, V8 helpers included)`,
  );
  const returnAboveBare = median(untilReturn) - median(bareNode);
  console.log(
    `the first blocking call from node start (process start to its return) against bare node -e 0:`,
  );
  console.log(`  medians               ${ms(median(untilReturn))} / ${ms(median(bareNode))}`);
  console.log(`  difference            ${ms(returnAboveBare)}   (target <= 100 ms)`);
  const aboveBare = (values) => `${ms(median(values) - median(bareNode))} above bare`;
  console.log(`  floor: synckit + one fetch        ${aboveBare(floors.synckit.untilReturn)}`);
  console.log(`  floor: worker thread + one fetch  ${aboveBare(floors.threads.untilReturn)}`);
  console.log(`a whole process (as above, then close and exit) against bare node -e 0:`);
  console.log(`  medians               ${ms(median(fromStart))} / ${ms(median(bareNode))}`);
  console.log(`  difference            ${ms(median(fromStart) - median(bareNode))}`);
  console.log(`  floor: synckit + one fetch        ${aboveBare(floors.synckit.whole)}`);
  console.log(`  floor: worker thread + one fetch  ${aboveBare(floors.threads.whole)}`);
  console.log(`naive blocking alternative (execFileSync of a node process per getJob):`);
  console.log(`  median of ${NAIVE_CALLS}          ${ms(naiveMedian)}`);
  console.log(`  ratio naive / sync    ${(naiveMedian / syncMedian).toFixed(0)}`);
  console.log(`  ratio naive / first   ${(naiveMedian / firstMedian).toFixed(2)}`);
} finally {
  server.kill();
}
