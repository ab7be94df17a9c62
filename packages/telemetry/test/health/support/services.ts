import { Redis } from 'ioredis';
import pg from 'pg';

export const POSTGRES_URL =
  process.env.POSTGRES_TEST_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** Whether a service responded, and the reason when it did not. */
export interface Availability {
  readonly available: boolean;
  readonly reason: string;
}

/**
 * Decides whether tests needing a service run. Under CI (`CI` set and not
 * `false`) they always run, so that a missing service fails them; elsewhere
 * they are skipped with the reason printed.
 */
export function shouldRun(
  service: string,
  availability: Availability,
): boolean {
  const ci =
    process.env.CI !== undefined &&
    process.env.CI !== '' &&
    process.env.CI !== 'false';
  if (availability.available || ci) return true;
  console.warn(`Skipping the ${service} health tests: ${availability.reason}`);
  return false;
}

export async function probePostgres(url = POSTGRES_URL): Promise<Availability> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { available: true, reason: '' };
  } catch (error) {
    return {
      available: false,
      reason: `${url} is unreachable (${String(error)})`,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function probeRedis(url = REDIS_URL): Promise<Availability> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return { available: true, reason: '' };
  } catch (error) {
    return {
      available: false,
      reason: `${url} is unreachable (${String(error)})`,
    };
  } finally {
    client.disconnect();
  }
}
