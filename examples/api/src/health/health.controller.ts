import { Controller, Get } from '@nestjs/common';

/** Liveness only: returns ok whenever the process serves HTTP at all. */
@Controller('health')
export class HealthController {
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
