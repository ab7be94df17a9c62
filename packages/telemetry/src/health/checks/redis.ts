import type { CheckOptions, HealthCheck } from '../types.js';
import {
  defineCheck,
  latencyStatus,
  type LatencyOptions,
  millisSince,
} from './check-options.js';

/**
 * The part of a Redis client that the check uses. ioredis and node-redis
 * (4 and 5) clients both have it; `status` (ioredis) and `isReady`
 * (node-redis) are reported when present.
 */
export interface RedisClientLike {
  ping(): Promise<unknown>;
  readonly status?: string;
  readonly isReady?: boolean;
}

export interface RedisCheckOptions extends CheckOptions, LatencyOptions {}

/**
 * Checks a Redis client with `PING`. Name `redis`, kind `redis`,
 * non-critical by default, since Redis usually holds data that can be
 * rebuilt.
 *
 * NOTE: a client with an offline queue (the ioredis default) queues the
 * `PING` while it reconnects, so the check reports `down` by timeout. The
 * queued command stays with the client until its own limits drop it.
 */
export function redisCheck(
  client: RedisClientLike,
  options: RedisCheckOptions = {},
): HealthCheck {
  return defineCheck(options, { name: 'redis', kind: 'redis' }, async () => {
    const started = performance.now();
    const reply = await client.ping();
    const latencyMillis = millisSince(started);
    const details = { latencyMillis, ...connectionState(client) };

    if (reply !== 'PONG') {
      return {
        status: 'down',
        message: `PING returned ${String(reply)}`,
        details,
      };
    }
    return { ...latencyStatus(latencyMillis, options), details };
  });
}

function connectionState(client: RedisClientLike): Record<string, unknown> {
  if (typeof client.status === 'string') return { connection: client.status };
  if (typeof client.isReady === 'boolean') return { ready: client.isReady };
  return {};
}
