// How long one `s2gos` call takes from start to exit, against @s2gos/server on 127.0.0.1:
// median of RUNS runs per case, and the ratio to a bare `node -e 0` (Node's own start-up). With
// `S2GOS_BENCH_BASE` set to a checkout with `packages/cli` built (e.g. a temporary worktree of the
// commit before a change), the base's binary runs each case too, interleaved with this one's, and
// the ratio new/base is printed. Run after a build: `pnpm --filter @s2gos/cli bench`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@s2gos/server';

const RUNS = 10;
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const baseBin =
  process.env.S2GOS_BENCH_BASE && join(process.env.S2GOS_BENCH_BASE, 'packages/cli/dist/bin.js');
if (baseBin && !existsSync(baseBin)) throw new Error(`no built CLI at ${baseBin}`);
const home = mkdtempSync(join(tmpdir(), 's2gos-cli-bench-'));
const server = await startServer({ host: '127.0.0.1', port: 0 });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// The server lives in this process, so the CLI runs asynchronously (a sync spawn would block it).
function timeRun(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}`));
      else resolve(performance.now() - t0);
    });
  });
}

/** The cases of one binary; the baseline first. */
const cases = (cli) => [
  ['node -e 0 (baseline)', ['-e', '0']],
  ['s2gos --version', [cli, '--version']],
  ['s2gos list-processes', [cli, '--server', server.url, 'list-processes']],
  ['s2gos validate-request (loads Ajv)', [cli, '--server', server.url, 'vr', 'primes_between']],
  [
    's2gos execute-process --wait',
    [cli, '--server', server.url, 'ep', 'primes_between', '-i', 'max_val=100', '--wait'],
  ],
];

try {
  const own = cases(bin);
  const base = baseBin ? cases(baseBin) : undefined;
  const results = [];
  for (const [index, [name, args]] of own.entries()) {
    const times = [];
    const baseTimes = [];
    // Alternating, so that drift of the machine hits both binaries alike.
    for (let i = 0; i < RUNS; i++) {
      times.push(await timeRun(args));
      if (base && index > 0) baseTimes.push(await timeRun(base[index][1]));
    }
    results.push([name, median(times), baseTimes.length ? median(baseTimes) : undefined]);
  }
  const baseline = results[0][1];
  console.log(`s2gos start-to-exit, median of ${RUNS} runs (ratio to node -e 0)`);
  for (const [name, ms, baseMs] of results) {
    const vsBase =
      baseMs === undefined
        ? ''
        : `   base ${baseMs.toFixed(0).padStart(6)} ms  new/base ${(ms / baseMs).toFixed(2)}`;
    console.log(
      `  ${name.padEnd(38)} ${ms.toFixed(0).padStart(6)} ms  ×${(ms / baseline).toFixed(2)}${vsBase}`,
    );
  }
} finally {
  await server.close();
  rmSync(home, { recursive: true, force: true });
}
