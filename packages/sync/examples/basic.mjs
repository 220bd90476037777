// An ES module using the blocking client: no `await`, no callbacks.
//   node examples/basic.mjs [server URL]   (default: $S2GOS_SERVER_URL, then http://127.0.0.1:8008)
import { Client, ClientError } from '@s2gos/sync';

const client = new Client({ serverUrl: process.argv[2] || undefined });
console.log(`server: ${client.config.serverUrl}`);

const capabilities = client.getCapabilities();
console.log(`landing page: ${capabilities.title ?? '(untitled)'}`);

const created = client.executeProcess('echo', { inputs: { value: { hello: 'sync' } } });
const job = client.waitForJob(created.jobID, {
  onProgress: (status) => console.log(`job ${status.jobID}: ${status.status}`),
});
console.log(`job ${job.jobID} ${job.status}: ${JSON.stringify(client.getJobResults(job.jobID))}`);

try {
  client.getProcess('no-such-process');
} catch (error) {
  if (!(error instanceof ClientError)) throw error;
  console.log(`expected error: ${error.apiError.status} ${error.apiError.title}`);
}

client.close();
