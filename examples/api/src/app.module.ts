import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { BusinessModule } from './business/business.module.js';
import { ChatModule } from './chat/chat.module.js';
import type { AppConfig, AppOptions } from './config.js';
import { DebugModule } from './debug/debug.module.js';
import { healthModule } from './health/health.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { ReactionsModule } from './reactions/reactions.module.js';
import { RedisModule } from './redis/redis.module.js';
import { RoomsModule } from './rooms/rooms.module.js';
import { ShutdownCallback } from './shutdown-callback.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    onShutdown: AppOptions['onShutdown'],
    modules: DynamicModule[] = [],
  ): DynamicModule {
    const providers: Provider[] = [];
    if (onShutdown !== undefined) {
      providers.push({
        provide: ShutdownCallback,
        useValue: new ShutdownCallback(onShutdown),
      });
    }

    return {
      module: AppModule,
      imports: [
        PrismaModule.forRoot(config.database),
        RedisModule.forRoot(config.redis),
        healthModule(config.health),
        UsersModule,
        RoomsModule,
        MessagesModule,
        ReactionsModule,
        ChatModule,
        BusinessModule,
        ...(config.demoFaults ? [DebugModule] : []),
        ...modules,
      ],
      providers,
    };
  }
}
