import { Module, type DynamicModule } from '@nestjs/common';
import type { DatabaseTarget } from './database-target.js';
import { PrismaService } from './prisma.service.js';

/** Provides one connected `PrismaService` to every module of the app. */
@Module({})
export class PrismaModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    return {
      module: PrismaModule,
      global: true,
      providers: [
        {
          provide: PrismaService,
          useFactory: () => PrismaService.connect(target),
        },
      ],
      exports: [PrismaService],
    };
  }
}
