import type { DynamicModule } from '@nestjs/common';
import { HealthModule } from '@seda/telemetry/nestjs';
import { PrismaService } from '../prisma/prisma.service.js';
import { RedisService } from '../redis/redis.service.js';
import { buildHealthChecks } from './health-checks.js';
import type { HealthTargets } from './health-targets.js';

/**
 * Serves `/health`, `/health/live`, `/health/ready` and `/health/deep` with
 * the SDK's health module, checking the database, Redis when it is set up,
 * and the HTTP dependencies whose URLs are set.
 */
export function healthModule(targets: HealthTargets): DynamicModule {
  return HealthModule.forRootAsync({
    inject: [PrismaService, RedisService],
    useFactory: (prisma: PrismaService, redis: RedisService) => ({
      checks: buildHealthChecks(prisma, redis, targets),
    }),
  });
}
