import { Injectable, NotFoundException } from '@nestjs/common';
import type { Room } from '#generated/sqlite/client.js';
import {
  businessMetrics,
  productEvents,
} from '../business/business-telemetry.js';
import { isRecordNotFound } from '../prisma/prisma-errors.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { UsersService } from '../users/users.service.js';
import type { CreateRoomDto } from './room-dtos.js';
import { RoomPresenceService } from './room-presence.service.js';

/** A room as the API returns it. */
export interface RoomView {
  id: number;
  name: string;
  kind: string;
  createdAt: string;
}

/** A room with its member and online counts. */
export interface RoomDetails extends RoomView {
  memberCount: number;
  /** Users active in the last five minutes, or `null` without Redis. */
  onlineCount: number | null;
}

/** The result of joining a room. */
export interface JoinResult {
  roomId: number;
  userId: number;
  joinedAt: string;
  /** `false` when the user was a member already. */
  created: boolean;
}

@Injectable()
export class RoomsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly users: UsersService,
    private readonly presence: RoomPresenceService,
  ) {}

  async create(input: CreateRoomDto): Promise<RoomView> {
    const room = await this.prisma.client.room.create({
      data: { name: input.name, kind: input.kind ?? 'public' },
    });
    return toRoomView(room);
  }

  /** @throws NotFoundException when no room has this id. */
  async requireRoom(id: number): Promise<Room> {
    const room = await this.prisma.client.room.findUnique({ where: { id } });
    if (room === null) {
      throw new NotFoundException(`Room ${id} not found.`);
    }
    return room;
  }

  async details(id: number): Promise<RoomDetails> {
    const room = await this.requireRoom(id);
    const [memberCount, onlineCount] = await Promise.all([
      this.prisma.client.roomMembership.count({ where: { roomId: id } }),
      this.presence.countOnline(id),
    ]);
    return { ...toRoomView(room), memberCount, onlineCount };
  }

  /**
   * Adds the user to the room. Joining again keeps the first membership.
   *
   * @throws NotFoundException for an unknown room or user.
   */
  async join(roomId: number, userId: number): Promise<JoinResult> {
    const [room] = await Promise.all([
      this.requireRoom(roomId),
      this.users.requireUser(userId),
    ]);

    const where = { roomId_userId: { roomId, userId } };
    const existing = await this.prisma.client.roomMembership.findUnique({
      where,
    });
    // upsert covers a concurrent join of the same user between the two calls.
    const membership =
      existing ??
      (await this.prisma.client.roomMembership.upsert({
        where,
        create: { roomId, userId },
        update: {},
      }));
    await this.presence.markActive(roomId, userId);
    if (existing === null) {
      businessMetrics.roomJoined({ roomKind: room.kind });
    }

    return {
      roomId,
      userId,
      joinedAt: membership.joinedAt.toISOString(),
      created: existing === null,
    };
  }

  /**
   * Removes the user from the room and records how long they were a member.
   *
   * @throws NotFoundException for an unknown room, or a user who is not a
   * member of it.
   */
  async leave(roomId: number, userId: number): Promise<void> {
    const room = await this.requireRoom(roomId);
    const where = { roomId_userId: { roomId, userId } };
    // delete() reads the row it removes, so joinedAt needs no second query.
    const membership = await this.prisma.client.roomMembership
      .delete({ where })
      .catch((error: unknown) => {
        if (isRecordNotFound(error)) {
          throw new NotFoundException(
            `User ${userId} is not a member of room ${roomId}.`,
          );
        }
        throw error;
      });

    businessMetrics.roomLeft({ roomKind: room.kind });
    productEvents.roomSessionEnded({
      userId,
      roomKind: room.kind,
      durationSeconds: (Date.now() - membership.joinedAt.getTime()) / 1000,
    });
  }
}

function toRoomView(room: Room): RoomView {
  return {
    id: room.id,
    name: room.name,
    kind: room.kind,
    createdAt: room.createdAt.toISOString(),
  };
}
