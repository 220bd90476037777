/**
 * Runs a job on a local server from start to finish.
 *
 *   pnpm --filter @s2gos/async example                 # starts its own server on a free port
 *   S2GOS_SERVER_URL=http://127.0.0.1:8008 pnpm ...    # or uses the one you started
 */
import { startServer } from '@s2gos/server';
import { AsyncClient, ClientError } from '../src/index.js';

const ownServer = process.env.S2GOS_SERVER_URL ? undefined : await startServer({ port: 0 });
const client = new AsyncClient(ownServer ? { serverUrl: ownServer.url } : {});

try {
  console.log(`server: ${client.config.serverUrl}`);
  const { processes } = await client.getProcesses();
  console.log(`processes: ${processes.map((process) => process.id).join(', ')}`);

  const { job, results } = await client.executeAndWait(
    'primes_between',
    { inputs: { min_val: 100, max_val: 150 } },
    { onProgress: (status) => console.log(`  ${status.status} ${status.progress ?? ''}`) },
  );
  console.log(`job ${job.jobID}: ${job.status}`, results);

  // Failures are ClientErrors carrying the server's (or the job's) error document.
  await client
    .executeAndWait('sleep_a_while', { inputs: { duration: 0.1, fail: true } })
    .catch((error: unknown) => {
      if (!(error instanceof ClientError)) throw error;
      console.log(`expected failure: ${error.message} (${error.apiError.type})`);
    });
} finally {
  await client.close();
  await ownServer?.close();
}
