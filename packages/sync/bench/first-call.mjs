// One fresh process: the time from before `new Client` to after the first call returns, worker
// start included. Prints the wall-clock milliseconds and the CPU milliseconds all threads of the
// process used meanwhile (less sensitive to the load of a shared machine), and the time from the
// start of the process to the call's return (`performance.now()` counts from the process start).
import { Client } from '@s2gos/sync';

const [serverUrl, jobId] = process.argv.slice(2);
const cpu = process.cpuUsage();
const started = performance.now();
const client = new Client({ serverUrl });
client.getJob(jobId);
const wall = performance.now() - started;
const { user, system } = process.cpuUsage(cpu);
console.log(JSON.stringify({ wall, cpu: (user + system) / 1000, sinceStart: performance.now() }));
client.close();
