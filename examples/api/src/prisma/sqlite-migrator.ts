import { mkdir } from 'node:fs/promises';
import { createClient, type Transaction } from '@libsql/client';
import {
  MIGRATIONS_TABLE,
  pendingMigrations,
  readMigrationFiles,
} from './migration-files.js';
import { sqliteDirectory, type SqliteTarget } from './database-target.js';

/**
 * Creates the database file if needed and applies the pending SQLite
 * migrations in one write transaction, which SQLite serialises across
 * processes.
 *
 * @returns the names of the migrations applied now.
 */
export async function migrateSqlite(target: SqliteTarget): Promise<string[]> {
  await mkdir(sqliteDirectory(target), { recursive: true });
  const files = await readMigrationFiles('sqlite');
  const client = createClient({ url: target.url });
  try {
    const transaction = await client.transaction('write');
    try {
      const applied = await applyPending(transaction, files);
      await transaction.commit();
      return applied;
    } finally {
      transaction.close();
    }
  } finally {
    client.close();
  }
}

async function applyPending(
  transaction: Transaction,
  files: Awaited<ReturnType<typeof readMigrationFiles>>,
): Promise<string[]> {
  await transaction.execute(
    `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ` +
      '("name" TEXT NOT NULL PRIMARY KEY, "appliedAt" TEXT NOT NULL)',
  );
  const result = await transaction.execute(
    `SELECT "name" FROM "${MIGRATIONS_TABLE}"`,
  );
  const applied = new Set(result.rows.map((row) => String(row.name)));

  const pending = pendingMigrations(files, applied);
  for (const file of pending) {
    await transaction.executeMultiple(file.sql);
    await transaction.execute({
      sql: `INSERT INTO "${MIGRATIONS_TABLE}" ("name", "appliedAt") VALUES (?, ?)`,
      args: [file.name, new Date().toISOString()],
    });
  }
  return pending.map((file) => file.name);
}
