import { describe, expect, it } from 'vitest';
import { formatElapsed, formatGoDuration } from '../../src/ui/duration.js';

const ms = (n: number) => BigInt(Math.round(n * 1e6));

describe('formatElapsed (durafmt, first two units)', () => {
  it.each([
    [ms(6.248), '6 milliseconds 248 microseconds'],
    [ms(63_000), '1 minute 3 seconds'],
    [ms(1_343.9), '1 second 343 milliseconds'],
    [ms(5_012), '5 seconds 12 milliseconds'],
    [ms(0.002), '2 microseconds'],
    [ms(3_600_000 + 60_000 + 1000), '1 hour 1 minute'],
    [ms(86_400_000 * 8), '1 week 1 day'],
    [ms(1), '1 millisecond'],
  ])('%s ns -> %s', (ns, want) => {
    expect(formatElapsed(ns)).toBe(want);
  });
});

describe('formatGoDuration (time.Duration.String)', () => {
  it.each([
    [5000, '5s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
    [250, '250ms'],
    [1500, '1.5s'],
    [0, '0s'],
  ])('%d ms -> %s', (n, want) => {
    expect(formatGoDuration(n)).toBe(want);
  });
});
