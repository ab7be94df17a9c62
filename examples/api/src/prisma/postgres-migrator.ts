import pg from 'pg';
import {
  MIGRATIONS_TABLE,
  pendingMigrations,
  readMigrationFiles,
  type MigrationFile,
} from './migration-files.js';
import type { PostgresTarget } from './database-target.js';
import { postgresPoolConfig } from './postgres-pool-config.js';

// Advisory lock key that serialises concurrent start-ups on one database. Any
// constant works, as long as every instance of this app uses the same one.
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Creates the target schema if needed and applies the pending PostgreSQL
 * migrations in one transaction under an advisory lock.
 *
 * @returns the names of the migrations applied now.
 */
export async function migratePostgres(
  target: PostgresTarget,
): Promise<string[]> {
  const files = await readMigrationFiles('postgresql');
  const client = new pg.Client(postgresPoolConfig(target));
  await client.connect();
  try {
    await client.query('BEGIN');
    const applied = await applyPending(client, target, files);
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    // The migration's own error explains the failure better than a failed
    // ROLLBACK would, and ending the connection discards the transaction.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function applyPending(
  client: pg.Client,
  target: PostgresTarget,
  files: MigrationFile[],
): Promise<string[]> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
  if (target.schema !== undefined) {
    // The name was checked against an unquoted-identifier pattern on parsing.
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
  }
  await client.query(
    `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ` +
      '("name" TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL)',
  );
  const result = await client.query<{ name: string }>(
    `SELECT "name" FROM "${MIGRATIONS_TABLE}"`,
  );
  const applied = new Set(result.rows.map((row) => row.name));

  const pending = pendingMigrations(files, applied);
  for (const file of pending) {
    // Without parameters node-postgres sends the simple query protocol, which
    // accepts a whole file of statements at once.
    await client.query(file.sql);
    await client.query(
      `INSERT INTO "${MIGRATIONS_TABLE}" ("name", "appliedAt") VALUES ($1, now())`,
      [file.name],
    );
  }
  return pending.map((file) => file.name);
}
