import { Module, type DynamicModule } from '@nestjs/common';
import type { RedisTarget } from './redis-target.js';
import { RedisService } from './redis.service.js';

/** Provides one `RedisService`, enabled only when a target is given. */
@Module({})
export class RedisModule {
  static forRoot(target: RedisTarget | undefined): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      providers: [
        {
          provide: RedisService,
          useFactory: () => RedisService.connect(target),
        },
      ],
      exports: [RedisService],
    };
  }
}
