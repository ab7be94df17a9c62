import type { MetricPoint } from '../../src/testing/metric-points.js';

/** A promise with its resolve and reject functions. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

/** Returns the value of the point of `name` with exactly `attributes`. */
export function pointValue(
  points: readonly MetricPoint[],
  name: string,
  attributes: Record<string, unknown> = {},
): number | undefined {
  const expected = JSON.stringify(sortKeys(attributes));
  return points.find(
    (point) =>
      point.name === name &&
      JSON.stringify(sortKeys(point.attributes)) === expected,
  )?.value;
}

function sortKeys(object: Record<string, unknown>): [string, unknown][] {
  return Object.entries(object).sort(([a], [b]) => a.localeCompare(b));
}
