import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { RoomPresenceService } from './room-presence.service.js';
import { RoomsController } from './rooms.controller.js';
import { RoomsService } from './rooms.service.js';

@Module({
  imports: [UsersModule],
  controllers: [RoomsController],
  providers: [RoomsService, RoomPresenceService],
  exports: [RoomsService, RoomPresenceService],
})
export class RoomsModule {}
