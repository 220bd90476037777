// A floor for the first blocking call: the least a synckit-based client can do. One fresh
// process imports synckit, starts a worker that makes one `fetch` of the job, blocks until it
// answers, and prints the time from the process start (as `first-call.mjs` does).
import { createSyncFn } from 'synckit';

const [serverUrl, jobId] = process.argv.slice(2);
const getJob = createSyncFn(new URL('./floor-synckit-worker.cjs', import.meta.url).pathname, {
  timeout: 10_000,
});
JSON.parse(getJob(`${serverUrl}/jobs/${jobId}`));
console.log(JSON.stringify({ sinceStart: performance.now() }));
