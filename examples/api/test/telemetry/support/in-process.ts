import type { INestApplication } from '@nestjs/common';
import type { MetricPoint } from '@seda/telemetry/testing';

/** Listens on an ephemeral loopback port and returns the base URL. */
export async function listenOnLoopback(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') {
    throw new Error('Expected a TCP address from the Nest HTTP server.');
  }
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Sums the counts of `http.server.request.duration` points collected in
 * memory by method, route and status, such as `GET /rooms/:id 200`.
 */
export function inMemoryRequestCounts(
  points: readonly MetricPoint[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const point of points) {
    if (point.name !== 'http.server.request.duration') continue;
    const { attributes } = point;
    const key = [
      attributes['http.request.method'],
      attributes['http.route'],
      attributes['http.response.status_code'],
    ].join(' ');
    counts[key] = (counts[key] ?? 0) + (point.count ?? 0);
  }
  return counts;
}
