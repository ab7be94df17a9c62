export { createHealthRegistry } from './create.js';
export type { HealthRegistry } from './registry.js';
export {
  createHealthHandler,
  type HealthHandlerOptions,
  type HealthRequestHandler,
} from './http/handler.js';
export {
  createHealthEndpoints,
  type HealthEndpoints,
  type HealthHttpResponse,
  type HealthRoute,
} from './http/endpoints.js';
export { CHECK_STATUS_VALUES, HEALTH_STATUS_VALUES } from './status.js';
export {
  ATTR_HEALTH_CHECK_KIND,
  ATTR_HEALTH_CHECK_NAME,
  HEALTH_METRICS,
} from './instruments.js';
export { sanitizeMessage } from './sanitize.js';
export {
  prismaCheck,
  type PrismaCheckOptions,
  type PrismaClientLike,
} from './checks/prisma.js';
export { postgresCheck, type PostgresCheckOptions } from './checks/postgres.js';
export type { PgPoolLike, PgQueryable } from './checks/postgres-sql.js';
export {
  redisCheck,
  type RedisCheckOptions,
  type RedisClientLike,
} from './checks/redis.js';
export { httpCheck, type HttpCheckOptions } from './checks/http.js';
export {
  eventLoopCheck,
  type EventLoopCheckOptions,
} from './checks/event-loop.js';
export { memoryCheck, type MemoryCheckOptions } from './checks/memory.js';
export { diskCheck, type DiskCheckOptions } from './checks/disk.js';
export type { LatencyOptions } from './checks/check-options.js';
export type {
  CheckOptions,
  CheckOutcome,
  CheckReport,
  CheckResult,
  CheckStatus,
  DeepEndpointOptions,
  HealthCheck,
  HealthEndpointOptions,
  HealthRegistryOptions,
  HealthReport,
  HealthStatus,
  ReportScope,
} from './types.js';
