import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { PrismaClient as SqliteClient } from '#generated/sqlite/client.js';
import type {
  DatabaseTarget,
  PostgresTarget,
  SqliteTarget,
} from './database-target.js';
import { postgresPoolConfig } from './postgres-pool-config.js';

/**
 * The Prisma client type the services program against.
 *
 * Both generated clients come from the same models, and the SQLite client's
 * API is the narrower one (PostgreSQL adds options such as case-insensitive
 * filters), so the PostgreSQL client is cast to this type. The tests run
 * every endpoint on both databases to back that cast.
 */
export type Database = SqliteClient;

/** The node-postgres pool behind each PostgreSQL client, for health checks. */
const postgresPools = new WeakMap<Database, pg.Pool>();

/** Returns the pool a PostgreSQL client runs on, or undefined for SQLite. */
export function postgresPoolOf(client: Database): pg.Pool | undefined {
  return postgresPools.get(client);
}

/**
 * Builds a Prisma client for the target's dialect with its driver adapter.
 * Only the client of the chosen dialect is loaded.
 */
export async function createDatabaseClient(
  target: DatabaseTarget,
): Promise<Database> {
  if (target.dialect === 'sqlite') {
    return createSqliteClient(target);
  }
  return createPostgresClient(target);
}

async function createSqliteClient(target: SqliteTarget): Promise<Database> {
  const { PrismaClient } = await import('#generated/sqlite/client.js');
  return new PrismaClient({ adapter: new PrismaLibSql({ url: target.url }) });
}

async function createPostgresClient(target: PostgresTarget): Promise<Database> {
  const { PrismaClient } = await import('#generated/postgresql/client.js');
  // The adapter ignores `?schema=` in a connection string, so the schema is
  // passed as its own option, with which Prisma qualifies tables and enums.
  const pool = new pg.Pool(postgresPoolConfig(target));
  const adapter = new PrismaPg(pool, {
    schema: target.schema,
    disposeExternalPool: true,
  });
  const client = new PrismaClient({ adapter }) as unknown as Database;
  postgresPools.set(client, pool);
  return client;
}
