import {
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  type BusinessGauges,
  registerBusinessGauges,
  sedaPrismaGaugeQueries,
} from '@seda/telemetry/business';
import { PrismaService } from '../prisma/prisma.service.js';

/**
 * Registers the database gauges of seda's schema once the app has started,
 * and stops their schedule when Nest destroys the module, which Nest 12.6
 * does before the global Prisma module disconnects. The schedule comes
 * from the SDK (`SEDA_TELEMETRY_BUSINESS_*`). Without a running SDK nothing
 * is registered and no query runs.
 */
@Injectable()
export class BusinessGaugesService
  implements OnApplicationBootstrap, OnModuleDestroy
{
  private gauges: BusinessGauges | undefined;

  constructor(private readonly prisma: PrismaService) {}

  onApplicationBootstrap(): void {
    this.gauges = registerBusinessGauges(
      sedaPrismaGaugeQueries(this.prisma.client),
    );
  }

  /** Runs every gauge query now, outside the schedule. */
  refresh(): Promise<void> {
    return this.gauges?.refresh() ?? Promise.resolve();
  }

  onModuleDestroy(): void {
    this.gauges?.stop();
  }
}
