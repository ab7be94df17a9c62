import { Injectable, NotFoundException } from '@nestjs/common';
import type { Message, Room } from '#generated/sqlite/client.js';
import {
  businessMetrics,
  productEvents,
} from '../business/business-telemetry.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { RoomPresenceService } from '../rooms/room-presence.service.js';
import { RoomsService } from '../rooms/rooms.service.js';
import { UsersService } from '../users/users.service.js';
import { HistoryCache } from './history-cache.service.js';
import { DEFAULT_HISTORY_LIMIT, type PostMessageDto } from './message-dtos.js';
import {
  emptyReactionCounts,
  MESSAGE_INCLUDE,
  toMessageView,
  type MessageView,
  type ReactionCounts,
  type RoomHistory,
} from './message-view.js';

@Injectable()
export class MessagesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rooms: RoomsService,
    private readonly users: UsersService,
    private readonly presence: RoomPresenceService,
    private readonly cache: HistoryCache,
  ) {}

  /** @throws NotFoundException for an unknown room or user. */
  async post(roomId: number, input: PostMessageDto): Promise<MessageView> {
    const [room] = await Promise.all([
      this.rooms.requireRoom(roomId),
      this.users.requireUser(input.userId),
    ]);

    const track = input.track;
    const row = await this.prisma.client.message.create({
      data: {
        roomId,
        userId: input.userId,
        text: input.text,
        trackProvider: track?.provider,
        trackTitle: track?.title,
        trackArtist: track?.artist,
        trackUrl: track?.url,
      },
      include: MESSAGE_INCLUDE,
    });
    await Promise.all([
      this.cache.invalidate(roomId),
      this.presence.markActive(roomId, input.userId),
    ]);
    recordMessage(room, input);
    return toMessageView(row, emptyReactionCounts());
  }

  /**
   * Returns the room's latest messages, newest first, from the cache when it
   * has them.
   *
   * @throws NotFoundException for an unknown room.
   */
  async history(
    roomId: number,
    limit = DEFAULT_HISTORY_LIMIT,
  ): Promise<RoomHistory> {
    const cached = await this.cache.get(roomId, limit);
    if (cached !== undefined) {
      return cached;
    }

    await this.rooms.requireRoom(roomId);
    const history = await this.loadHistory(roomId, limit);
    await this.cache.set(roomId, limit, history);
    return history;
  }

  /** @throws NotFoundException when no message has this id. */
  async requireMessage(id: number): Promise<Message> {
    const message = await this.prisma.client.message.findUnique({
      where: { id },
    });
    if (message === null) {
      throw new NotFoundException(`Message ${id} not found.`);
    }
    return message;
  }

  private async loadHistory(
    roomId: number,
    limit: number,
  ): Promise<RoomHistory> {
    // Ids grow with every insert, so they order messages exactly even when
    // two share a timestamp.
    const rows = await this.prisma.client.message.findMany({
      where: { roomId },
      orderBy: { id: 'desc' },
      take: limit,
      include: MESSAGE_INCLUDE,
    });
    const counts = await this.countReactions(rows.map((row) => row.id));
    const messages = rows.map((row) =>
      toMessageView(row, counts.get(row.id) ?? emptyReactionCounts()),
    );
    return { roomId, messages };
  }

  private async countReactions(
    messageIds: number[],
  ): Promise<Map<number, ReactionCounts>> {
    const counts = new Map<number, ReactionCounts>();
    if (messageIds.length === 0) {
      return counts;
    }

    const groups = await this.prisma.client.reaction.groupBy({
      by: ['messageId', 'type'],
      where: { messageId: { in: messageIds } },
      _count: { _all: true },
    });
    for (const group of groups) {
      const messageCounts =
        counts.get(group.messageId) ?? emptyReactionCounts();
      messageCounts[group.type] = group._count._all;
      counts.set(group.messageId, messageCounts);
    }
    return counts;
  }
}

/** Records a posted message, and the track it shares if any. */
function recordMessage(room: Room, input: PostMessageDto): void {
  const track = input.track;
  businessMetrics.messageSent({
    hasTrack: track !== undefined,
    roomKind: room.kind,
  });
  if (track === undefined) {
    return;
  }

  businessMetrics.trackShared({ provider: track.provider });
  productEvents.trackShared({
    userId: input.userId,
    provider: track.provider,
    roomKind: room.kind,
    title: track.title,
    artist: track.artist,
  });
}
