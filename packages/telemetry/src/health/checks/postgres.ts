import { describeError } from '../describe-error.js';
import type { CheckOptions, CheckOutcome, HealthCheck } from '../types.js';
import {
  defineCheck,
  definedOnly,
  latencyStatus,
  type LatencyOptions,
  millisSince,
} from './check-options.js';
import type { PrismaClientLike } from './prisma.js';
import {
  type PgPoolLike,
  type PgQueryable,
  poolUsage,
  type SqlRunner,
  sqlRunner,
} from './postgres-sql.js';
import {
  readConnections,
  readSlowStatements,
  readTableSizes,
} from './postgres-stats.js';

export interface PostgresCheckOptions extends CheckOptions, LatencyOptions {
  /**
   * Runs the queries: a node-postgres `Pool` or `Client`, or a Prisma
   * Client on PostgreSQL.
   */
  client: PgQueryable | PrismaClientLike;
  /**
   * The pool whose usage is reported, such as the `pg.Pool` given to
   * Prisma's `PrismaPg` adapter. Default: `client`, when it has the pool
   * counters.
   */
  pool?: PgPoolLike;
  /** Schemas whose table sizes are listed. Default: `current_schema()`. */
  schemas?: readonly string[];
  /** How many of the largest tables are listed. Default 10. */
  maxTables?: number;
  /** Mean execution time above which a statement is slow. Default 500. */
  slowStatementMillis?: number;
  /** How many of the slowest statements are listed. Default 5. */
  maxSlowStatements?: number;
  /**
   * Share of the server's `max_connections` in use above which the check is
   * `degraded`. Default 0.9.
   */
  connectionsDegradedAboveRatio?: number;
}

const DEFAULTS = {
  maxTables: 10,
  slowStatementMillis: 500,
  maxSlowStatements: 5,
  connectionsDegradedAboveRatio: 0.9,
};

/**
 * Checks PostgreSQL in depth: `SELECT 1` latency, pool usage, connections
 * of the current database from `pg_stat_activity`, the largest tables by
 * `pg_total_relation_size`, and slow statements from `pg_stat_statements`
 * when the extension is installed. Name `postgresql`, kind `postgresql`,
 * critical and `deep` by default. Only a failed `SELECT 1` makes it `down`;
 * a section that fails (for lack of privileges, say) reports its error in
 * its place. A waiting pool or a server close to `max_connections` makes it
 * `degraded`. The queries run one after another on one connection at a
 * time, so the check never takes more than one connection from the pool.
 */
export function postgresCheck(options: PostgresCheckOptions): HealthCheck {
  const run = sqlRunner(options.client);
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const defaults = {
    name: 'postgresql',
    kind: 'postgresql',
    critical: true,
    deep: true,
  };

  return defineCheck(options, defaults, async (signal) => {
    const started = performance.now();
    await run('SELECT 1');
    const latencyMillis = millisSince(started);
    const pool = poolUsage(options.pool ?? options.client);

    const sections = await readSections(run, settings, signal);
    const details = { latencyMillis, ...(pool ? { pool } : {}), ...sections };
    return statusOf(details, latencyMillis, settings);
  });
}

async function readSections(
  run: SqlRunner,
  settings: typeof DEFAULTS & Pick<PostgresCheckOptions, 'schemas'>,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const readers: [string, () => Promise<unknown>][] = [
    ['connections', () => readConnections(run)],
    ['tables', () => readTableSizes(run, settings.schemas, settings.maxTables)],
    [
      'slowStatements',
      () =>
        readSlowStatements(
          run,
          settings.slowStatementMillis,
          settings.maxSlowStatements,
        ),
    ],
  ];
  const sections: Record<string, unknown> = {};
  for (const [name, read] of readers) {
    // After the timeout the result is ignored, so the rest is not queried.
    if (signal.aborted) break;
    sections[name] = await read().catch((error: unknown) => ({
      error: describeError(error),
    }));
  }
  return sections;
}

function statusOf(
  details: Record<string, unknown>,
  latencyMillis: number,
  settings: typeof DEFAULTS & LatencyOptions,
): CheckOutcome {
  const reasons: string[] = [];
  const pool = details.pool as { waiting: number } | undefined;
  if (pool && pool.waiting > 0) {
    reasons.push(`${pool.waiting} clients are waiting for a pool connection`);
  }
  const connections = details.connections as
    { serverTotal?: number; maxConnections?: number } | undefined;
  const used = connections?.serverTotal ?? 0;
  const max = connections?.maxConnections ?? 0;
  if (max > 0 && used / max > settings.connectionsDegradedAboveRatio) {
    reasons.push(`${used} of ${max} server connections are in use`);
  }
  const latency = latencyStatus(latencyMillis, settings);
  if (latency.message) reasons.push(`SELECT 1 ${latency.message}`);

  return reasons.length === 0
    ? { status: 'up', details }
    : { status: 'degraded', message: reasons.join('; '), details };
}
