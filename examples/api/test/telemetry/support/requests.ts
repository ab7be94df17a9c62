/**
 * Calls `send` with the indexes from 0 to `count - 1`, at most `concurrency`
 * at a time, and returns the results in index order.
 */
export async function sendInBatches<T>(
  count: number,
  concurrency: number,
  send: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const end = Math.min(start + concurrency, count);
    const batch = Array.from({ length: end - start }, (_, offset) =>
      send(start + offset),
    );
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
