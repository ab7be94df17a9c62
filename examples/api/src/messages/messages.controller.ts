import {
  Body,
  Controller,
  Get,
  Logger,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ParseIdPipe } from '../validation/parse-id.pipe.js';
import { HistoryQueryDto, PostMessageDto } from './message-dtos.js';
import type { MessageView, RoomHistory } from './message-view.js';
import { MessagesService } from './messages.service.js';

@Controller('rooms/:roomId/messages')
export class MessagesController {
  private readonly logger = new Logger(MessagesController.name);

  constructor(private readonly messages: MessagesService) {}

  @Post()
  async post(
    @Param('roomId', ParseIdPipe) roomId: number,
    @Body() body: PostMessageDto,
  ): Promise<MessageView> {
    const message = await this.messages.post(roomId, body);
    // Ids only: the text and the author are the users' data.
    this.logger.log('message posted', { roomId, messageId: message.id });
    return message;
  }

  @Get()
  history(
    @Param('roomId', ParseIdPipe) roomId: number,
    @Query() query: HistoryQueryDto,
  ): Promise<RoomHistory> {
    return this.messages.history(roomId, query.limit);
  }
}
