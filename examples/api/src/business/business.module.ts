import { Module } from '@nestjs/common';
import { BusinessGaugesService } from './business-gauges.service.js';

/** Provides the database gauges. The counters and events need no module. */
@Module({
  providers: [BusinessGaugesService],
  exports: [BusinessGaugesService],
})
export class BusinessModule {}
