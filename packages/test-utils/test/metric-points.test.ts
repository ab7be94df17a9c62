import { describe, expect, it } from 'vitest';

import { latestPoints, sumBy, type ReceivedMetricPoint } from '../src/index.js';

function point(
  name: string,
  attributes: Record<string, unknown>,
  timeUnixNano: bigint,
  fields: Partial<ReceivedMetricPoint> = {},
): ReceivedMetricPoint {
  return {
    name,
    unit: '',
    description: '',
    type: 'sum',
    attributes,
    flags: 0,
    startTimeUnixNano: 0n,
    timeUnixNano,
    resource: {},
    scope: { name: 'test' },
    ...fields,
  };
}

describe('latestPoints', () => {
  it('keeps the newest point per series', () => {
    const points = [
      point('requests', { route: '/a', method: 'GET' }, 1n, { value: 1 }),
      point('requests', { route: '/b' }, 1n, { value: 5 }),
      point('requests', { method: 'GET', route: '/a' }, 3n, { value: 4 }),
      point('requests', { route: '/a', method: 'GET' }, 2n, { value: 2 }),
      point('errors', { route: '/a', method: 'GET' }, 1n, { value: 9 }),
    ];

    expect(latestPoints(points).map((kept) => kept.value)).toEqual([4, 5, 9]);
  });

  it('prefers the later arrival on equal times', () => {
    const points = [
      point('requests', {}, 7n, { value: 1 }),
      point('requests', {}, 7n, { value: 2 }),
    ];

    expect(latestPoints(points).map((kept) => kept.value)).toEqual([2]);
  });
});

describe('sumBy', () => {
  it('adds values per attribute value', () => {
    const points = [
      point('requests', { route: '/a', status: 200 }, 1n, { value: 3 }),
      point('requests', { route: '/a', status: 500 }, 1n, { value: 1 }),
      point('requests', { route: '/b', status: 200 }, 1n, { value: 2 }),
      point('requests', { status: 200 }, 1n, { value: 100 }),
    ];

    expect(sumBy(points, 'route')).toEqual({ '/a': 4, '/b': 2 });
    expect(sumBy(points, 'status')).toEqual({ '200': 105, '500': 1 });
  });

  it('adds histogram counts', () => {
    const points = [
      point('duration', { route: '/a' }, 1n, { type: 'histogram', count: 3 }),
      point('duration', { route: '/a' }, 1n, { type: 'histogram', count: 4 }),
    ];

    expect(sumBy(points, 'route', 'count')).toEqual({ '/a': 7 });
    expect(sumBy(points, 'route')).toEqual({});
  });
});
