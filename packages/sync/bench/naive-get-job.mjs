// The naive blocking alternative: a whole Node process per call, run with execFileSync by the
// bench. Prints the JobInfo as JSON.
import { AsyncClient } from '@s2gos/async';

const [serverUrl, jobId] = process.argv.slice(2);
console.log(JSON.stringify(await new AsyncClient({ serverUrl }).getJob(jobId)));
