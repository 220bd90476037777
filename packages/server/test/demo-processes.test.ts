import { describe, expect, it } from 'vitest';
import { echo, type ProcessContext, primesBetween, sceneLink, sleepAWhile } from '../src/index.js';

/** A context that records what a process reports. */
function recordingContext(signal = new AbortController().signal) {
  const reports: [number | undefined, string | undefined][] = [];
  const context: ProcessContext = {
    jobId: 'test',
    signal,
    reportProgress: (progress, message) => {
      reports.push([progress, message]);
    },
    saveFile: (name) => `http://127.0.0.1/jobs/test/files/${name}`,
  };
  return { context, reports };
}

describe('primes_between', () => {
  it.each([
    [0, 1, []],
    [0, 2, [2]],
    [2, 2, [2]],
    [14, 16, []],
    [90, 110, [97, 101, 103, 107, 109]],
  ])('finds the primes from %i to %i', async (min_val, max_val, primes) => {
    const { context } = recordingContext();
    expect(await primesBetween.run({ min_val, max_val }, context)).toEqual({ primes });
  });

  it('reports a message per step', async () => {
    const { context, reports } = recordingContext();
    await primesBetween.run({ min_val: 0, max_val: 100 }, context);
    expect(reports.map(([, message]) => message?.slice(0, 11))).toEqual([
      'Step 1 of 3',
      'Step 2 of 3',
      'Step 3 of 3',
    ]);
    expect(reports.map(([progress]) => progress)).toEqual([0, 33, 67]);
  });

  it('fails on an empty range', async () => {
    const { context } = recordingContext();
    await expect(primesBetween.run({ min_val: 5, max_val: 4 }, context)).rejects.toThrow(
      RangeError,
    );
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const { context } = recordingContext(controller.signal);
    controller.abort();
    await expect(primesBetween.run({ min_val: 0, max_val: 100 }, context)).rejects.toThrow(
      /abort/i,
    );
  });
});

describe('sleep_a_while', () => {
  it('reports progress from 0 to 100 and returns the time slept', async () => {
    const { context, reports } = recordingContext();
    const { slept } = await sleepAWhile.run({ duration: 0.05, fail: false }, context);
    expect(reports.map(([progress]) => progress)).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect(slept).toBeGreaterThan(0);
  });

  it('fails half way when asked', async () => {
    const { context, reports } = recordingContext();
    await expect(sleepAWhile.run({ duration: 0.01, fail: true }, context)).rejects.toThrow(
      'Woke up too early',
    );
    expect(reports.at(-1)?.[0]).toBe(50);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const { context, reports } = recordingContext(controller.signal);
    const run = sleepAWhile.run({ duration: 3600, fail: false }, context);
    controller.abort();
    await expect(run).rejects.toThrow(/abort/i);
    expect(reports).toHaveLength(1);
  });
});

describe('echo', () => {
  it('returns its value unchanged', async () => {
    const value = { a: [1, null, 'x'] };
    expect(await echo.run({ value }, recordingContext().context)).toEqual({ value });
  });
});

describe('scene_link', () => {
  const bbox = { bbox: [10, 45, 11, 46] as [number, number, number, number] };

  it('returns the same link for the same inputs', async () => {
    const inputs = { bbox, start_date: '2025-01-01', end_date: '2025-01-01' };
    const first = await sceneLink.run(inputs, recordingContext().context);
    const second = await sceneLink.run(inputs, recordingContext().context);
    expect(first).toEqual(second);
    expect(first.scene.href).toMatch(
      /^https:\/\/scenes\.example\.com\/s2gos\/[0-9a-f]{16}\.zarr\?/,
    );
  });

  it('fails when the range ends before it starts, or south is north of north', async () => {
    const { context } = recordingContext();
    await expect(
      sceneLink.run({ bbox, start_date: '2025-01-02', end_date: '2025-01-01' }, context),
    ).rejects.toThrow('end_date must not be before start_date');
    await expect(
      sceneLink.run(
        { bbox: { bbox: [0, 10, 1, 5] }, start_date: '2025-01-01', end_date: '2025-01-01' },
        context,
      ),
    ).rejects.toThrow('south must not be greater than north');
  });
});
