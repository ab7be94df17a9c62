import { Body, Controller, Param, Post } from '@nestjs/common';
import { ParseIdPipe } from '../validation/parse-id.pipe.js';
import { CreateReactionDto } from './create-reaction.dto.js';
import { ReactionsService, type ReactionView } from './reactions.service.js';

@Controller('messages/:messageId/reactions')
export class ReactionsController {
  constructor(private readonly reactions: ReactionsService) {}

  @Post()
  react(
    @Param('messageId', ParseIdPipe) messageId: number,
    @Body() body: CreateReactionDto,
  ): Promise<ReactionView> {
    return this.reactions.react(messageId, body);
  }
}
