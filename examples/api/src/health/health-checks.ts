import {
  diskCheck,
  eventLoopCheck,
  type HealthCheck,
  httpCheck,
  memoryCheck,
  postgresCheck,
  prismaCheck,
  redisCheck,
} from '@seda/telemetry/health';
import { postgresPoolOf } from '../prisma/database-client.js';
import { sqliteDirectory } from '../prisma/database-target.js';
import type { PrismaService } from '../prisma/prisma.service.js';
import type { RedisService } from '../redis/redis.service.js';
import type { HealthTargets } from './health-targets.js';

/**
 * Builds the API's checks. The database is critical, because no endpoint
 * works without it. Redis, the auth provider and Spotify are not critical.
 * Without Redis the API falls back to the database, and signed-in users
 * keep chatting while the other two are down. So their failure degrades
 * the status instead of taking the instance out of its load balancer.
 */
export function buildHealthChecks(
  prisma: PrismaService,
  redis: RedisService,
  targets: HealthTargets,
): HealthCheck[] {
  return [
    prismaCheck(prisma.client),
    ...postgresChecks(prisma),
    ...(redis.connection ? [redisCheck(redis.connection)] : []),
    ...httpChecks(targets),
    eventLoopCheck({ deep: true }),
    memoryCheck({ deep: true }),
    diskCheck({ deep: true, path: diskPath(prisma) }),
  ];
}

function postgresChecks(prisma: PrismaService): HealthCheck[] {
  if (prisma.target.dialect !== 'postgresql') return [];

  const pool = postgresPoolOf(prisma.client);
  return [
    postgresCheck({
      client: prisma.client,
      ...(pool ? { pool } : {}),
      schemas: [prisma.target.schema ?? 'public'],
    }),
  ];
}

function httpChecks(targets: HealthTargets): HealthCheck[] {
  const checks: HealthCheck[] = [];
  if (targets.authUrl !== undefined) {
    checks.push(httpCheck({ url: targets.authUrl, name: 'auth' }));
  }
  if (targets.spotifyUrl !== undefined) {
    checks.push(httpCheck({ url: targets.spotifyUrl, name: 'spotify' }));
  }
  return checks;
}

/** Returns the SQLite file's directory, or for PostgreSQL the working one. */
function diskPath(prisma: PrismaService): string {
  return prisma.target.dialect === 'sqlite'
    ? sqliteDirectory(prisma.target)
    : process.cwd();
}
