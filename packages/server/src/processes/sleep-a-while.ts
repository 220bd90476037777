import { setTimeout as sleep } from 'node:timers/promises';
import { distFileUrl } from '../module-url.js';
import { defineProcess } from '../process.js';

/**
 * `sleep_a_while`: sleeps for `duration` seconds in 100 steps, reporting each step as progress;
 * with `fail: true` it fails half way. It returns how long it really slept. A dismissed job
 * stops at once, because every step waits on the job's abort signal.
 */
export const sleepAWhile = defineProcess<{ duration: number; fail: boolean }, { slept: number }>({
  module: distFileUrl('demo-sleep-a-while.js'),
  description: {
    id: 'sleep_a_while',
    version: '1.0.0',
    title: 'Sleepy process',
    description:
      'Sleeps for `duration` seconds, reporting progress from 0 to 100. Fails on purpose half ' +
      'way if `fail` is true. Returns the effective amount of sleep in seconds.',
    keywords: ['demo', 'testing'],
    jobControlOptions: ['async-execute', 'dismiss'],
    inputs: {
      duration: {
        title: 'Duration in seconds',
        description: 'How long to sleep.',
        minOccurs: 0,
        schema: { type: 'number', minimum: 0, maximum: 3600, default: 10 },
      },
      fail: {
        title: 'Force failure',
        description: 'Fail on purpose after 50% progress.',
        minOccurs: 0,
        schema: { type: 'boolean', default: false },
      },
    },
    outputs: {
      slept: {
        title: 'Sleep in seconds',
        description: 'The time the process really slept.',
        schema: { type: 'number', minimum: 0 },
      },
    },
  },
  async run({ duration, fail }, { reportProgress, signal }) {
    const t0 = performance.now();
    for (let step = 0; step <= 100; step++) {
      reportProgress(step, `Slept ${step}%`);
      if (fail && step === 50) throw new Error('Woke up too early');
      if (step < 100) await sleep((duration * 1000) / 100, undefined, { signal });
    }
    return { slept: (performance.now() - t0) / 1000 };
  },
});
