import { Redis } from 'ioredis';

/** Deletes every key that starts with `prefix` from the Redis at `url`. */
export async function deleteKeysWithPrefix(
  url: string,
  prefix: string,
): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** Reads one field of a hash, with no key prefix applied. */
export async function readHashField(
  url: string,
  key: string,
  field: string,
): Promise<string | null> {
  const redis = new Redis(url);
  try {
    return await redis.hget(key, field);
  } finally {
    await redis.quit();
  }
}
