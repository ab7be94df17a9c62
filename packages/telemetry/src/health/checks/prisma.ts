import type { CheckOptions, HealthCheck } from '../types.js';
import {
  defineCheck,
  latencyStatus,
  type LatencyOptions,
  millisSince,
} from './check-options.js';

/**
 * The part of a Prisma Client that the check uses: `$queryRawUnsafe`, or
 * `$queryRaw` when the client was extended without it. Any database Prisma
 * supports works, since the query is `SELECT 1`.
 */
export interface PrismaClientLike {
  $queryRawUnsafe?(query: string, ...values: unknown[]): PromiseLike<unknown>;
  $queryRaw?(
    query: TemplateStringsArray,
    ...values: unknown[]
  ): PromiseLike<unknown>;
}

export interface PrismaCheckOptions extends CheckOptions, LatencyOptions {}

const selectOne = (strings: TemplateStringsArray) => strings;
const SELECT_ONE = selectOne`SELECT 1`;

/**
 * Checks a Prisma Client with `SELECT 1`. Name `database`, kind `prisma`,
 * critical by default.
 *
 * NOTE: Prisma Client takes no abort signal, so after a timeout the query
 * keeps its connection until the driver gives up. Its result is ignored.
 */
export function prismaCheck(
  client: PrismaClientLike,
  options: PrismaCheckOptions = {},
): HealthCheck {
  return defineCheck(
    options,
    { name: 'database', kind: 'prisma', critical: true },
    async () => {
      const started = performance.now();
      await selectOneWith(client);
      const latencyMillis = millisSince(started);
      return {
        ...latencyStatus(latencyMillis, options),
        details: { latencyMillis },
      };
    },
  );
}

function selectOneWith(client: PrismaClientLike): PromiseLike<unknown> {
  if (typeof client.$queryRawUnsafe === 'function') {
    return client.$queryRawUnsafe('SELECT 1');
  }
  if (typeof client.$queryRaw === 'function')
    return client.$queryRaw(SELECT_ONE);
  throw new TypeError('the client has neither $queryRawUnsafe nor $queryRaw');
}
