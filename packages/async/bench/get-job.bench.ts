/**
 * `pnpm bench`: in one run, `AsyncClient.getJob` of this build against the client of a base
 * commit (`S2GOS_BENCH_BASE`: a checkout with `packages/async` built, e.g. a temporary worktree of
 * the commit before a change) and raw `fetch` + `JSON.parse` on the same URL; then 1,000
 * concurrent `getJob` calls and the size of the browser bundle of `AsyncClient` (esbuild,
 * minified, gzip, the `browser` export condition). The server runs in a child process so that it
 * does not share the event loop with the code measured. Prints medians and ratios of one run,
 * with the load of the machine. Targets: new/base ≤ 1.05, new/raw ≤ 1.30, bundle ≤ 12 kB.
 *
 * Two floors are printed beside them, so that a target can be told apart from what the client is
 * built on: a bare ky instance with the client's options (`ky` + `JSON.parse`, no client code),
 * and the bundle of the client's dependencies alone (ky, the model schemas, `@s2gos/config`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import ky from 'ky';
import { AsyncClient } from '../dist/index.js';

const ROUNDS = 2_000;
const WARMUP = 300;
const CONCURRENT = 1_000;
const packageDir = fileURLToPath(new URL('..', import.meta.url));

async function startServerProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const { startServer } = await import('@s2gos/server'); const s = await startServer({ port: 0 }); console.log(s.url);",
    ],
    { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] },
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

/** The `AsyncClient` of the base checkout, if there is one. */
async function baseClient(): Promise<typeof AsyncClient | undefined> {
  const base = process.env.S2GOS_BENCH_BASE;
  const entry = base && join(base, 'packages/async/dist/index.js');
  if (!entry || !existsSync(entry)) return undefined;
  return ((await import(pathToFileURL(entry).href)) as { AsyncClient: typeof AsyncClient })
    .AsyncClient;
}

/** Gzip size of `contents` bundled for browsers (esbuild, minified, the `browser` condition). */
async function browserBundle(contents: string): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: packageDir },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['browser'],
    write: false,
  });
  return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
}

async function main() {
  const { url, child } = await startServerProcess();
  try {
    const client = new AsyncClient({ config: { serverUrl: url } });
    const unvalidated = new AsyncClient({ config: { serverUrl: url }, validate: false });
    const { job } = await client.executeAndWait('echo', { inputs: { value: 'bench' } });
    const jobUrl = `${url}/jobs/${job.jobID}`;
    const Base = await baseClient();
    const base = Base && new Base({ config: { serverUrl: url } });

    // ky as the client configures it (see `createHttp`), without any client code.
    const bareKy = ky.create({
      prefixUrl: `${url}/`,
      headers: { accept: 'application/json' },
      timeout: 30_000,
      retry: 2,
    });
    const contenders: Record<string, () => Promise<unknown>> = {
      'raw fetch + JSON.parse': async () => {
        const response = await fetch(jobUrl, { headers: { accept: 'application/json' } });
        return JSON.parse(await response.text());
      },
      'ky + JSON.parse (floor)': async () => JSON.parse(await bareKy(`jobs/${job.jobID}`).text()),
      'AsyncClient.getJob': () => client.getJob(job.jobID),
      ...(base ? { 'AsyncClient.getJob (base)': () => base.getJob(job.jobID) } : {}),
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
    const own = median(times['AsyncClient.getJob'] ?? []);
    console.log(
      `sequential getJob, ${ROUNDS} calls each (median per call; node ${process.version}, load ${loadavg()[0]?.toFixed(1)}):`,
    );
    for (const name of names) {
      const value = median(times[name] ?? []);
      console.log(
        `  ${name.padEnd(40)} ${(value * 1000).toFixed(0).padStart(6)} µs   ratio to raw ${(value / raw).toFixed(2)}`,
      );
    }
    console.log(`AsyncClient.getJob / raw fetch: ${(own / raw).toFixed(2)} (target <= 1.30)`);
    const floor = median(times['ky + JSON.parse (floor)'] ?? []);
    console.log(
      `  of which ky alone: ${(floor / raw).toFixed(2)}; client code: ${(own / floor).toFixed(2)}`,
    );
    if (base) {
      const ratio = own / median(times['AsyncClient.getJob (base)'] ?? []);
      console.log(`AsyncClient.getJob / base: ${ratio.toFixed(2)} (target <= 1.05)`);
    } else {
      console.log('(no base: set S2GOS_BENCH_BASE to a built checkout to compare)');
    }

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
    await Promise.all([client.close(), unvalidated.close(), base?.close()]);
    const size = await browserBundle("export { AsyncClient } from '@s2gos/async';");
    console.log(`browser bundle of AsyncClient (minified, gzip): ${size} B (target <= 12000)`);
    // A lower bound of what the client needs of its dependencies, whatever its own code: ky, the
    // schemas of the documents its operations read, and the configuration resolver.
    const floors = {
      ky: "export { default, isHTTPError, isTimeoutError } from 'ky';",
      schemas: `export { ${[
        'ApiErrorSchema',
        'CapabilitiesSchema',
        'ConformanceDeclarationSchema',
        'JobInfoSchema',
        'JobListSchema',
        'JobResultsSchema',
        'ProcessDescriptionSchema',
        'ProcessListSchema',
        'ProcessRequestSchema',
        'safeParseModel',
      ].join(', ')} } from '@s2gos/models';`,
      resolveConfig: "export { ConfigError, resolveConfig } from '@s2gos/config';",
    };
    const together = Object.values(floors)
      .join('\n')
      .replace('export { default,', 'export { default as ky,');
    for (const [name, contents] of Object.entries(floors)) {
      console.log(
        `  floor: ${name.padEnd(14)} ${String(await browserBundle(contents)).padStart(6)} B`,
      );
    }
    console.log(`  floor: all three      ${String(await browserBundle(together)).padStart(6)} B`);
  } finally {
    child.kill();
  }
}

await main();
