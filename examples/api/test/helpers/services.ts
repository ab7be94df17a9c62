import pg from 'pg';
import { Redis } from 'ioredis';

export const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Result of probing a test service, with the reason when it failed. */
export interface Availability {
  available: boolean;
  reason: string;
}

/**
 * Decides whether a suite needing a service runs. Under CI (`CI` set) the
 * suite always runs, so that an unreachable service fails it. Elsewhere it
 * is skipped with the reason printed.
 */
export function shouldRun(
  service: string,
  availability: Availability,
  env: Record<string, string | undefined>,
): boolean {
  if (availability.available || isCi(env)) {
    return true;
  }
  console.warn(`Skipping the ${service} tests: ${availability.reason}`);
  return false;
}

/**
 * Throws the reason a service is unavailable, so that a suite run under CI
 * fails at once with it.
 */
export function assertAvailable(
  service: string,
  availability: Availability,
): void {
  if (!availability.available) {
    throw new Error(`${service} is required under CI: ${availability.reason}`);
  }
}

function isCi(env: Record<string, string | undefined>): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
}

export async function probePostgres(url: string): Promise<Availability> {
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
      reason: `${url} is unreachable (${message(error)})`,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function probeRedis(url: string): Promise<Availability> {
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
      reason: `${url} is unreachable (${message(error)})`,
    };
  } finally {
    client.disconnect();
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
