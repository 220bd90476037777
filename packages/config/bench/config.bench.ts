/**
 * Measures what using this package costs: resolving from values, reading and writing the config
 * file, and the bundle size of each entry. Prints medians and ratios from one run.
 *
 * Run: `pnpm --filter @s2gos/config bench`
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { readConfigFile, resolveConfig, writeConfigFile } from '../src/node.js';

const ROUNDS = 15;

/** Median time of one call in microseconds, over ROUNDS rounds of `calls` calls each. */
function median(calls: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) fn();
    times.push(((performance.now() - start) * 1000) / calls);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

function bundleSize(entry: string, platform: 'browser' | 'node'): { min: number; gzip: number } {
  const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', entry);
  const [output] = buildSync({
    entryPoints: [src],
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    write: false,
  }).outputFiles;
  const bytes = output?.contents ?? new Uint8Array();
  return { min: bytes.length, gzip: gzipSync(bytes).length };
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 's2gos-config-bench-'));
try {
  const env = { S2GOS_USER_NAME: 'bibo' };
  const resolveValues = median(10_000, () =>
    resolveConfig({
      config: { serverUrl: 'https://s2gos.example/api', accessToken: 'token-4711' },
    }),
  );
  const resolveNoFile = median(1_000, () => resolveConfig({ env, homeDir: home }));
  const file = writeConfigFile(
    { serverUrl: 'https://s2gos.example/api', userName: 'bibo', accessToken: 'token-4711' },
    undefined,
    { homeDir: home },
  );
  const read = median(1_000, () => readConfigFile(file));
  const resolveWithFile = median(1_000, () => resolveConfig({ env, homeDir: home }));
  const write = median(20, () => writeConfigFile({ userName: 'bibo' }, file));

  const browser = bundleSize('index.ts', 'browser');
  const node = bundleSize('node.ts', 'node');

  const us = (value: number) => `${value.toFixed(1).padStart(8)} µs`;
  console.log(`@s2gos/config bench (medians of ${ROUNDS} rounds, Node ${process.version})`);
  console.log(`resolveConfig({ config })             ${us(resolveValues)}`);
  console.log(`resolveConfig, no config file         ${us(resolveNoFile)}`);
  console.log(`resolveConfig, with config file       ${us(resolveWithFile)}`);
  console.log(`readConfigFile                        ${us(read)}`);
  console.log(`writeConfigFile (atomic, fsync)       ${us(write)}`);
  console.log(
    `  ratio file read / values only       ${(resolveWithFile / resolveValues).toFixed(0)}x`,
  );
  console.log(`  ratio write / read                  ${(write / read).toFixed(0)}x`);
  console.log(`bundle @s2gos/config (browser)        ${browser.min} B min, ${browser.gzip} B gzip`);
  console.log(`bundle @s2gos/config/node (with yaml) ${node.min} B min, ${node.gzip} B gzip`);
  console.log(`  ratio node / browser (gzip)         ${(node.gzip / browser.gzip).toFixed(1)}x`);
} finally {
  fs.rmSync(home, { recursive: true, force: true });
}
