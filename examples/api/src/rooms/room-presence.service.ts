import { Injectable } from '@nestjs/common';
import { RedisService } from '../redis/redis.service.js';

/** How long a user counts as online in a room after their last action. */
export const PRESENCE_WINDOW_MILLIS = 5 * 60_000;

function presenceKey(roomId: number): string {
  return `room:${roomId}:online`;
}

/**
 * Counts the users active in a room lately, in a Redis sorted set scored by
 * the time of each user's last action. Without Redis nothing is counted.
 */
@Injectable()
export class RoomPresenceService {
  constructor(private readonly redis: RedisService) {}

  async markActive(roomId: number, userId: number): Promise<void> {
    const key = presenceKey(roomId);
    const now = Date.now();
    await this.redis.run('presence update', (client) =>
      client
        .multi()
        .zadd(key, now, String(userId))
        .zremrangebyscore(key, '-inf', now - PRESENCE_WINDOW_MILLIS)
        .pexpire(key, PRESENCE_WINDOW_MILLIS)
        .exec(),
    );
  }

  /** @returns the number of users online, or `null` without Redis. */
  async countOnline(roomId: number): Promise<number | null> {
    const since = Date.now() - PRESENCE_WINDOW_MILLIS;
    const count = await this.redis.run('presence count', (client) =>
      client.zcount(presenceKey(roomId), since, '+inf'),
    );
    return count ?? null;
  }
}
