import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { duration } from '../src/options.js';

describe('duration', () => {
  it.each([
    ['90', 90_000],
    ['0.5', 500],
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1.5d', 129_600_000],
    ['250ms', 250],
    [' 2m ', 120_000],
  ])('%j is %d ms', (text, ms) => {
    expect(duration(text)).toBe(ms);
  });

  it.each(['', '0', '0s', '-5s', '1y', 'soon', '5 m', 'm5', '1h-30m'])('refuses %j', (text) => {
    expect(() => duration(text)).toThrow(InvalidArgumentError);
  });
});
