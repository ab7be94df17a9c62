import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  InternalServerErrorException,
  Query,
  UnauthorizedException,
} from '@nestjs/common';
import type { AuthFailureReason } from '@seda/telemetry/business';
import { businessMetrics } from '../business/business-telemetry.js';
import { FaultSchedule } from './fault-schedule.js';

/**
 * Test-only routes that produce the failures the alerting tests need. The
 * module that serves them is loaded only with `DEMO_FAULTS=1`.
 */
@Controller('debug')
export class DebugController {
  private readonly schedule = new FaultSchedule();

  /** Responds 500 to the share `rate` (0 to 1) of requests, else 200. */
  @Get('fail')
  @HttpCode(200)
  fail(@Query('rate') rate = '1'): { failed: false } {
    if (this.schedule.next(parseRate(rate))) {
      throw new InternalServerErrorException('Injected fault.');
    }
    return { failed: false };
  }

  /** Records a failed authentication with `reason` and responds 401. */
  @Get('unauthorized')
  unauthorized(@Query('reason') reason = 'invalid_credentials'): never {
    // The SDK records a reason outside its declared set as `other`.
    businessMetrics.authenticationFailed({
      reason: reason as AuthFailureReason,
    });
    throw new UnauthorizedException('Injected authentication failure.');
  }
}

function parseRate(value: string): number {
  const rate = Number(value);
  if (value.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new BadRequestException(
      `Invalid rate "${value}": use a number from 0 to 1.`,
    );
  }
  return rate;
}
