import type { DynamicModule, LoggerService, LogLevel } from '@nestjs/common';
import {
  parseDatabaseUrl,
  type DatabaseTarget,
} from './prisma/database-target.js';
import type { RedisTarget } from './redis/redis-target.js';
import type { HealthTargets } from './health/health-targets.js';

export const DEFAULT_DATABASE_URL = 'file:./data/seda.db';
export const DEFAULT_REDIS_KEY_PREFIX = 'seda-api:';

/** Environment variables, as in `process.env`. */
export type Environment = Record<string, string | undefined>;

/** Options of `createApp`. An unset option falls back to its variable. */
export interface AppOptions {
  /**
   * `file:PATH` for SQLite, or `postgresql://USER@HOST:PORT/DB` for
   * PostgreSQL, where `?schema=NAME` selects the schema.
   * Default: `DATABASE_URL`, else `file:./data/seda.db` (relative to the
   * working directory).
   */
  databaseUrl?: string;
  /**
   * Redis for the history cache and the online counter, for example
   * `redis://127.0.0.1:6379`. Default: `REDIS_URL`. Without either, neither
   * feature runs.
   */
  redisUrl?: string;
  /** Prefix of every Redis key. Default: `REDIS_KEY_PREFIX`, else `seda-api:`. */
  redisKeyPrefix?: string;
  /**
   * Health URL of the auth provider, such as Supabase's
   * `https://PROJECT.supabase.co/auth/v1/health`, checked by `/health`.
   * Default: `AUTH_HEALTH_URL`. Without either, there is no auth check.
   */
  authHealthUrl?: string;
  /**
   * Health URL of the music API, checked by `/health`. Default:
   * `SPOTIFY_HEALTH_URL`. Without either, there is no Spotify check.
   */
  spotifyHealthUrl?: string;
  /**
   * Serve the test-only fault routes under `/debug`, which respond 500 or 401
   * on request. Default: `DEMO_FAULTS` is `1`. Never on in production.
   */
  demoFaults?: boolean;
  /** Nest's logger setting, where `false` silences it. Default: Nest's. */
  logger?: false | LoggerService | LogLevel[];
  /**
   * Runs once when Nest shuts the app down, after the database and Redis
   * connections have closed, for example to flush telemetry.
   */
  onShutdown?: (signal?: string) => Promise<void> | void;
  /** Extra modules to import, for example `TelemetryModule.forRoot(handle)`. */
  modules?: DynamicModule[];
  /** Environment read for unset options. Default: `process.env`. */
  env?: Environment;
}

/** Connection settings resolved from options and environment. */
export interface AppConfig {
  database: DatabaseTarget;
  redis: RedisTarget | undefined;
  health: HealthTargets;
  demoFaults: boolean;
}

/** @throws Error for an unsupported database URL. */
export function resolveAppConfig(options: AppOptions): AppConfig {
  const env = options.env ?? process.env;
  const databaseUrl =
    options.databaseUrl ?? nonEmpty(env.DATABASE_URL) ?? DEFAULT_DATABASE_URL;
  const redisUrl = options.redisUrl ?? nonEmpty(env.REDIS_URL);
  const keyPrefix =
    options.redisKeyPrefix ??
    nonEmpty(env.REDIS_KEY_PREFIX) ??
    DEFAULT_REDIS_KEY_PREFIX;

  return {
    database: parseDatabaseUrl(databaseUrl),
    redis: redisUrl === undefined ? undefined : { url: redisUrl, keyPrefix },
    health: {
      authUrl: options.authHealthUrl ?? nonEmpty(env.AUTH_HEALTH_URL),
      spotifyUrl: options.spotifyHealthUrl ?? nonEmpty(env.SPOTIFY_HEALTH_URL),
    },
    demoFaults: options.demoFaults ?? env.DEMO_FAULTS === '1',
  };
}

/** Returns `value` unless it is missing or empty. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
