import { describe, expect, it } from 'vitest';

import { histogramQuantile } from '../src/index.js';

// Buckets (-Inf,0.1] (0.1,0.5] (0.5,1] (1,+Inf] holding 10, 20, 60 and 10.
const BOUNDS = [0.1, 0.5, 1];
const COUNTS = [10, 20, 60, 10];

describe('histogramQuantile', () => {
  it('interpolates inside the bucket', () => {
    // Rank 50 is the 20th of the 60 values in (0.5, 1].
    expect(histogramQuantile(0.5, BOUNDS, COUNTS)).toBeCloseTo(
      0.5 + 0.5 * (20 / 60),
      12,
    );
    // Rank 25 is the 15th of the 20 values in (0.1, 0.5].
    expect(histogramQuantile(0.25, BOUNDS, COUNTS)).toBeCloseTo(
      0.1 + 0.4 * (15 / 20),
      12,
    );
  });

  it('starts the first bucket at zero', () => {
    expect(histogramQuantile(0.05, BOUNDS, COUNTS)).toBeCloseTo(0.05, 12);
  });

  it('returns a bucket edge at its cumulative rank', () => {
    expect(histogramQuantile(0.9, BOUNDS, COUNTS)).toBe(1);
  });

  it('returns the largest bound for the +Inf bucket', () => {
    expect(histogramQuantile(0.99, BOUNDS, COUNTS)).toBe(1);
    expect(histogramQuantile(1, BOUNDS, COUNTS)).toBe(1);
  });

  it('skips empty buckets', () => {
    // Rank 0 lands at the lower edge of the first non-empty bucket.
    expect(histogramQuantile(0, [1, 2, 4], [0, 0, 5, 0])).toBe(2);
    expect(histogramQuantile(0.5, [1, 2, 4], [0, 0, 5, 0])).toBe(3);
  });

  it('returns NaN for an empty histogram', () => {
    expect(histogramQuantile(0.5, BOUNDS, [0, 0, 0, 0])).toBeNaN();
    expect(histogramQuantile(1.5, BOUNDS, [0, 0, 0, 0])).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('returns NaN without finite bounds', () => {
    expect(histogramQuantile(0.5, [], [7])).toBeNaN();
  });

  it('treats a non-positive first bound as exact', () => {
    expect(histogramQuantile(0.5, [-1, 0], [4, 0, 0])).toBe(-1);
  });

  it('maps q outside [0, 1] to infinities', () => {
    expect(histogramQuantile(-0.1, BOUNDS, COUNTS)).toBe(
      Number.NEGATIVE_INFINITY,
    );
    expect(histogramQuantile(1.1, BOUNDS, COUNTS)).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(histogramQuantile(Number.NaN, BOUNDS, COUNTS)).toBeNaN();
  });

  it('rejects counts that do not fit the bounds', () => {
    expect(() => histogramQuantile(0.5, BOUNDS, [1, 2, 3])).toThrow(
      'expected 4 bucket counts for 3 bounds, got 3',
    );
    expect(() => histogramQuantile(0.5, [1, 1], [1, 2, 3])).toThrow(
      'bounds must increase, got 1 then 1',
    );
  });
});
