/**
 * Validation speed: a JobList of 10,000 jobs, parsed with `JSON.parse` alone and with
 * `JSON.parse` + `parseModel(JobListSchema)`. Prints the medians of several runs and their ratio
 * (target: ≤ 2.5). A second list whose jobs lack `type` shows the cost of normalising every job
 * (each one is copied to add `type: 'process'`).
 */
import { JobListSchema, parseModel } from '../src/index.js';

const JOBS = 10_000;
const RUNS = 25;
const WARMUP = 5;
const STATUSES = ['accepted', 'running', 'successful', 'failed', 'dismissed'] as const;

function makeJobList(withType: boolean): string {
  const jobs = Array.from({ length: JOBS }, (_, index) => ({
    jobID: `job-${index}`,
    processID: 'primes_between',
    ...(withType ? { type: 'process' } : {}),
    status: STATUSES[index % STATUSES.length],
    message: `step ${index % 100} of 100`,
    created: '2025-10-16T09:00:00Z',
    started: '2025-10-16T09:00:01Z',
    updated: '2025-10-16T09:00:02Z',
    progress: index % 101,
    links: [
      { href: `http://127.0.0.1:8008/jobs/job-${index}`, rel: 'self', type: 'application/json' },
    ],
  }));
  return JSON.stringify({ jobs, links: [{ href: 'http://127.0.0.1:8008/jobs', rel: 'self' }] });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function time(action: () => unknown): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

function measure(label: string, text: string): void {
  const parseOnly: number[] = [];
  const parseAndValidate: number[] = [];
  // Interleave the two measurements so that both see the same machine load.
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const a = time(() => JSON.parse(text));
    const b = time(() => parseModel(JobListSchema, JSON.parse(text)));
    if (run >= WARMUP) {
      parseOnly.push(a);
      parseAndValidate.push(b);
    }
  }
  const parseMedian = median(parseOnly);
  const validateMedian = median(parseAndValidate);
  const ratio = validateMedian / parseMedian;
  const verdict = ratio <= 2.5 ? 'OK' : 'MISSED';
  console.log(`${label} (${(text.length / 1024).toFixed(0)} KiB), median of ${RUNS} runs:`);
  console.log(`  JSON.parse:                ${parseMedian.toFixed(2)} ms`);
  console.log(`  JSON.parse + validation:   ${validateMedian.toFixed(2)} ms`);
  console.log(`  ratio:                     ${ratio.toFixed(2)} (target ≤ 2.5) ${verdict}`);
}

measure(`JobList with ${JOBS} jobs`, makeJobList(true));
measure(`JobList with ${JOBS} jobs without "type"`, makeJobList(false));
