import { describeError } from '../describe-error.js';
import type { Row, SqlRunner } from './postgres-sql.js';

const CONNECTIONS_SQL = `
SELECT
  count(*)::int AS total,
  count(*) FILTER (WHERE state = 'active')::int AS active,
  count(*) FILTER (WHERE state = 'idle')::int AS idle,
  count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS idle_in_transaction,
  (SELECT count(*)::int FROM pg_stat_activity
    WHERE backend_type = 'client backend') AS server_total,
  current_setting('max_connections')::int AS max_connections
FROM pg_stat_activity
WHERE datname = current_database()`;

const TABLES_FROM = `
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm')`;

const TABLE_COLUMNS = `
SELECT
  n.nspname AS schema,
  c.relname AS table,
  pg_total_relation_size(c.oid)::float8 AS bytes,
  c.reltuples::float8 AS estimated_rows`;

const DATABASE_SIZE_SQL =
  'SELECT pg_database_size(current_database())::float8 AS bytes';

const EXTENSION_SQL = `
SELECT extnamespace::regnamespace::text AS schema, extversion AS version
FROM pg_extension
WHERE extname = 'pg_stat_statements'`;

/** Connections to the current database by state, and to the server. */
export async function readConnections(
  run: SqlRunner,
): Promise<Record<string, number>> {
  const row = (await run(CONNECTIONS_SQL))[0] ?? {};
  return {
    total: numberOf(row.total),
    active: numberOf(row.active),
    idle: numberOf(row.idle),
    idleInTransaction: numberOf(row.idle_in_transaction),
    serverTotal: numberOf(row.server_total),
    maxConnections: numberOf(row.max_connections),
  };
}

/**
 * Reads the database size and the largest tables (with indexes and TOAST,
 * by `pg_total_relation_size`) of the given schemas, or of
 * `current_schema()` when none are given.
 */
export async function readTableSizes(
  run: SqlRunner,
  schemas: readonly string[] | undefined,
  limit: number,
): Promise<Record<string, unknown>> {
  const [database] = await run(DATABASE_SIZE_SQL);
  const rows =
    schemas === undefined
      ? await run(
          `${TABLE_COLUMNS}${TABLES_FROM} AND n.nspname = current_schema()
ORDER BY 3 DESC, 2 LIMIT $1`,
          [limit],
        )
      : await run(
          `${TABLE_COLUMNS}${TABLES_FROM} AND n.nspname = ANY (string_to_array($1, ','))
ORDER BY 3 DESC, 2 LIMIT $2`,
          [schemas.join(','), limit],
        );
  return {
    databaseBytes: numberOf(database?.bytes),
    largest: rows.map((row) => ({
      schema: String(row.schema),
      table: String(row.table),
      bytes: numberOf(row.bytes),
      // PostgreSQL 14+ stores -1 for a table never vacuumed or analysed.
      estimatedRows:
        numberOf(row.estimated_rows) < 0 ? null : numberOf(row.estimated_rows),
    })),
  };
}

/** The content of the slow statement section. */
export type SlowStatements =
  | { available: false; reason: string }
  | {
      available: true;
      thresholdMillis: number;
      count: number;
      slowest: {
        query: string;
        calls: number;
        meanMillis: number;
        maxMillis: number;
      }[];
    };

/**
 * Counts the statements of the current database whose mean execution time
 * in `pg_stat_statements` is above the threshold, and lists the slowest.
 * Without the extension, or with it created but its library not in
 * `shared_preload_libraries`, the section gives the reason it is not available.
 */
export async function readSlowStatements(
  run: SqlRunner,
  thresholdMillis: number,
  limit: number,
): Promise<SlowStatements> {
  const [extension] = await run(EXTENSION_SQL);
  if (extension === undefined) {
    return {
      available: false,
      reason:
        'the pg_stat_statements extension is not installed in this database; ' +
        'add it to shared_preload_libraries and run CREATE EXTENSION pg_stat_statements',
    };
  }

  // The schema comes from regnamespace::text, which quotes it when needed.
  const view = `${String(extension.schema)}.pg_stat_statements`;
  const filter = `FROM ${view}
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND mean_exec_time > $1`;
  try {
    const [counted] = await run(`SELECT count(*)::int AS slow ${filter}`, [
      thresholdMillis,
    ]);
    const slowest = await run(
      `SELECT left(query, 200) AS query, calls::float8 AS calls,
  mean_exec_time::float8 AS mean_millis, max_exec_time::float8 AS max_millis
${filter}
ORDER BY mean_exec_time DESC LIMIT $2`,
      [thresholdMillis, limit],
    );
    return {
      available: true,
      thresholdMillis,
      count: numberOf(counted?.slow),
      slowest: slowest.map(statementOf),
    };
  } catch (error) {
    return {
      available: false,
      reason: `pg_stat_statements cannot be read: ${describeError(error)}`,
    };
  }
}

function statementOf(row: Row) {
  return {
    query: String(row.query),
    calls: numberOf(row.calls),
    meanMillis: round(numberOf(row.mean_millis)),
    maxMillis: round(numberOf(row.max_millis)),
  };
}

/** Converts a driver value (number, bigint or numeric string) to a number. */
function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string')
    return Number(value);
  return 0;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
