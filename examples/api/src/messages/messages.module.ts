import { Module } from '@nestjs/common';
import { RoomsModule } from '../rooms/rooms.module.js';
import { UsersModule } from '../users/users.module.js';
import { HistoryCache } from './history-cache.service.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';

@Module({
  imports: [RoomsModule, UsersModule],
  controllers: [MessagesController],
  providers: [MessagesService, HistoryCache],
  exports: [MessagesService, HistoryCache],
})
export class MessagesModule {}
