/** Bundled for the browser test: uses the browser build of @s2gos/async inside Chromium. */
import { AsyncClient, ClientError, ConfigError } from '@s2gos/async';

async function runDemo(serverUrl: string, accessToken: string) {
  const client = new AsyncClient({ serverUrl, accessToken });
  const { processes } = await client.getProcesses();
  const progress: string[] = [];
  const { job, results } = await client.executeAndWait(
    'primes_between',
    { inputs: { min_val: 20, max_val: 40 } },
    { pollInterval: 20, onProgress: (j) => progress.push(j.status) },
  );
  const missing = await client.getJob('../processes').catch((error: unknown) => error);
  let configPathError = '';
  try {
    new AsyncClient({ configPath: '/etc/s2gos' });
  } catch (error) {
    configPathError = error instanceof ConfigError ? error.message : `unexpected: ${error}`;
  }
  return {
    processes: processes.map((process) => process.id),
    status: job.status,
    results,
    progressSeen: progress.length > 0,
    missing: missing instanceof ClientError ? { status: missing.status } : String(missing),
    configPathError,
    nodeProcess: typeof (globalThis as { process?: unknown }).process,
  };
}

Object.assign(globalThis, { runDemo });
