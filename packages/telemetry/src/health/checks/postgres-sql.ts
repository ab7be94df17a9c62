import type { PrismaClientLike } from './prisma.js';

/** A node-postgres `Pool` or `Client`, or anything with its `query`. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The counters of a node-postgres `Pool`. */
export interface PgPoolLike {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options?: { readonly max?: number };
}

/** One row of a result, with columns named by the query's aliases. */
export type Row = Record<string, unknown>;

/** Runs a statement with `$1`-style parameters and returns its rows. */
export type SqlRunner = (text: string, values?: unknown[]) => Promise<Row[]>;

/** Adapts a node-postgres queryable or a Prisma Client to one runner. */
export function sqlRunner(client: PgQueryable | PrismaClientLike): SqlRunner {
  if (typeof client !== 'object' || client === null) {
    throw new TypeError(
      `postgresCheck: invalid client ${String(client)}: pass ` +
        '{ client: pool } with a node-postgres Pool or Client, or a Prisma Client',
    );
  }
  if ('query' in client && typeof client.query === 'function') {
    return async (text, values = []) =>
      (await client.query(text, values)).rows as Row[];
  }
  const prisma = client as PrismaClientLike;
  if (typeof prisma.$queryRawUnsafe === 'function') {
    return async (text, values = []) =>
      (await prisma.$queryRawUnsafe?.(text, ...values)) as Row[];
  }
  throw new TypeError(
    'postgresCheck needs a client with query() or $queryRawUnsafe()',
  );
}

/** Reads the pool counters when `pool` has them. */
export function poolUsage(pool: unknown): Record<string, number> | undefined {
  if (!isPool(pool)) return undefined;
  return {
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
    ...(typeof pool.options?.max === 'number' ? { max: pool.options.max } : {}),
  };
}

function isPool(value: unknown): value is PgPoolLike {
  const pool = value as Partial<PgPoolLike> | undefined;
  return (
    typeof pool?.totalCount === 'number' &&
    typeof pool.idleCount === 'number' &&
    typeof pool.waitingCount === 'number'
  );
}
