import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../validation/parse-id.pipe.js';
import { HistoryQueryDto, PostMessageDto } from './message-dtos.js';
import type { MessageView, RoomHistory } from './message-view.js';
import { MessagesService } from './messages.service.js';

@Controller('rooms/:roomId/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  post(
    @Param('roomId', ParseIdPipe) roomId: number,
    @Body() body: PostMessageDto,
  ): Promise<MessageView> {
    return this.messages.post(roomId, body);
  }

  @Get()
  history(
    @Param('roomId', ParseIdPipe) roomId: number,
    @Query() query: HistoryQueryDto,
  ): Promise<RoomHistory> {
    return this.messages.history(roomId, query.limit);
  }
}
