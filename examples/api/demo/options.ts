/** Environment variables, as in `process.env`. */
export type Environment = Record<string, string | undefined>;

/** Settings of one demo run, read from the environment. */
export interface DemoOptions {
  /** How long the traffic runs, from `DEMO_SECONDS`. Default 15. */
  trafficSeconds: number;
  /** Concurrent virtual users sending requests. */
  virtualUsers: number;
  /** `DATABASE_URL` when set, else a fresh SQLite file is used. */
  databaseUrl: string | undefined;
  /** `REDIS_URL` when set, else the API runs without Redis. */
  redisUrl: string | undefined;
  /** `REDIS_KEY_PREFIX` when set, else the API's default prefix. */
  redisKeyPrefix: string | undefined;
}

export const DEFAULT_TRAFFIC_SECONDS = 15;

/** Upper bound of `DEMO_SECONDS`, so that a typo cannot run for hours. */
export const MAX_TRAFFIC_SECONDS = 600;

export const VIRTUAL_USERS = 6;

/** A setting the demo cannot run with, reported without a stack trace. */
export class DemoOptionsError extends Error {
  override name = 'DemoOptionsError';
}

/**
 * Reads the demo's settings from `env`.
 *
 * @throws DemoOptionsError for a `DEMO_SECONDS` that is not a duration.
 */
export function readDemoOptions(env: Environment): DemoOptions {
  return {
    trafficSeconds: readTrafficSeconds(env.DEMO_SECONDS),
    virtualUsers: VIRTUAL_USERS,
    databaseUrl: nonEmpty(env.DATABASE_URL),
    redisUrl: nonEmpty(env.REDIS_URL),
    redisKeyPrefix: nonEmpty(env.REDIS_KEY_PREFIX),
  };
}

function readTrafficSeconds(value: string | undefined): number {
  if (nonEmpty(value) === undefined) return DEFAULT_TRAFFIC_SECONDS;

  const seconds = Number(value);

  if (!(seconds > 0 && seconds <= MAX_TRAFFIC_SECONDS)) {
    throw new DemoOptionsError(
      `Invalid DEMO_SECONDS "${value}": use a number of seconds ` +
        `above 0 and at most ${MAX_TRAFFIC_SECONDS}.`,
    );
  }
  return seconds;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
