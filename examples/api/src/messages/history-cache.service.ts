import { Injectable } from '@nestjs/common';
import { RedisService } from '../redis/redis.service.js';
import type { RoomHistory } from './message-view.js';

/**
 * Lifetime of a room's cached histories, counted from the first one stored,
 * which also bounds how stale an entry can be.
 */
export const HISTORY_CACHE_TTL_SECONDS = 30;

/** Returns the Redis hash of a room's cached histories, one field per limit. */
export function historyCacheKey(roomId: number): string {
  return `room:${roomId}:history`;
}

/**
 * Caches a room's recent history in Redis. Every new message or reaction in
 * the room deletes the room's entries. Without Redis every lookup misses.
 *
 * NOTE: a read that misses, then loses the race against a new message, can
 * store the history from before that message. The TTL bounds that staleness.
 */
@Injectable()
export class HistoryCache {
  constructor(private readonly redis: RedisService) {}

  async get(roomId: number, limit: number): Promise<RoomHistory | undefined> {
    const cached = await this.redis.run('history cache read', (client) =>
      client.hget(historyCacheKey(roomId), String(limit)),
    );
    return cached == null ? undefined : (JSON.parse(cached) as RoomHistory);
  }

  async set(
    roomId: number,
    limit: number,
    history: RoomHistory,
  ): Promise<void> {
    const key = historyCacheKey(roomId);
    await this.redis.run('history cache write', (client) =>
      client
        .multi()
        .hset(key, String(limit), JSON.stringify(history))
        // NX (Redis 7.0+) keeps the first TTL, so later writes for other
        // limits do not extend the life of the entries already stored.
        .expire(key, HISTORY_CACHE_TTL_SECONDS, 'NX')
        .exec(),
    );
  }

  async invalidate(roomId: number): Promise<void> {
    await this.redis.run('history cache invalidation', (client) =>
      client.del(historyCacheKey(roomId)),
    );
  }
}
