// A plain CommonJS script using the blocking client: no `await`, no callbacks.
//   node examples/basic.cjs [server URL]   (default: $S2GOS_SERVER_URL, then http://127.0.0.1:8008)
const { Client, ClientError } = require('@s2gos/sync');

const client = new Client({ serverUrl: process.argv[2] || undefined });
console.log(`server: ${client.config.serverUrl}`);

const { processes } = client.getProcesses();
console.log(`processes: ${processes.map((summary) => summary.id).join(', ')}`);

const { job, results } = client.executeAndWait(
  'primes_between',
  { inputs: { min_val: 1, max_val: 20 } },
  { onProgress: (status) => console.log(`job ${status.jobID}: ${status.status}`) },
);
console.log(`job ${job.jobID} ${job.status}: ${JSON.stringify(results)}`);

try {
  client.getJob('no-such-job');
} catch (error) {
  if (!(error instanceof ClientError)) throw error;
  console.log(`expected error: ${error.apiError.status} ${error.apiError.title}`);
}

client.close();
