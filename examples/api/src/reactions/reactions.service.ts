import { ConflictException, Injectable } from '@nestjs/common';
import type { ReactionType } from '#generated/sqlite/enums.js';
import { businessMetrics } from '../business/business-telemetry.js';
import { HistoryCache } from '../messages/history-cache.service.js';
import { MessagesService } from '../messages/messages.service.js';
import { isUniqueViolation } from '../prisma/prisma-errors.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { UsersService } from '../users/users.service.js';
import type { CreateReactionDto } from './create-reaction.dto.js';

/** A reaction as the API returns it. */
export interface ReactionView {
  id: number;
  messageId: number;
  userId: number;
  type: ReactionType;
  createdAt: string;
}

@Injectable()
export class ReactionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly messages: MessagesService,
    private readonly users: UsersService,
    private readonly cache: HistoryCache,
  ) {}

  /**
   * Adds a reaction to a message and drops the room's cached history, whose
   * reaction counts it changes.
   *
   * @throws NotFoundException for an unknown message or user.
   * @throws ConflictException when the user already reacted with this type.
   */
  async react(
    messageId: number,
    input: CreateReactionDto,
  ): Promise<ReactionView> {
    const [message] = await Promise.all([
      this.messages.requireMessage(messageId),
      this.users.requireUser(input.userId),
    ]);

    const reaction = await this.create(messageId, input);
    businessMetrics.reactionAdded({ reactionType: reaction.type });
    await this.cache.invalidate(message.roomId);
    return { ...reaction, createdAt: reaction.createdAt.toISOString() };
  }

  private async create(messageId: number, input: CreateReactionDto) {
    try {
      return await this.prisma.client.reaction.create({
        data: { messageId, userId: input.userId, type: input.type },
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException(
          `User ${input.userId} already reacted to message ${messageId} ` +
            `with "${input.type}".`,
        );
      }
      throw error;
    }
  }
}
