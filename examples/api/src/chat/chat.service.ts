import { ForbiddenException, Injectable } from '@nestjs/common';
import type { MessageView } from '../messages/message-view.js';
import { MessagesService } from '../messages/messages.service.js';
import {
  ReactionsService,
  type ReactionView,
} from '../reactions/reactions.service.js';
import { RoomsService, type JoinResult } from '../rooms/rooms.service.js';
import type { ChatClient } from './chat-client.js';
import type {
  AddReactionDto,
  RoomMemberDto,
  SendMessageDto,
  TypingDto,
} from './chat-dtos.js';
import { ROOM_EVENTS } from './chat-events.js';
import { ChatRooms } from './chat-rooms.js';

/** A member of a room, as `room:joined` and `room:left` announce it. */
export interface RoomMember {
  roomId: number;
  userId: number;
}

/** The notice that `typing` broadcasts to the room. */
export interface TypingNotice extends RoomMember {
  typing: boolean;
}

/** A new reaction, as `reaction:new` announces it. */
export interface RoomReaction extends ReactionView {
  roomId: number;
}

/**
 * The chat actions of both gateways: each persists through the services of
 * the HTTP API and broadcasts the result to the other members of the room.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly reactions: ReactionsService,
    private readonly chatRooms: ChatRooms,
  ) {}

  /**
   * Adds the user to the room, as `POST /rooms/:id/join` does, and the
   * connection to the room's broadcasts.
   *
   * @throws NotFoundException for an unknown room or user.
   */
  async join(client: ChatClient, input: RoomMemberDto): Promise<JoinResult> {
    const joined = await this.rooms.join(input.roomId, input.userId);
    await this.chatRooms.join(client, input.roomId, input.userId);

    const member: RoomMember = { roomId: input.roomId, userId: input.userId };
    this.chatRooms.broadcast(
      input.roomId,
      ROOM_EVENTS.memberJoined,
      member,
      client,
    );
    return joined;
  }

  /**
   * Removes the user from the room, as `POST /rooms/:id/leave` does, and
   * the connection from the room's broadcasts.
   *
   * @throws ForbiddenException unless the connection joined as this user.
   * @throws NotFoundException when the user is no longer a member.
   */
  async leave(client: ChatClient, input: RoomMemberDto): Promise<RoomMember> {
    this.requireMember(client, input.roomId, input.userId);
    await this.chatRooms.leave(client, input.roomId);
    await this.rooms.leave(input.roomId, input.userId);

    const member: RoomMember = { roomId: input.roomId, userId: input.userId };
    this.chatRooms.broadcast(input.roomId, ROOM_EVENTS.memberLeft, member);
    return member;
  }

  /**
   * Stores the message, as `POST /rooms/:id/messages` does, and broadcasts
   * it.
   *
   * @throws ForbiddenException unless the connection joined as this user.
   */
  async send(client: ChatClient, input: SendMessageDto): Promise<MessageView> {
    const { roomId, ...body } = input;
    this.requireMember(client, roomId, body.userId);

    const message = await this.messages.post(roomId, body);
    this.chatRooms.broadcast(roomId, ROOM_EVENTS.message, message, client);
    return message;
  }

  /**
   * Tells the room that the user started or stopped typing. Nothing is
   * stored.
   *
   * @throws ForbiddenException unless the connection joined as this user.
   */
  typing(client: ChatClient, input: TypingDto): void {
    this.requireMember(client, input.roomId, input.userId);

    const notice: TypingNotice = {
      roomId: input.roomId,
      userId: input.userId,
      typing: input.typing ?? true,
    };
    this.chatRooms.broadcast(input.roomId, ROOM_EVENTS.typing, notice, client);
  }

  /**
   * Stores the reaction, as `POST /messages/:id/reactions` does, and
   * broadcasts it to the message's room. Reacting needs no join, as over
   * HTTP.
   *
   * @throws NotFoundException for an unknown message or user.
   * @throws ConflictException when the user already reacted with this type.
   */
  async react(
    client: ChatClient,
    input: AddReactionDto,
  ): Promise<RoomReaction> {
    const { messageId, ...body } = input;
    // ReactionsService returns no room, which the broadcast needs.
    const message = await this.messages.requireMessage(messageId);
    const reaction = await this.reactions.react(messageId, body);

    const announced: RoomReaction = { ...reaction, roomId: message.roomId };
    this.chatRooms.broadcast(
      message.roomId,
      ROOM_EVENTS.reaction,
      announced,
      client,
    );
    return announced;
  }

  private requireMember(
    client: ChatClient,
    roomId: number,
    userId: number,
  ): void {
    if (this.chatRooms.userIn(client, roomId) !== userId) {
      throw new ForbiddenException(
        `Join room ${roomId} as user ${userId} on this connection first.`,
      );
    }
  }
}
