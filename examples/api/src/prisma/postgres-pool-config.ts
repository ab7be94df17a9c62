import type pg from 'pg';
import type { PostgresTarget } from './database-target.js';

/**
 * Builds the node-postgres settings for a target. A target schema becomes the
 * session's `search_path`, so that the unqualified names of the migration SQL
 * resolve to it. Prisma's queries name the schema themselves.
 */
export function postgresPoolConfig(target: PostgresTarget): pg.PoolConfig {
  const config: pg.PoolConfig = { connectionString: target.connectionString };
  if (target.schema !== undefined) {
    config.options = `-c search_path="${target.schema}"`;
  }
  return config;
}
