import { setTimeout as pause } from 'node:timers/promises';
import { distFileUrl } from '../module-url.js';
import { defineProcess } from '../process.js';

const MAX_VALUE = 1_000_000;

// A demo process finishes in microseconds; a short pause between steps lets a client watch its
// progress (the quick start's `--wait` shows it), and is where the abort signal is checked.
const STEP_PAUSE_MS = 300;

/**
 * `primes_between`: the prime numbers from `min_val` to `max_val` (both included), found with a
 * segmented sieve. Each step is reported as a progress message; between steps the process
 * pauses briefly and checks its abort signal.
 */
export const primesBetween = defineProcess<
  { min_val: number; max_val: number },
  { primes: number[] }
>({
  module: distFileUrl('demo-primes-between.js'),
  description: {
    id: 'primes_between',
    version: '1.0.0',
    title: 'Prime generator',
    description: 'Computes the list of prime numbers within an integer value range.',
    keywords: ['demo', 'testing'],
    jobControlOptions: ['async-execute', 'dismiss'],
    inputs: {
      min_val: {
        title: 'Minimum value of the search range',
        minOccurs: 0,
        schema: { type: 'integer', minimum: 0, maximum: MAX_VALUE, default: 0 },
      },
      max_val: {
        title: 'Maximum value of the search range',
        minOccurs: 0,
        schema: { type: 'integer', minimum: 0, maximum: MAX_VALUE, default: 100 },
      },
    },
    outputs: {
      primes: {
        title: 'Prime numbers',
        description: 'The primes p with min_val <= p <= max_val, in ascending order.',
        schema: { type: 'array', items: { type: 'integer' } },
      },
    },
  },
  async run({ min_val: min, max_val: max }, { reportProgress, signal }) {
    if (max < min) throw new RangeError('max_val must not be less than min_val');

    reportProgress(0, 'Step 1 of 3: sieving the primes up to sqrt(max_val)');
    await pause(STEP_PAUSE_MS, undefined, { signal });
    const limit = Math.floor(Math.sqrt(max));
    const small = new Uint8Array(limit + 1).fill(1);
    const smallPrimes: number[] = [];
    for (let i = 2; i <= limit; i++) {
      if (!small[i]) continue;
      smallPrimes.push(i);
      for (let j = i * i; j <= limit; j += i) small[j] = 0;
    }

    reportProgress(33, 'Step 2 of 3: sieving the range [min_val, max_val]');
    await pause(STEP_PAUSE_MS, undefined, { signal });
    const isPrime = new Uint8Array(max - min + 1).fill(1);
    for (const p of smallPrimes) {
      for (let j = Math.max(p * p, Math.ceil(min / p) * p); j <= max; j += p) isPrime[j - min] = 0;
    }

    reportProgress(67, 'Step 3 of 3: collecting the primes');
    await pause(STEP_PAUSE_MS, undefined, { signal });
    const primes: number[] = [];
    for (let n = Math.max(min, 2); n <= max; n++) if (isPrime[n - min]) primes.push(n);
    return { primes };
  },
});
